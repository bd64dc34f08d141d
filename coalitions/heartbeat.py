"""Worker liveness for /healthz. Beat queues ``coalitions.tasks.worker_heartbeat`` every
``EVERY_SECONDS``; the worker that runs it stamps the one WorkerHeartbeat row. A fresh stamp
says beat, the broker and a worker all turn; healthz reads it in its one query."""

from datetime import datetime, timedelta

from django.utils import timezone

from .models import WorkerHeartbeat

EVERY_SECONDS = 30
# Several missed beats, so a worker busy with a long task for a minute is not reported dead.
STALE_AFTER = timedelta(minutes=3)


def record() -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.bulk_create(
        [WorkerHeartbeat(beat_at=now)], update_conflicts=True, unique_fields=["id"], update_fields=["beat_at"]
    )


def last_beat() -> datetime | None:
    return WorkerHeartbeat.objects.values_list("beat_at", flat=True).first()


def worker_status(beat_at: datetime | None) -> str:
    if beat_at is None:
        return "absent"  # no worker has ever run it (or the worker and beat were never started)
    return "ok" if timezone.now() - beat_at <= STALE_AFTER else "stale"
