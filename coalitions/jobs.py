"""How every Celery task reaches a coalition: one way to enter it, one way over all of them, one
retry policy.

This module imports no model at import time: the apps' tasks modules (and their BEAT_SCHEDULE)
can be read before Django is set up.

- Tasks take ids, never model instances, and work inside the coalition's scope:
  ``with coalition_scope(coalition_id) as coalition:``. A coalition deleted after the task was
  queued leaves nothing to do: the task is ignored (CoalitionGone), not failed nor retried.
- The periodic jobs go over every coalition with ``fan_out`` (one task queued per coalition, so a
  slow coalition does not hold up the others) or ``sweep`` (quick checks run in turn, inside each
  coalition's scope). They are the only code that lists coalitions for a task; no task disables
  scopes.
- Every task that talks to SMTP or another server is declared ``@shared_task(base=NetworkTask)``.
- Exactly-once effects are claimed by a row that the app's services write before the side effect;
  a task only loads by id and calls the service.
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from celery import Task
from celery.exceptions import Ignore
from django_scopes import scope

if TYPE_CHECKING:
    from .models import Coalition

logger = logging.getLogger(__name__)


class CoalitionGone(Ignore):
    """The task's coalition no longer exists."""


@contextmanager
def coalition_scope(coalition_id: int) -> Iterator["Coalition"]:
    """Load the coalition by id and run the block inside its scope."""
    from .models import Coalition

    coalition = Coalition.objects.filter(pk=coalition_id).first()
    if coalition is None:
        logger.info("Coalition %s is gone: its task has nothing left to do", coalition_id)
        raise CoalitionGone(coalition_id)
    with scope(coalition=coalition):
        yield coalition


def _coalition_ids() -> list[int]:
    from .models import Coalition

    return list(Coalition.objects.order_by("pk").values_list("pk", flat=True))


def fan_out(task: Task, *args) -> int:
    """Queue ``task(coalition_id, *args)`` once for each coalition; returns how many were queued."""
    ids = _coalition_ids()
    for coalition_id in ids:
        task.delay(coalition_id, *args)
    return len(ids)


def sweep(work: Callable[["Coalition"], int]) -> int:
    """Run ``work(coalition)`` inside each coalition's scope in turn, and add up what it returns
    (the quarter-hourly sweeps of lost emails: one indexed query per coalition, normally nothing
    to send)."""
    total = 0
    for coalition_id in _coalition_ids():
        try:
            with coalition_scope(coalition_id) as coalition:
                total += work(coalition)
        except CoalitionGone:
            continue  # deleted since it was listed
    return total


class NetworkTask(Task):
    """The one retry policy of tasks that talk to SMTP or another server. Socket errors,
    timeouts and SMTP errors are all OSError: retried six times, each after a random delay of up
    to 1, 2, 4, 8, 16 then 32 seconds (exponential backoff with full jitter); what a longer outage
    leaves unsent, the quarter-hourly sweeps and reminder runs find again. A stuck run is
    stopped well within the reminders' STALE_CLAIM (15 minutes: an older undelivered claim is
    taken for a dead worker's). Each task claims its effect before it acts (see the module's
    docstring), so a retry sends only what is still unsent."""

    autoretry_for = (OSError,)
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 6
    soft_time_limit = 540
    time_limit = 600
