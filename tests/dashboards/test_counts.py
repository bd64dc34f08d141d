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
