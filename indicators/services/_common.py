"""What every indicator service shares: the coalition check and the queueing of rollups."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .. import tasks


def queue_rollups(coalition_id: int, keys) -> None:
    keys = sorted({(int(i), int(p)) for i, p in keys})
    if keys:
        transaction.on_commit(lambda: tasks.recompute_rollups.delay(coalition_id, [list(k) for k in keys]))


def same_coalition(coalition, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.coalition_id != coalition.pk:
            raise PermissionDenied("cross-coalition")
