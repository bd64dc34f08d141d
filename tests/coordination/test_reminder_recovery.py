"""A worker killed between a reminder's key and its email: a later run sends it, once.

The kill is simulated with a BaseException raised by the email backend, which skips every
`except Exception` clean-up, as a SIGKILL would."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coordination import services, tasks
from coordination.models import Meeting, SentReminder

from .factories import InviteeFactory, MeetingFactory, NotificationPreferenceFactory
from .test_reminders import (
    MEETING_AT,
    _run,
    meeting,  # noqa: F401  (fixture)
)


class WorkerKilled(BaseException):
    pass


def _killed_at_the_first_email():
    return mock.patch("coordination.emails.EmailMessage.send", side_effect=WorkerKilled)


def test_a_reminder_whose_worker_died_before_the_email_is_sent_once_by_a_later_run(world, meeting):  # noqa: F811
    now = MEETING_AT - timedelta(hours=20)
    with _killed_at_the_first_email(), pytest.raises(WorkerKilled):
        _run(world, now)
    assert mail.outbox == []
    with scopes_disabled():
        assert SentReminder.objects.filter(delivered_at__isnull=True).count() == 1
    # Right after, the claim may belong to a worker still sending: nobody touches it.
    assert _run(world, now + timedelta(minutes=5)) == 1  # the other invitee, never claimed
    assert _run(world, now + timedelta(minutes=10)) == 0
    # Once stale, the claim is given back and the reminder goes out, once.
    assert _run(world, now + timedelta(minutes=16)) == 1
    assert _run(world, now + timedelta(minutes=31)) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.partner.email, meeting.silent.email])
    with scopes_disabled():
        assert not SentReminder.objects.filter(delivered_at__isnull=True).exists()


def test_delivered_keys_are_never_given_back_however_old(world, meeting):  # noqa: F811
    now = MEETING_AT - timedelta(hours=23)
    assert _run(world, now) == 2
    with scope(coalition=world.coalition):
        assert services.release_stale_claims(coalition=world.coalition, now=now + timedelta(days=30)) == 0
    assert _run(world, now + timedelta(hours=2)) == 0
    assert len(mail.outbox) == 2


def test_an_invitation_whose_task_never_ran_is_sent_by_the_next_reminder_run(world):
    with scopes_disabled():
        meeting = MeetingFactory(coalition=world.coalition, starts_at=MEETING_AT, title="Assemblée générale")
        InviteeFactory(meeting=meeting, user=world.partner)
        InviteeFactory(meeting=meeting, user=world.coordinator)
        NotificationPreferenceFactory(coalition=world.coalition, user=world.coordinator, kind="meeting_invitation",
                                      frequency="never")
        past = MeetingFactory(coalition=world.coalition, starts_at=MEETING_AT - timedelta(days=60))
        InviteeFactory(meeting=past, user=world.partner)
    now = MEETING_AT - timedelta(days=10)
    with scope(coalition=world.coalition):
        assert services.send_lost_invitations(coalition=world.coalition, now=now) == 1
        assert services.send_lost_invitations(coalition=world.coalition, now=now) == 0
    assert [m.to[0] for m in mail.outbox] == [world.partner.email]
    assert mail.outbox[0].attachments  # the .ics
    # The meeting changes (a new version) and the update's task is lost too: the next run sends it.
    with scopes_disabled():
        Meeting.objects.filter(pk=meeting.pk).update(sequence=1)
    assert tasks.coalition_reminders(world.coalition.pk, (now + timedelta(minutes=15)).isoformat()) == 1
    assert tasks.coalition_reminders(world.coalition.pk, (now + timedelta(minutes=30)).isoformat()) == 0
    assert len(mail.outbox) == 2


def test_an_invitation_killed_mid_send_goes_out_once_after_the_claim_is_stale(world):
    with scopes_disabled():
        meeting = MeetingFactory(coalition=world.coalition, starts_at=MEETING_AT)
        InviteeFactory(meeting=meeting, user=world.partner)
    now = timezone.now()  # the invitation task claims with the real clock
    with scope(coalition=world.coalition):
        with _killed_at_the_first_email(), pytest.raises(WorkerKilled):
            services.send_meeting_invitations(meeting=meeting, sequence=0)
        assert services.send_lost_invitations(coalition=world.coalition, now=now) == 0  # not stale yet
        assert services.send_lost_invitations(coalition=world.coalition, now=now + timedelta(minutes=20)) == 1
        assert services.send_lost_invitations(coalition=world.coalition, now=now + timedelta(minutes=40)) == 0
    assert len(mail.outbox) == 1


def test_a_weekly_summary_killed_mid_send_goes_out_once_on_a_later_monday_run(world, meeting):  # noqa: F811
    monday = MEETING_AT - timedelta(days=1)
    with scope(coalition=world.coalition):
        with _killed_at_the_first_email(), pytest.raises(WorkerKilled):
            services.send_weekly_summaries(coalition=world.coalition, now=monday)
        first = services.send_weekly_summaries(coalition=world.coalition, now=monday + timedelta(minutes=1))
        later = services.send_weekly_summaries(coalition=world.coalition, now=monday + timedelta(minutes=30))
        again = services.send_weekly_summaries(coalition=world.coalition, now=monday + timedelta(hours=1))
    assert (first, later, again) == (2, 1, 0)  # those never claimed; then the killed one; then nothing
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) == 3
