"""Small numbers stay private on every funder-facing output: the funder's home, the year report
and its XLSX, a frozen snapshot and its share link. Counts of people or families below the
coalition's threshold read « moins de 5 », and a total never gives one away."""

import re
from csv import DictReader
from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from dashboards.models import ReportSnapshot

from ..conditions.factories import ActionFactory, ActivityFactory
from ..factories import OrganizationFactory
from ..helpers import body, url
from ..indicators.factories import IndicatorFactory, IndicatorRollupFactory, PeriodFactory
from ..indicators.test_suppression import determined

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def activities(world):
    """Families: 3 for the small organisation, 20 for the other (total 23, which would give the 3
    away); people: 40 and 30, nothing to hide."""
    day = timezone.localdate() - timedelta(days=3)
    small = world.organization
    large = OrganizationFactory(coalition=world.coalition, name="CISSS")
    action = ActionFactory(plan__coalition=world.coalition, lead_organization=small)
    ActivityFactory(action=action, organization=small, date=day, families_reached=3, people_reached=40)
    ActivityFactory(action=action, organization=large, date=day, families_reached=20, people_reached=30)


def test_the_report_hides_a_small_count_and_the_one_its_total_would_give_away(client, world):
    activities(world)
    client.force_login(world.funder)
    html = client.get(url(world, "dashboards:report", YEAR)).content.decode()
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>\d+</td><td>([^<]+)</td><td>([^<]+)</td>', html)
    assert sorted(rows) == [("CISSS", "30", "masqué"), ("Maison de la famille", "40", "moins de 5")]
    assert "<strong>23</strong>" in html and "<strong>70</strong>" in html
    book = load_workbook(BytesIO(client.get(url(world, "dashboards:report_download", YEAR)).content))
    cells = {row[0]: row[3] for row in book["Activités"].iter_rows(min_row=2, values_only=True)}
    assert cells == {"CISSS": "masqué", "Maison de la famille": "moins de 5"}


def test_a_snapshot_and_its_share_link_never_hold_the_small_count(client, world):
    activities(world)
    client.force_login(world.coordinator)
    client.post(url(world, "dashboards:report_freeze", YEAR))
    with scopes_disabled():
        snapshot = ReportSnapshot.objects.get(coalition=world.coalition)
    families = [row[3] for row in snapshot.data["activities"]["by_organization"]]
    assert sorted(families) == ["*", "<5"] and 3 not in families and 20 not in families
    response = client.post(url(world, "dashboards:snapshot_share", snapshot.pk), {"days": "7"})
    link = re.search(r'>https?://[^/<]+(/share/[^<\s]+)</textarea>', response.content.decode()).group(1)
    client.logout()
    page = client.get(link).content.decode()
    assert "moins de 5" in page and "masqué" in page


def test_the_threshold_is_the_coalitions(client, world):
    activities(world)
    from coalitions.models import PrivacySettings

    with scopes_disabled():
        PrivacySettings.objects.create(coalition=world.coalition, small_number_threshold=25)
    client.force_login(world.funder)
    html = client.get(url(world, "coalitions:home")).content.decode()
    assert "moins de 25" in html  # families: 23 in all
    assert "<strong>70</strong>" in html  # people


def test_indicators_that_count_people_hide_small_values_and_the_others_do_not(client, world):
    start = timezone.localdate() - timedelta(days=200)
    families = IndicatorFactory(coalition=world.coalition, code="FAM", counts_people=True)
    baskets = IndicatorFactory(coalition=world.coalition, code="PAN", counts_people=False, unit="paniers")
    for indicator in (families, baskets):
        IndicatorRollupFactory(period=PeriodFactory(indicator=indicator, start=start), value=2)
    client.force_login(world.funder)
    html = client.get(url(world, "coalitions:home")).content.decode()
    assert html.count("moins de 5") >= 2  # the table of the chart, and its latest value
    section = html.split("PAN", 1)[1]
    assert re.search(r"<td>2(\u00a0|&nbsp;)paniers", section)  # shown, with its unit
    client.force_login(world.coordinator)  # the coordination team sees the exact values
    assert "moins de 5" not in client.get(url(world, "coalitions:home")).content.decode()


def test_a_funders_export_of_coalition_values_hides_small_counts_and_their_give_aways(client, world):
    from ..indicators.factories import CategoryFactory

    families = IndicatorFactory(coalition=world.coalition, code="FAM", counts_people=True)
    period = PeriodFactory(indicator=families, start=timezone.localdate() - timedelta(days=200))
    IndicatorRollupFactory(period=period, value=23)
    for label, value in (("0-2 ans", 3), ("3-5 ans", 20)):
        IndicatorRollupFactory(period=period, value=value,
                               category=CategoryFactory(indicator=families, dimension="âge", label=label))
    export = url(world, "indicators:export_rollups")
    client.force_login(world.funder)
    rows = body(client.get(export)).decode().splitlines()[1:]
    assert sorted(row.split(",")[5] for row in rows) == ["23.000000", "masqué", "moins de 5"]
    client.force_login(world.coordinator)
    rows = body(client.get(export)).decode().splitlines()[1:]
    assert sorted(row.split(",")[5] for row in rows) == ["20.000000", "23.000000", "3.000000"]


def old_format_data() -> dict:
    """A report frozen before suppression and the value's type were kept: exact small counts, a
    percentage with no unit, no ``counts_people``."""
    from .factories import report_data

    data = report_data()
    data["indicators"] = [
        {"code": "FAM", "name": "Familles rejointes", "unit": "familles", "target": 60.0, "baseline": None,
         "status": "at_risk", "points": [["T1 2025", 4.0], ["T2 2025", 42.0]]},
        {"code": "VUL", "name": "Enfants vulnérables", "unit": "", "target": 24.0, "baseline": None,
         "status": "at_risk", "points": [["T1 2025", 28.38]]},
        {"code": "GONE", "name": "Indicateur supprimé", "unit": "", "target": None, "baseline": None,
         "status": "no_data", "points": [["2025", 2.0]]},
    ]
    data["activities"] = {"count": 4, "people": 43, "families": 23, "hours": 12.5,
                          "by_organization": [["CISSS", 2, 3, 20, 7.5], ["Maison", 2, 40, 3, 5.0]]}
    return data


def test_a_snapshot_frozen_in_the_old_format_shows_no_small_count_and_formats_its_values(client, world):
    from .factories import ReportSnapshotFactory, shared

    IndicatorFactory(coalition=world.coalition, code="FAM", counts_people=True, unit="familles")
    IndicatorFactory(coalition=world.coalition, code="VUL", value_type="percentage", unit="")
    snapshot = ReportSnapshotFactory(coalition=world.coalition, data=old_format_data())
    link, token = shared(snapshot=snapshot, coalition=world.coalition)
    client.force_login(world.funder)
    pages = [client.get(url(world, "dashboards:snapshot", snapshot.pk))]
    client.logout()
    pages.append(client.get(f"/share/{token}/"))
    for response in pages:
        assert response.status_code == 200
        report = response.context["report"]
        points = {item["code"]: item["points"] for item in report["indicators"]}
        assert points["FAM"] == [["T1 2025", "<5"], ["T2 2025", 42.0]]
        assert points["GONE"] == [["2025", "<5"]]  # unknown now: taken to count people
        assert report["activities"]["by_organization"] == [["CISSS", 2, "<5", "*", 7.5], ["Maison", 2, "*", "<5", 5.0]]
        html = response.content.decode()
        assert "28,4\u00a0%" in html and "moins de 5" in html and "masqué" in html
    snapshot.refresh_from_db()
    assert snapshot.data == old_format_data()  # still frozen: nothing rewritten


def test_a_snapshot_applies_a_threshold_raised_after_it_was_frozen(client, world):
    from coalitions.models import PrivacySettings

    from .factories import ReportSnapshotFactory

    data = old_format_data()
    data["activities"] = {"count": 2, "people": 47, "families": "<5", "hours": 1.0,
                          "by_organization": [["CISSS", 1, 7, "<5", 0.5], ["Maison", 1, 40, "*", 0.5]]}
    snapshot = ReportSnapshotFactory(coalition=world.coalition, data=data)
    with scopes_disabled():
        PrivacySettings.objects.create(coalition=world.coalition, small_number_threshold=10)
    client.force_login(world.funder)
    report = client.get(url(world, "dashboards:snapshot", snapshot.pk)).context["report"]
    assert report["activities"]["by_organization"] == [["CISSS", 1, "<10", "<5", 0.5], ["Maison", 1, "*", "*", 0.5]]
    assert report["activities"]["families"] == "<5" and report["activities"]["people"] == 47


# Differencing across outputs -------------------------------------------------------------
# For random data, what a funder gets from all outputs together (the home, the year report, the
# export of coalition values, the API's rollups in JSON, page by page and ``updated_since``, and
# in CSV) never determines a hidden cell: each (indicator, period) is decided once, whole.

TOTAL = "total"
AGES, PLACES = ["0-2 ans", "3-5 ans", "6-11 ans", "12-17 ans"], ["Forestville", "Baie-Comeau", "Tadoussac"]


@st.composite
def coalition_values(draw):
    """The categories of one period: ages (the total is their sum), and maybe places (the same
    total split otherwise)."""
    count = st.one_of(st.integers(0, 9), st.integers(10, 300))
    ages = dict(zip(AGES[:draw(st.integers(1, 4))], draw(st.lists(count, min_size=4, max_size=4)), strict=False))
    total = sum(ages.values())
    places = {}
    if draw(st.booleans()):
        n = draw(st.integers(1, 3))
        cuts = sorted(draw(st.lists(st.integers(0, total), min_size=n - 1, max_size=n - 1)))
        bounds = [0, *cuts, total]
        places = {PLACES[i]: bounds[i + 1] - bounds[i] for i in range(n)}
    stale = draw(st.sets(st.sampled_from([TOTAL, *AGES, *PLACES])))  # rows not changed since the sync
    return ages, places, total, stale, draw(st.integers(3, 8))


def _shown_by_every_output(client, world, token, indicator) -> dict:
    """{category label or TOTAL: [what each output shows]}: a number, or a marker's words."""
    from ..api.helpers import api_url, bearer

    seen: dict = {}

    def note(key, value):
        seen.setdefault(key or TOTAL, []).append(value)

    client.force_login(world.funder)
    for series in client.get(url(world, "coalitions:home")).context["series"]:
        if series.indicator.pk == indicator.pk:
            [(_label, value)] = series.points
            note(None, value)
    [item] = client.get(url(world, "dashboards:report", YEAR)).context["report"]["indicators"]
    note(None, item["points"][0][1])
    for line in body(client.get(url(world, "indicators:export_rollups"))).decode().splitlines()[1:]:
        cells = line.split(",")
        note(cells[4].split(": ", 1)[1] if cells[4] else None, cells[5])
    client.logout()
    since = (timezone.now() - timedelta(days=1)).isoformat()
    api = api_url(world.coalition, "rollups/")
    with scopes_disabled():
        labels = {c.pk: c.label for c in indicator.categories.all()}
    for params in ({"page_size": 1}, {"updated_since": since}):
        page = client.get(api, params, **bearer(token)).json()
        while True:
            for row in page["results"]:
                note(labels.get(row["category"]), row["suppressed"] or row["value"])
            if not page.get("next"):
                break
            page = client.get(page["next"], **bearer(token)).json()
    text = body(client.get(api, {"format": "csv", "updated_since": since}, **bearer(token))).decode()
    for row in DictReader(text.splitlines()):
        note(labels.get(int(row["category"])) if row.get("category") else None,
             row["suppressed"] or row["value"])
    return seen


def _number(value):
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@pytest.fixture
def sync(world):
    from coalitions.models import PrivacySettings

    from ..api.helpers import token_for
    from ..indicators.factories import CategoryFactory

    indicator = IndicatorFactory(coalition=world.coalition, code="FAM", counts_people=True)
    period = PeriodFactory(indicator=indicator, start=timezone.localdate().replace(month=1, day=1))
    for dimension, labels in (("âge", AGES), ("lieu", PLACES)):
        for label in labels:
            CategoryFactory(indicator=indicator, dimension=dimension, label=label)
    with scopes_disabled():
        settings_row = PrivacySettings.objects.create(coalition=world.coalition)
    return indicator, period, settings_row, token_for(world.funder, world.coalition, can_write=False)


@hypothesis_settings(max_examples=15, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(coalition_values())
def test_all_outputs_together_never_determine_a_hidden_cell(client, world, sync, drawn):
    from indicators.models import IndicatorRollup

    indicator, period, settings_row, token = sync
    ages, places, total, stale, threshold = drawn
    with scopes_disabled():
        settings_row.small_number_threshold = threshold
        settings_row.save()
        IndicatorRollup.objects.filter(period=period).delete()
        categories = {c.label: c for c in indicator.categories.all()}
        long_ago = timezone.now() - timedelta(days=30)
        values = {TOTAL: total, **ages, **places}
        for key, value in values.items():
            IndicatorRollup.objects.create(coalition=world.coalition, indicator=indicator, period=period,
                                           category=categories.get(key), value=value, reported_count=1,
                                           expected_count=1, computed_at=long_ago if key in stale else timezone.now())
    seen = _shown_by_every_output(client, world, token, indicator)
    shown = {key for key, outputs in seen.items() if any(_number(v) is not None for v in outputs)}
    for key in shown:  # what is shown is the true value
        assert {_number(v) for v in seen[key] if _number(v) is not None} == {values[key]}
    hidden = set(values) - shown
    assert {key for key, value in values.items() if value < threshold} <= hidden  # never a small count
    groups = [(TOTAL, list(ages))] + ([(TOTAL, list(places))] if places else [])
    assert not determined(hidden, values, groups)


def test_the_home_shows_the_activities_of_the_year_under_way_as_its_report_so_no_year_is_given_away(client, world):
    """Last year, 3 people: an all-time total (73) beside this year's report (70) would say so."""
    from datetime import date

    activities(world)
    action = ActionFactory(plan__coalition=world.coalition, lead_organization=world.organization)
    ActivityFactory(action=action, organization=world.organization, date=date(YEAR - 1, 6, 1), people_reached=3,
                    families_reached=0)
    client.force_login(world.funder)
    home = client.get(url(world, "coalitions:home"))
    report = client.get(url(world, "dashboards:report", YEAR)).context["report"]["activities"]
    assert {k: home.context["totals"][k] for k in ("people", "families", "count")} == \
        {k: report[k] for k in ("people", "families", "count")} == {"people": 70, "families": 23, "count": 2}
    assert f"Année {YEAR} jusqu’ici, comme dans le rapport de l’année." in home.content.decode()


def test_a_funder_never_sees_an_activitys_own_count_of_people_or_families(client, world):
    """One activity's count is finer than any table, and the list's filters would sum any set of
    activities: a funder gets them only summed, small ones hidden (the report, the home)."""
    from ..api.helpers import api_url, bearer, token_for

    activities(world)
    for who, sees in (("funder", False), ("partner", True)):
        client.force_login(world.user(who))
        listing = client.get(url(world, "conditions:activities")).content.decode()
        assert ('<td class="num">3</td>' in listing) is sees  # the 3 families of the small organisation
        assert ("people reached" in listing or "personnes rejointes" in listing) is sees
        export = body(client.get(url(world, "conditions:activity_export"))).decode().splitlines()
        assert ("Familles rejointes" in export[0]) is sees
        client.logout()
        rows = client.get(api_url(world.coalition, "activities/"),
                          **bearer(token_for(world.user(who), world.coalition, can_write=False))).json()["results"]
        assert {row["families_reached"] for row in rows} == ({3, 20} if sees else {None})
