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
from io import BytesIO, StringIO

from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django_scopes import get_scope, scope

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# "-5" as text is a number to a spreadsheet, not a formula (ASCII digits only, as neutralised_sql)
_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
_TYPED = (int, float, Decimal, date, time)  # bool is an int; datetime a date
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters an XLSX file cannot hold
_XLSX_MAX_TEXT = 32767


def neutralise(value):
    """The cell's value, with text that a spreadsheet would run as a formula quoted."""
    if value.__class__ is str:  # the usual case first: a million cells go through here
        text = value
    elif value is None or isinstance(value, _TYPED):
        return value
    else:
        text = str(value)  # lazy translations and the like
    if text[:1] in FORMULA_STARTS and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _sql_text(text: str) -> str:
    return "'" + text.replace("\t", "' || chr(9) || '").replace("\r", "' || chr(13) || '") + "'"


def neutralised_sql(expression: str) -> str:
    """``neutralise`` in SQL, for a text ``expression`` of a query whose rows an export writes
    as they come (a ``Batch``): the same quote before the same starts, numbers left alone."""
    starts = ", ".join(_sql_text(start) for start in FORMULA_STARTS)
    return (f"CASE WHEN left({expression}, 1) IN ({starts}) AND {expression} !~ '^[+-]?[0-9]+([.,][0-9]+)?$' "
            f"THEN chr(39) || {expression} ELSE {expression} END")


class Batch(list):
    """Rows read from the database in one piece, every text cell already neutralised in SQL
    (``neutralised_sql``) and every other cell a number, a date or None: ``csv_lines`` writes
    the whole piece in one call instead of checking each cell (a million rows in seconds)."""


@dataclass
class Sheet:
    """One worksheet of an XLSX file (a CSV file holds the first sheet's rows only)."""

    title: str
    rows: Iterable[Sequence]
    bold_rows: int = 0  # the first rows (titles, header) set in bold
    freeze_header: bool = False
    repeat_rows: int = 1  # the header repeated atop a continuation sheet (see xlsx_write)


class _Line:
    """A file-like object for csv.writer that hands back the line it was given."""

    def write(self, line: str) -> str:
        return line


def csv_lines(rows: Iterable[Sequence]) -> Iterator[str]:
    """The CSV text of ``rows``, one line at a time (an iterator StreamingHttpResponse can
    send), after a byte order mark so that spreadsheet programs read the accents right."""
    writer = csv.writer(_Line())
    buffer = StringIO()
    batch_writer = csv.writer(buffer)
    yield "\ufeff"
    for row in rows:
        if isinstance(row, Batch):
            batch_writer.writerows(row)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        else:
            yield writer.writerow(["" if v is None else neutralise(v) for v in row])


def _rows(rows: Iterable) -> Iterator[Sequence]:
    """``rows`` with each ``Batch`` opened into its rows."""
    for row in rows:
        if isinstance(row, Batch):
            yield from row
        else:
            yield row


CHUNK_CHARACTERS = 64 * 1024  # what a streamed file sends at a time


def _chunks(lines: Iterable[str]) -> Iterator[bytes]:
    """``lines`` grouped into pieces of about CHUNK_CHARACTERS, as UTF-8 (one write to the
    client per piece instead of one per row)."""
    pending: list[str] = []
    size = 0
    for line in lines:
        pending.append(line)
        size += len(line)
        if size >= CHUNK_CHARACTERS:
            yield "".join(pending).encode()
            pending, size = [], 0
    if pending:
        yield "".join(pending).encode()


def later(rows: Iterable):
    """``rows`` read when they are sent, after the view has returned: in the tenant scope and
    the language of the request that asked for them, and in one transaction, so
    that a queryset's ``.iterator()`` reads from a server-side cursor as rows go (outside a
    transaction, PostgreSQL would first copy the whole result aside for a WITH HOLD cursor).
    Closing the generator (the client went away) rolls the transaction back."""
    tenant = dict(get_scope())
    language = translation.get_language()

    def generate():
        with scope(**tenant), translation.override(language), transaction.atomic():
            yield from rows

    return generate()


def _xlsx_value(value):
    value = neutralise(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, str):
        return _XLSX_ILLEGAL.sub("", value)[:_XLSX_MAX_TEXT]
    return value


XLSX_MAX_ROWS = 1_048_576  # Excel's rows per sheet: a longer sheet goes on in « Title (2) »


def _sheet_title(title: str, part: int) -> str:
    """The name of a sheet's ``part`` (1, 2, ...): « Valeurs », « Valeurs (2) », at most 31 characters."""
    suffix = f" ({part})" if part > 1 else ""
    return str(title)[:31 - len(suffix)] + suffix


def xlsx_write(sheets: Iterable[Sheet], target, *, title: str = "", progress=None) -> int:
    """Write an XLSX workbook of ``sheets`` to ``target`` (a path or a binary file), row by row in
    openpyxl's write-only mode (memory stays flat: rows go to temporary files as they come).
    A sheet longer than XLSX_MAX_ROWS goes on in a new sheet « Title (2) » that repeats its
    ``repeat_rows`` first rows (its header), rather than lose rows. ``progress(rows)`` is told
    the rows written every PROGRESS_ROWS. Returns the rows written below the headers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    if title:
        workbook.properties.title = title
    bold = Font(bold=True)
    written = 0
    for sheet in sheets:
        part, worksheet, in_sheet = 1, _new_sheet(workbook, sheet, 1), 0
        repeated: list = []  # the header rows, written again at the top of each following sheet
        for index, row in enumerate(_rows(sheet.rows)):
            if in_sheet >= XLSX_MAX_ROWS:  # Excel would not open the file: go on in a new sheet
                part, in_sheet = part + 1, 0
                worksheet = _new_sheet(workbook, sheet, part)
                for header_index, header in enumerate(repeated):
                    worksheet.append(_xlsx_cells(worksheet, header, header_index < sheet.bold_rows and bold))
                    in_sheet += 1
            if index < sheet.repeat_rows:
                repeated.append(row)
            worksheet.append(_xlsx_cells(worksheet, row, index < sheet.bold_rows and bold))
            in_sheet += 1
            if index >= sheet.repeat_rows:
                written += 1
                if progress is not None and written % PROGRESS_ROWS == 0:
                    progress(written)
    workbook.save(target)
    return written


PROGRESS_ROWS = 2000  # how often xlsx_write tells its progress


def _new_sheet(workbook, sheet: Sheet, part: int):
    worksheet = workbook.create_sheet(_sheet_title(sheet.title, part))
    if sheet.freeze_header:
        worksheet.freeze_panes = "A2"
    return worksheet


_XLSX_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


def _xlsx_cells(worksheet, row: Sequence, font) -> list:
    """A row to append: plain values (openpyxl writes them fastest), except a bold cell and a
    text that openpyxl would take for an error code such as #N/A, which become cells typed as
    text. No text can start a formula: ``neutralise`` quoted every one."""
    from openpyxl.cell import WriteOnlyCell

    cells = [_xlsx_value(value) for value in row]
    for index, value in enumerate(cells):
        if font or (value.__class__ is str and value in _XLSX_ERROR_CODES):
            cell = WriteOnlyCell(worksheet, value=value)
            if isinstance(value, str):  # never a formula nor an error code
                cell.data_type = "s"
            if font:
                cell.font = font
            cells[index] = cell
    return cells


def xlsx_bytes(sheets: Iterable[Sheet], *, title: str = "") -> bytes:
    """An XLSX workbook of ``sheets`` in memory (a small export: see ``xlsx_write``)."""
    buffer = BytesIO()
    xlsx_write(sheets, buffer, title=title)
    return buffer.getvalue()


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(rows: Iterable[Sequence], filename: str) -> StreamingHttpResponse:
    """``rows`` as ``<filename>.csv``, streamed: the rows are read while the file is sent (see
    ``later``), so memory stays flat whatever their number. Read the file in a test with
    ``b"".join(response.streaming_content)``."""
    return _attachment(StreamingHttpResponse(_chunks(later(csv_lines(rows))), content_type=CSV_CONTENT_TYPE),
                       f"{filename}.csv")


def xlsx_response(sheets: Iterable[Sheet], filename: str, *, title: str = "") -> HttpResponse:
    """``sheets`` as ``<filename>.xlsx``."""
    return _attachment(
        HttpResponse(xlsx_bytes(sheets, title=title), content_type=XLSX_CONTENT_TYPE), f"{filename}.xlsx"
    )


def spreadsheet_response(
    file_format: str, sheets: Sequence[Sheet], filename: str
) -> HttpResponse | StreamingHttpResponse:
    """An export in the format asked for: XLSX with every sheet, otherwise CSV of the first."""
    if file_format == "xlsx":
        return xlsx_response(sheets, filename)
    return csv_response(sheets[0].rows, filename)
