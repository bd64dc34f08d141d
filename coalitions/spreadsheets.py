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
import math
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
    """An XLSX workbook of ``sheets`` in memory (a small export, written within the request).
    The same workbook as ``xlsx_write`` makes, written by ``_package`` in a single pass
    (openpyxl's XML writer took most of a year report's download, issue 12); a cell of a type
    it does not write (a time, a duration) makes the whole file go through openpyxl."""
    parts = [(sheet, [list(row) for row in _rows(sheet.rows)]) for sheet in sheets]
    try:
        return _package(parts, title)
    except _NotPlain:
        buffer = BytesIO()
        xlsx_write([Sheet(sheet.title, rows, sheet.bold_rows, sheet.freeze_header, sheet.repeat_rows)
                    for sheet, rows in parts], buffer, title=title)
        return buffer.getvalue()


class _NotPlain(Exception):
    """A workbook ``_package`` does not write: openpyxl writes it."""


_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_XML_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_SHEET_NAME_FORBIDDEN = re.compile(r"[\\*?:/\[\]]")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DATE_STYLE, _DATETIME_STYLE = 2, 4  # cellXfs below: 0 plain, 1 bold, 2 date, 3 bold date, 4 datetime, 5 bold
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b val="1"/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6">'
    + "".join(f'<xf numFmtId="{fmt}" fontId="{font}" fillId="0" borderId="0" xfId="0"{apply_font}{apply_format}/>'
              for fmt, apply_format in ((0, ""), (164, ' applyNumberFormat="1"'), (165, ' applyNumberFormat="1"'))
              for font, apply_font in ((0, ""), (1, ' applyFont="1"')))
    + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def _cell_xml(ref: str, value, bold: bool) -> str:
    """One cell as openpyxl's write-only mode writes it (_xlsx_cells: text typed as text)."""
    style = ' s="1"' if bold else ""
    kind = value.__class__
    if kind is str:
        if not value:
            return f'<c r="{ref}"{style} t="inlineStr"/>'
        space = ' xml:space="preserve"' if value.strip() != value else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{value.translate(_XML_TEXT)}</t></is></c>'
    if kind is bool:
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if kind is int:
        return f'<c r="{ref}"{style} t="n"><v>{value}</v></c>'
    if kind is float and math.isfinite(value):
        return f'<c r="{ref}"{style} t="n"><v>{value!r}</v></c>'
    if kind is date or kind is datetime:
        from openpyxl.utils.datetime import to_excel

        number = (_DATETIME_STYLE if kind is datetime else _DATE_STYLE) + bold
        return f'<c r="{ref}" s="{number}" t="n"><v>{to_excel(value)!r}</v></c>'
    raise _NotPlain


def _sheet_xml(rows: list, bold_rows: int, freeze: bool) -> str:
    from openpyxl.utils import get_column_letter

    letters: list[str] = []
    out = [f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{_MAIN}"><sheetPr><outlinePr summaryBelow="1" '
           'summaryRight="1"/><pageSetUpPr/></sheetPr>']
    if freeze:
        out.append('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                   'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
                   "</sheetView></sheetViews>")
    out.append('<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><sheetData>')
    for number, (row, bold) in enumerate(rows, start=1):
        while len(letters) < len(row):
            letters.append(get_column_letter(len(letters) + 1))
        cells = "".join(_cell_xml(f"{letters[i]}{number}", value, bold)
                        for i, value in enumerate(row) if value is not None)
        out.append(f'<row r="{number}">{cells}</row>' if cells else f'<row r="{number}"/>')
    out.append('</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
               '</worksheet>')
    return "".join(out)


def _package(parts: list, title: str) -> bytes:
    """The XLSX file of ``parts`` ((Sheet, its rows)): the sheets split and named as
    ``xlsx_write`` does, every cell checked and cleaned by ``_xlsx_value``, in one zip."""
    import zipfile

    worksheets: list[tuple[str, str]] = []
    for sheet, rows in parts:
        part = 1
        current: list[tuple[list, bool]] = []
        repeated: list[tuple[list, bool]] = []
        for index, row in enumerate(rows):
            if len(current) >= XLSX_MAX_ROWS:
                worksheets.append((_sheet_title(sheet.title, part), _sheet_xml(current, sheet.bold_rows,
                                                                                sheet.freeze_header)))
                part, current = part + 1, list(repeated)
            cells = ([_xlsx_value(value) for value in row], index < sheet.bold_rows)
            if index < sheet.repeat_rows:
                repeated.append(cells)
            current.append(cells)
        worksheets.append((_sheet_title(sheet.title, part), _sheet_xml(current, sheet.bold_rows, sheet.freeze_header)))
    names = [name for name, _xml in worksheets]
    if any(not name or _SHEET_NAME_FORBIDDEN.search(name) for name in names) or len(set(names)) < len(names):
        raise _NotPlain  # openpyxl's own names for these
    stamp = timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    sheet_types = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                          for n in range(1, len(worksheets) + 1))
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f'{sheet_types}<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
            f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{_PACKAGE_RELATIONSHIPS}/metadata/core-properties" '
            'Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{_RELATIONSHIPS}/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>'),
        "docProps/app.xml": ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                             'extended-properties"><Application>Concerto</Application></Properties>'),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            + (f"<dc:title>{_XLSX_ILLEGAL.sub('', str(title)).translate(_XML_TEXT)}</dc:title>" if title else "")
            + f'<dc:creator>Concerto</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><bookViews><workbookView activeTab="0"/>'
            "</bookViews><sheets>"
            + "".join(f'<sheet name="{name.translate(_XML_ATTRIBUTE)}" sheetId="{n}" r:id="rId{n}"/>'
                      for n, name in enumerate(names, start=1))
            + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
            + "".join(f'<Relationship Id="rId{n}" Type="{_RELATIONSHIPS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                      for n in range(1, len(names) + 1))
            + f'<Relationship Id="rId{len(names) + 1}" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
            "</Relationships>"),
        "xl/styles.xml": _STYLES,
        **{f"xl/worksheets/sheet{n}.xml": xml for n, (_name, xml) in enumerate(worksheets, start=1)},
    }
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode())
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
