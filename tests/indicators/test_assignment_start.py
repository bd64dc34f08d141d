"""Reporting assignments carry a start (issue 13, left from point 6): an organisation assigned
today to an indicator reported since 2025 looked « en retard » at once and was reminded of
periods from before it was asked. An assignment now says from when the organisation reports
(by default the period under way); every page, count, reminder and coalition value's
completeness asks ``indicators.selectors.expected()`` (or ``owes()``), so they agree."""

import importlib
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions.dates import local_today
from coordination.selectors.measurement import reporting_missing
from dashboards.health import late_organizations
from dashboards.partner import values_to_report
from indicators import selectors
from indicators.models import Indicator, IndicatorGroupObjectPermission, IndicatorRollup, Period
from indicators.periods import period_containing
from indicators.rollups import recompute
from indicators.selectors import board, worklist
from indicators.selectors.files import import_template
from indicators.services import framework

from ..factories import MembershipFactory, OrganizationFactory
from .factories import IndicatorValueFactory

pytestmark = pytest.mark.django_db


class History:
    """PE-20, quarterly since January 2025 (its periods keep their own due dates): the world's
    organisation reports it from the start; « Centre de pédiatrie sociale » is assigned today."""

    def __init__(self, world):
        self.world, self.today = world, local_today(world.coalition)
        self.newcomer = OrganizationFactory(coalition=world.coalition, name="Centre de pédiatrie sociale")
        self.newcomer_member = MembershipFactory(coalition=world.coalition, role="partner",
                                                 organization=self.newcomer)
        with scope(coalition=world.coalition):
            self.indicator = framework.indicator_create(
                actor=world.coordinator, coalition=world.coalition, late_for_past_periods=True, code="PE-20",
                name_fr="Familles accompagnées", value_type="count", frequency="quarterly", aggregation="sum",
                reporting_start=date(2025, 1, 1))
            framework.assignments_set(actor=world.coordinator, indicator=self.indicator,
                                      organizations=[world.organization], reports_from=date(2025, 1, 1))
            framework.assignments_set(actor=world.coordinator, indicator=self.indicator,
                                      organizations=[world.organization, self.newcomer])
            self.periods = list(Period.objects.filter(indicator=self.indicator).order_by("start"))
            self.under_way_label = self.periods[-1].label
        self.under_way = self.periods[-1]  # the period that contains today
        self.reported_now = self.periods[-2]  # the newest period over: the one partners report now

    def owed(self, rows) -> dict[str, set]:
        names = {self.world.organization.pk: "Maison", self.newcomer.pk: "Centre"}
        out: dict[str, set] = {}
        for row in rows:
            out.setdefault(names[row["organization_id"]], set()).add(row["period_id"])
        return out


@pytest.fixture
def history(world):
    return History(world)


def test_an_organisation_assigned_today_reports_from_the_period_under_way(history):
    with scopes_disabled():
        starts = dict(IndicatorGroupObjectPermission.objects.filter(content_object=history.indicator)
                      .values_list("group__organization__name", "reports_from"))
    assert starts == {"Maison de la famille": date(2025, 1, 1),
                      "Centre de pédiatrie sociale": period_containing("quarterly", history.today)[0]}
    assert history.under_way.start <= history.today <= history.under_way.end
    with scope(coalition=history.world.coalition):
        owed = history.owed(selectors.expected(history.world.coalition))
        missing = history.owed(selectors.unreported(history.world.coalition, Period.objects.all()))
    assert owed["Centre"] == missing["Centre"] == {history.under_way.pk}
    assert owed["Maison"] == missing["Maison"] == {p.pk for p in history.periods}


def test_it_is_late_nowhere_and_reminded_of_nothing_from_before(history):
    world, today, newcomer = history.world, history.today, history.newcomer
    assert history.reported_now.due_date < today  # the world's organisation is late for it
    with scope(coalition=world.coalition):
        late = {row["name"]: row["count"] for row in late_organizations(world.coalition, today)}
        assert "Centre de pédiatrie sociale" not in late and late["Maison de la famille"] >= 4
        assert {c["organization_id"] for c in board.late_cells(world.coalition, today)} == {world.organization.pk}
        overview = board.overview(world.coalition, [world.organization, newcomer], today)
        assert overview.late == 1
        assert [cells for _o, cells in overview.rows] == [["missing"], [board.NOT_OWED_YET]]  # PE-20's current period
        grid = board.completeness(world.coalition, history.indicator, today)
        rows = {o.name: [status for _p, status in cells] for o, cells in grid.rows}
        assert rows["Centre de pédiatrie sociale"] == ["due"] + [""] * (len(grid.periods) - 1)  # newest first
        assert set(rows["Maison de la famille"][1:]) == {"missing"}
        reminded = reporting_missing(world.coalition, due_from=date(2025, 1, 1), due_to=today + timedelta(days=200))
        assert [(r.period.pk, r.organization.name) for r in reminded if r.organization == newcomer] == [
            (history.under_way.pk, "Centre de pédiatrie sociale")]
        assert selectors.reporting_punctuality(world.coalition, newcomer, today)["due"] == 0
        to_report = worklist.to_report(world.coalition, history.newcomer_member, newcomer, today)
        assert [(p.pk, p.cell_status) for p in to_report] == [(history.under_way.pk, "open")]
        home = values_to_report(world.coalition, newcomer, today)
        assert home["count"] == 1 and [c.period.pk for c in home["cells"]] == [history.under_way.pk]
        template = import_template(world.coalition, history.newcomer_member, newcomer, date(2025, 1, 1), today)
        assert [row["period_start"] for row in template.rows] == [history.under_way.start.isoformat()]


def test_the_coalition_value_expects_only_the_organisations_that_owe_the_period(history):
    world = history.world
    with scopes_disabled():
        for period in (history.reported_now, history.under_way):
            IndicatorValueFactory(period=period, organization=world.organization, value=40, status="approved")
    recompute(world.coalition.pk)
    with scopes_disabled():
        counts = {r.period_id: (r.reported_count, r.expected_count)
                  for r in IndicatorRollup.objects.filter(indicator=history.indicator)}
    assert counts == {history.reported_now.pk: (1, 1), history.under_way.pk: (1, 2)}  # « 1 organisme sur 2 »
    recompute(world.coalition.pk, [(history.indicator.pk, history.under_way.pk)])  # by key: the same
    with scopes_disabled():
        assert IndicatorRollup.objects.get(period=history.under_way).expected_count == 2


def assignments_url(history):
    return reverse("indicators:indicator_assignments", args=[history.world.coalition.slug, history.indicator.pk])


def post_assignments(client, history, organization, **data):
    client.force_login(history.world.coordinator)
    return client.post(assignments_url(history), {
        "organizations": [history.world.organization.pk, history.newcomer.pk, organization.pk], **data})


def start_of(organization):
    with scopes_disabled():
        return IndicatorGroupObjectPermission.objects.get(group__organization=organization).reports_from


def test_the_page_says_from_when_each_organisation_reports_and_offers_the_period_under_way(client, history):
    client.force_login(history.world.coordinator)
    html = client.get(assignments_url(history)).content.decode()
    assert "Maison de la famille, à partir de T1 2025" in html
    assert f"Centre de pédiatrie sociale, à partir de {history.under_way_label}" in html
    assert f'<option value="{history.under_way.start.isoformat()}" selected>' in html


def test_a_start_in_the_past_is_questioned_as_on_the_indicator_form(client, history):
    third = OrganizationFactory(coalition=history.world.coalition, name="Carrefour familial")
    past = history.periods[-4].start
    response = post_assignments(client, history, third, reports_from=past.isoformat())
    html = response.content.decode().replace("\u00a0", " ")
    assert response.status_code == 200
    assert "La déclaration commence dans le passé : 3 périodes sont déjà terminées." in html
    assert "Commencer à la période en cours" in html and "Garder ce début" in html
    with scopes_disabled():
        assert not IndicatorGroupObjectPermission.objects.filter(group__organization=third).exists()

    assert post_assignments(client, history, third, reports_from=past.isoformat(),
                            backdated="current").status_code == 302
    assert start_of(third) == history.under_way.start
    assert start_of(history.newcomer) == history.under_way.start  # the ones already assigned keep theirs


def test_a_start_in_the_past_kept_makes_the_organisation_owe_those_periods(client, history):
    third = OrganizationFactory(coalition=history.world.coalition, name="Carrefour familial")
    past = history.periods[-4].start
    assert post_assignments(client, history, third, reports_from=past.isoformat(),
                            backdated="past").status_code == 302
    assert start_of(third) == past
    with scope(coalition=history.world.coalition):
        late = {row["name"]: row["count"] for row in late_organizations(history.world.coalition, history.today)}
    assert late["Carrefour familial"] == 3


@pytest.mark.parametrize("bad", ["2025-13-01", "hier", "<script>", "2025-02-01"])
def test_a_start_that_is_not_a_period_of_the_indicator_is_refused_on_the_field(client, history, bad):
    third = OrganizationFactory(coalition=history.world.coalition, name="Carrefour familial")
    response = post_assignments(client, history, third, reports_from=bad)
    assert response.status_code == 200 and response.context["form"].errors["reports_from"]


def test_moving_the_reporting_start_back_moves_the_assignments_that_started_with_it(history):
    world = history.world
    with scope(coalition=world.coalition):
        indicator = Indicator.objects.get(pk=history.indicator.pk)
        framework.indicator_update(actor=world.coordinator, indicator=indicator, reporting_start=date(2024, 7, 1))
    assert start_of(world.organization) == date(2024, 7, 1)
    assert start_of(history.newcomer) == history.under_way.start


def test_the_migration_starts_existing_assignments_at_the_reporting_start(history):
    migration = importlib.import_module("indicators.migrations.0012_assignment_reports_from")
    with scopes_disabled():
        IndicatorGroupObjectPermission.objects.update(reports_from=None)
    with connection.cursor() as cursor:
        cursor.execute(migration.FROM_REPORTING_START)
    assert start_of(history.world.organization) == start_of(history.newcomer) == date(2025, 1, 1)
