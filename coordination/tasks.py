"""Celery tasks of conditions 4 and 5: thin, idempotent, by id, inside the coalition's scope.

config/settings.py merges BEAT_SCHEDULE into CELERY_BEAT_SCHEDULE; this module imports no model at
import time, so settings can import it. The beat tasks fan out one
task per coalition, so a slow coalition does not hold the others up; each coalition task is
idempotent (exactly-once keys in SentReminder / Notification.emailed_at) and retried with backoff.
"""

from celery import shared_task
from celery.schedules import crontab
from django.utils.dateparse import parse_datetime
from django_scopes import scope, scopes_disabled

# Every per-coalition email task: retried with backoff, and stopped if stuck, well within the
# reminders' STALE_CLAIM (a claim older than that is taken for a dead worker's).
RETRY = {"autoretry_for": (ConnectionError, OSError, TimeoutError), "retry_backoff": True,
         "retry_backoff_max": 600, "retry_jitter": True, "max_retries": 6,
         "soft_time_limit": 540, "time_limit": 600}

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


def _coalition(coalition_id: int):
    from coalitions.models import Coalition

    return Coalition.objects.get(pk=coalition_id)


def _coalition_ids() -> list[int]:
    from coalitions.models import Coalition

    with scopes_disabled():  # the one place that lists every coalition
        return list(Coalition.objects.values_list("pk", flat=True))


@shared_task
def fan_out_reminders(now: str | None = None) -> int:
    ids = _coalition_ids()
    for coalition_id in ids:
        coalition_reminders.delay(coalition_id, now)
    return len(ids)


@shared_task(**RETRY)
def coalition_reminders(coalition_id: int, now: str | None = None) -> int:
    from . import services

    coalition = _coalition(coalition_id)
    now = parse_datetime(now) if now else None
    with scope(coalition=coalition):
        return (services.send_due_reminders(coalition=coalition, now=now)
                + services.send_lost_invitations(coalition=coalition, now=now)
                + services.send_lost_notification_emails(coalition=coalition, now=now))


@shared_task
def fan_out_digests(frequency: str) -> int:
    ids = _coalition_ids()
    for coalition_id in ids:
        coalition_digest.delay(coalition_id, frequency)
    return len(ids)


@shared_task(**RETRY)
def coalition_digest(coalition_id: int, frequency: str) -> int:
    from . import services

    coalition = _coalition(coalition_id)
    with scope(coalition=coalition):
        return services.send_digests(coalition=coalition, frequency=frequency)


@shared_task(**RETRY)
def send_meeting_invitations(coalition_id: int, meeting_id: int, sequence: int) -> int:
    from . import services
    from .models.meetings import Meeting

    coalition = _coalition(coalition_id)
    with scope(coalition=coalition):
        meeting = Meeting.objects.select_related("coalition", "created_by").filter(pk=meeting_id).first()
        if meeting is None:
            return 0
        return services.send_meeting_invitations(meeting=meeting, sequence=sequence)


@shared_task(**RETRY)
def email_notifications(coalition_id: int, notification_ids: list[int]) -> int:
    from . import services

    coalition = _coalition(coalition_id)
    with scope(coalition=coalition):
        return services.email_notifications(coalition=coalition, notification_ids=notification_ids)


@shared_task
def fan_out_weekly_summaries(now: str | None = None) -> int:
    ids = _coalition_ids()
    for coalition_id in ids:
        coalition_weekly_summary.delay(coalition_id, now)
    return len(ids)


@shared_task(**RETRY)
def coalition_weekly_summary(coalition_id: int, now: str | None = None) -> int:
    from . import services

    coalition = _coalition(coalition_id)
    with scope(coalition=coalition):
        return services.send_weekly_summaries(coalition=coalition, now=parse_datetime(now) if now else None)

