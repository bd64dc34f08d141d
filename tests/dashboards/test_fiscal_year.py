"""Year reports on the coalition's fiscal year (e.g. April 1 to March 31).

``/reports/<year>/`` is the year that starts in <year>. Activities count by date; an indicator
period counts in the year it ends in, and one that began before that year is marked as
straddling (« période à cheval »)."""

import html
from datetime import UTC, date, datetime, time
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from dashboards.models import ReportSnapshot
from dashboards.reports import ReportYear, long_date, range_label, report_label
from indicators.periods import period_containing

from ..conditions.factories import ActionFactory, ActivityFactory
from ..helpers import url
from ..indicators.factories import IndicatorFactory, IndicatorRollupFactory, PeriodFactory
from .factories import ReportSnapshotFactory, shared

pytestmark = pytest.mark.django_db

APRIL_2026 = "Exercice 2026-2027 (1er avril 2026 au 31 mars 2027)"


def now_is(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def today_is(monkeypatch, day: date) -> None:
    """Noon in Québec on ``day``."""
    now_is(monkeypatch, datetime.combine(day, time(17, 0), tzinfo=UTC))


def starts_in(world, month: int) -> None:
    world.coalition.fiscal_year_start_month = month
    world.coalition.save()


@pytest.fixture
def data(world):
    """Activities on each side of April 1, and two indicators: one quarterly (periods inside
    and outside April 2026 to March 2027) and one annual on calendar years (straddling it)."""
    action = ActionFactory(plan__coalition=world.coalition, lead_organization=world.organization)
    for day in (date(2026, 3, 31), date(2026, 4, 1), date(2027, 3, 15), date(2027, 4, 1)):
        ActivityFactory(action=action, date=day, people_reached=day.month, hours=1)
    quarterly = IndicatorFactory(coalition=world.coalition, code="PE-01", frequency="quarterly")
    with scopes_disabled():
        for day, value in ((date(2026, 1, 1), 1), (date(2026, 4, 1), 2), (date(2027, 1, 1), 3),
                           (date(2027, 4, 1), 4)):
            start, end = period_containing("quarterly", day)
            IndicatorRollupFactory(period=PeriodFactory(indicator=quarterly, start=start, end=end), value=value)
    annual = IndicatorFactory(coalition=world.coalition, code="PE-02", frequency="annual")
    for year, value in ((2026, 50), (2027, 60)):
        IndicatorRollupFactory(period=PeriodFactory(indicator=annual, start=date(year, 1, 1),
                                                    end=date(year, 12, 31)), value=value)
    return world


@pytest.fixture
def april(data, monkeypatch):
    """The data in a coalition whose fiscal year starts in April, seen on 2028-06-01."""
    starts_in(data, 4)
    today_is(monkeypatch, date(2028, 6, 1))
    return data


def points(report, code):
    item = next(i for i in report["indicators"] if i["code"] == code)
    return item["points"], item["straddling"]


def test_the_report_year_runs_from_the_start_month_to_the_day_before_a_year_later():
    assert (ReportYear(2026, 4).start, ReportYear(2026, 4).end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert (ReportYear(2026, 1).start, ReportYear(2026, 1).end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert ReportYear(2027, 3).end == date(2028, 2, 29)  # a leap year
    assert ReportYear(2026, 4).label == APRIL_2026
    assert ReportYear(2026, 1).label == "Année 2026"
    assert long_date(date(2026, 11, 26)) == "26 novembre 2026"
    with translation.override("en"):
        assert ReportYear(2026, 4).label == "Fiscal year 2026-2027 (April 1, 2026 to March 31, 2027)"
        assert ReportYear(2026, 1).label == "Year 2026"
    # a range that is not one of the coalition's years keeps its two dates
    assert range_label(date(2026, 2, 1), date(2026, 6, 30)) == "Du 1er février 2026 au 30 juin 2026"


def test_with_an_april_start_an_activity_counts_in_the_fiscal_year_it_falls_in(client, april):
    world = april
    client.force_login(world.funder)
    page = client.get(url(world, "dashboards:report", 2026))
    assert page.status_code == 200
    report = page.context["report"]
    assert (report["start"], report["end"], report["label"]) == ("2026-04-01", "2027-03-31", APRIL_2026)
    assert report["activities"]["count"] == 2  # 2026-04-01 and 2027-03-15
    assert report["activities"]["people"] == 4 + 3
    text = html.unescape(page.content.decode())
    assert f"<title>{APRIL_2026}" in text and APRIL_2026 in text
    following = client.get(url(world, "dashboards:report", 2027)).context["report"]
    assert following["activities"]["count"] == 1  # 2027-04-01
    previous = client.get(url(world, "dashboards:report", 2025)).context["report"]
    assert previous["activities"]["count"] == 1  # 2026-03-31


def test_indicator_periods_inside_outside_and_straddling_the_fiscal_year(client, april):
    world = april
    client.force_login(world.coordinator)
    page = client.get(url(world, "dashboards:report", 2026))
    report = page.context["report"]
    # inside: Q2 2026 and Q1 2027; outside: Q1 2026 (ends before) and Q2 2027 (after)
    assert points(report, "PE-01") == ([["T2 2026", 2.0], ["T1 2027", 3.0]], [])
    # the calendar year 2026 ends within the fiscal year 2026-2027: in, and marked
    assert points(report, "PE-02") == ([["2026", 50.0]], ["2026"])
    text = html.unescape(page.content.decode())
    assert "2026 <span class=\"muted\">(période à cheval)</span>" in text
    assert "Une «\u00a0période à cheval\u00a0» a commencé avant le début de ce rapport\u00a0:" in text
    # the calendar year 2027 belongs to the fiscal year 2027-2028, where it straddles too
    report_2027 = client.get(url(world, "dashboards:report", 2027)).context["report"]
    assert points(report_2027, "PE-02") == ([["2027", 60.0]], ["2027"])
    report_2025 = client.get(url(world, "dashboards:report", 2025)).context["report"]
    assert points(report_2025, "PE-01") == ([["T1 2026", 1.0]], [])


def test_the_xlsx_of_a_fiscal_year_is_titled_and_filled_with_its_range(client, april):
    from openpyxl import load_workbook

    world = april
    client.force_login(world.funder)
    download = client.get(url(world, "dashboards:report_download", 2026))
    assert download["Content-Disposition"] == 'attachment; filename="petite-enfance-2026-2027.xlsx"'
    book = load_workbook(BytesIO(download.content))
    summary = [[c for c in row if c is not None] for row in book["Résumé"].iter_rows(values_only=True)]
    assert summary[:3] == [[world.coalition.name], [APRIL_2026], ["Période", "2026-04-01", "2027-03-31"]]
    assert ["Activités", 2] in summary
    assert book.properties.title == f"{world.coalition.name} — {APRIL_2026}"
    rows = [row for row in book["Indicateurs"].iter_rows(values_only=True)]
    assert rows[0][-1] == "Remarque"
    indicator_rows = {(r[0], r[3]): r[-1] for r in rows[1:]}
    assert indicator_rows == {("PE-01", "T2 2026"): None, ("PE-01", "T1 2027"): None,
                              ("PE-02", "2026"): "période à cheval"}
    assert [r[:2] for r in book["Activités"].iter_rows(min_row=2, values_only=True)] == [("Maison de la famille", 2)]


def test_with_a_january_start_the_report_is_the_calendar_year_as_before(client, data, monkeypatch):
    world = data
    today_is(monkeypatch, date(2028, 6, 1))
    client.force_login(world.funder)
    page = client.get(url(world, "dashboards:report", 2026))
    report = page.context["report"]
    assert (report["start"], report["end"], report["label"]) == ("2026-01-01", "2026-12-31", "Année 2026")
    assert report["activities"]["count"] == 2  # 2026-03-31 and 2026-04-01
    assert points(report, "PE-02") == ([["2026", 50.0]], [])
    assert [label for label, _v in points(report, "PE-01")[0]] == ["T1 2026", "T2 2026"]
    assert "période à cheval" not in page.content.decode()
    download = client.get(url(world, "dashboards:report_download", 2026))
    assert download["Content-Disposition"] == 'attachment; filename="petite-enfance-2026.xlsx"'


def test_the_index_lists_fiscal_years_up_to_the_one_under_way(client, world, monkeypatch):
    starts_in(world, 4)
    today_is(monkeypatch, date(2028, 3, 31))  # still in the fiscal year 2027-2028
    client.force_login(world.funder)
    page = client.get(url(world, "dashboards:reports"))
    assert [y.name for y in page.context["years"]] == [
        "Exercice 2027-2028", "Exercice 2026-2027", "Exercice 2025-2026", "Exercice 2024-2025", "Exercice 2023-2024"]
    text = html.unescape(page.content.decode())
    assert "1er avril 2027 au 31 mars 2028" in text
    assert "l’exercice financier du regroupement, qui commence en avril" in text
    assert url(world, "dashboards:report", 2027) in text
    assert client.get(url(world, "dashboards:report", 2027)).status_code == 200
    assert client.get(url(world, "dashboards:report", 2028)).status_code == 404  # starts tomorrow
    today_is(monkeypatch, date(2028, 4, 1))
    assert client.get(url(world, "dashboards:report", 2028)).status_code == 200


def test_the_index_of_a_calendar_coalition_lists_years(client, world):
    client.force_login(world.funder)
    page = client.get(url(world, "dashboards:reports"))
    this_year = timezone.localdate().year
    assert [y.name for y in page.context["years"]][:2] == [f"Année {this_year}", f"Année {this_year - 1}"]
    assert "exercice financier" not in page.content.decode()


def test_a_frozen_fiscal_year_keeps_its_range_and_label_when_the_setting_changes(client, april):
    world = april
    client.force_login(world.coordinator)
    assert client.post(url(world, "dashboards:report_freeze", 2026)).status_code == 302
    with scopes_disabled():
        snapshot = ReportSnapshot.objects.get(coalition=world.coalition)
    assert snapshot.title == "Rapport 2026-2027"
    assert (snapshot.period_start, snapshot.period_end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert "label" not in snapshot.data and snapshot.data["activities"]["count"] == 2
    starts_in(world, 1)
    page = client.get(url(world, "dashboards:snapshot", snapshot.pk))
    assert page.context["report"]["label"] == APRIL_2026
    assert APRIL_2026 in html.unescape(page.content.decode())
    assert "2026 <span class=\"muted\">(période à cheval)</span>" in html.unescape(page.content.decode())


def test_a_snapshot_frozen_before_labels_still_renders_with_its_calendar_year(client, world):
    snapshot = ReportSnapshotFactory(coalition=world.coalition)  # data without "label" nor "straddling"
    assert "label" not in snapshot.data
    client.force_login(world.funder)
    page = client.get(url(world, "dashboards:snapshot", snapshot.pk))
    assert page.status_code == 200
    assert page.context["report"]["label"] == "Année 2025"
    assert "Année 2025" in page.content.decode()


APRIL_2026_EN = "Fiscal year 2026-2027 (April 1, 2026 to March 31, 2027)"


def test_a_snapshot_frozen_in_french_reads_in_english_with_an_english_label(client, april, settings):
    world = april
    client.force_login(world.coordinator)
    assert client.post(url(world, "dashboards:report_freeze", 2026)).status_code == 302
    with scopes_disabled():
        snapshot = ReportSnapshot.objects.get(coalition=world.coalition)
    link, token = shared(snapshot=snapshot)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url(world, "dashboards:snapshot", snapshot.pk))
    assert page.context["report"]["label"] == APRIL_2026_EN
    assert APRIL_2026_EN in html.unescape(page.content.decode()) and "Exercice" not in page.content.decode()
    public = client.get(reverse("share_link", args=[token]))
    assert APRIL_2026_EN in html.unescape(public.content.decode())
    from openpyxl import load_workbook

    download = client.get(url(world, "dashboards:report_download", 2026))
    assert load_workbook(BytesIO(download.content))["Summary"]["A2"].value == APRIL_2026_EN


def test_a_label_frozen_in_the_data_gives_way_to_the_dates_and_stays_only_without_them(client, world, settings):
    snapshot = ReportSnapshotFactory(coalition=world.coalition)
    with scopes_disabled():
        snapshot.data["label"] = "Année 2025"  # frozen in French by an earlier version
        snapshot.save()
    client.force_login(world.funder)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(url(world, "dashboards:snapshot", snapshot.pk)).context["report"]["label"] == "Year 2025"
    assert report_label({"label": "Année 2025"}) == "Année 2025"


def test_the_year_under_way_is_the_coalitions_own_date_not_the_servers(client, world, monkeypatch):
    starts_in(world, 4)
    with scopes_disabled():
        world.coalition.time_zone = "America/Vancouver"
        world.coalition.save()
    # 1 April 2028 at 1:30 in Toronto (the server's zone), still 31 March at 22:30 in Vancouver
    now_is(monkeypatch, datetime(2028, 4, 1, 5, 30, tzinfo=UTC))
    client.force_login(world.funder)
    page = client.get(url(world, "dashboards:reports"))
    assert page.context["years"][0].name == "Exercice 2027-2028"
    assert client.get(url(world, "dashboards:report", 2028)).status_code == 404
    now_is(monkeypatch, datetime(2028, 4, 1, 7, 30, tzinfo=UTC))  # midnight and a half in Vancouver
    assert client.get(url(world, "dashboards:reports")).context["years"][0].name == "Exercice 2028-2029"
    assert client.get(url(world, "dashboards:report", 2028)).status_code == 200
