from datetime import date, datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coalitions.models import Role
from coordination import tasks
from coordination.models.meetings import Decision, FollowUp, Invitee, Meeting
from coordination.models.reminders import SentReminder
from coordination.services import invitations, meetings

from ..factories import MembershipFactory
from ..helpers import url
from .factories import DecisionFactory, FollowUpFactory, InviteeFactory, MeetingFactory


def _schedule(world, **overrides):
    data = {
        "title": "Comité de pilotage d'automne", "kind": "steering_committee", "starts_on": "2030-10-15",
        "start_time": "14:30", "duration_minutes": "90", "place": "Hôtel de ville", "video_url": "",
        "agenda": "Bilan\nPlan d'action", "invited_organizations": [world.organization.pk],
    }
    data.update(overrides)
    return data


def _event(ics_bytes):
    calendar = icalendar.Calendar.from_ical(ics_bytes)
    return calendar, next(iter(calendar.walk("VEVENT")))


def test_a_coordinator_schedules_a_meeting_in_the_coalitions_time_zone_and_invitees_get_an_ics(
    client, world, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        world.coalition.time_zone = "America/Vancouver"
        world.coalition.save()
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "coordination:meeting_create"), _schedule(world))
    assert response.status_code == 302
    with scopes_disabled():
        meeting = Meeting.objects.get(title="Comité de pilotage d'automne")
        invited = set(Invitee.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    assert meeting.starts_at == datetime(2030, 10, 15, 14, 30, tzinfo=ZoneInfo("America/Vancouver"))
    assert meeting.starts_at.astimezone(ZoneInfo("UTC")).hour == 21  # PDT is UTC-7
    assert invited == {world.partner.pk}  # the organisation's active members
    assert [m.to for m in mail.outbox] == [[world.partner.email]]
    message = mail.outbox[0]
    assert "Invitation" in message.subject and "Comité de pilotage d'automne" in message.subject
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar, event = _event(content)
    assert str(event["uid"]) == f"meeting-{meeting.uid}@concerto"
    assert event["dtstart"].params["TZID"] == "America/Vancouver"
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=90)
    assert int(event["sequence"]) == 0
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/Vancouver"]


def test_an_update_keeps_the_uid_raises_the_sequence_and_sends_the_new_ics_once(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "coordination:meeting_create"), _schedule(world))
    with scopes_disabled():
        meeting = Meeting.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "coordination:meeting_edit", meeting.pk),
                               _schedule(world, start_time="16:00"))
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    _cal, first = _event(mail.outbox[0].attachments[0][1])
    _cal, second = _event(mail.outbox[1].attachments[0][1])
    assert first["uid"] == second["uid"]
    assert int(second["sequence"]) == 1
    assert second.decoded("dtstart").hour == 16
    # The invitation task running again (a retry, a duplicate delivery) sends nothing more.
    assert tasks.send_meeting_invitations(world.coalition.pk, meeting.pk, 1) == 0
    assert tasks.send_meeting_invitations(world.coalition.pk, meeting.pk, 0) == 0  # an outdated version
    assert len(mail.outbox) == 2


def test_a_meeting_without_place_or_video_link_is_refused_next_to_the_field(client, world):
    client.force_login(world.coordinator)
    response = client.post(url(world, "coordination:meeting_create"), _schedule(world, place="", video_url=""))
    assert response.status_code == 200
    assert "place" in response.context["form"].errors
    assert "Hôtel de ville" not in response.content.decode()
    assert 'value="Comité de pilotage d&#x27;automne"' in response.content.decode()
    with scopes_disabled():
        assert not Meeting.objects.exists()


def test_people_of_another_coalition_cannot_be_invited(world):
    with scope(coalition=world.coalition), pytest.raises(Exception) as error:
        meetings.meeting_create(
            actor=world.coordinator, coalition=world.coalition, title="X", kind="other", starts_on=date(2030, 1, 1),
            start_time=time(9), place="Ici", invited_people=[world.other_member],
        )
    assert "invited_people" in error.value.message_dict


def test_an_invited_partner_answers_and_an_uninvited_one_cannot(client, world):
    meeting = MeetingFactory(coalition=world.coalition)
    InviteeFactory(meeting=meeting, user=world.partner)
    stranger = MembershipFactory(coalition=world.coalition, role=Role.PARTNER).user
    client.force_login(world.partner)
    client.post(url(world, "coordination:meeting_rsvp", meeting.pk), {"rsvp": "maybe"})
    client.force_login(stranger)
    response = client.post(url(world, "coordination:meeting_rsvp", meeting.pk), {"rsvp": "yes"}, follow=True)
    assert "pas invité" in response.content.decode()
    with scopes_disabled():
        assert dict(Invitee.objects.values_list("user_id", "rsvp")) == {world.partner.pk: "maybe"}


def test_attendance_is_taken_on_the_day_not_before(world):
    meeting = MeetingFactory(coalition=world.coalition, starts_at=timezone.now() + timedelta(days=3))
    InviteeFactory(meeting=meeting, user=world.partner)
    other = InviteeFactory(meeting=meeting).user
    with scope(coalition=world.coalition):
        with pytest.raises(Exception) as error:
            meetings.meeting_record_attendance(actor=world.coordinator, meeting=meeting,
                                               present_user_ids=[world.partner.pk])
        assert "present" in error.value.message_dict
        meetings.meeting_record_attendance(actor=world.coordinator, meeting=meeting,
                                           present_user_ids=[world.partner.pk],
                                           now=meeting.starts_at + timedelta(minutes=5))
        assert dict(Invitee.objects.values_list("user_id", "attended")) == {world.partner.pk: True, other.pk: False}


def test_decisions_are_numbered_and_a_decision_can_carry_a_follow_up_for_an_organization(
    client, world, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(coalition=world.coalition)
    client.force_login(world.coordinator)
    client.post(url(world, "coordination:decision_create", meeting.pk), {"text": "Adopter le budget"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "coordination:decision_create", meeting.pk), {
            "text": "Lancer la campagne", "follow_up_what": "Préparer l'affiche",
            "follow_up_organization": world.organization.pk, "follow_up_due_on": "2030-11-01",
        })
    with scopes_disabled():
        assert list(Decision.objects.values_list("number", "text")) == [(1, "Adopter le budget"),
                                                                      (2, "Lancer la campagne")]
        follow_up = FollowUp.objects.get()
    assert follow_up.decision.number == 2 and follow_up.assignee_organization == world.organization
    assert [m.to for m in mail.outbox] == [[world.partner.email]]  # told of the new follow-up
    client.force_login(world.partner)
    page = client.get(url(world, "coordination:follow_ups")).content.decode()
    assert "Préparer l&#x27;affiche" in page


def test_a_follow_up_without_its_due_date_is_refused_and_no_decision_is_saved(client, world):
    meeting = MeetingFactory(coalition=world.coalition)
    client.force_login(world.coordinator)
    response = client.post(url(world, "coordination:decision_create", meeting.pk), {
        "text": "Lancer la campagne", "follow_up_what": "Préparer l'affiche", "follow_up_user": world.partner.pk,
    })
    assert response.status_code == 200 and "follow_up_due_on" in response.context["form"].errors
    with scopes_disabled():
        assert not Decision.objects.exists() and not FollowUp.objects.exists()


def test_a_partner_sees_its_follow_ups_until_done(client, world):
    meeting = MeetingFactory(coalition=world.coalition)
    own = FollowUpFactory(meeting=meeting, what="Le mien", assignee_user=world.partner)
    org = FollowUpFactory(meeting=meeting, what="Celui de l'organisme", assignee_organization=world.organization)
    FollowUpFactory(meeting=meeting, what="Celui d'un autre", assignee_user=world.coordinator)
    client.force_login(world.partner)
    page = client.get(url(world, "coordination:follow_ups")).content.decode()
    assert "Le mien" in page and "Celui de l&#x27;organisme" in page and "Celui d&#x27;un autre" not in page
    client.post(url(world, "coordination:follow_up_status", own.pk), {"status": "done"})
    page = client.get(url(world, "coordination:follow_ups")).content.decode()
    assert "Le mien" not in page and "Celui de l&#x27;organisme" in page
    with scopes_disabled():
        org.refresh_from_db()
    assert org.status == "open"


def test_a_partner_cannot_update_another_organizations_follow_up_by_editing_the_url(client, world):
    meeting = MeetingFactory(coalition=world.coalition)
    theirs = FollowUpFactory(meeting=meeting, assignee_user=world.coordinator)
    client.force_login(world.partner)
    response = client.post(url(world, "coordination:follow_up_status", theirs.pk), {"status": "done"})
    assert response.status_code == 403
    with scopes_disabled():
        theirs.refresh_from_db()
    assert theirs.status == "open"


def test_a_funder_sees_date_kind_and_decisions_but_not_the_details_unless_shared(client, world):
    meeting = MeetingFactory(coalition=world.coalition, agenda="Point confidentiel", minutes="Notes internes",
                             minutes_published_at=timezone.now())
    DecisionFactory(meeting=meeting, number=1, text="Décision publique")
    FollowUpFactory(meeting=meeting, what="Suivi interne", assignee_user=world.partner)
    client.force_login(world.funder)
    page = client.get(url(world, "coordination:meeting", meeting.pk)).content.decode()
    assert "Décision publique" in page and meeting.title in page
    assert "Point confidentiel" not in page and "Notes internes" not in page and "Suivi interne" not in page
    ics = client.get(url(world, "coordination:meeting_ics", meeting.pk)).content.decode()
    assert "Point confidentiel" not in ics
    assert client.post(url(world, "coordination:meeting_comment", meeting.pk), {"body": "Bonjour"}).status_code == 403
    with scopes_disabled():
        Meeting.objects.filter(pk=meeting.pk).update(shared_with_funders=True)
    page = client.get(url(world, "coordination:meeting", meeting.pk)).content.decode()
    assert "Point confidentiel" in page and "Notes internes" in page


def test_the_ics_download_parses_with_the_coalitions_time_zone(client, world):
    meeting = MeetingFactory(coalition=world.coalition, agenda="Bilan")
    client.force_login(world.partner)
    response = client.get(url(world, "coordination:meeting_ics", meeting.pk))
    assert response["Content-Type"].startswith("text/calendar")
    _cal, event = _event(response.content)
    assert event["dtstart"].params["TZID"] == world.coalition.time_zone
    assert event.decoded("dtstart") == meeting.starts_at


def test_publishing_empty_minutes_is_refused(client, world):
    meeting = MeetingFactory(coalition=world.coalition)
    client.force_login(world.coordinator)
    response = client.post(url(world, "coordination:meeting_minutes", meeting.pk), {"minutes": "", "publish": "on"})
    assert response.status_code == 200 and "minutes" in response.context["form"].errors
    client.post(url(world, "coordination:meeting_minutes", meeting.pk), {"minutes": "Compte rendu", "publish": "on"})
    with scopes_disabled():
        meeting.refresh_from_db()
    assert meeting.minutes_published_at is not None


def test_a_meeting_of_another_coalition_is_not_found(client, world):
    foreign = MeetingFactory(coalition=world.other_coalition)
    client.force_login(world.coordinator)
    assert client.get(url(world, "coordination:meeting", foreign.pk)).status_code == 404
    assert client.post(url(world, "coordination:meeting_edit", foreign.pk), _schedule(world)).status_code == 404


def test_a_failed_invitation_email_gives_its_key_back_so_the_retry_sends_it_once(world):
    meeting = MeetingFactory(coalition=world.coalition)
    InviteeFactory(meeting=meeting, user=world.partner)
    with mock.patch("coalitions.emails.EmailMultiAlternatives.send", side_effect=OSError("smtp down")):
        with pytest.raises(OSError), scope(coalition=world.coalition):
            invitations.send_meeting_invitations(meeting=meeting, sequence=0)
    with scopes_disabled():
        assert not SentReminder.objects.exists()
    with scope(coalition=world.coalition):
        assert invitations.send_meeting_invitations(meeting=meeting, sequence=0) == 1
        assert invitations.send_meeting_invitations(meeting=meeting, sequence=0) == 0
    assert [m.to for m in mail.outbox] == [[world.partner.email]]


def test_unticking_an_organization_removes_its_people_but_keeps_those_invited_by_name(client, world):
    named = MembershipFactory(coalition=world.coalition, role=Role.PARTNER).user
    client.force_login(world.coordinator)
    client.post(url(world, "coordination:meeting_create"), _schedule(world, invited_people=[named.pk]))
    with scopes_disabled():
        meeting = Meeting.objects.get()
        assert set(meeting.invitees.values_list("user_id", flat=True)) == {world.partner.pk, named.pk}
    form = client.get(url(world, "coordination:meeting_edit", meeting.pk)).context["form"]
    assert form.initial["invited_people"] == [named.pk]
    client.post(url(world, "coordination:meeting_edit", meeting.pk),
                _schedule(world, invited_organizations=[], invited_people=[named.pk]))
    with scopes_disabled():
        assert set(meeting.invitees.values_list("user_id", flat=True)) == {named.pk}


def test_the_emailed_ics_names_its_recipient_as_attendee(world, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(coalition=world.coalition)
    InviteeFactory(meeting=meeting, user=world.partner)
    with scope(coalition=world.coalition):
        invitations.send_meeting_invitations(meeting=meeting, sequence=0)
    calendar, event = _event(mail.outbox[0].attachments[0][1])
    assert str(calendar["method"]) == "REQUEST"
    assert str(event["attendee"]).lower() == f"mailto:{world.partner.email}"


def test_follow_ups_say_how_far_the_due_date_is(client, world):
    today = timezone.localdate()
    meeting = MeetingFactory(coalition=world.coalition)
    FollowUpFactory(meeting=meeting, assignee_user=world.partner, due_on=today + timedelta(days=3))
    FollowUpFactory(meeting=meeting, assignee_user=world.partner, due_on=today - timedelta(days=5))
    client.force_login(world.partner)
    page = client.get(url(world, "coordination:follow_ups")).content.decode()
    assert "dans 3 jours" in page and "en retard de 5 jours" in page


def test_a_partner_updates_a_follow_up_in_place_with_htmx(client, world):
    meeting = MeetingFactory(coalition=world.coalition, title="Comité de pilotage")
    follow_up = FollowUpFactory(meeting=meeting, what="Envoyer le bilan", assignee_user=world.partner)
    client.force_login(world.partner)
    response = client.post(url(world, "coordination:follow_up_status", follow_up.pk), {"status": "in_progress"},
                           HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.strip().startswith(f'<tr id="follow-up-{follow_up.pk}">')
    assert "Le suivi est mis à jour." in html and "Comité de pilotage" in html and "<html" not in html
    response = client.post(url(world, "coordination:follow_up_status", follow_up.pk), {"status": "n'importe quoi"},
                           HTTP_HX_REQUEST="true")
    assert "Choisissez un statut valide." in response.content.decode()
    with scopes_disabled():
        follow_up.refresh_from_db()
    assert follow_up.status == "in_progress"
