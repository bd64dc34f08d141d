from datetime import date

import pytest
from django.db import connection
from django_scopes import scope, scopes_disabled

from indicators.services import breakdown
from tests.factories import MembershipFactory, OrganizationFactory
from tests.helpers import analyse_planned_tables

from .factories import CategoryFactory, IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign


class Measure:
    """world + an indicator reported by world.organization and another organisation."""

    def __init__(self, world):
        self.world = world
        self.other_org = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
        self.other_partner = MembershipFactory(
            coalition=world.coalition, role="partner", organization=self.other_org
        ).user
        self.indicator = IndicatorFactory(
            coalition=world.coalition, code="PE-01", name_fr="Familles rejointes par les visites à domicile",
            name_en="Families reached by home visits", expected_min=0, expected_max=500,
        )
        self.period = PeriodFactory(indicator=self.indicator, start=date(2025, 1, 1))
        self.period2 = PeriodFactory(indicator=self.indicator, start=date(2025, 4, 1))
        assign(self.indicator, world.organization, self.other_org)

    def scope(self):
        return scope(coalition=self.world.coalition)


@pytest.fixture
def measure(world):
    return Measure(world)


@pytest.fixture
def ages(world, measure):
    """PE-01 broken down by children's age group and by territory, adding up to the total."""
    with scopes_disabled():
        measure.indicator.requires_category_total = True
        measure.indicator.save()
    young = CategoryFactory(indicator=measure.indicator, dimension="Groupe d'âge des enfants", label="0-2 ans")
    old = CategoryFactory(indicator=measure.indicator, dimension="Groupe d'âge des enfants", label="3-5 ans")
    town = CategoryFactory(indicator=measure.indicator, dimension="Territoire", label="Forestville")
    other_town = CategoryFactory(indicator=measure.indicator, dimension="Territoire", label="Les Escoumins")
    return young, old, town, other_town


@pytest.fixture
def share(world, measure):
    """PE-07, a percentage reported by two organisations, broken down by territory (Forestville,
    Les Escoumins), the numerators and denominators adding up to the total's."""
    indicator = IndicatorFactory(coalition=world.coalition, code="PE-07", value_type="percentage",
                                 aggregation="sum", requires_category_total=True,
                                 name_fr="Part des enfants inscrits")
    PeriodFactory(indicator=indicator)
    assign(indicator, world.organization, measure.other_org)
    with scope(coalition=world.coalition):
        towns = [breakdown.category_add(actor=world.coordinator, indicator=indicator, dimension="Territoire",
                                       label=town) for town in ("Forestville", "Les Escoumins")]
    return indicator, towns


@pytest.fixture
def values_as_in_life(world, measure):
    """A coalition whose values are mostly another indicator's, other organisations', approved,
    as in life, and planner statistics that know it (an index is chosen for its selectivity)."""
    for status in ("approved", "submitted", "returned"):
        IndicatorValueFactory(period=measure.period, organization=OrganizationFactory(coalition=world.coalition),
                              status=status)
    other = PeriodFactory(indicator=IndicatorFactory(coalition=world.coalition, code="PE-99"))
    for _n in range(40):
        IndicatorValueFactory(period=other, organization=OrganizationFactory(coalition=world.coalition),
                              status="approved")
    with connection.cursor() as cursor:
        analyse_planned_tables(cursor)
    with scope(coalition=world.coalition):
        yield world.coordinator.memberships.get(coalition=world.coalition)
    # ANALYZE writes the table's size outside the transaction: leave it as if these rows never were
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM indicators_indicatorvalue WHERE coalition_id = %s", [world.coalition.pk])
        cursor.execute("ANALYZE indicators_indicatorvalue")
