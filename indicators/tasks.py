"""Background work of shared measurement: thin tasks by id (coalitions.jobs); the claims and
the emails are in services."""

from celery import shared_task
from celery.schedules import crontab

from coalitions.dates import local_today
from coalitions.jobs import NetworkTask, coalition_scope, fan_out, sweep

from . import rollups

# A rollup lost with its worker is recomputed by the nightly run.
BEAT_SCHEDULE = {
    "indicators-lost-returned-value-emails": {
        "task": "indicators.tasks.send_lost_value_returned_emails",
        "schedule": crontab(minute="*/15"),
    },
    "indicators-nightly-rollups": {
        "task": "indicators.tasks.recompute_all_rollups",
        "schedule": crontab(hour=2, minute=30),
    },
    "indicators-nightly-periods": {
        "task": "indicators.tasks.sync_all_periods",
        "schedule": crontab(hour=1, minute=45),
    },
}


@shared_task
def recompute_rollups(coalition_id: int, keys: list[list[int]] | None = None) -> tuple[int, int]:
    """Recompute the coalition values of the given [indicator_id, period_id] keys (all if None)."""
    with coalition_scope(coalition_id) as coalition:
        return rollups.recompute(coalition.pk, [tuple(k) for k in keys] if keys is not None else None)


@shared_task
def recompute_all_rollups() -> int:
    """The nightly full recompute, one task per coalition."""
    return fan_out(recompute_rollups)


@shared_task
def sync_periods(coalition_id: int) -> int:
    """Open the periods that started since yesterday, for every indicator of the coalition."""
    from .models import Indicator
    from .services import framework

    with coalition_scope(coalition_id) as coalition:
        today = local_today(coalition)
        return sum(framework.periods_sync(indicator=indicator, today=today)
                   for indicator in Indicator.objects.filter(coalition=coalition))


@shared_task
def sync_all_periods() -> int:
    """The nightly opening of periods, one task per coalition."""
    return fan_out(sync_periods)


@shared_task(base=NetworkTask)
def send_value_returned_email(coalition_id: int, value_id: int, return_number: int) -> int:
    from .services import review

    with coalition_scope(coalition_id) as coalition:
        return review.send_value_returned_email(coalition=coalition, value_id=value_id, return_number=return_number)


@shared_task
def send_lost_value_returned_emails() -> int:
    from .services import review

    return sweep(lambda coalition: review.send_lost_value_returned_emails(coalition=coalition))


def _run_import(step: str, coalition_id: int, import_id: int) -> str:
    """Run one step of an import (services/import_jobs.py) in the coalition's scope; a step that
    raises marks the import failed, so its page stops waiting."""
    from .services import import_jobs

    with coalition_scope(coalition_id):
        try:
            return getattr(import_jobs, step)(import_id=import_id).status
        except Exception:
            import_jobs.import_fail(import_id=import_id)
            raise


@shared_task(acks_late=False)
def check_import(coalition_id: int, import_id: int) -> str:
    """Read and check a large uploaded file (idempotent: only an import still being checked)."""
    return _run_import("import_check", coalition_id, import_id)


@shared_task(acks_late=False)
def save_import(coalition_id: int, import_id: int) -> str:
    """Write a confirmed import (idempotent: only an import confirmed and not yet written)."""
    return _run_import("import_save", coalition_id, import_id)
