"""The one writer of every CSV and XLSX export.

Partners' text goes into these files, and a spreadsheet program runs a cell starting with
``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula:
``=HYPERLINK(...)`` in an activity's description would become a live link in the
coordinator's Excel. So every text cell that starts with one of these characters is
prefixed with a single quote, as OWASP recommends for CSV injection, and XLSX text cells
are written as strings, never formulas. Numbers, dates and decimals keep their type: a
genuine -5 is not text and is never quoted.
"""

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")  # "-5" as text is a number to a spreadsheet, not a formula
_TYPED = (int, float, Decimal, date, time)  # bool is an int; datetime a date
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters an XLSX file cannot hold
_XLSX_MAX_TEXT = 32767


def neutralise(value):
    """The cell's value, with text that a spreadsheet would run as a formula quoted."""
    if value is None or isinstance(value, _TYPED):
        return value
    text = str(value)  # lazy translations and the like
    if text[:1] in FORMULA_STARTS and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


@dataclass
class Sheet:
    """One worksheet of an XLSX file (a CSV file holds the first sheet's rows only)."""

    title: str
    rows: Iterable[Sequence]
    bold_rows: int = 0  # the first rows (titles, header) set in bold
    freeze_header: bool = False


class _Line:
    """A file-like object for csv.writer that hands back the line it was given."""

    def write(self, line: str) -> str:
        return line


def csv_lines(rows: Iterable[Sequence]) -> Iterator[str]:
    """The CSV text of ``rows``, one line at a time (an iterator StreamingHttpResponse can
    send), after a byte order mark so that spreadsheet programs read the accents right."""
    writer = csv.writer(_Line())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(["" if v is None else neutralise(v) for v in row])


def _xlsx_value(value):
    value = neutralise(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, str):
        return _XLSX_ILLEGAL.sub("", value)[:_XLSX_MAX_TEXT]
    return value


def xlsx_bytes(sheets: Iterable[Sheet], *, title: str = "") -> bytes:
    """An XLSX workbook of ``sheets``, written row by row (openpyxl's write-only mode)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    if title:
        workbook.properties.title = title
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(str(sheet.title)[:31])
        if sheet.freeze_header:
            worksheet.freeze_panes = "A2"
        for index, row in enumerate(sheet.rows):
            cells = []
            for value in row:
                cell = WriteOnlyCell(worksheet, value=_xlsx_value(value))
                if isinstance(cell.value, str):  # never a formula nor an error code such as #N/A
                    cell.data_type = "s"
                if index < sheet.bold_rows:
                    cell.font = bold
                cells.append(cell)
            worksheet.append(cells)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(rows: Iterable[Sequence], filename: str) -> HttpResponse:
    """``rows`` as ``<filename>.csv``."""
    return _attachment(HttpResponse(csv_lines(rows), content_type=CSV_CONTENT_TYPE), f"{filename}.csv")


def csv_stream_response(rows: Iterable[Sequence], filename: str) -> StreamingHttpResponse:
    """``rows`` as ``<filename>.csv``, sent while they are read (an iterator over a server-side
    cursor keeps the memory flat however many rows there are)."""
    response = StreamingHttpResponse(csv_lines(rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(sheets: Iterable[Sheet], filename: str, *, title: str = "") -> HttpResponse:
    """``sheets`` as ``<filename>.xlsx``."""
    return _attachment(
        HttpResponse(xlsx_bytes(sheets, title=title), content_type=XLSX_CONTENT_TYPE), f"{filename}.xlsx"
    )


def spreadsheet_response(file_format: str, sheets: Sequence[Sheet], filename: str) -> HttpResponse:
    """An export in the format asked for: XLSX with every sheet, otherwise CSV of the first."""
    if file_format == "xlsx":
        return xlsx_response(sheets, filename)
    return csv_response(sheets[0].rows, filename)
