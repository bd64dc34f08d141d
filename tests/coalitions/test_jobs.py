"""coalitions.jobs: how every task enters a coalition, goes over all of them, and retries."""

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.message import EmailMessage
from django_scopes import get_scope, scope
from django_scopes.exceptions import ScopeError

from coalitions import jobs, services
from coalitions import tasks as coalition_tasks
from coalitions.models import Coalition, Invitation, Role
from config.celery import app
from coordination import tasks as coordination_tasks
from coordination.models.meetings import Meeting

from ..coordination.factories import MeetingFactory
from ..factories import CoalitionFactory

pytestmark = pytest.mark.django_db


def test_it_enters_the_coalitions_scope_and_leaves_it(world):
    mine = MeetingFactory(coalition=world.coalition)
    MeetingFactory(coalition=world.other_coalition)
    with jobs.coalition_scope(world.coalition.pk) as coalition:
        assert coalition == world.coalition
        assert get_scope()["coalition"] == world.coalition
        assert list(Meeting.objects.all()) == [mine]
    with pytest.raises(ScopeError):
        list(Meeting.objects.all())


def test_an_unknown_coalition_is_ignored_not_failed_nor_retried(world):
    gone = Coalition.objects.order_by("-pk").first().pk + 1
    body = mock.Mock()
    with pytest.raises(jobs.CoalitionGone), jobs.coalition_scope(gone):
        body()
    body.assert_not_called()
    # Queued, its task ends quietly (ignored): a coalition deleted since has nothing left to send.
    result = coordination_tasks.coalition_digest.delay(gone, "daily")
    assert result.state == "IGNORED"
    assert mail.outbox == []


def test_the_fan_out_queues_one_task_for_each_coalition_once(world):
    third = CoalitionFactory()
    task = mock.Mock()
    assert jobs.fan_out(task, "daily") == 3
    queued = sorted(call.args for call in task.delay.call_args_list)
    assert queued == sorted([(world.coalition.pk, "daily"), (world.other_coalition.pk, "daily"), (third.pk, "daily")])


def test_the_sweep_runs_once_in_each_coalitions_scope_and_adds_up(world):
    seen = []

    def work(coalition):
        seen.append((coalition.pk, get_scope()["coalition"].pk))
        return 2

    assert jobs.sweep(work) == 4
    assert sorted(seen) == sorted([(world.coalition.pk,) * 2, (world.other_coalition.pk,) * 2])


def test_every_task_that_sends_email_has_the_one_retry_policy():
    app.finalize(auto=True)
    network = {name for name, task in app.tasks.items() if isinstance(task, jobs.NetworkTask)}
    assert network == {
        "coalitions.tasks.send_invitation_email",
        "coalitions.tasks.send_inactivity_warning",
        "conditions.tasks.send_endorsement_request",
        "indicators.tasks.send_value_returned_email",
        "coordination.tasks.coalition_reminders",
        "coordination.tasks.coalition_digest",
        "coordination.tasks.coalition_weekly_summary",
        "coordination.tasks.send_meeting_invitations",
        "coordination.tasks.email_notifications",
    }
    for name in network:
        task = app.tasks[name]
        assert (task.autoretry_for, task.max_retries, task.time_limit) == ((OSError,), 6, 600), name


def test_an_email_that_fails_once_is_retried_and_sent_once(world):
    real_send = EmailMessage.send
    attempts = []

    def flaky(message, *args, **kwargs):
        attempts.append(message.to)
        if len(attempts) == 1:
            raise smtplib.SMTPServerDisconnected("the server went away")
        return real_send(message, *args, **kwargs)

    with mock.patch("celery.app.task.Task.apply_async"), scope(coalition=world.coalition):  # queued, not run
        invitation = services.invitation_create(actor=world.coordinator, coalition=world.coalition,
                                                email="nouvelle@exemple.org", role=Role.FUNDER,
                                                organization=world.organization)
    with mock.patch.object(EmailMessage, "send", flaky):
        # As a worker runs it (eagerly here): the failure is retried, not raised.
        result = coalition_tasks.send_invitation_email.apply((world.coalition.pk, invitation.pk, 1), throw=False)
    assert result.get() is True
    assert attempts == [["nouvelle@exemple.org"]] * 2
    assert [m.to for m in mail.outbox] == [["nouvelle@exemple.org"]]
    with scope(coalition=world.coalition):
        assert Invitation.objects.get().emailed_count == 1
