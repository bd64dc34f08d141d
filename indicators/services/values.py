"""Entering a value: every check of one value, then its write (the entry screen and the import)."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.dates import local_today
from coalitions.models import Organization
from coalitions.permissions import require_permission

from ..models import (
    Confidence,
    Indicator,
    IndicatorValue,
    Period,
    ValueStatus,
)
from ..permissions import can_report
from ._common import queue_rollups, same_coalition
from .breakdown import category_values, check_categories, sync_category_status, write_categories
from .parsing import clean_amounts
from .plausibility import LOOK_UP, plausibility


@dataclass
class Preloaded:
    """What the checks of many values read from the database, loaded once (an import): the
    (indicator, organization) pairs the person may report, today, the categories of each
    indicator and the usual medians of plausibility (see ``plausibility.usual_medians``)."""

    reportable: set
    today: date
    categories: dict = field(default_factory=dict)  # {indicator id: {category id: category}}
    medians: dict = field(default_factory=dict)  # {(indicator id, organization id, period id): median}


def check_value(membership, *, indicator, period, organization, value, numerator, denominator, weight,
                comment, source, confidence, categories=None, preloaded: Preloaded | None = None) -> dict:
    """Every check of one value, without writing: the object rule, the period, the value
    type, plausibility. Returns what to write, or raises ValidationError / PermissionDenied.
    With ``preloaded``, it reads nothing from the database."""
    same_coalition(indicator.coalition, period, organization)
    organization_id = organization.pk if organization else None
    reportable = ((indicator.pk, organization_id) in preloaded.reportable if preloaded
                  else can_report(membership, indicator, organization))
    if period.indicator_id != indicator.pk or not reportable:
        raise PermissionDenied("not this organisation's indicator")
    if period.is_locked:
        raise ValidationError(_("This period is locked; ask the coordination team to unlock it."))
    if period.start > (preloaded.today if preloaded else local_today(indicator.coalition)):
        raise ValidationError(_("This period has not started yet."))
    if confidence not in Confidence.values:
        raise ValidationError({"confidence": _("Choose a confidence level.")})
    numbers = clean_amounts(indicator, value=value, numerator=numerator, denominator=denominator, weight=weight)
    breakdown = check_categories(indicator, numbers, categories,
                                 preloaded.categories.get(indicator.pk, {}) if preloaded else None)
    comment, source = (comment or "").strip(), (source or "").strip()
    median = preloaded.medians.get((indicator.pk, organization_id, period.pk)) if preloaded else LOOK_UP
    reason = plausibility(indicator, organization, period, numbers["value"], median=median)
    if reason and not comment:
        raise ValidationError({"comment": _("This value is %(reason)s. Explain it in the comment, or correct it.")
                               % {"reason": reason}})
    return {**numbers, "comment": comment, "source": source, "confidence": confidence,
            "is_flagged": bool(reason), "flag_reason": reason[:300], "categories": breakdown}


def write_value(actor, *, indicator, period, organization, fields: dict, submit: bool,
                submitted_at=None) -> IndicatorValue:
    fields = dict(fields)
    breakdown = fields.pop("categories", None)
    if breakdown is not None:
        current = category_values(IndicatorValue(indicator=indicator, period=period, organization=organization))
        if all(current.get(k) == v for k, v in breakdown.items()):
            breakdown = None  # the same breakdown again: nothing to write
    existing = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, period=period, organization=organization, category__isnull=True)
        .first()
    )
    status = ValueStatus.SUBMITTED if submit else ValueStatus.DRAFT
    if breakdown is None and existing is not None and all(getattr(existing, k) == v for k, v in fields.items()):
        # Nothing changed (a retry, or the same file uploaded again): leave the value as it is.
        if existing.status == status or (submit and existing.status == ValueStatus.APPROVED):
            return existing
    was_approved = existing is not None and existing.status == ValueStatus.APPROVED
    row = existing or IndicatorValue(coalition_id=indicator.coalition_id, indicator=indicator, period=period,
                                     organization=organization)
    for key, field_value in fields.items():
        setattr(row, key, field_value)
    row.entered_by = actor
    row.status = status
    if submit:
        row.submitted_at = submitted_at or timezone.now()
    row.save()
    if breakdown is not None:
        write_categories(row, breakdown)
    sync_category_status([row])
    if was_approved:
        queue_rollups(indicator.coalition_id, [(indicator.pk, period.pk)])
    return row


@transaction.atomic
def value_save(
    *, actor, indicator: Indicator, period: Period, organization: Organization | None,
    value=None, numerator=None, denominator=None, weight=None, comment: str = "", source: str = "",
    confidence: str = Confidence.HIGH, submit: bool = True, submitted_at=None, categories: dict | None = None,
) -> IndicatorValue:
    """Enter or correct a value (a draft, or submitted for review). Correcting an approved
    value reopens it for review; pghistory keeps the previous value. Saving the same value
    again changes nothing. ``submitted_at`` records when historical data was really
    submitted (demo data, migrations); it is never taken from a form."""
    membership = require_permission(actor, indicator.coalition, "indicators.values:enter")
    period = Period.objects.select_for_update().get(pk=period.pk)
    fields = check_value(
        membership, indicator=indicator, period=period, organization=organization, value=value,
        numerator=numerator, denominator=denominator, weight=weight, comment=comment, source=source,
        confidence=confidence, categories=categories,
    )
    return write_value(actor, indicator=indicator, period=period, organization=organization, fields=fields,
                        submit=submit, submitted_at=submitted_at)
