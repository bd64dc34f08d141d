"""Each main page runs a fixed number of queries whatever the data size: measured at a small
size, then asserted (not larger) at a bigger one."""

import pytest
from django.urls import reverse

from ..factories import MembershipFactory
from .factories import (
    BackboneTaskFactory,
    CommentFactory,
    DecisionFactory,
    FollowUpFactory,
    InviteeFactory,
    LibraryItemFactory,
    MeetingFactory,
    NotificationFactory,
)


def _meetings(world, n):
    for _ in range(n):
        meeting = MeetingFactory(coalition=world.coalition)
        InviteeFactory(meeting=meeting, user=world.partner, rsvp="yes")
        DecisionFactory(meeting=meeting)


def _meeting_content(world, meeting, n):
    for _ in range(n):
        user = MembershipFactory(coalition=world.coalition).user
        InviteeFactory(meeting=meeting, user=user, rsvp="maybe", attended=True)
        DecisionFactory(meeting=meeting)
        FollowUpFactory(meeting=meeting, assignee_user=user, assignee_organization=world.organization)
        CommentFactory(meeting=meeting, author=user)


def _notifications(world, n):
    for _ in range(n):
        NotificationFactory(coalition=world.coalition, recipient=world.partner)


def _library(world, n):
    for i in range(n):
        LibraryItemFactory(coalition=world.coalition, added_by=world.partner, tags=f"tag{i}, lecture")


def _tasks(world, n):
    meeting = MeetingFactory(coalition=world.coalition)
    for i in range(n):
        BackboneTaskFactory(coalition=world.coalition, owner=world.coordinator, meeting=meeting,
                            status=["todo", "doing", "done"][i % 3])


# page, how to grow its data, who opens it, its queries at any data size
PAGES = [
    ("meetings", _meetings, "partner", 8),
    ("notifications", _notifications, "partner", 8),
    ("library", _library, "partner", 7),
    ("tasks", _tasks, "coordinator", 6),
]


@pytest.mark.parametrize("name,grow,actor,queries", PAGES, ids=[p[0] for p in PAGES])
def test_the_page_query_count_does_not_grow_with_the_data(client, world, django_assert_num_queries,
                                                          name, grow, actor, queries):
    client.force_login(world.user(actor))
    url = reverse(f"coordination:{name}", args=[world.coalition.slug])
    grow(world, 2)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    grow(world, 20)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_meeting_page_query_count_does_not_grow_with_the_data(client, world, django_assert_num_queries):
    meeting = MeetingFactory(coalition=world.coalition)
    InviteeFactory(meeting=meeting, user=world.partner)
    client.force_login(world.partner)
    url = reverse("coordination:meeting", args=[world.coalition.slug, meeting.pk])
    _meeting_content(world, meeting, 2)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200
    _meeting_content(world, meeting, 15)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200
