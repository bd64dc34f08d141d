"""The one spreadsheet writer (coalitions/spreadsheets.py): formulas neutralised, types kept."""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from coalitions.spreadsheets import Sheet, csv_lines, neutralise, spreadsheet_response, xlsx_bytes

from ..helpers import body

POISON = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+2+3", "-2+3", "\t=1", "\r=1", "=2+3"]


@pytest.mark.parametrize("text", POISON)
def test_it_quotes_text_a_spreadsheet_would_run(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [-5, Decimal("-5.25"), -0.5, 0, date(2026, 1, 2), "-5", "+3", "-2.5", "Atelier", "",
                                   None, "a=b", "Coût : 12 $"])
def test_it_keeps_numbers_dates_and_harmless_text_as_they_are(value):
    assert neutralise(value) == value


def test_it_neutralises_lazy_translations_too():
    assert neutralise(gettext_lazy("=1+1")) == "'=1+1"


def test_the_csv_streams_a_line_per_row_after_a_byte_order_mark():
    rows = ([f"=A{n}", n, None, Decimal("-1.50")] for n in range(3))
    lines = csv_lines(rows)
    assert next(lines) == "\ufeff"
    assert next(lines) == "'=A0,0,,-1.50\r\n"
    response = StreamingHttpResponse(csv_lines([["@SUM(1)", "é"]]), content_type="text/csv; charset=utf-8")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert list(csv.reader(io.StringIO(text[1:]))) == [["'@SUM(1)", "é"]]


def test_the_xlsx_has_text_cells_and_typed_numbers_never_formulas():
    content = xlsx_bytes([
        Sheet("Données", [["Nom", "Valeur"], *[[text, -5] for text in POISON], ["#N/A", Decimal("2.5")],
                          ["bell\x07 and null\x00 dropped", date(2026, 3, 1)], ["when", datetime(2026, 3, 1, 14, 30)]],
              bold_rows=1, freeze_header=True),
        Sheet("Notes", [["=1"]]),
    ], title="=Rapport")
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Données", "Notes"] and book.properties.title == "=Rapport"
    sheet = book["Données"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold and not sheet["A2"].font.bold
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    written = [sheet.cell(row=n + 2, column=1).value for n in range(len(POISON))]
    assert written == ["'" + t.replace("\r", "\n") for t in POISON]  # XML reads a CR back as a newline
    assert {sheet.cell(row=n + 2, column=2).value for n in range(len(POISON))} == {-5}
    assert sheet["A9"].value == "#N/A" and sheet["A9"].data_type == "s" and sheet["B9"].value == 2.5
    assert sheet["A10"].value == "bell and null dropped" and sheet["B10"].value == datetime(2026, 3, 1)
    assert sheet["B11"].value == datetime(2026, 3, 1, 14, 30)
    assert book["Notes"]["A1"].value == "'=1"


@pytest.mark.django_db  # a streamed CSV reads its rows in a transaction
def test_the_response_is_the_format_asked_for():
    sheets = [Sheet("Liste", [["a"], ["=b"]]), Sheet("Notes", [["c"]])]
    as_csv = spreadsheet_response("csv", sheets, "liste-2026-01-01")
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert as_csv["Content-Disposition"] == 'attachment; filename="liste-2026-01-01.csv"'
    assert body(as_csv).decode() == "\ufeffa\r\n'=b\r\n"
    as_xlsx = spreadsheet_response("xlsx", sheets, "liste")
    assert as_xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert as_xlsx["Content-Disposition"] == 'attachment; filename="liste.xlsx"'
    assert load_workbook(io.BytesIO(as_xlsx.content)).sheetnames == ["Liste", "Notes"]


WRITES_A_SPREADSHEET = re.compile(r"csv\.writer|DictWriter|Workbook\(|text/csv|spreadsheetml")


def test_no_other_module_writes_a_spreadsheet():
    """Only coalitions/spreadsheets.py may: a second writer would forget to neutralise formulas."""
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root)) for app in ("coalitions", "conditions", "indicators", "coordination", "dashboards",
                                                 "config")
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts and path.name != "spreadsheets.py"
        and WRITES_A_SPREADSHEET.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"Write exports with coalitions.spreadsheets: {offenders}"


def _read(content: bytes) -> dict:
    """What a reader finds in an XLSX file: per sheet, each cell's value, type, boldness and
    whether it shows as a date; the frozen panes; the title."""
    book = load_workbook(io.BytesIO(content))
    return {
        "title": book.properties.title,
        "sheets": {
            sheet.title: (sheet.freeze_panes, [
                [(c.value, c.data_type, bool(c.font.bold), c.is_date) for c in row if c.value is not None]
                for row in sheet.iter_rows()])
            for sheet in book.worksheets
        },
    }


def _sheets():
    from django.utils import timezone

    return [
        Sheet("Données", [["Nom", "Valeur", None, "Quand"], *[[text, -5] for text in POISON],
                          ["#N/A", Decimal("2.5"), True, date(1900, 2, 1)],
                          [" espaces ", 0.1, False, datetime(2026, 3, 1)],
                          ["a & b < c > d \" '", 10**15, None, datetime(2026, 3, 1, 14, 30, 5, 120000)],
                          [], ["", None, "é€ 🙂", timezone.make_aware(datetime(2026, 7, 1, 23, 30))],
                          ["x" * 40000, -0.0, Decimal("-1234.5678"), None]],
              bold_rows=1, freeze_header=True),
        Sheet("Résumé & notes", [["Titre", "Sous-titre"], ["=1", 3]], bold_rows=2),
        Sheet("Vide", []),
    ]


@pytest.mark.parametrize("title", ["", "Rapport & bilan 2026"])
def test_the_xlsx_written_in_one_pass_reads_as_openpyxl_wrote_it(title):
    """xlsx_bytes writes the package itself (issue 12: openpyxl's XML writer took most of a year
    report's download); a reader finds exactly what openpyxl's file held."""
    from coalitions import spreadsheets

    written = xlsx_bytes(_sheets(), title=title)
    by_openpyxl = io.BytesIO()
    spreadsheets.xlsx_write(_sheets(), by_openpyxl, title=title)
    import zipfile

    assert b"Concerto" in zipfile.ZipFile(io.BytesIO(written)).read("docProps/app.xml")  # not openpyxl's file
    assert _read(written) == _read(by_openpyxl.getvalue())


def test_a_sheet_longer_than_excel_allows_goes_on_in_a_second_one_with_its_header(monkeypatch):
    from coalitions import spreadsheets

    monkeypatch.setattr(spreadsheets, "XLSX_MAX_ROWS", 3)
    sheets = [Sheet("Valeurs", [["Code", "Valeur"], *[[f"C{n}", n] for n in range(5)]], bold_rows=1)]
    by_openpyxl = io.BytesIO()
    spreadsheets.xlsx_write(sheets, by_openpyxl)
    read = _read(xlsx_bytes(sheets))
    assert list(read["sheets"]) == ["Valeurs", "Valeurs (2)", "Valeurs (3)"]
    assert read == _read(by_openpyxl.getvalue())


def test_a_cell_the_one_pass_writer_does_not_know_goes_through_openpyxl():
    from datetime import time

    read = _read(xlsx_bytes([Sheet("Heures", [["Début", time(9, 30)]])]))
    (start, at), = read["sheets"]["Heures"][1]
    assert start[:2] == ("Début", "s") and at[0] == time(9, 30)
