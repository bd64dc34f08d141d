"""Issue 10, point 6, in one process: every email that matters is found again in the database
when its task is lost (the broker dropped the message, or the worker died while sending), and
the periodic sweeps send it once, LOST_AFTER minutes later. tests/test_killed_worker.py does
the same with a real worker killed by SIGKILL."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db.models import F
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coalitions import services as coalition_services
from coalitions import tasks as coalition_tasks
from coalitions.models import Invitation, Role
from conditions import tasks as condition_tasks
from conditions.models import EndorsementRequest
from config.celery import app
from coordination import tasks as coordination_tasks
from coordination.models.communication import Notification
from coordination.services import communication, notifications
from indicators import tasks as indicator_tasks
from indicators.models import ValueStatus

from .conditions.factories import AgendaVersionFactory
from .coordination.factories import NotificationFactory, NotificationPreferenceFactory
from .indicators.factories import IndicatorValueFactory

pytestmark = pytest.mark.django_db(transaction=True)


class WorkerKilled(BaseException):
    """Skips every `except Exception`, as a SIGKILL would; the open transaction rolls back."""


def _broker_loses_every_message():
    return mock.patch("celery.app.task.Task.apply_async")


def _killed_while_sending():
    return mock.patch("django.core.mail.message.EmailMessage.send", side_effect=WorkerKilled)


def _ten_minutes_pass():
    with scopes_disabled():
        Invitation.objects.update(last_sent_at=F("last_sent_at") - timedelta(minutes=11))
        Notification.objects.update(created_at=F("created_at") - timedelta(minutes=11))
        EndorsementRequest.objects.update(created_at=F("created_at") - timedelta(minutes=11))


def test_every_periodic_sweep_reaches_beat():
    app.finalize(auto=True)
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"coalitions.tasks.send_lost_invitation_emails", "conditions.tasks.send_lost_endorsement_requests",
            "indicators.tasks.send_lost_value_returned_emails", "coordination.tasks.fan_out_reminders"} <= tasks


def test_an_invitation_whose_message_was_lost_is_emailed_once_by_the_sweep(world):
    with _broker_loses_every_message(), scope(coalition=world.coalition):
        coalition_services.invitation_create(actor=world.coordinator, coalition=world.coalition,
                                             email="perdue@exemple.org", role=Role.FUNDER,
                                             organization=world.organization)
    assert mail.outbox == []
    assert coalition_tasks.send_lost_invitation_emails() == 0  # its task may still be on its way
    _ten_minutes_pass()
    assert coalition_tasks.send_lost_invitation_emails() == 1
    assert coalition_tasks.send_lost_invitation_emails() == 0
    assert [m.to for m in mail.outbox] == [["perdue@exemple.org"]]


def test_an_invitation_whose_worker_died_while_sending_is_emailed_by_the_sweep(world):
    with _killed_while_sending(), pytest.raises(WorkerKilled), scope(coalition=world.coalition):
        coalition_services.invitation_create(actor=world.coordinator, coalition=world.coalition,
                                             email="coupee@exemple.org", role=Role.FUNDER,
                                             organization=world.organization)
    with scopes_disabled():
        assert Invitation.objects.get().emailed_count == 0  # the claim died with the email
    _ten_minutes_pass()
    assert coalition_tasks.send_lost_invitation_emails() == 1
    assert [m.to for m in mail.outbox] == [["coupee@exemple.org"]]


def test_lost_notification_emails_go_out_with_the_reminder_run_once_and_not_to_digest_readers(world):
    NotificationPreferenceFactory(coalition=world.coalition, user=world.funder, kind="announcement",
                                  frequency="daily")
    with _broker_loses_every_message(), scope(coalition=world.coalition):
        communication.announcement_create(actor=world.coordinator, coalition=world.coalition,
                                                  title="Assemblée", body="Jeudi")
    with _killed_while_sending(), pytest.raises(WorkerKilled), scope(coalition=world.coalition):
        notifications.email_notifications(
            coalition=world.coalition,
            notification_ids=list(Notification.objects.filter(recipient=world.partner).values_list("pk", flat=True)))
    assert coordination_tasks.coalition_reminders(world.coalition.pk) == 0
    _ten_minutes_pass()
    assert coordination_tasks.coalition_reminders(world.coalition.pk) == 1
    assert coordination_tasks.coalition_reminders(world.coalition.pk) == 0
    assert [m.to for m in mail.outbox] == [[world.partner.email]]  # the funder reads it in the digest
    assert coordination_tasks.coalition_digest(world.coalition.pk, "daily") == 1
    assert [m.to for m in mail.outbox][1:] == [[world.funder.email]]


def test_a_digest_whose_worker_died_while_sending_keeps_its_notifications_for_the_next(world):
    NotificationPreferenceFactory(coalition=world.coalition, user=world.partner, kind="mention",
                                  frequency="daily")
    NotificationFactory(coalition=world.coalition, recipient=world.partner, kind="mention",
                        created_at=timezone.now() - timedelta(hours=3))
    with _killed_while_sending(), pytest.raises(WorkerKilled):
        coordination_tasks.coalition_digest(world.coalition.pk, "daily")
    assert coordination_tasks.coalition_digest(world.coalition.pk, "daily") == 1
    assert coordination_tasks.coalition_digest(world.coalition.pk, "daily") == 0
    assert len(mail.outbox) == 1


def test_a_lost_endorsement_request_is_emailed_once_by_the_sweep(world):
    with scopes_disabled():
        world.organization.representative = world.partner
        world.organization.save()
        version = AgendaVersionFactory(coalition=world.coalition)
        EndorsementRequest.objects.create(coalition=world.coalition, version=version, organization=world.organization,
                                          recipient=world.partner)
    assert condition_tasks.send_lost_endorsement_requests() == 0
    _ten_minutes_pass()
    with _killed_while_sending(), pytest.raises(WorkerKilled):
        condition_tasks.send_lost_endorsement_requests()
    assert condition_tasks.send_lost_endorsement_requests() == 1
    assert condition_tasks.send_lost_endorsement_requests() == 0
    assert [m.to for m in mail.outbox] == [[world.partner.email]]


def test_a_lost_returned_value_email_is_sent_once_by_the_sweep(world):
    value = IndicatorValueFactory(coalition=world.coalition, organization=world.organization,
                                  entered_by=world.partner, status=ValueStatus.RETURNED, return_count=1,
                                  review_note="Vérifiez le total", reviewed_at=timezone.now())
    assert indicator_tasks.send_lost_value_returned_emails() == 0
    with scopes_disabled():
        type(value).objects.filter(pk=value.pk).update(reviewed_at=timezone.now() - timedelta(minutes=11))
    with _killed_while_sending(), pytest.raises(WorkerKilled):
        indicator_tasks.send_lost_value_returned_emails()
    assert indicator_tasks.send_lost_value_returned_emails() == 1
    assert indicator_tasks.send_lost_value_returned_emails() == 0
    assert [m.to for m in mail.outbox] == [[world.partner.email]]
