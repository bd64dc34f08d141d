from datetime import date

import pytest
from django_scopes import scopes_disabled

from tests.conditions.factories import ActionFactory, ActivityFactory, AgendaVersionFactory, PriorityFactory
from tests.coordination.factories import AnnouncementFactory, DecisionFactory, MeetingFactory
from tests.factories import MembershipFactory, OrganizationFactory
from tests.indicators.factories import (
    CategoryFactory,
    IndicatorFactory,
    IndicatorRollupFactory,
    IndicatorValueFactory,
    PeriodFactory,
    TargetFactory,
    assign,
)


class Data:
    """world + a second organisation, an indicator both report, its periods, target and
    category, values in every status, a rollup, a plan with an action and an activity, a
    meeting with a decision, an announcement; and the same in the other coalition."""

    def __init__(self, world):
        self.world = world
        with scopes_disabled():
            self.other_org = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
            self.other_partner = MembershipFactory(coalition=world.coalition, role="partner",
                                                   organization=self.other_org).user
            self.indicator = IndicatorFactory(coalition=world.coalition, code="PE-01", expected_min=0,
                                              expected_max=500, name_fr="Familles rejointes",
                                              name_en="Families reached")
            self.period = PeriodFactory(indicator=self.indicator, start=date(2025, 1, 1))
            self.period2 = PeriodFactory(indicator=self.indicator, start=date(2025, 4, 1))
            assign(self.indicator, world.organization, self.other_org)
            TargetFactory(indicator=self.indicator, value="120.5")
            CategoryFactory(indicator=self.indicator, dimension="Territoire", label="Forestville")
            self.own_draft = IndicatorValueFactory(period=self.period, organization=world.organization,
                                                   status="draft", value="12.5", comment="Notre note")
            self.other_approved = IndicatorValueFactory(period=self.period, organization=self.other_org,
                                                        status="approved", value=30, comment="Note interne")
            self.other_submitted = IndicatorValueFactory(period=self.period2, organization=self.other_org,
                                                         status="submitted", value=31)
            self.rollup = IndicatorRollupFactory(period=self.period, value="30", reported_count=1, expected_count=2)
            self.priority = PriorityFactory(coalition=world.coalition, title="Maturité scolaire")
            self.action = ActionFactory(plan__coalition=world.coalition, lead_organization=world.organization,
                                        priorities=[self.priority], review_status="accepted")
            self.proposal = ActionFactory(plan=self.action.plan, lead_organization=world.organization,
                                          review_status="proposed")
            self.activity = ActivityFactory(action=self.action, organization=world.organization)
            self.meeting = MeetingFactory(coalition=world.coalition, agenda="Point 1", shared_with_funders=False)
            DecisionFactory(meeting=self.meeting, text="Adopter le plan", action=self.action)
            self.announcement = AnnouncementFactory(coalition=world.coalition, title="Bienvenue")
            AgendaVersionFactory(coalition=world.coalition, number=1)
            # The other coalition's rows, which no caller of world.coalition may see
            foreign = IndicatorFactory(coalition=world.other_coalition, code="TA-01")
            self.foreign_value = IndicatorValueFactory(period=PeriodFactory(indicator=foreign), status="approved")
            self.foreign_indicator = foreign

    def more(self, count: int) -> None:
        """``count`` more rows of each list (for the query counts at a second size)."""
        with scopes_disabled():
            for _n in range(count):
                organization = OrganizationFactory(coalition=self.world.coalition)
                indicator = IndicatorFactory(coalition=self.world.coalition)
                period = PeriodFactory(indicator=indicator)
                TargetFactory(indicator=indicator)
                CategoryFactory(indicator=indicator)
                IndicatorValueFactory(period=period, organization=organization, status="approved")
                IndicatorRollupFactory(period=period)
                MembershipFactory(coalition=self.world.coalition, role="partner", organization=organization)
                PriorityFactory(coalition=self.world.coalition)
                action = ActionFactory(plan=self.action.plan, lead_organization=organization,
                                       priorities=[self.priority], contributors=[self.other_org],
                                       review_status="accepted")
                ActivityFactory(action=action)
                meeting = MeetingFactory(coalition=self.world.coalition)
                DecisionFactory(meeting=meeting)
                AnnouncementFactory(coalition=self.world.coalition)


@pytest.fixture
def data(world):
    return Data(world)


@pytest.fixture
def settings_(settings):
    """A request budget that generated tests do not exhaust."""
    settings.API_RATE_LIMIT = "100000/min"
    return settings
