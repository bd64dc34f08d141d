"""Background work of shared measurement. Tasks take ids, run inside the coalition's scope
and are idempotent."""

import logging

from celery import shared_task
from celery.schedules import crontab
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coalitions.dates import local_today
from coalitions.emails import LOST_AFTER, send_email
from coalitions.models import Coalition

from . import rollups

logger = logging.getLogger(__name__)

# Collected by config/celery.py. A rollup lost with its worker is recomputed by the nightly run.
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
    coalition = Coalition.objects.get(pk=coalition_id)
    with scope(coalition=coalition):
        return rollups.recompute(coalition.pk, [tuple(k) for k in keys] if keys is not None else None)


@shared_task
def recompute_all_rollups() -> int:
    """The nightly full recompute: the only fan-out over every coalition."""
    with scopes_disabled():
        ids = list(Coalition.objects.values_list("pk", flat=True))
    for coalition_id in ids:
        recompute_rollups(coalition_id)
    return len(ids)


@shared_task
def sync_all_periods() -> int:
    """Open the periods that started since yesterday, for every indicator of every coalition."""
    from .models import Indicator
    from .services import framework

    created = 0
    with scopes_disabled():
        coalitions = list(Coalition.objects.all())
    for coalition in coalitions:
        today = local_today(coalition)
        with scope(coalition=coalition):
            for indicator in Indicator.objects.filter(coalition=coalition):
                created += framework.periods_sync(indicator=indicator, today=today)
    return created


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_value_returned_email(coalition_id: int, value_id: int, return_number: int) -> int:
    """Tell the person who entered a value that it was returned, with the reviewer's note.
    Sent once per return: the value's ``return_count`` is claimed in the email's transaction, so a
    worker that dies mid-send leaves it to send_lost_value_returned_emails."""
    from .models import IndicatorValue, ValueStatus

    coalition = Coalition.objects.get(pk=coalition_id)
    with scope(coalition=coalition), transaction.atomic():
        claimed = IndicatorValue.objects.filter(
            pk=value_id, status=ValueStatus.RETURNED, emailed_returns__lt=return_number
        ).update(emailed_returns=return_number)
        if not claimed:
            return 0
        value = IndicatorValue.objects.select_related("indicator", "period", "organization", "entered_by").get(
            pk=value_id
        )
        recipient = value.entered_by
        if recipient is None or not recipient.email:
            return 0
        send_email(
            to=recipient,
            template="indicators/email/value_returned",
            coalition=coalition,
            context={
                "value": value,
                "entry_url": reverse("indicators:entry", args=[coalition.slug]),
            },
        )
    return 1


@shared_task
def send_lost_value_returned_emails() -> int:
    """Values still returned whose return was never emailed (the task was lost): send it now,
    once (the task's claim). The periodic sweep over every coalition."""
    from .models import IndicatorValue, ValueStatus

    with scopes_disabled():
        lost = list(IndicatorValue.objects.filter(
            status=ValueStatus.RETURNED, emailed_returns__lt=F("return_count"),
            reviewed_at__lt=timezone.now() - LOST_AFTER,
        ).values_list("coalition_id", "pk", "return_count"))
    sent = 0
    for coalition_id, value_id, return_number in lost:
        try:
            sent += send_value_returned_email(coalition_id, value_id, return_number)
        except Exception:  # the next sweep retries it
            logger.exception("Lost returned-value email %s not sent", value_id)
    return sent


def _run_import(step: str, coalition_id: int, import_id: int) -> str:
    """Run one step of an import (services/import_jobs.py) in the coalition's scope; a step that
    raises marks the import failed, so its page stops waiting."""
    from .services import import_jobs

    coalition = Coalition.objects.get(pk=coalition_id)
    with scope(coalition=coalition):
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
