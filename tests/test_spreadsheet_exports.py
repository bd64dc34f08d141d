"""No export hands a spreadsheet program a formula (CSV/XLSX injection, issue 10 point 3).

Partners' text is poisoned with what Excel or LibreOffice would run (=HYPERLINK, @SUM, +2+3,
-2+3, and a tab or carriage return before =), then every coalition page is opened as the
coordinator: each one that answers a CSV or XLSX file is read cell by cell. A URL that looks
like an export (by name or route) must be declared here, so a new export is walked too.
"""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from coalitions import export_jobs
from dashboards.reports import ReportYear
from indicators import rollups

from .conditions.factories import ActionFactory, ActivityFactory, AgendaVersionFactory, PriorityFactory
from .factories import IncidentFactory, MembershipFactory, OrganizationFactory
from .helpers import body
from .indicators.factories import CategoryFactory, IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign
from .url_map import COALITION_PATTERNS

LINK = '=HYPERLINK("http://x","y")'
POISON = [LINK, "@SUM(1)", "+2+3", "-2+3", "\t=1", "\r=1"]  # tab and CR only in multi-line text:
# names and titles refuse control characters (point 13)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")  # a spreadsheet reads "-5" as the number it is
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# url name -> the query strings to fetch it with (``year`` is filled in)
EXPORTS = {
    "conditions:activity_export": ["format=csv", "format=xlsx"],
    "conditions:matrix_export": [""],
    "indicators:export_values": ["format=csv", "format=xlsx"],
    "indicators:export_rollups": ["format=csv", "format=xlsx"],
    "indicators:import_template": [f"format={f}&start={{start}}&organization={{organization}}"
                                   for f in ("csv", "xlsx")],
    "dashboards:report_download": [""],
    "coalitions:member_export": ["format=csv", "format=xlsx"],
    "coalitions:incident_export": ["format=csv", "format=xlsx"],
}
NOT_SPREADSHEETS = {
    "coalitions:audit_downloads": "a page: the audit trail's list of downloads of personal information",
    "coordination:library_download": "a file a member uploaded, served as it was stored",
    "coalitions:export_status": "a page: where a large XLSX export waits until it is ready",
    "coalitions:export_download": "a large XLSX export prepared in the background: walked by "
                                  "test_no_prepared_excel_file_writes_a_formula_from_partners_text",
}
# The exports that a background job prepares when they are large (coalitions.export_jobs)
PREPARED = ["conditions:activity_export", "indicators:export_values", "indicators:export_rollups"]
LOOKS_LIKE_AN_EXPORT = re.compile(r"export|download|template|\.csv|\.xlsx")




@pytest.fixture
def poisoned(world):
    """Every kind of partner text an export writes, poisoned; one value a genuine -5."""
    today = timezone.localdate()
    with scopes_disabled():
        coalition = world.coalition
        coalition.name = "-2+3"
        coalition.save()
    organization = OrganizationFactory(coalition=coalition, name=LINK)
    AgendaVersionFactory(coalition=coalition, vision="@SUM(1)")
    priority = PriorityFactory(coalition=coalition, title="@SUM(1)")
    action = ActionFactory(plan__coalition=coalition, title="+2+3", lead_organization=organization,
                           priorities=[priority], contributors=[world.organization])
    indicator = IndicatorFactory(coalition=coalition, name_fr="=2+3", name_en="=2+3", unit="@SUM(1)")
    assign(indicator, organization, world.organization)
    period = PeriodFactory(indicator=indicator, start=today - timedelta(days=300))
    for text in POISON:
        ActivityFactory(action=action, organization=organization, date=period.end, description=text)
    category = CategoryFactory(indicator=indicator, dimension="+2+3", label=LINK)
    IndicatorValueFactory(period=period, organization=organization, value=7, status="approved",
                          comment="\t=1", source="@SUM(1)")
    IndicatorValueFactory(period=period, organization=organization, category=category, value=7,
                          status="approved", comment="\r=1")
    IndicatorValueFactory(period=period, organization=world.organization, value=-5, status="approved",
                          comment=LINK)
    MembershipFactory(coalition=coalition, organization=organization, user__first_name="+2+3", user__last_name="")
    IncidentFactory(coalition=coalition, measures=LINK, information_concerned="@SUM(1)")
    rollups.recompute(coalition.pk)
    return {"year": ReportYear.containing(coalition, period.end).year, "start": period.start.isoformat(),
            "organization": organization.pk}


def cells_of(response) -> list:
    """Every cell of a CSV or XLSX response; XLSX cells as openpyxl cells."""
    if response["Content-Type"].startswith("text/csv"):
        text = body(response).decode("utf-8")
        assert text.startswith("\ufeff")  # Excel reads the accents right
        return [cell for row in csv.reader(io.StringIO(text[1:], newline="")) for cell in row]
    book = load_workbook(io.BytesIO(response.content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def formulas_in(cells) -> list:
    """The cells a spreadsheet program would run as a formula."""
    found = []
    for cell in cells:
        if not isinstance(cell, str) and cell.data_type == "f":
            found.append(cell.value)
            continue
        value = cell if isinstance(cell, str) else cell.value
        if isinstance(value, str) and value[:1] in FORMULA_STARTS and not NUMBER.fullmatch(value):
            found.append(value)
    return found


def test_every_url_that_looks_like_an_export_is_declared():
    names = {name for name, route in COALITION_PATTERNS if LOOKS_LIKE_AN_EXPORT.search(f"{name} {route}")}
    assert names - set(NOT_SPREADSHEETS) == set(EXPORTS), "Declare the new export in EXPORTS (or NOT_SPREADSHEETS)"


def test_no_export_writes_a_formula_from_partners_text(client, world, poisoned):
    client.force_login(world.coordinator)
    answered = {}
    for name, route in COALITION_PATTERNS:
        if name in EXPORTS:
            queries = [q.format(**poisoned) for q in EXPORTS[name]]
        elif "<" not in route.replace("<slug:coalition_slug>", ""):
            queries = [""]  # any other page: it must not answer a spreadsheet undeclared
        else:
            continue
        kwargs = {"coalition_slug": world.coalition.slug}
        if "<int:year>" in route:
            kwargs["year"] = poisoned["year"]
        for query in queries:
            response = client.get(f"{reverse(name, kwargs=kwargs)}?{query}")
            kind = response.get("Content-Type", "").split(";")[0]
            if kind in ("text/csv", XLSX):
                assert response.status_code == 200
                answered[(name, query)] = (kind, cells_of(response))
    assert {name for name, _query in answered} == set(EXPORTS)
    for (name, query), (kind, cells) in answered.items():
        assert kind == (XLSX if "xlsx" in query or name == "dashboards:report_download" else "text/csv")
        assert not formulas_in(cells), f"{name}?{query} writes formulas: {formulas_in(cells)}"
        texts = [c if isinstance(c, str) else c.value for c in cells]
        assert any(isinstance(t, str) and t.startswith(("'=", "'@", "'+", "'-", "'\t", "'\r")) for t in texts), \
            f"{name}?{query}: the poisoned data did not reach this export, so it proves nothing"


def test_a_genuine_negative_number_stays_a_number(client, world, poisoned):
    client.force_login(world.coordinator)
    url = reverse("indicators:export_values", args=[world.coalition.slug])
    rows = list(csv.reader(io.StringIO(body(client.get(url)).decode("utf-8-sig"))))
    assert [r[5] for r in rows if r[3] == "Maison de la famille"] == ["-5.0000"]
    sheet = load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content)).active
    assert [r[5] for r in sheet.iter_rows(values_only=True) if r[3] == "Maison de la famille"] == [-5]


def test_no_prepared_excel_file_writes_a_formula_from_partners_text(
        client, world, poisoned, monkeypatch, django_capture_on_commit_callbacks):
    """The same check on the files a background job writes (every export counts as large)."""
    monkeypatch.setattr(export_jobs, "XLSX_INLINE_ROWS", 0)
    client.force_login(world.coordinator)
    for name in PREPARED:
        url = reverse(name, args=[world.coalition.slug])
        assert "<form" in client.get(f"{url}?format=xlsx").content.decode()  # the offer to prepare it
        with django_capture_on_commit_callbacks(execute=True):
            job_url = client.post(url)["Location"]
        response = client.get(f"{job_url}download/")
        assert response.status_code == 200 and response["Content-Type"] == XLSX
        book = load_workbook(io.BytesIO(body(response)))
        cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
        assert not formulas_in(cells), f"{name} writes formulas: {formulas_in(cells)}"
        assert any(isinstance(c.value, str) and c.value.startswith(("'=", "'@", "'+")) for c in cells), name
