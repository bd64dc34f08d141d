"""Reminders: the right time (frozen clock passed as `now`), preferences and coalition settings,
and exactly once under duplicate and parallel runs."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions.models import Role
from coordination import tasks
from coordination.models.communication import Notification
from coordination.models.reminders import ReminderSettings, SentReminder
from coordination.services import meetings, notifications, summaries

from ..factories import MembershipFactory, everyone_wants_the_weekly_summary
from .factories import (
    FollowUpFactory,
    InviteeFactory,
    MeetingFactory,
    NotificationPreferenceFactory,
    ReminderSettingsFactory,
)
from .helpers import MEETING_AT, TORONTO, recipients, run_reminders
from .parallel import run_in_parallel

INDICATOR_FIELDS = {"indicator_days_before": "7", "indicator_escalation_days": "7", "endorsement_days_after": "7"}


def test_the_meeting_reminder_goes_the_day_before_to_those_who_have_not_declined(world, meeting):
    assert run_reminders(world, MEETING_AT - timedelta(days=2)) == 0
    assert run_reminders(world, MEETING_AT - timedelta(hours=23)) == 2
    assert recipients() == sorted([world.partner.email, meeting.silent.email])
    assert "Rappel" in mail.outbox[0].subject and "Comité de pilotage" in mail.outbox[0].subject
    assert run_reminders(world, MEETING_AT + timedelta(hours=1)) == 0  # too late: the meeting started


def test_running_the_reminders_twice_sends_each_once(world, meeting):
    now = MEETING_AT - timedelta(hours=20)
    assert run_reminders(world, now) == 2
    assert run_reminders(world, now) == 0
    assert run_reminders(world, now + timedelta(hours=3)) == 0
    assert len(mail.outbox) == 2
    with scopes_disabled():
        assert SentReminder.objects.filter(kind="meeting").count() == 2


def test_a_coalition_can_turn_meeting_reminders_off_or_change_the_delay(world, meeting):
    settings = ReminderSettingsFactory(coalition=world.coalition, meeting_enabled=False)
    assert run_reminders(world, MEETING_AT - timedelta(hours=20)) == 0
    with scopes_disabled():
        ReminderSettings.objects.filter(pk=settings.pk).update(meeting_enabled=True, meeting_days_before=3)
    assert run_reminders(world, MEETING_AT - timedelta(days=2, hours=20)) == 2


def test_a_person_who_chose_never_gets_no_reminder_and_a_digest_reader_gets_no_email(world, meeting):
    NotificationPreferenceFactory(coalition=world.coalition, user=world.partner, kind="meeting_reminder",
                                  frequency="never")
    NotificationPreferenceFactory(coalition=world.coalition, user=meeting.silent, kind="meeting_reminder",
                                  frequency="daily")
    run_reminders(world, MEETING_AT - timedelta(hours=20))
    assert mail.outbox == []
    with scopes_disabled():
        assert list(Notification.objects.values_list("recipient_id", flat=True)) == [meeting.silent.pk]
        assert not SentReminder.objects.filter(recipient=world.partner).exists()
    with scope(coalition=world.coalition):
        assert notifications.send_digests(coalition=world.coalition, frequency="daily", now=MEETING_AT) == 1
        assert notifications.send_digests(coalition=world.coalition, frequency="daily", now=MEETING_AT) == 0
    assert recipients() == [meeting.silent.email]
    assert "Comité de pilotage" in mail.outbox[0].body


def test_coordinators_are_reminded_to_publish_the_minutes_after_the_delay(world, meeting):
    end = MEETING_AT + timedelta(minutes=meeting.duration_minutes)
    assert run_reminders(world, end + timedelta(days=1)) == 0  # default delay: 2 days
    assert run_reminders(world, end + timedelta(days=2, minutes=1)) == 1
    assert recipients() == [world.coordinator.email]
    assert run_reminders(world, end + timedelta(days=3)) == 0


def test_no_minutes_reminder_once_the_minutes_are_published(world, meeting):
    with scope(coalition=world.coalition):
        meetings.meeting_save_minutes(actor=world.coordinator, meeting=meeting, minutes="Compte rendu", publish=True)
    assert run_reminders(world, MEETING_AT + timedelta(days=3)) == 0


def test_follow_ups_are_reminded_before_and_when_due_to_the_person_and_the_organization(world, meeting):
    due = MEETING_AT.date() + timedelta(days=20)
    FollowUpFactory(meeting=meeting, what="Envoyer le bilan", assignee_organization=world.organization,
                    due_on=due)
    FollowUpFactory(meeting=meeting, what="Déjà fait", assignee_user=world.coordinator, due_on=due,
                    status="done")
    ReminderSettingsFactory(coalition=world.coalition, meeting_enabled=False, minutes_enabled=False)
    at_nine = datetime.combine(due, datetime.min.time(), tzinfo=TORONTO) + timedelta(hours=9)
    assert run_reminders(world, at_nine - timedelta(days=4)) == 0
    assert run_reminders(world, at_nine - timedelta(days=3)) == 1  # default: 3 days before
    assert run_reminders(world, at_nine - timedelta(days=2)) == 0  # once
    assert run_reminders(world, at_nine) == 1  # and on the day
    assert run_reminders(world, at_nine + timedelta(hours=5)) == 0
    assert recipients() == [world.partner.email, world.partner.email]
    assert [("bientôt" in m.subject.lower()) for m in mail.outbox] == [True, False]


def test_a_follow_up_done_is_not_reminded(world, meeting):
    FollowUpFactory(meeting=meeting, assignee_user=world.partner, due_on=MEETING_AT.date(), status="done")
    ReminderSettingsFactory(coalition=world.coalition, meeting_enabled=False, minutes_enabled=False)
    assert run_reminders(world, MEETING_AT) == 0


def test_the_beat_task_fans_out_per_coalition_without_leaking_between_them(world, meeting):
    other_meeting = MeetingFactory(coalition=world.other_coalition, starts_at=MEETING_AT)
    InviteeFactory(meeting=other_meeting, user=world.other_member)
    assert tasks.fan_out_reminders((MEETING_AT - timedelta(hours=20)).isoformat()) >= 2
    # The factories wrote no invitation keys, so the run also sends the invitations it finds
    # missing (send_lost_invitations); the reminders are the emails that say « Rappel ».
    reminders = [m for m in mail.outbox if "Rappel" in m.subject]
    assert sorted(m.to[0] for m in reminders) == sorted([world.partner.email, meeting.silent.email,
                                                          world.other_member.email])
    other_mail = next(m for m in reminders if m.to == [world.other_member.email])
    assert world.coalition.name not in other_mail.subject


def test_the_beat_schedule_is_exposed_to_config_celery_and_importable_before_django_is_set_up():
    import os
    import subprocess
    import sys
    from pathlib import Path

    assert tasks.BEAT_SCHEDULE["coordination-reminders"]["task"] == "coordination.tasks.fan_out_reminders"
    assert tasks.coalition_reminders.retry_backoff is True
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    code = "from coordination.tasks import BEAT_SCHEDULE; print(len(BEAT_SCHEDULE))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd="/", check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(len(tasks.BEAT_SCHEDULE))


@pytest.mark.django_db(transaction=True)
def test_two_parallel_runs_send_each_reminder_once(world, meeting):
    now = MEETING_AT - timedelta(hours=20)
    results, errors = run_in_parallel(lambda: run_reminders(world, now))
    assert errors == []
    assert sum(results) == 2
    assert recipients() == sorted([world.partner.email, meeting.silent.email])


def test_a_coordinator_edits_the_reminder_settings_and_sees_the_schedule(client, world, meeting):
    client.force_login(world.coordinator)
    url = reverse("coordination:reminders", args=[world.coalition.slug])
    response = client.post(url, {"meeting_enabled": "on", "meeting_days_before": "99", "minutes_days_after": "2",
                                 "follow_up_days_before": "3", **INDICATOR_FIELDS})
    assert response.status_code == 200 and "meeting_days_before" in response.context["form"].errors
    with scopes_disabled():
        assert not ReminderSettings.objects.exists()
    response = client.post(url, {"meeting_enabled": "on", "meeting_days_before": "2", "minutes_days_after": "1",
                                 "follow_up_days_before": "5", **INDICATOR_FIELDS})
    assert response.status_code == 302
    with scopes_disabled():
        saved = ReminderSettings.objects.get(coalition=world.coalition)
    assert (saved.meeting_days_before, saved.minutes_enabled, saved.follow_up_days_before) == (2, False, 5)
    soon = MeetingFactory(coalition=world.coalition, title="Rencontre de la semaine prochaine")
    InviteeFactory(meeting=soon, user=world.partner)
    page = client.get(url).content.decode()
    assert "Rencontre de la semaine prochaine" in page


def test_a_reminder_whose_email_fails_is_sent_by_the_retry_and_not_twice(world, meeting):
    from unittest import mock

    now = MEETING_AT - timedelta(hours=20)
    with mock.patch("coalitions.emails.EmailMultiAlternatives.send", side_effect=ConnectionError("smtp down")):
        with pytest.raises(ConnectionError):
            run_reminders(world, now)
    with scopes_disabled():
        assert not SentReminder.objects.exists() and not Notification.objects.exists()
    assert run_reminders(world, now) == 2
    assert run_reminders(world, now) == 0
    assert len(mail.outbox) == 2


def test_the_weekly_summary_holds_what_concerns_each_person_once_a_week_and_nothing_from_elsewhere(world, meeting):
    FollowUpFactory(meeting=meeting, what="Bilan de l'organisme", assignee_organization=world.organization,
                    due_on=MEETING_AT.date() - timedelta(days=20))
    FollowUpFactory(meeting=meeting, what="Tâche de la coordination", assignee_user=world.coordinator,
                    due_on=MEETING_AT.date() - timedelta(days=20))
    foreign = MeetingFactory(coalition=world.other_coalition, starts_at=MEETING_AT, title="Rencontre d'ailleurs")
    FollowUpFactory(meeting=foreign, what="Suivi d'ailleurs", due_on=MEETING_AT.date() - timedelta(days=20))
    everyone_wants_the_weekly_summary()
    monday = MEETING_AT - timedelta(days=1)
    with scope(coalition=world.coalition):
        sent = summaries.send_weekly_summaries(coalition=world.coalition, now=monday)
        again = summaries.send_weekly_summaries(coalition=world.coalition, now=monday + timedelta(hours=3))
    assert (sent, again) == (3, 0)  # the coordinator, the partner and the invitee who has not answered
    by_person = {m.to[0]: m.body for m in mail.outbox}
    coordinator, partner = by_person[world.coordinator.email], by_person[world.partner.email]
    assert "Bilan de l'organisme" in coordinator and "Tâche de la coordination" in coordinator
    assert "Comité de pilotage" in coordinator and "ailleurs" not in coordinator
    assert "Bilan de l'organisme" in partner and "Tâche de la coordination" not in partner
    assert "Suivis en retard" in partner
    assert world.funder.email not in by_person


def test_the_weekly_summary_can_be_turned_off_by_the_coalition(world, meeting):
    ReminderSettingsFactory(coalition=world.coalition, weekly_summary_enabled=False)
    with scope(coalition=world.coalition):
        assert summaries.send_weekly_summaries(coalition=world.coalition, now=MEETING_AT - timedelta(days=1)) == 0


def test_follow_up_reminders_skip_the_funders_of_the_assigned_organization(world, meeting):
    MembershipFactory(coalition=world.coalition, role=Role.FUNDER, organization=world.organization)
    FollowUpFactory(meeting=meeting, assignee_organization=world.organization, due_on=MEETING_AT.date())
    ReminderSettingsFactory(coalition=world.coalition, meeting_enabled=False, minutes_enabled=False)
    assert run_reminders(world, MEETING_AT) == 1
    assert recipients() == [world.partner.email]
