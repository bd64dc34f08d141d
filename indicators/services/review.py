"""The review of values: approve, approve several at once, return for revision."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.permissions import require_permission

from .. import tasks
from ..models import (
    IndicatorValue,
    ValueStatus,
)
from ._common import queue_rollups
from .breakdown import sync_category_status


def _reviewable(actor, value: IndicatorValue) -> IndicatorValue:
    require_permission(actor, value.coalition, "indicators.values:review")
    if value.category_id is not None:
        raise ValidationError(_("A category is reviewed with the value it breaks down."))
    return IndicatorValue.objects.select_for_update().get(pk=value.pk)


@transaction.atomic
def value_approve(*, actor, value: IndicatorValue) -> IndicatorValue:
    value = _reviewable(actor, value)
    if value.status == ValueStatus.APPROVED:
        return value
    if value.status != ValueStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted value can be approved."))
    value.status, value.reviewed_by, value.reviewed_at = ValueStatus.APPROVED, actor, timezone.now()
    value.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    sync_category_status([value])
    queue_rollups(value.coalition_id, [(value.indicator_id, value.period_id)])
    return value


@transaction.atomic
def values_approve(*, actor, coalition, ids) -> int:
    """Approve several submitted values at once; others in ``ids`` are left as they are.
    Written in sets, a fixed number of queries however many values: one UPDATE for the
    values and one for their categories (pghistory's row triggers still record an event
    for each row)."""
    require_permission(actor, coalition, "indicators.values:review")
    rows = list(
        IndicatorValue.objects.select_for_update()
        .filter(coalition=coalition, pk__in=ids, status=ValueStatus.SUBMITTED,
                category__isnull=True)
    )
    now = timezone.now()
    IndicatorValue.objects.filter(pk__in=[r.pk for r in rows]).update(
        status=ValueStatus.APPROVED, reviewed_by=actor, reviewed_at=now, updated_at=now)
    for row in rows:
        row.status, row.reviewed_by, row.reviewed_at, row.updated_at = ValueStatus.APPROVED, actor, now, now
    sync_category_status(rows)
    queue_rollups(coalition.pk, [(r.indicator_id, r.period_id) for r in rows])
    return len(rows)


@transaction.atomic
def value_return(*, actor, value: IndicatorValue, note: str) -> IndicatorValue:
    """Return a value for revision with a note; the person who entered it gets an email."""
    value = _reviewable(actor, value)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what needs to change, so the partner can correct it.")})
    if value.status == ValueStatus.RETURNED and value.review_note == note:
        return value
    if value.status not in (ValueStatus.SUBMITTED, ValueStatus.APPROVED):
        raise ValidationError(_("Only a submitted or approved value can be returned."))
    was_approved = value.status == ValueStatus.APPROVED
    value.status, value.review_note = ValueStatus.RETURNED, note
    value.reviewed_by, value.reviewed_at = actor, timezone.now()
    value.return_count += 1
    value.save()
    sync_category_status([value])
    coalition_id, value_id, number = value.coalition_id, value.pk, value.return_count
    transaction.on_commit(lambda: tasks.send_value_returned_email.delay(coalition_id, value_id, number))
    if was_approved:
        queue_rollups(value.coalition_id, [(value.indicator_id, value.period_id)])
    return value
