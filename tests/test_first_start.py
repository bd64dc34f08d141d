"""Issue 13, points 15 and 16: the first start (`make run`: seed_demo, then serve_all with a
worker and beat) sends nothing for the demo's seeded history, and a demo partner does not start
with a pile of unread notifications. The demo's history stays visible in the app."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions import tasks as coalition_tasks
from coalitions.models import Invitation
from conditions import tasks as condition_tasks
from conditions.models import EndorsementRequest
from coordination import tasks as coordination_tasks
from coordination.models.communication import Notification
from coordination.models.reminders import SentReminder
from indicators import tasks as indicator_tasks
from indicators.models import IndicatorValue


def test_seeding_the_demo_and_running_every_sweep_sends_nothing_and_leaves_nothing_unread(
        db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the tasks queued by the seed run (inline)
        call_command("seed_demo", verbosity=0)
    assert mail.outbox == []
    with scopes_disabled():
        assert Notification.objects.exists()  # the history is there to read...
        assert not Notification.objects.filter(read_at__isnull=True).exists()  # ...and starts out read
        assert EndorsementRequest.objects.filter(recipient__isnull=False).exists()
        assert SentReminder.objects.exists()  # what the history makes due now counts as sent
        # Twenty minutes on, the worker's beat runs every sweep of lost emails and the reminders.
        earlier = timezone.now() - timedelta(minutes=20)
        Notification.objects.update(created_at=earlier)
        EndorsementRequest.objects.update(created_at=earlier)
        Invitation.objects.update(last_sent_at=earlier)
        IndicatorValue.objects.filter(reviewed_at__isnull=False).update(reviewed_at=earlier)
    with django_capture_on_commit_callbacks(execute=True):
        coalition_tasks.send_lost_invitation_emails()
        condition_tasks.send_lost_endorsement_requests()
        indicator_tasks.send_lost_value_returned_emails()
        coordination_tasks.fan_out_reminders()
        coordination_tasks.fan_out_digests("daily")
        coordination_tasks.fan_out_digests("weekly")
    assert [m.subject for m in mail.outbox] == []
    with scopes_disabled():
        assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_only_seeded_history_goes_unsent(world, django_capture_on_commit_callbacks):
    from coalitions.emails import history_without_notifying

    from .conditions.test_agenda import make_representative, publish

    make_representative(world)
    with django_capture_on_commit_callbacks(execute=True), history_without_notifying():
        seeded = publish(world)
    assert mail.outbox == []
    with scopes_disabled():
        assert EndorsementRequest.objects.get(version=seeded, recipient=world.partner).emailed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        publish(world, "Deuxième version")
    assert [m.to for m in mail.outbox] == [[world.partner.email]]
