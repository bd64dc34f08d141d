"""The numbers a funder reads (issue 13, points 1 to 3): a coalition with

- PE-01, families reached (a count, « familles » / « families »), quarterly, reported by three
  organisations: the first three quarters of last year complete (111, 120, 126 families), the
  fourth with only one organisation approved (45 families: partial, 1 of 3);
- PE-02, a percentage entered by the coordination team: 42 / 148 = 28,38 %, final target 24 %.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django_scopes import scopes_disabled

from indicators import rollups
from indicators.periods import period_containing

from ..factories import OrganizationFactory
from ..indicators.factories import IndicatorFactory, IndicatorValueFactory, PeriodFactory, TargetFactory, assign

YEAR = timezone.localdate().year - 1
QUARTERS = [date(YEAR, month, 1) for month in (1, 4, 7, 10)]
# per quarter, each organisation's approved value (None: not approved yet)
FAMILIES = [(30, 40, 41), (35, 40, 45), (36, 44, 46), (45, None, None)]


@dataclass
class Numbers:
    families: object
    share: object
    organizations: list
    periods: list


def numbers(world) -> Numbers:
    coalition = world.coalition
    organizations = [world.organization, OrganizationFactory(coalition=coalition, name="CPE Les Petits Pas"),
                     OrganizationFactory(coalition=coalition, name="Bibliothèque de Forestville")]
    families = IndicatorFactory(coalition=coalition, code="PE-01", name_fr="Familles rejointes",
                                name_en="Families reached", unit="familles", unit_en="families",
                                frequency="quarterly", aggregation="sum", reporting_start=date(YEAR, 1, 1))
    assign(families, *organizations)
    TargetFactory(indicator=families, value=180)
    periods = []
    for start, row in zip(QUARTERS, FAMILIES, strict=True):
        period = PeriodFactory(indicator=families, start=start, end=period_containing("quarterly", start)[1])
        periods.append(period)
        for organization, value in zip(organizations, row, strict=True):
            if value is not None:
                IndicatorValueFactory(period=period, organization=organization, value=value, status="approved")
    share = IndicatorFactory(coalition=coalition, code="PE-02", name_fr="Enfants vulnérables",
                             name_en="Vulnerable children", value_type="percentage", aggregation="coordinator",
                             unit="", frequency="annual", reporting_start=date(YEAR, 1, 1))
    TargetFactory(indicator=share, value=24)
    year = PeriodFactory(indicator=share, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    IndicatorValueFactory(period=year, organization=None, value=None, numerator=42, denominator=148,
                          status="approved")
    with scopes_disabled():
        rollups.recompute(coalition.pk)
    return Numbers(families, share, organizations, periods)
