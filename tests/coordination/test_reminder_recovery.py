"""A worker killed between a reminder's key and its email: a later run sends it, once.

The kill is simulated with a BaseException raised by the email backend, which skips every
`except Exception` clean-up, as a SIGKILL would."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coordination import tasks
from coordination.models.meetings import Meeting
from coordination.models.reminders import SentReminder
from coordination.services import claims, invitations, notifications, summaries

from ..factories import everyone_wants_the_weekly_summary
from .factories import InviteeFactory, MeetingFactory, NotificationPreferenceFactory
from .helpers import MEETING_AT, run_reminders


class WorkerKilled(BaseException):
    pass


def _killed_at_the_first_email():
    return mock.patch("coalitions.emails.EmailMultiAlternatives.send", side_effect=WorkerKilled)


def _later(minutes: int):
    """The real clock, moved on: claims and their staleness follow it, not a run's ``now``."""
    return mock.patch("coordination.services.claims.clock",
                      return_value=timezone.now() + timedelta(minutes=minutes))


def test_a_reminder_whose_worker_died_before_the_email_is_sent_once_by_a_later_run(world, meeting):
    now = MEETING_AT - timedelta(hours=20)
    with _killed_at_the_first_email(), pytest.raises(WorkerKilled):
        run_reminders(world, now)
    assert mail.outbox == []
    with scopes_disabled():
        assert SentReminder.objects.filter(delivered_at__isnull=True).count() == 1
    # Right after, the claim may belong to a worker still sending: nobody touches it.
    with _later(5):
        assert run_reminders(world, now) == 1  # the other invitee, never claimed
    with _later(10):
        assert run_reminders(world, now) == 0
    # Once stale, the claim is given back and the reminder goes out, once.
    with _later(16):
        assert run_reminders(world, now) == 1
    with _later(31):
        assert run_reminders(world, now) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.partner.email, meeting.silent.email])
    with scopes_disabled():
        assert not SentReminder.objects.filter(delivered_at__isnull=True).exists()


def test_delivered_keys_are_never_given_back_however_old(world, meeting):
    now = MEETING_AT - timedelta(hours=23)
    assert run_reminders(world, now) == 2
    with scope(coalition=world.coalition), _later(60 * 24 * 30):
        assert claims.release_stale_claims(coalition=world.coalition) == 0
    assert run_reminders(world, now + timedelta(hours=2)) == 0
    assert len(mail.outbox) == 2


def test_an_invitation_whose_task_never_ran_is_sent_by_the_next_reminder_run(world):
    meeting = MeetingFactory(coalition=world.coalition, starts_at=MEETING_AT, title="Assemblée générale")
    InviteeFactory(meeting=meeting, user=world.partner)
    InviteeFactory(meeting=meeting, user=world.coordinator)
    NotificationPreferenceFactory(coalition=world.coalition, user=world.coordinator, kind="meeting_invitation",
                                  frequency="never")
    past = MeetingFactory(coalition=world.coalition, starts_at=MEETING_AT - timedelta(days=60))
    InviteeFactory(meeting=past, user=world.partner)
    now = MEETING_AT - timedelta(days=10)
    with scope(coalition=world.coalition):
        assert invitations.send_lost_invitations(coalition=world.coalition, now=now) == 1
        assert invitations.send_lost_invitations(coalition=world.coalition, now=now) == 0
    assert [m.to[0] for m in mail.outbox] == [world.partner.email]
    assert mail.outbox[0].attachments  # the .ics
    # The meeting changes (a new version) and the update's task is lost too: the next run sends it.
    with scopes_disabled():
        Meeting.objects.filter(pk=meeting.pk).update(sequence=1)
    assert tasks.coalition_reminders(world.coalition.pk, (now + timedelta(minutes=15)).isoformat()) == 1
    assert tasks.coalition_reminders(world.coalition.pk, (now + timedelta(minutes=30)).isoformat()) == 0
    assert len(mail.outbox) == 2


def test_an_invitation_killed_mid_send_goes_out_once_after_the_claim_is_stale(world):
    meeting = MeetingFactory(coalition=world.coalition, starts_at=MEETING_AT)
    InviteeFactory(meeting=meeting, user=world.partner)
    now = timezone.now()
    with scope(coalition=world.coalition):
        with _killed_at_the_first_email(), pytest.raises(WorkerKilled):
            invitations.send_meeting_invitations(meeting=meeting, sequence=0)
        assert invitations.send_lost_invitations(coalition=world.coalition, now=now) == 0  # not stale yet
        with _later(20):
            assert invitations.send_lost_invitations(coalition=world.coalition, now=now) == 1
        with _later(40):
            assert invitations.send_lost_invitations(coalition=world.coalition, now=now) == 0
    assert len(mail.outbox) == 1


def test_a_weekly_summary_killed_mid_send_goes_out_once_on_a_later_monday_run(world, meeting):
    everyone_wants_the_weekly_summary()
    monday = MEETING_AT - timedelta(days=1)
    with scope(coalition=world.coalition):
        with _killed_at_the_first_email(), pytest.raises(WorkerKilled):
            summaries.send_weekly_summaries(coalition=world.coalition, now=monday)
        with _later(1):
            first = summaries.send_weekly_summaries(coalition=world.coalition, now=monday + timedelta(minutes=1))
        with _later(30):
            later = summaries.send_weekly_summaries(coalition=world.coalition, now=monday + timedelta(minutes=30))
        with _later(60):
            again = summaries.send_weekly_summaries(coalition=world.coalition, now=monday + timedelta(hours=1))
    assert (first, later, again) == (2, 1, 0)  # those never claimed; then the killed one; then nothing
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) == 3


def test_a_catch_up_run_as_of_a_later_time_leaves_a_live_workers_fresh_claim_alone(world, meeting):
    now = MEETING_AT - timedelta(hours=20)
    with _killed_at_the_first_email(), pytest.raises(WorkerKilled):
        run_reminders(world, now)
    assert run_reminders(world, now + timedelta(hours=3)) == 1  # "as of" later, but the claim is seconds old
    assert len(mail.outbox) == 1


def _refusing(address, error):
    """An email backend that fails for one recipient only."""
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def send(message, *args, **kwargs):
        if address in message.to:
            raise error
        return real_send(message, *args, **kwargs)

    return mock.patch("coalitions.emails.EmailMultiAlternatives.send", send)


def test_one_unreachable_recipient_does_not_hold_up_the_others_and_the_retry_sends_it(world, meeting):
    now = MEETING_AT - timedelta(hours=20)
    with _refusing(world.partner.email, ConnectionError("greylisted")), pytest.raises(ConnectionError):
        run_reminders(world, now)
    assert [m.to[0] for m in mail.outbox] == [meeting.silent.email]  # the other one went out
    assert run_reminders(world, now) == 1  # the task's retry
    assert run_reminders(world, now) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.partner.email, meeting.silent.email])


def test_an_address_refused_for_good_is_not_retried(world, meeting):
    import smtplib

    now = MEETING_AT - timedelta(hours=20)
    refused = smtplib.SMTPRecipientsRefused({world.partner.email: (550, b"No such user")})
    with _refusing(world.partner.email, refused):
        run_reminders(world, now)  # no error: retrying would fail the same way
        assert run_reminders(world, now) == 0
    assert [m.to[0] for m in mail.outbox] == [meeting.silent.email]
    with scopes_disabled():
        assert not SentReminder.objects.filter(delivered_at__isnull=True).exists()


def test_a_digest_whose_email_fails_is_sent_by_the_retry(world):
    from coordination.models.communication import Notification

    NotificationPreferenceFactory(coalition=world.coalition, user=world.partner, kind="mention",
                                  frequency="daily")
    with scopes_disabled():
        Notification.objects.create(coalition=world.coalition, recipient=world.partner, kind="mention",
                                    event="mention", title="Vous êtes mentionné", url="/", created_at=timezone.now())
    with scope(coalition=world.coalition):
        with mock.patch("coalitions.emails.EmailMultiAlternatives.send", side_effect=ConnectionError("down")):
            with pytest.raises(ConnectionError):
                notifications.send_digests(coalition=world.coalition, frequency="daily")
        assert notifications.send_digests(coalition=world.coalition, frequency="daily") == 1
        assert notifications.send_digests(coalition=world.coalition, frequency="daily") == 0
    assert len(mail.outbox) == 1
