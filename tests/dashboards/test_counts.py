"""Counts that agree with the lists they open (issue 13, point 5): « 18 valeurs à réviser » on
the coordinator's home opened a page titled « (8) », because the home also counted the values'
categories. Each count a person can click now comes from the selector of the list it opens,
and each test follows the link and compares."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ..conditions.factories import ActionFactory
from ..coordination.factories import BackboneTaskFactory, FollowUpFactory, MeetingFactory
from ..helpers import url
from ..indicators.factories import CategoryFactory, IndicatorValueFactory, PeriodFactory

pytestmark = pytest.mark.django_db


def attention(client, world) -> dict:
    """{url: count} of the coordinator's « À votre attention » list."""
    client.force_login(world.coordinator)
    response = client.get(url(world, "coalitions:home"))
    return {item.url: item.count for item in response.context["attention"]}


def opened(client, link: str):
    response = client.get(link)
    assert response.status_code == 200
    return response.context


def test_the_values_to_review_count_is_the_review_pages_count(client, world):
    period = PeriodFactory(indicator__coalition=world.coalition)
    for _k in range(3):
        value = IndicatorValueFactory(period=period, status="submitted")
        for category in (CategoryFactory(indicator=period.indicator), CategoryFactory(indicator=period.indicator)):
            IndicatorValueFactory(period=period, organization=value.organization, category=category,
                                  status="submitted")  # the categories: counted by the home, not the page
    link = url(world, "indicators:review")
    counts = attention(client, world)
    page = opened(client, link)
    assert counts[link] == page["page_obj"].paginator.count == 3
    assert "(3)" in client.get(link).content.decode()


def test_the_proposals_count_is_the_plan_pages_count(client, world):
    for _k in range(2):
        ActionFactory(plan__coalition=world.coalition, review_status="proposed")
    ActionFactory(plan__coalition=world.coalition, review_status="accepted")
    link = url(world, "conditions:plan")
    assert attention(client, world)[link] == len(opened(client, link)["proposals"]) == 2


def test_the_overdue_follow_ups_count_is_the_list_it_opens(client, world):
    today = timezone.localdate()
    meeting = MeetingFactory(coalition=world.coalition)
    for days in (-5, -1):  # overdue, assigned to someone else than the coordinator
        FollowUpFactory(meeting=meeting, assignee_organization=world.organization, due_on=today + timedelta(days))
    FollowUpFactory(meeting=meeting, due_on=today - timedelta(days=3), status="done")
    FollowUpFactory(meeting=meeting, due_on=today + timedelta(days=4))  # not due yet
    counts = attention(client, world)
    link = url(world, "coordination:follow_ups") + "?show=all&overdue=1"
    assert counts[link] == opened(client, link)["page_obj"].paginator.count == 2


def test_the_overdue_tasks_count_is_the_board_it_opens(client, world):
    today = timezone.localdate()
    for days in (-3, -1):
        BackboneTaskFactory(coalition=world.coalition, due_on=today + timedelta(days))
    BackboneTaskFactory(coalition=world.coalition, due_on=today - timedelta(days=2), status="done")
    BackboneTaskFactory(coalition=world.coalition, due_on=today + timedelta(days=5))
    counts = attention(client, world)
    link = url(world, "coordination:tasks") + "?overdue=1"
    board = opened(client, link)
    assert counts[link] == board["count"] == 2
    assert "Seules les tâches en retard sont affichées." in client.get(link).content.decode()


def test_each_organisations_late_values_count_is_the_list_it_opens(client, world):
    """« Maison de la famille : 3 valeurs en retard » opens that organisation's late values, and
    an organisation assigned today to the same old indicator has none (its assignment's start)."""
    from django_scopes import scope

    from coalitions.dates import local_today
    from indicators.periods import period_containing
    from indicators.services import framework

    from ..factories import OrganizationFactory

    today = local_today(world.coalition)
    newcomer = OrganizationFactory(coalition=world.coalition, name="Centre de pédiatrie sociale")
    backdated = OrganizationFactory(coalition=world.coalition, name="Carrefour familial")
    with scope(coalition=world.coalition):
        indicator = framework.indicator_create(
            actor=world.coordinator, coalition=world.coalition, late_for_past_periods=True, code="PE-30",
            name_fr="Familles accompagnées", value_type="count", frequency="quarterly", aggregation="sum",
            reporting_start=period_containing("quarterly", today - timedelta(days=300))[0])
        framework.assignments_set(actor=world.coordinator, indicator=indicator, organizations=[world.organization],
                                  reports_from=indicator.reporting_start)
        under_way = period_containing("quarterly", today)[0]
        framework.assignments_set(actor=world.coordinator, indicator=indicator,
                                  organizations=[world.organization, backdated],
                                  reports_from=period_containing("quarterly", under_way - timedelta(days=1))[0])
        framework.assignments_set(actor=world.coordinator, indicator=indicator,
                                  organizations=[world.organization, newcomer, backdated])
        periods = list(indicator.periods.order_by("start"))
    late_periods = [p for p in periods if p.due_date < today]
    assert len(late_periods) >= 2
    IndicatorValueFactory(period=late_periods[0], organization=world.organization, status="draft")  # still late
    IndicatorValueFactory(period=late_periods[1], organization=world.organization, status="submitted")
    counts = attention(client, world)
    lists = {link: opened(client, link)["page_obj"].paginator.count for link in counts if "late=1" in link}
    assert {link: counts[link] for link in lists} == lists  # each count is the length of its list
    by_organization = {int(link.split("organization=")[1].split("&")[0]): n for link, n in lists.items()}
    backdated_late = 1 if periods[-2].due_date < today else 0  # the period before the one under way
    assert by_organization == {world.organization.pk: len(late_periods) - 1} | (
        {backdated.pk: backdated_late} if backdated_late else {})  # the newcomer: nothing late
    page = client.get(next(link for link in lists if f"organization={world.organization.pk}&" in link))
    assert "Valeurs en retard — Maison de la famille" in page.content.decode()
