"""CSV and XLSX files: reading an upload into rows, and the columns of the import template and
of the exports (the files are written by coalitions.spreadsheets).
Never trusts the file: anything unreadable becomes a FileUnreadable with a clear message.

Besides the template's columns (``indicator``, ``period_start``, ...), a file may have one
column per disaggregation category, headed "dimension : category" (e.g. « Territoire :
Forestville »). Such a column is kept under its header as written; ``category_key`` is how
it is matched to the categories, whatever the case and the spaces around the colon.
A category of a percentage has two columns, the header followed by « (numérateur) » and
« (dénominateur) » (or "(numerator)" and "(denominator)"): see ``fraction_header``."""

import re
import unicodedata
import zipfile
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext_lazy

from coalitions import uploads
from coalitions.uploads import UploadRefused

from .selectors import suppression

if TYPE_CHECKING:
    from .selectors.files import CategoryColumn

# 100,000 values in CSV fit in 10 MB (the largest upload, coalitions.uploads). An Excel file is
# also bounded by what it inflates to (coalitions.uploads.WORKBOOK_MAX_UNCOMPRESSED, its XML
# elements), about 60,000 rows of five filled columns.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
# Empty rows are counted apart: a sheet that declares a million rows makes the Excel reader pad
# every missing one; refusing past this many keeps that within the time bounds.
MAX_EMPTY_ROWS = 10_000


class FileUnreadable(UploadRefused):
    pass


CATEGORY_SEPARATOR = ":"


def header_key(cell) -> str:
    """What a column's header is matched on: no case, no accents, words only (« Début de la
    période », "period_start" and "PERIOD START" are alike)."""
    text = unicodedata.normalize("NFKD", str(cell or "")).lstrip("'")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def category_header(dimension: str, label: str) -> str:
    """The header of a category's column, with the French non-breaking space before the colon."""
    return f"{dimension}\u00a0{CATEGORY_SEPARATOR} {label}"


def is_category_header(text: str) -> bool:
    return CATEGORY_SEPARATOR in text


def category_key(text: str) -> str:
    """What a category header is matched on: no case, one space between words, none around the
    colon, no leading apostrophe (Excel's mark of text)."""
    text = " ".join(str(text).split()).lstrip("'")
    return re.sub(r"\s*:\s*", ":", text).casefold()


# The words that end the two columns of a percentage's category, in either language.
FRACTION_PARTS = {"numerator": ("numerator", "numérateur"), "denominator": ("denominator", "dénominateur")}
PART_NAMES = {"numerator": _lazy("numerator"), "denominator": _lazy("denominator")}


def fraction_header(header: str, part: str) -> str:
    """The header of a percentage category's numerator or denominator column, e.g.
    « Territoire : Forestville (numérateur) »."""
    return f"{header} ({PART_NAMES[part]})"


def column_key(text: str) -> tuple[str, str | None]:
    """(category key, "numerator" / "denominator" / None) of a category column's header."""
    key = category_key(text)
    found = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", key)
    if found:
        for part, names in FRACTION_PARTS.items():
            if found.group(2).strip() in names:
                return found.group(1), part
    return key, None


def _cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _rows_from_table(table, columns: list[str], header_only: bool = False) -> list[dict]:
    iterator = iter(table)
    try:
        raw_header = list(next(iterator))
    except StopIteration:
        raise FileUnreadable(_("The file is empty.")) from None
    aliases = column_aliases(columns)
    header = [aliases.get(header_key(c)) for c in raw_header]
    if "indicator" not in header or "period_start" not in header:
        raise FileUnreadable(_("The first row must hold the template's column names (%(columns)s, ...).")
                             % {"columns": ", ".join(column_label(c) for c in ("indicator", "period_start"))})
    names: dict[int, str] = {}
    seen: set[str] = set()
    for i, title in enumerate(header):
        if title is not None:
            names[i] = title
        elif is_category_header(_cell_text(raw_header[i])):
            names[i] = " ".join(_cell_text(raw_header[i]).split())
            if category_key(names[i]) in seen:
                raise FileUnreadable(_("The column “%(column)s” appears twice in the file.") % {"column": names[i]})
            seen.add(category_key(names[i]))
    if header_only:
        return []
    rows: list[dict] = []
    empty = 0
    for raw in iterator:
        if len(rows) - empty >= MAX_ROWS:
            raise FileUnreadable(_("The file has too many rows (at most %(max)s).") % {"max": MAX_ROWS})
        cells = list(raw)
        if all(cell is None or cell == "" for cell in cells):
            empty += 1
            if empty > MAX_EMPTY_ROWS:
                raise FileUnreadable(_("The file has too many empty rows (at most %(max)s).")
                                     % {"max": MAX_EMPTY_ROWS})
        rows.append({name: _cell_text(cells[i]) if i < len(cells) else "" for i, name in names.items()})
    return rows


def read_rows(upload, columns: list[str]) -> list[dict]:
    """The rows of an uploaded CSV or XLSX file, as {column: text}: the ``columns`` named in
    the header, and the category columns under their header as written. Other columns are
    left out. The file is read within the bounds of coalitions.uploads, whatever it holds."""
    return rows_of_bytes(read_bytes(upload), getattr(upload, "name", "") or "", columns)


def read_bytes(upload) -> bytes:
    """The content of an uploaded file, refused above MAX_BYTES."""
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FileUnreadable(_("The file is too large (at most %(size)s MB).") % {"size": MAX_BYTES // 1024 // 1024})
    return data


def rows_of_bytes(data: bytes, name: str, columns: list[str], header_only: bool = False) -> list[dict]:
    """The rows of a file's content (see ``read_rows``), as an import job reads a stored upload.
    ``header_only``: check the file's bounds and its header, read no row (a large file is refused
    at once when it cannot be read, before a job reads its rows)."""
    name = name.lower()
    try:
        if name.endswith(".xlsx") or data[:2] == b"PK":
            return _rows_from_workbook(data, columns, header_only)
        return _rows_from_table(uploads.csv_rows(uploads.decode_text(data)), columns, header_only)
    except UploadRefused as refused:
        raise FileUnreadable(str(refused)) from refused


def _rows_from_workbook(data: bytes, columns: list[str], header_only: bool = False) -> list[dict]:
    try:  # the header, the rows and one more to tell that there are too many
        table = uploads.workbook_rows(data, max_rows=MAX_ROWS + MAX_EMPTY_ROWS + 2)
        return _rows_from_table(table, columns, header_only)
    except UploadRefused:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError, EOFError) as error:
        raise FileUnreadable(_("This Excel file cannot be read. Save it again as .xlsx or CSV.")) from error
    except Exception as error:  # noqa: BLE001  (openpyxl raises many kinds on broken files)
        raise FileUnreadable(_("This Excel file cannot be read. Save it again as .xlsx or CSV.")) from error


# The import template -------------------------------------------------------------------

IMPORT_COLUMNS = ["indicator", "period_start", "organization", "value", "numerator", "denominator", "weight",
                  "comment", "source", "confidence"]
TEMPLATE_EXTRA = ["indicator_name", "period"]  # written in the template for the reader, not read back
# A template row whose value columns are all empty is « not filled » and skipped: the template
# comes with the identifying columns (and the confidence) filled in on every row.
VALUE_CELLS = ("value", "numerator", "denominator", "weight", "comment", "source")

COLUMN_LABELS = {
    "indicator": pgettext_lazy("import column", "Indicator"),
    "period_start": pgettext_lazy("import column", "Period start"),
    "organization": pgettext_lazy("import column", "Organization"),
    "value": pgettext_lazy("import column", "Value"),
    "numerator": pgettext_lazy("import column", "Numerator"),
    "denominator": pgettext_lazy("import column", "Denominator"),
    "weight": pgettext_lazy("import column", "Weight"),
    "comment": pgettext_lazy("import column", "Comment"),
    "source": pgettext_lazy("import column", "Source"),
    "confidence": pgettext_lazy("import column", "Confidence"),
    "indicator_name": pgettext_lazy("import column", "Indicator name"),
    "period": pgettext_lazy("import column", "Period"),
}
HEADER_LANGUAGES = ("fr", "en")  # a file's headers may be in either, whatever the reader's language


def column_label(column: str) -> str:
    """A column's header in the active language (a category column's is its own)."""
    return str(COLUMN_LABELS.get(column, column))


def column_aliases(columns: list[str]) -> dict[str, str]:
    """{header key: column} of every header accepted for ``columns``: the column's name and its
    header in French and in English."""
    aliases = {header_key(column): column for column in columns}
    for language in HEADER_LANGUAGES:
        with translation.override(language):
            aliases.update({header_key(column_label(column)): column for column in columns})
    return aliases


def is_unfilled(row: dict) -> bool:
    """Whether a row (its cells stripped) has no value: no value cell nor category cell filled."""
    return not any(row.get(column) for column in VALUE_CELLS) and not any(
        text for column, text in row.items() if is_category_header(column))


def template_columns(columns: list["CategoryColumn"]) -> list[str]:
    """The template's columns: the import's columns, the category columns after the weight."""
    at = IMPORT_COLUMNS.index("weight") + 1
    return IMPORT_COLUMNS[:at] + [c.header for c in columns] + IMPORT_COLUMNS[at:] + TEMPLATE_EXTRA


def template_header(columns: list["CategoryColumn"]) -> list[str]:
    """The template's header row, in the reader's language (``template_columns``)."""
    return [column_label(column) for column in template_columns(columns)]


def template_notes(columns: list["CategoryColumn"]) -> list[list]:
    """The "Notes" sheet of the Excel template: what goes in each column, and which
    indicators each category column applies to."""
    explained = {
        "indicator": _("The indicator's code, as in the template."),
        "period_start": _("The first day of the period, written YYYY-MM-DD."),
        "organization": _("The organization's name, as in the template; empty for a value entered by the "
                          "coordination team."),
        "value": _("The value. For a yes/no indicator, 1 (yes) or 0 (no); for a scale, the level's number."),
        "numerator": _("For a percentage: the numerator, a whole number."),
        "denominator": _("For a percentage: the denominator, a whole number above zero."),
        "weight": _("For a weighted average: how much the value counts, e.g. the number of people."),
        "comment": _("Required when the value is unusual: say why."),
        "source": _("Where the value comes from."),
        "confidence": _("high, medium or low."),
        **{column: _("For information only: not read on import.") for column in TEMPLATE_EXTRA},
    }
    notes = [
        [_("Each category column is headed “dimension : category”. Fill it in on the row of the value it "
           "breaks down; leave it empty on the rows of other indicators. Rows starting with # are ignored.")],
        [_("A percentage has two columns per category, “dimension : category (numerator)” and “dimension : "
           "category (denominator)”: fill in both or neither, whole numbers, the numerator not above the "
           "denominator.")],
        [],
        [_("Column"), _("Indicators"), _("What to enter")],
    ]
    notes += [[column_label(column), "", text] for column, text in explained.items()]
    for column in columns:
        text, adds_up = {
            None: (_("The value of this category, of the same kind as the indicator's value."),
                   _("For %(codes)s, the categories of this dimension must add up to the value.")),
            "numerator": (_("For a percentage: the numerator of this category, a whole number."),
                          _("For %(codes)s, the numerators of this dimension must add up to the numerator.")),
            "denominator": (_("For a percentage: the denominator of this category, a whole number above zero."),
                            _("For %(codes)s, the denominators of this dimension must add up to the denominator.")),
        }[column.part]
        if column.summed:
            text += " " + adds_up % {"codes": ", ".join(column.summed)}
        notes.append([column.header, ", ".join(column.codes), text])
    return notes


def notes_row(columns: list["CategoryColumn"]) -> dict:
    """The template's second row when it has category columns: the indicators each one
    applies to (a row starting with # is ignored on import)."""
    row = {"indicator": "# " + _("Ignored on import: under each category column, the indicators it applies to.")}
    for column in columns:
        codes, summed = ", ".join(column.codes), ", ".join(column.summed)
        if summed:
            adds_up = {None: _("For %(codes)s; adds up to the value for %(summed)s"),
                       "numerator": _("For %(codes)s; adds up to the numerator for %(summed)s"),
                       "denominator": _("For %(codes)s; adds up to the denominator for %(summed)s")}[column.part]
            row[column.header] = adds_up % {"codes": codes, "summed": summed}
        else:
            row[column.header] = _("For %(codes)s") % {"codes": codes}
    return row


# The exports ---------------------------------------------------------------------------

VALUE_COLUMNS = ["indicator", "period_start", "period_end", "organization", "category", "value", "numerator",
                 "denominator", "weight", "status", "flagged", "comment", "source", "confidence", "submitted_at"]
ROLLUP_COLUMNS = ["indicator", "indicator_name", "period_start", "period_end", "category", "value", "numerator",
                  "denominator", "organizations_reported", "organizations_expected"]


def rollup_row(r, value=None) -> list:
    """One coalition-level rollup under ROLLUP_COLUMNS; ``value``, if given, is the one shown (a
    small count hidden from a funder: its words, and no numerator or denominator)."""
    if value is None:
        value = r.value
    elif suppression.is_hidden(value):
        return [r.indicator.code, r.indicator.name, r.period.start.isoformat(), r.period.end.isoformat(),
                str(r.category or ""), suppression.shown(value), None, None, r.reported_count, r.expected_count]
    return [r.indicator.code, r.indicator.name, r.period.start.isoformat(), r.period.end.isoformat(),
            str(r.category or ""), value, r.numerator, r.denominator, r.reported_count, r.expected_count]
