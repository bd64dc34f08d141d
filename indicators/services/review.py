"""The review of values: approve, approve several at once, return for revision."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.emails import LOST_AFTER, seeding_history, send_email
from coalitions.permissions import require_permission

from .. import tasks
from ..models import (
    IndicatorValue,
    ValueStatus,
)
from ._common import queue_rollups
from .breakdown import sync_category_status

logger = logging.getLogger(__name__)


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
    if seeding_history():
        value.emailed_returns = value.return_count  # seeded history: the partner is not emailed
    value.save()
    sync_category_status([value])
    coalition_id, value_id, number = value.coalition_id, value.pk, value.return_count
    if not seeding_history():
        transaction.on_commit(lambda: tasks.send_value_returned_email.delay(coalition_id, value_id, number))
    if was_approved:
        queue_rollups(value.coalition_id, [(value.indicator_id, value.period_id)])
    return value


def send_value_returned_email(*, coalition, value_id: int, return_number: int) -> int:
    """Tell the person who entered a value that it was returned, with the reviewer's note.
    Sent once per return: the value's ``emailed_returns`` is claimed in the email's transaction,
    so a worker that dies mid-send leaves it to send_lost_value_returned_emails."""
    with transaction.atomic():
        claimed = IndicatorValue.objects.filter(
            coalition=coalition, pk=value_id, status=ValueStatus.RETURNED, emailed_returns__lt=return_number
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
            context={"value": value, "entry_url": reverse("indicators:entry", args=[coalition.slug])},
        )
    return 1


def send_lost_value_returned_emails(*, coalition) -> int:
    """Values still returned whose return was never emailed (the task was lost): send it now,
    once (the claim above). Part of the quarter-hourly sweep."""
    lost = list(IndicatorValue.objects.filter(
        coalition=coalition, status=ValueStatus.RETURNED, emailed_returns__lt=F("return_count"),
        reviewed_at__lt=timezone.now() - LOST_AFTER,
    ).values_list("pk", "return_count"))
    sent = 0
    for value_id, return_number in lost:
        try:
            sent += send_value_returned_email(coalition=coalition, value_id=value_id, return_number=return_number)
        except Exception:  # the next sweep retries it
            logger.exception("Lost returned-value email %s not sent", value_id)
    return sent
