"""Who reports what: indicators.selectors.reporters() and the reads built on it."""

from datetime import date

import pytest
from django.db.models import Count
from django_scopes import scope

from indicators.selectors import reported_indicators, reporters, reporting_organizations, reports, unreported
from tests.factories import OrganizationFactory

from .factories import IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def grants(world):
    """Two indicators of the coalition; the first reported by two organisations, the second by
    one; a coordinator-entered indicator with a stale grant; a grant in the other coalition."""
    other_org = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
    first = IndicatorFactory(coalition=world.coalition, code="PE-01")
    second = IndicatorFactory(coalition=world.coalition, code="PE-02")
    by_team = IndicatorFactory(coalition=world.coalition, code="PE-09", aggregation="coordinator")
    elsewhere = IndicatorFactory(coalition=world.other_coalition, code="TA-01")
    assign(first, world.organization, other_org)
    assign(second, other_org)
    assign(by_team, world.organization)
    assign(elsewhere, OrganizationFactory(coalition=world.other_coalition))
    return first, second, by_team, other_org


def test_it_lists_each_assignment_of_the_coalition_once(world, grants):
    first, second, _by_team, other_org = grants
    with scope(coalition=world.coalition):
        rows = {(r["indicator_id"], r["organization_id"]) for r in reporters(world.coalition)}
        assert rows == {(first.pk, world.organization.pk), (first.pk, other_org.pk), (second.pk, other_org.pk)}
        assert list(reporters(world.coalition, indicators=second).values_list("organization_id", flat=True)) \
            == [other_org.pk]
        assert set(reporters(world.coalition, organizations=[other_org.pk]).values_list("indicator_id", flat=True)) \
            == {first.pk, second.pk}


def test_the_helpers_answer_from_the_same_assignments(world, grants):
    first, second, by_team, other_org = grants
    with scope(coalition=world.coalition):
        assert set(reported_indicators(world.coalition, world.organization)) == {first}
        assert set(reported_indicators(world.coalition, other_org)) == {first, second}
        assert [o.name for o in reporting_organizations(first)] == ["CPE Les Petits Pas", "Maison de la famille"]
        assert list(reporting_organizations(by_team)) == []  # entered once by the coordination team
        assert reports(second, other_org) and not reports(second, world.organization)


def test_unreported_lists_the_assigned_organisations_without_a_submitted_value(world, grants):
    first, second, _by_team, other_org = grants
    q1 = PeriodFactory(indicator=first, start=date(2025, 1, 1))
    q2 = PeriodFactory(indicator=first, start=date(2025, 4, 1))
    s1 = PeriodFactory(indicator=second, start=date(2025, 1, 1))
    IndicatorValueFactory(period=q1, organization=world.organization, status="approved")
    IndicatorValueFactory(period=q1, organization=other_org, status="returned")
    IndicatorValueFactory(period=q2, organization=world.organization, status="draft")
    IndicatorValueFactory(period=s1, organization=other_org, status="submitted")
    with scope(coalition=world.coalition):
        periods = first.periods.all() | second.periods.all()
        rows = {(r["period_id"], r["indicator_id"], r["organization_id"]) for r in unreported(world.coalition, periods)}
        assert rows == {(q1.pk, first.pk, other_org.pk), (q2.pk, first.pk, world.organization.pk),
                        (q2.pk, first.pk, other_org.pk)}
        late = dict(unreported(world.coalition, periods).values_list("organization_id").annotate(n=Count("*")))
        assert late == {other_org.pk: 2, world.organization.pk: 1}
        mine = unreported(world.coalition, periods, organizations=world.organization)
        assert [r["period_id"] for r in mine] == [q2.pk]
