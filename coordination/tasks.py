"""Background work of conditions 4 and 5: thin tasks by id (coalitions.jobs); the claims and
the emails are in services.

config/celery.py collects BEAT_SCHEDULE; this module imports no model at import time, so it
can be read before Django is set up. The beat tasks fan out one task per coalition, so a slow
coalition does not hold the others up; each coalition task is idempotent (exactly-once keys in
SentReminder, Notification.emailed_at) and retried with NetworkTask's policy.
"""

from celery import shared_task
from celery.schedules import crontab
from django.utils.dateparse import parse_datetime

from coalitions.jobs import NetworkTask, coalition_scope, fan_out

BEAT_SCHEDULE = {
    "coordination-reminders": {"task": "coordination.tasks.fan_out_reminders", "schedule": crontab(minute="*/15")},
    "coordination-daily-digest": {
        "task": "coordination.tasks.fan_out_digests", "schedule": crontab(hour=7, minute=0), "args": ("daily",),
    },
    "coordination-weekly-summary": {
        # Half-hourly on Monday morning: once per person and week (keyed), and a summary whose
        # worker died is sent by the next run.
        "task": "coordination.tasks.fan_out_weekly_summaries",
        "schedule": crontab(hour="7-11", minute="0,30", day_of_week=1),
    },
    "coordination-weekly-digest": {
        "task": "coordination.tasks.fan_out_digests", "schedule": crontab(hour=7, minute=0, day_of_week=1),
        "args": ("weekly",),
    },
}


def _at(now: str | None):
    return parse_datetime(now) if now else None


@shared_task
def fan_out_reminders(now: str | None = None) -> int:
    return fan_out(coalition_reminders, now)


@shared_task(base=NetworkTask)
def coalition_reminders(coalition_id: int, now: str | None = None) -> int:
    from .services import invitations, notifications, reminders

    with coalition_scope(coalition_id) as coalition:
        return (reminders.send_due_reminders(coalition=coalition, now=_at(now))
                + invitations.send_lost_invitations(coalition=coalition, now=_at(now))
                + notifications.send_lost_notification_emails(coalition=coalition, now=_at(now)))


@shared_task
def fan_out_digests(frequency: str) -> int:
    return fan_out(coalition_digest, frequency)


@shared_task(base=NetworkTask)
def coalition_digest(coalition_id: int, frequency: str) -> int:
    from .services import notifications

    with coalition_scope(coalition_id) as coalition:
        return notifications.send_digests(coalition=coalition, frequency=frequency)


@shared_task(base=NetworkTask)
def send_meeting_invitations(coalition_id: int, meeting_id: int, sequence: int) -> int:
    from .models.meetings import Meeting
    from .services import invitations

    with coalition_scope(coalition_id):
        meeting = Meeting.objects.select_related("coalition", "created_by").filter(pk=meeting_id).first()
        return invitations.send_meeting_invitations(meeting=meeting, sequence=sequence) if meeting else 0


@shared_task(base=NetworkTask)
def email_notifications(coalition_id: int, notification_ids: list[int]) -> int:
    from .services import notifications

    with coalition_scope(coalition_id) as coalition:
        return notifications.email_notifications(coalition=coalition, notification_ids=notification_ids)


@shared_task
def fan_out_weekly_summaries(now: str | None = None) -> int:
    return fan_out(coalition_weekly_summary, now)


@shared_task(base=NetworkTask)
def coalition_weekly_summary(coalition_id: int, now: str | None = None) -> int:
    from .services import summaries

    with coalition_scope(coalition_id) as coalition:
        return summaries.send_weekly_summaries(coalition=coalition, now=_at(now))

