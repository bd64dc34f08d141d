"""Issue 10, point 7: the same create form sent twice (double click, reload, retry) creates one
object and one round of notifications; the second answer goes to the object made the first time."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from conditions.models import Activity
from coordination.models.backbone import BackboneTask
from coordination.models.communication import Announcement, Comment, Notification
from coordination.models.meetings import Meeting

from ..conditions.factories import ActionFactory
from .factories import MeetingFactory
from .parallel import run_in_parallel


def token_of(response) -> str:
    return response.context["form"]["submission"].value()


def announcement_post(client, world, token):
    return client.post(reverse("coordination:announcement_create", args=[world.coalition.slug]), {
        "title": "Assemblée annuelle", "body": "Le 12 juin au centre communautaire.", "audience": "all",
        "submission": token,
    })


def test_an_announcement_sent_twice_is_published_and_notified_once(client, world):
    client.force_login(world.coordinator)
    token = token_of(client.get(reverse("coordination:announcement_create", args=[world.coalition.slug])))
    first, second = announcement_post(client, world, token), announcement_post(client, world, token)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    with scopes_disabled():
        assert Announcement.objects.filter(coalition=world.coalition).count() == 1
        notified = list(Notification.objects.filter(event="announcement").values_list("recipient_id", flat=True))
    assert sorted(notified) == sorted([world.partner.pk, world.funder.pk])  # once each


def test_a_new_form_creates_a_new_announcement(client, world):
    client.force_login(world.coordinator)
    page = reverse("coordination:announcement_create", args=[world.coalition.slug])
    announcement_post(client, world, token_of(client.get(page)))
    announcement_post(client, world, token_of(client.get(page)))
    with scopes_disabled():
        assert Announcement.objects.filter(coalition=world.coalition).count() == 2


def test_a_comment_posted_twice_appears_and_mentions_once(client, world):
    meeting = MeetingFactory(coalition=world.coalition)
    client.force_login(world.coordinator)
    detail = client.get(reverse("coordination:meeting", args=[world.coalition.slug, meeting.pk]))
    token = detail.context["comment_form"]["submission"].value()
    data = {"body": f"Merci @{world.partner.email} pour la salle", "submission": token}
    url = reverse("coordination:meeting_comment", args=[world.coalition.slug, meeting.pk])
    assert client.post(url, data).status_code == client.post(url, data).status_code == 302
    with scopes_disabled():
        assert Comment.objects.filter(meeting=meeting).count() == 1
        assert Notification.objects.filter(event="mention", recipient=world.partner).count() == 1


def test_a_task_and_a_meeting_sent_twice_are_created_once(client, world):
    client.force_login(world.coordinator)
    task_page = reverse("coordination:task_create", args=[world.coalition.slug])
    task = {"title": "Réserver la salle", "status": "todo", "submission": token_of(client.get(task_page))}
    client.post(task_page, task)
    client.post(task_page, task)
    meeting_page = reverse("coordination:meeting_create", args=[world.coalition.slug])
    meeting = {"title": "Comité de suivi", "kind": "steering_committee", "starts_on": "2030-03-12",
               "start_time": "13:30", "duration_minutes": "90", "place": "Salle du conseil",
               "submission": token_of(client.get(meeting_page))}
    first, second = client.post(meeting_page, meeting), client.post(meeting_page, meeting)
    assert first["Location"] == second["Location"]
    with scopes_disabled():
        assert BackboneTask.objects.filter(coalition=world.coalition).count() == 1
        assert Meeting.objects.filter(coalition=world.coalition).count() == 1


def test_an_activity_sent_twice_is_logged_once(client, world):
    action = ActionFactory(plan__coalition=world.coalition, lead_organization=world.organization)
    client.force_login(world.partner)
    page = reverse("conditions:activity_create", args=[world.coalition.slug])
    data = {"action": action.pk, "organization": world.organization.pk, "date": date(2026, 3, 2).isoformat(),
            "description": "Atelier de stimulation du langage", "people_reached": "12", "families_reached": "6",
            "hours": "2", "cost": "0", "submission": token_of(client.get(page))}
    assert client.post(page, data).status_code == client.post(page, data).status_code == 302
    with scopes_disabled():
        assert Activity.objects.filter(action=action).count() == 1


def test_a_form_sent_again_by_someone_else_creates_nothing(client, world):
    """A token is one person's: replayed by another coordinator, it is refused, not honoured."""
    client.force_login(world.coordinator)
    token = token_of(client.get(reverse("coordination:announcement_create", args=[world.coalition.slug])))
    announcement_post(client, world, token)
    with scopes_disabled():
        from coalitions.models import Role

        from ..factories import MembershipFactory

    other = MembershipFactory(coalition=world.coalition, role=Role.COORDINATOR).user
    other_client = Client()
    other_client.force_login(other)
    response = announcement_post(other_client, world, token)
    assert response.status_code == 200
    assert "Ce formulaire a déjà été envoyé" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_double_click_sending_two_requests_at_once_creates_one_announcement(world):
    clients = [Client(), Client()]
    for each in clients:
        each.force_login(world.coordinator)
    token = token_of(clients[0].get(reverse("coordination:announcement_create", args=[world.coalition.slug])))

    results, errors = run_in_parallel(lambda: announcement_post(clients.pop(), world, token).status_code)

    assert errors == [] and results == [302, 302]
    with scopes_disabled():
        assert Announcement.objects.filter(coalition=world.coalition).count() == 1
        assert Notification.objects.filter(event="announcement").count() == 2  # partner and funder, once each


def test_tokens_are_forgotten_after_two_days(client, world):
    from datetime import timedelta

    from django.utils import timezone

    from coalitions.models import FormSubmission
    from coalitions.tasks import forget_form_submissions

    client.force_login(world.coordinator)
    token = token_of(client.get(reverse("coordination:announcement_create", args=[world.coalition.slug])))
    announcement_post(client, world, token)
    with scopes_disabled():
        FormSubmission.objects.create(coalition=world.coalition, actor=world.coordinator, token="old")
        FormSubmission.objects.filter(token="old").update(created_at=timezone.now() - timedelta(days=3))
        assert forget_form_submissions() == 1
        assert list(FormSubmission.objects.values_list("token", flat=True)) == [token]


def test_a_token_replayed_in_another_coalition_is_refused_not_a_500(client, world):
    from coalitions.models import Role

    from ..factories import MembershipFactory

    MembershipFactory(coalition=world.other_coalition, user=world.coordinator, role=Role.COORDINATOR)
    client.force_login(world.coordinator)
    token = token_of(client.get(reverse("coordination:announcement_create", args=[world.coalition.slug])))
    announcement_post(client, world, token)
    response = client.post(reverse("coordination:announcement_create", args=[world.other_coalition.slug]), {
        "title": "Assemblée", "body": "Message", "audience": "all", "submission": token,
    })
    assert response.status_code == 200
    assert "Ce formulaire a déjà été envoyé" in response.content.decode()
    with scopes_disabled():
        assert not Announcement.objects.filter(coalition=world.other_coalition).exists()
