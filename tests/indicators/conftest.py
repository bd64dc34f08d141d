from datetime import date

import pytest
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, OrganizationFactory

from .factories import IndicatorFactory, PeriodFactory, assign


class Measure:
    """world + an indicator reported by world.organization and another organisation."""

    def __init__(self, world):
        self.world = world
        with scopes_disabled():
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
