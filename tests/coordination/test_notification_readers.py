"""Issue 10, point 9: a notification (an @mention included) goes only to people who may read
its object, by the same rules as the object's page (coordination.permissions.can_read)."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions.models import Membership, Role
from coordination import permissions as rules
from coordination.models.communication import Notification
from coordination.services import communication

from ..factories import MembershipFactory
from .factories import AnnouncementFactory, MeetingFactory


def _notified(kind="mention") -> set[int]:
    with scopes_disabled():
        return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


@pytest.fixture
def second_partner(world):
    with scopes_disabled():
        return MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=world.organization).user


def test_a_mention_on_a_partner_only_announcement_does_not_tell_a_funder_its_title(world, second_partner):
    announcement = AnnouncementFactory(coalition=world.coalition, audience="partner", title="Fusion envisagée")
    with scope(coalition=world.coalition):
        communication.comment_add(actor=world.partner, announcement=announcement,
                             body=f"@{world.funder.email} et @{second_partner.email} : lisez ceci")
    assert _notified() == {second_partner.pk}
    with scopes_disabled():
        assert not Notification.objects.filter(recipient=world.funder).exists()


def test_a_mention_on_a_coordinators_announcement_reaches_coordinators_only(world):
    other_coordinator = MembershipFactory(coalition=world.coalition, role=Role.COORDINATOR).user
    announcement = AnnouncementFactory(coalition=world.coalition, audience="coordinator")
    with scope(coalition=world.coalition):
        communication.comment_add(actor=world.coordinator, announcement=announcement,
                             body=f"@{world.partner.email} @{other_coordinator.email}")
    assert _notified() == {other_coordinator.pk}


def test_a_mention_edited_into_a_comment_is_filtered_the_same_way(world, second_partner):
    announcement = AnnouncementFactory(coalition=world.coalition, audience="partner")
    with scope(coalition=world.coalition):
        comment = communication.comment_add(actor=world.partner, announcement=announcement, body="Bonjour")
        communication.comment_update(actor=world.partner, comment=comment,
                                body=f"Bonjour @{world.funder.email} @{second_partner.email}")
    assert _notified() == {second_partner.pk}


def test_a_funder_is_mentioned_on_a_meeting_shared_with_funders_only(world):
    private = MeetingFactory(coalition=world.coalition)
    shared = MeetingFactory(coalition=world.coalition, shared_with_funders=True)
    with scope(coalition=world.coalition):
        communication.comment_add(actor=world.partner, meeting=private, body=f"@{world.funder.email}")
        assert _notified() == set()
        communication.comment_add(actor=world.partner, meeting=shared, body=f"@{world.funder.email}")
    assert _notified() == {world.funder.pk}


def test_an_announcement_notifies_its_audience_and_nobody_else(client, world, second_partner):
    client.force_login(world.coordinator)
    client.post(reverse("coordination:announcement_create", args=[world.coalition.slug]),
                {"title": "Aux bailleurs", "body": "Bilan financier", "audience": "funder"})
    assert _notified("announcement") == {world.funder.pk}


def test_a_deactivated_member_is_not_notified(world, second_partner):
    with scopes_disabled():
        Membership.objects.filter(user=second_partner).update(is_active=False)
    announcement = AnnouncementFactory(coalition=world.coalition, audience="partner")
    with scope(coalition=world.coalition):
        communication.comment_add(actor=world.partner, announcement=announcement, body=f"@{second_partner.email}")
    assert _notified() == set()


def test_an_object_without_a_read_rule_is_read_by_nobody(world):
    with scopes_disabled():
        membership = Membership.objects.get(coalition=world.coalition, user=world.coordinator)
    assert rules.can_read(membership, world.organization) is False
