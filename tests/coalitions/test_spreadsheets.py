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
