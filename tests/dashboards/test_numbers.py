"""The numbers a funder reads on the home, the reports and the share links (issue 13)."""

from io import BytesIO

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from dashboards.models import ReportSnapshot

from ..helpers import url
from .factories import ReportSnapshotFactory, report_data, shared
from .numbers import YEAR, numbers

pytestmark = pytest.mark.django_db
NB = "\u00a0"


def page(client, world, actor, name, *args, language=""):
    user = world.user(actor)
    if language:
        user.language = language
        user.save(update_fields=["language"])
    client.force_login(user)
    response = client.get(url(world, name, *args))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def data(world):
    return numbers(world)


# Point 2: the unit is never lost -------------------------------------------------------------


def test_the_funder_home_writes_a_percentage_and_its_target_with_the_percent_sign(client, world, data):
    html = page(client, world, "funder", "coalitions:home")
    assert f"Dernière valeur du regroupement{NB}: 28,4{NB}% ({YEAR})." in html
    assert f"Cible finale{NB}: 24{NB}%." in html
    assert "28,38" not in html
    assert f"<td>28,4{NB}%</td>" in html  # the chart's data table


def test_in_english_the_home_writes_percentages_and_units_the_english_way(client, world, data):
    html = page(client, world, "funder", "coalitions:home", language="en")
    assert f"Latest coalition value: 28.4% ({YEAR})." in html
    assert "Final target: 24%." in html
    assert f"Final target: 180{NB}families." in html


def test_the_year_report_its_download_and_a_frozen_snapshot_keep_the_unit(client, world, data):
    from openpyxl import load_workbook

    html = page(client, world, "funder", "dashboards:report", YEAR)
    assert f"Dernière valeur du regroupement{NB}: 28,4{NB}% ({YEAR})." in html
    assert f"Cible finale{NB}: 24{NB}%." in html
    download = client.get(url(world, "dashboards:report_download", YEAR))
    rows = list(load_workbook(BytesIO(download.content))["Indicateurs"].iter_rows(values_only=True))
    assert ("PE-02", "Enfants vulnérables", "%") == rows[-1][:3]

    client.force_login(world.coordinator)
    client.post(url(world, "dashboards:report_freeze", YEAR))
    with scopes_disabled():
        snapshot = ReportSnapshot.objects.get(coalition=world.coalition)
    link, token = shared(snapshot=snapshot, coalition=world.coalition)
    public = client.get(reverse("share_link", kwargs={"token": token})).content.decode()
    assert f"Cible finale{NB}: 24{NB}%." in public and f"28,4{NB}%" in public


def test_a_snapshot_frozen_before_units_were_kept_still_shows(client, world):
    ReportSnapshotFactory(coalition=world.coalition, data=report_data())
    with scopes_disabled():
        snapshot = ReportSnapshot.objects.get(coalition=world.coalition)
    client.force_login(world.funder)
    html = client.get(url(world, "dashboards:snapshot", snapshot.pk)).content.decode()
    assert f"Dernière valeur du regroupement{NB}: 42{NB}familles (T2 2025)." in html


# Point 1: a partial period is not the coalition's result ---------------------------------------


def families_chart(html: str) -> str:
    start = html.index('id="ind-pe-01-title"') if 'id="ind-pe-01-title"' in html else html.index('id="r-pe-01-title"')
    return html[start:html.index("</figure>", start)]


def test_the_funder_home_shows_the_last_complete_period_and_labels_the_partial_one(client, world, data):
    html = families_chart(page(client, world, "funder", "coalitions:home"))
    assert f"Dernière valeur du regroupement{NB}: 126{NB}familles (T3 {YEAR})." in html
    assert (f"T4 {YEAR} (partiel{NB}: 1 organisme sur 3){NB}: 45{NB}familles jusqu’ici, "
            "pas encore le résultat du regroupement.") in html
    assert 'class="dot-partial"' in html and ">partiel</text>" in html  # drawn apart, with its word
    assert html.count('class="dot"') == 3  # the line joins the three complete quarters only
    assert f"45{NB}familles <span class=\"partial-note\">(partiel{NB}: 1 organisme sur 3)</span>" in html
    assert "En bonne voie" not in html and "Hors trajectoire" not in html  # 111 -> 120 -> 126: at risk


def test_the_status_follows_complete_periods_only(client, world, data):
    client.force_login(world.funder)
    series = {s.indicator.code: s for s in client.get(url(world, "coalitions:home")).context["series"]}
    families = series["PE-01"]
    assert families.latest == 126 and families.status == "at_risk"  # improving, below the 180 target
    assert [r["label"] for r in families.partials] == [f"T4 {YEAR}"]
    assert series["PE-02"].latest is not None and not series["PE-02"].partials


def test_a_lower_threshold_makes_the_period_complete(client, world, data):
    with scopes_disabled():
        world.coalition.completeness_threshold = 30  # 1 of 3 is 33 %
        world.coalition.save()
    html = families_chart(page(client, world, "funder", "coalitions:home"))
    assert f"Dernière valeur du regroupement{NB}: 45{NB}familles (T4 {YEAR})." in html
    assert "partiel" not in html


def test_the_report_and_its_snapshot_label_the_partial_period(client, world, data):
    html = families_chart(page(client, world, "coordinator", "dashboards:report", YEAR))
    assert f"Dernière valeur du regroupement{NB}: 126{NB}familles (T3 {YEAR})." in html
    assert f"T4 {YEAR} (partiel{NB}: 1 organisme sur 3)" in html
    client.post(url(world, "dashboards:report_freeze", YEAR))
    with scopes_disabled():
        snapshot = ReportSnapshot.objects.get(coalition=world.coalition)
        assert snapshot.data["indicators"][0]["partial"] == {f"T4 {YEAR}": [1, 3]}
    frozen = families_chart(client.get(url(world, "dashboards:snapshot", snapshot.pk)).content.decode())
    assert f"T4 {YEAR} (partiel{NB}: 1 organisme sur 3)" in frozen
    assert f"126{NB}familles (T3 {YEAR})" in frozen


def test_the_indicator_list_and_page_show_the_last_complete_value_and_the_partial_one(client, world, data):
    html = page(client, world, "coordinator", "indicators:index")
    row = html[html.index("PE-01"):html.index("PE-02")]
    assert f'<span class="latest-value">126{NB}familles</span>' in row
    assert f"T4 {YEAR} (partiel{NB}: 1 organisme sur 3)" in row
    detail = page(client, world, "coordinator", "indicators:indicator_detail", data.families.pk)
    assert 'class="dot-partial"' in detail
    assert f"45{NB}familles <span class=\"partial-note\">(partiel{NB}: 1 organisme sur 3)</span>" in detail


def test_the_coordinator_health_counts_the_status_from_complete_periods(world, data):
    from coalitions.dates import local_today
    from dashboards.health import measurement_signals

    with scopes_disabled():
        signals = measurement_signals(world.coalition, local_today(world.coalition))
    assert signals["statuses"]["at_risk"] == 1  # PE-01: 111 -> 120 -> 126, the partial 45 ignored


@pytest.mark.parametrize("threshold", ["0", "101", "abc", "-5", "1e3"])
def test_a_bad_completeness_threshold_is_refused_on_the_field(client, world, threshold):
    client.force_login(world.coordinator)
    response = client.post(url(world, "coalitions:settings"), {
        "name": world.coalition.name, "territory": "Haute-Côte", "default_language": "fr",
        "time_zone": "America/Toronto", "fiscal_year_start_month": "1", "completeness_threshold": threshold})
    assert response.status_code == 200
    assert response.context["form"].errors["completeness_threshold"]
    with scopes_disabled():
        world.coalition.refresh_from_db()
    assert world.coalition.completeness_threshold == 100


def test_the_coordinator_sets_the_completeness_threshold(client, world):
    client.force_login(world.coordinator)
    response = client.post(url(world, "coalitions:settings"), {
        "name": world.coalition.name, "territory": "Haute-Côte", "default_language": "fr",
        "time_zone": "America/Toronto", "fiscal_year_start_month": "1", "completeness_threshold": "75"})
    assert response.status_code == 302
    with scopes_disabled():
        world.coalition.refresh_from_db()
    assert world.coalition.completeness_threshold == 75


# Point 3: charts a person can read ---------------------------------------------------------------


def test_the_home_chart_scales_has_round_ticks_and_whole_period_labels(client, world, data):
    html = families_chart(page(client, world, "funder", "coalitions:home"))
    assert 'viewBox="0 0 640 240"' in html and 'width="100%"' in html
    ticks = [t for t in (">0<", ">50<", ">100<", ">150<", ">200<") if t in html]
    assert len(ticks) == 5 and ">36,5<" not in html and ">109,5<" not in html
    assert f'text-anchor="end">T4 {YEAR}</text>' in html  # the newest label whole, kept inside the chart
    assert 'class="target"' in html and "Cible finale (ligne tiretée)" in html
    assert "<table" in html and "chart-summary" in html  # the text summary and the data table stay
