"""Every write of shared measurement.

Each service re-checks the actor against the permission registry and the object rules,
validates (ValidationError with {field: message}), writes in one transaction (pghistory
records the history) and queues follow-up work with ``transaction.on_commit``. Safe to
retry: a repeated call finds the work done and does not write twice."""

import statistics
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from coalitions.concurrency import check_version, creates_once, lock_for_edit, refusing_duplicates
from coalitions.dates import local_today
from coalitions.models import Organization
from coalitions.permissions import require_permission

from . import tasks
from .models import (
    DISAGGREGATED_TYPES,
    REPORT_PERMISSION,
    SUMMED_TYPES,
    Aggregation,
    Category,
    Confidence,
    Indicator,
    IndicatorGroupObjectPermission,
    IndicatorValue,
    LearningNote,
    Period,
    Target,
    ValueStatus,
    ValueType,
)
from .periods import generate_periods, period_containing
from .permissions import can_report
from .transfer import category_header, category_key, column_key, fraction_header, is_category_header

INDICATOR_FIELDS = {
    "code", "name_fr", "name_en", "definition_fr", "definition_en", "level", "unit", "value_type",
    "scale_labels", "direction", "frequency", "aggregation", "baseline_value", "baseline_date",
    "data_source", "expected_min", "expected_max", "due_days", "reporting_start", "requires_category_total",
}
LINK_FIELDS = ("priorities", "actions")


def _queue_rollups(coalition_id: int, keys) -> None:
    keys = sorted({(int(i), int(p)) for i, p in keys})
    if keys:
        transaction.on_commit(lambda: tasks.recompute_rollups.delay(coalition_id, [list(k) for k in keys]))


def _same_coalition(coalition, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.coalition_id != coalition.pk:
            raise PermissionDenied("cross-coalition")


# Indicators ----------------------------------------------------------------------------


def _validate_indicator(coalition, fields: dict, instance: Indicator | None = None) -> dict:
    unknown = set(fields) - INDICATOR_FIELDS
    if unknown:
        raise ValueError(sorted(unknown))
    merged = {f: getattr(instance, f) for f in INDICATOR_FIELDS} if instance else {}
    merged.update(fields)
    errors = {}
    code = (merged.get("code") or "").strip()
    if not code:
        errors["code"] = _("Give the indicator a short code.")
    else:
        clash = Indicator.objects.filter(coalition=coalition, code__iexact=code)
        if instance:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            errors["code"] = _("Another indicator already uses this code.")
    if not (merged.get("name_fr") or "").strip():
        errors["name_fr"] = _("Give the indicator a name in French.")
    low, high = merged.get("expected_min"), merged.get("expected_max")
    if low is not None and high is not None and low > high:
        errors["expected_max"] = _("The highest plausible value must not be below the lowest one.")
    if merged.get("value_type") == ValueType.SCALE and len(
        [x for x in (merged.get("scale_labels") or "").splitlines() if x.strip()]
    ) < 2:
        errors["scale_labels"] = _("A qualitative scale needs at least two levels, one per line.")
    if merged.get("requires_category_total") and merged.get("value_type") in (ValueType.YES_NO, ValueType.SCALE):
        errors["requires_category_total"] = _(
            "An answer or a level per category does not add up to the value: leave this box unchecked."
        )
    if merged.get("value_type") == ValueType.PERCENTAGE and merged.get("aggregation") == Aggregation.LATEST:
        errors["aggregation"] = _("A percentage is combined as the sum of numerators over the sum of denominators.")
    if not merged.get("reporting_start"):
        errors["reporting_start"] = _("Say from when values are reported.")
    if errors:
        raise ValidationError(errors)
    if "code" in fields:
        fields["code"] = code
    return fields


def periods_sync(*, indicator: Indicator, today: date | None = None) -> int:
    """Create the indicator's missing periods from its reporting start to the period that
    contains today, and keep the due dates of unlocked periods in step with ``due_days``.
    A system write (the nightly task and the indicator services call it). Returns how many
    periods were created."""
    today = today or local_today(indicator.coalition)
    last = period_containing(indicator.frequency, today)[1]
    wanted = generate_periods(indicator.frequency, indicator.reporting_start, max(last, indicator.reporting_start))
    existing = set(Period.objects.filter(indicator=indicator).values_list("start", flat=True))
    due = timedelta(days=indicator.due_days)
    new = [
        Period(coalition_id=indicator.coalition_id, indicator=indicator, start=start, end=end, due_date=end + due)
        for start, end in wanted if start not in existing
    ]
    Period.objects.bulk_create(new, ignore_conflicts=True)
    for period in Period.objects.filter(indicator=indicator, is_locked=False):
        if period.due_date != period.end + due:
            period.due_date = period.end + due
            period.save(update_fields=["due_date"])
    return len(new)


def _pop_links(coalition, fields: dict) -> dict:
    """Take the linked priorities and actions out of ``fields`` and check they belong to the
    coalition (ids posted by hand from another coalition get an error on the field)."""
    from conditions.models import Action, Priority

    links, errors = {}, {}
    for name, model in (("priorities", Priority), ("actions", Action)):
        if name not in fields:
            continue
        items = list(fields.pop(name) or [])
        ids = {getattr(item, "pk", item) for item in items}
        found = list(model.objects.filter(coalition=coalition, pk__in=ids))
        if len(found) != len(ids):
            errors[name] = (_("Choose priorities of this coalition.") if name == "priorities"
                            else _("Choose actions of this coalition."))
        links[name] = found
    if errors:
        raise ValidationError(errors)
    return links


def _set_links(indicator: Indicator, links: dict) -> None:
    for name, items in links.items():
        getattr(indicator, name).set(items)


def _unique_code():
    return refusing_duplicates({"indicator_unique_code": ("code", _("Another indicator already uses this code."))})


@creates_once
@transaction.atomic
def indicator_create(*, actor, coalition, **fields) -> Indicator:
    require_permission(actor, coalition, "indicators.indicators:manage")
    links = _pop_links(coalition, fields)
    fields = _validate_indicator(coalition, fields)
    with _unique_code():
        indicator = Indicator.objects.create(coalition=coalition, **fields)
    _set_links(indicator, links)
    periods_sync(indicator=indicator)
    return indicator


@transaction.atomic
def indicator_links_set(*, actor, indicator: Indicator, priorities=None, actions=None) -> Indicator:
    """Link an indicator to priorities of the agenda and actions of the plan (None: unchanged)."""
    require_permission(actor, indicator.coalition, "indicators.indicators:manage")
    fields = {k: v for k, v in (("priorities", priorities), ("actions", actions)) if v is not None}
    _set_links(indicator, _pop_links(indicator.coalition, fields))
    return indicator


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, version: str | None = None, **fields) -> Indicator:
    require_permission(actor, indicator.coalition, "indicators.indicators:manage")
    indicator = lock_for_edit(indicator, version=version, fields=Indicator.EDIT_FIELDS, submitted=fields)
    links = _pop_links(indicator.coalition, fields)
    if "frequency" in fields and fields["frequency"] != indicator.frequency and indicator.periods.exists():
        if indicator.values.exists():
            raise ValidationError({"frequency": _("Values were reported for this indicator: its frequency is fixed.")})
        indicator.periods.all().delete()
    fields = _validate_indicator(indicator.coalition, fields, indicator)
    for key, value in fields.items():
        setattr(indicator, key, value)
    with _unique_code():
        indicator.save()
    _set_links(indicator, links)
    periods_sync(indicator=indicator)
    _queue_rollups(indicator.coalition_id, indicator.periods.values_list("indicator_id", "pk"))
    return indicator


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator) -> None:
    require_permission(actor, indicator.coalition, "indicators.indicators:manage")
    if indicator.values.filter(status=ValueStatus.APPROVED).exists():
        raise ValidationError(_("This indicator has approved values; it cannot be deleted."))
    indicator.delete()


@transaction.atomic
def period_set_lock(*, actor, period: Period, locked: bool) -> Period:
    require_permission(actor, period.coalition, "indicators.indicators:manage")
    if period.is_locked != locked:
        period.is_locked = locked
        period.save(update_fields=["is_locked"])
    return period


@transaction.atomic
def target_set(*, actor, indicator: Indicator, period: Period | None, value) -> Target:
    require_permission(actor, indicator.coalition, "indicators.indicators:manage")
    if period is not None and period.indicator_id != indicator.pk:
        raise ValidationError({"period": _("Choose a period of this indicator.")})
    if value is None:
        raise ValidationError({"value": _("Enter the target value.")})
    target, _created = Target.objects.update_or_create(
        indicator=indicator, period=period, defaults={"value": value, "coalition_id": indicator.coalition_id}
    )
    return target


@transaction.atomic
def target_delete(*, actor, target: Target) -> None:
    require_permission(actor, target.coalition, "indicators.indicators:manage")
    target.delete()


@transaction.atomic
def assignments_set(*, actor, indicator: Indicator, organizations) -> list[Organization]:
    """Say which organisations report the indicator: guardian grants to their groups."""
    require_permission(actor, indicator.coalition, "indicators.indicators:manage")
    organizations = list(organizations)
    for organization in organizations:
        _same_coalition(indicator.coalition, organization)
    wanted = {o.group_id for o in organizations}
    current = set(
        IndicatorGroupObjectPermission.objects.filter(content_object=indicator).values_list("group_id", flat=True)
    )
    perm = f"indicators.{REPORT_PERMISSION}"
    for group in Group.objects.filter(pk__in=wanted - current):
        assign_perm(perm, group, indicator)
    for group in Group.objects.filter(pk__in=current - wanted):
        remove_perm(perm, group, indicator)
    if wanted != current:
        _queue_rollups(indicator.coalition_id, indicator.periods.values_list("indicator_id", "pk"))
    return organizations


@transaction.atomic
def note_save(*, actor, indicator: Indicator, period: Period, learned: str, worked: str = "",
              did_not_work: str = "", version: str | None = None) -> LearningNote:
    """Write the period's note; refused if another coordinator saved it since ``version``."""
    require_permission(actor, indicator.coalition, "indicators.notes:manage")
    if period.indicator_id != indicator.pk:
        raise PermissionDenied("period of another indicator")
    if not learned.strip():
        raise ValidationError({"learned": _("Write what the coalition learned in this period.")})
    Period.objects.select_for_update().filter(pk=period.pk).first()  # serialise the period's note, even the first
    saved = LearningNote.objects.filter(indicator=indicator, period=period).first()
    submitted = {"learned": learned.strip(), "worked": worked.strip(), "did_not_work": did_not_work.strip()}
    check_version(saved or LearningNote(indicator=indicator, period=period), version=version,
                  fields=LearningNote.EDIT_FIELDS, submitted=submitted)
    note, _created = LearningNote.objects.update_or_create(
        indicator=indicator, period=period,
        defaults={"coalition_id": indicator.coalition_id, "learned": learned.strip(), "worked": worked.strip(),
                  "did_not_work": did_not_work.strip(), "author": actor},
    )
    return note


# Disaggregation ------------------------------------------------------------------------


@transaction.atomic
def category_add(*, actor, indicator: Indicator, dimension: str, label: str) -> Category:
    """Add a category to one of the indicator's dimensions (a new dimension if its name is new)."""
    require_permission(actor, indicator.coalition, "indicators.indicators:manage")
    dimension, label = (dimension or "").strip(), (label or "").strip()
    errors = {}
    if not dimension:
        errors["dimension"] = _("Name the dimension, e.g. children's age group.")
    if not label:
        errors["label"] = _("Name the category, e.g. 0-2 years.")
    if errors:
        raise ValidationError(errors)
    existing = Category.objects.filter(indicator=indicator, dimension__iexact=dimension, label__iexact=label).first()
    if existing:
        return existing
    same_dimension = Category.objects.filter(indicator=indicator, dimension__iexact=dimension).first()
    return Category.objects.create(
        coalition_id=indicator.coalition_id, indicator=indicator,
        dimension=same_dimension.dimension if same_dimension else dimension, label=label,
    )


@transaction.atomic
def category_delete(*, actor, category: Category) -> None:
    require_permission(actor, category.coalition, "indicators.indicators:manage")
    if category.values.exists():
        raise ValidationError(_("Values were reported for this category; it cannot be deleted."))
    category.delete()


def _check_categories(indicator: Indicator, numbers: dict, categories: dict | None) -> dict | None:
    """Check the breakdown of a value: {category id: raw number} (None: no breakdown given),
    or for a percentage {category id: (raw numerator, raw denominator)}. Each number follows
    the value type; when the indicator requires it, the categories of each dimension add up to
    the total (counts, amounts and rates; for a percentage, the numerators add up to the
    numerator and the denominators to the denominator; a yes/no answer or a level per category
    does not add up). Errors go on the field ``category_<id>`` (``category_<id>_numerator`` or
    ``_denominator`` for a percentage)."""
    if categories is None or indicator.value_type not in DISAGGREGATED_TYPES:
        return None
    known = {c.pk: c for c in Category.objects.filter(indicator=indicator)}
    errors: dict = {}
    cleaned = {}
    for key, raw in categories.items():
        pk = int(key)
        if pk not in known:
            raise PermissionDenied("category of another indicator")
        if indicator.is_percentage:
            cleaned[pk] = _category_fraction(pk, raw, errors)
            continue
        field = f"category_{pk}"
        number = _decimal(raw, field, errors)
        if number is not None and (message := _number_error(indicator, number)):
            errors[field] = message
        cleaned[pk] = number
    if not errors and indicator.requires_category_total:
        dimensions: dict[str, list] = {}
        for category in sorted(known.values(), key=lambda c: (c.dimension, c.label)):
            dimensions.setdefault(category.dimension, []).append(category)
        if indicator.is_percentage:
            messages = {
                "numerator": _("The numerators of “%(dimension)s” must add up to the numerator (%(total)s); "
                               "they add up to %(sum)s. Fill in every category."),
                "denominator": _("The denominators of “%(dimension)s” must add up to the denominator "
                                 "(%(total)s); they add up to %(sum)s. Fill in every category."),
            }
            for dimension, members in dimensions.items():
                entered = [cleaned.get(c.pk) for c in members]
                for index, (part, message) in enumerate(messages.items()):
                    total = numbers[part]
                    added = sum((n[index] for n in entered if n is not None), Decimal(0))
                    if total is not None and (None in entered or added != total):
                        errors[f"category_{members[0].pk}_{part}"] = message % {
                            "dimension": dimension, "total": number_format(total.normalize()),
                            "sum": number_format(added.normalize())}
        elif indicator.value_type in SUMMED_TYPES and (total := numbers["value"]) is not None:
            for dimension, members in dimensions.items():
                entered = [cleaned.get(c.pk) for c in members]
                added = sum((n for n in entered if n is not None), Decimal(0))
                if None in entered or added != total:
                    errors[f"category_{members[0].pk}"] = _(
                        "The categories of “%(dimension)s” must add up to the total (%(total)s); they add up to "
                        "%(sum)s. Fill in every category."
                    ) % {"dimension": dimension, "total": number_format(total.normalize()),
                         "sum": number_format(added.normalize())}
    if errors:
        raise ValidationError(errors)
    return cleaned


def _category_fraction(pk: int, raw, errors: dict) -> tuple[Decimal, Decimal] | None:
    """The (numerator, denominator) of one category of a percentage, both or neither (None)."""
    raw_numerator, raw_denominator = raw if isinstance(raw, (tuple, list)) else (raw, "")
    field = f"category_{pk}"
    before = len(errors)
    numerator = _decimal(raw_numerator, f"{field}_numerator", errors)
    denominator = _decimal(raw_denominator, f"{field}_denominator", errors)
    if len(errors) > before:
        return None
    if numerator is None and denominator is None:
        return None
    if numerator is None:
        errors[f"{field}_numerator"] = _("Enter the numerator of this category too, or leave both empty.")
    elif numerator < 0 or numerator != numerator.to_integral_value():
        errors[f"{field}_numerator"] = _("The numerator is a whole number, zero or more.")
    if denominator is None:
        errors[f"{field}_denominator"] = _("Enter the denominator of this category too, or leave both empty.")
    elif denominator <= 0 or denominator != denominator.to_integral_value():
        errors[f"{field}_denominator"] = _("The denominator is a whole number above zero.")
    if len(errors) == before and numerator > denominator:
        errors[f"{field}_numerator"] = _("The numerator cannot be greater than the denominator.")
    return None if len(errors) > before else (numerator, denominator)


def _write_categories(parent: IndicatorValue, categories: dict) -> bool:
    """Write the breakdown of ``parent`` (one row per category, same status). Returns whether
    anything changed."""
    rows = {
        v.category_id: v for v in IndicatorValue.objects.select_for_update().filter(
            indicator_id=parent.indicator_id, period_id=parent.period_id, organization_id=parent.organization_id,
            category__isnull=False)
    }
    changed = False
    for pk, number in categories.items():
        row = rows.get(pk)
        if number is None:
            if row is not None:
                row.delete()
                changed = True
            continue
        numbers = _category_numbers(number)
        if (row is not None and row.status == parent.status
                and all(getattr(row, k) == v for k, v in numbers.items())):
            continue
        row = row or IndicatorValue(coalition_id=parent.coalition_id, indicator_id=parent.indicator_id,
                                    period_id=parent.period_id, organization_id=parent.organization_id,
                                    category_id=pk)
        for key, field_value in numbers.items():
            setattr(row, key, field_value)
        row.status, row.entered_by = parent.status, parent.entered_by
        row.submitted_at, row.confidence, row.source = parent.submitted_at, parent.confidence, parent.source
        row.save()
        changed = True
    return changed


def _category_numbers(number) -> dict:
    """The fields of one category's row: its value, or a percentage's numerator, denominator
    and the value they make."""
    if isinstance(number, tuple):
        numerator, denominator = number
        return {"value": (100 * numerator / denominator).quantize(Decimal("0.0001")),
                "numerator": numerator, "denominator": denominator}
    return {"value": number}


def _sync_category_status(parents) -> None:
    """Give the categories of each value its status (they are reviewed with it)."""
    now = timezone.now()
    for parent in parents:
        IndicatorValue.objects.filter(
            indicator_id=parent.indicator_id, period_id=parent.period_id, organization_id=parent.organization_id,
            category__isnull=False,
        ).exclude(status=parent.status).update(
            status=parent.status, reviewed_by=parent.reviewed_by, reviewed_at=parent.reviewed_at, updated_at=now)


def category_values(value: IndicatorValue | None) -> dict:
    """{category id: value} of a value's breakdown ({category id: (numerator, denominator)} for
    a percentage)."""
    if value is None:
        return {}
    rows = IndicatorValue.objects.filter(
        indicator_id=value.indicator_id, period_id=value.period_id, organization_id=value.organization_id,
        category__isnull=False).values_list("category_id", "value", "numerator", "denominator")
    return {pk: category_number(number, numerator, denominator) for pk, number, numerator, denominator in rows}


def category_number(value, numerator, denominator):
    """One category's number as the services take it: its value, or a percentage's
    (numerator, denominator)."""
    if numerator is not None or denominator is not None:
        return (numerator, denominator)
    return value


# Values --------------------------------------------------------------------------------


def _decimal(raw, field: str, errors: dict):
    if raw is None or raw == "":
        return None
    try:
        number = Decimal(str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        errors[field] = _("Enter a number.")
        return None
    if not number.is_finite() or abs(number) >= Decimal("1e14"):
        errors[field] = _("Enter a number.")
        return None
    return number


def _number_error(indicator: Indicator, number: Decimal) -> str:
    """What is wrong with a value, or one category's value, of a type other than the
    percentage ("" if nothing)."""
    kind = indicator.value_type
    if kind == ValueType.COUNT and (number < 0 or number != number.to_integral_value()):
        return _("A count is a whole number, zero or more.")
    if kind in (ValueType.AMOUNT, ValueType.RATE) and number < 0:
        return _("The value cannot be negative.")
    if kind == ValueType.AMOUNT and number != number.quantize(Decimal("0.01")):
        return _("An amount has at most two decimals.")
    if kind == ValueType.YES_NO and number not in (0, 1):
        return _("Answer yes (1) or no (0).")
    if kind == ValueType.SCALE and (number != number.to_integral_value() or not 1 <= number <= len(indicator.levels)):
        return _("Choose a level of the scale.")
    return ""


def clean_amounts(indicator: Indicator, *, value=None, numerator=None, denominator=None, weight=None) -> dict:
    """Check a value against its indicator's type; return the normalised numbers
    {value, numerator, denominator, weight} or raise ValidationError({field: message})."""
    errors: dict = {}
    value, numerator = _decimal(value, "value", errors), _decimal(numerator, "numerator", errors)
    denominator, weight = _decimal(denominator, "denominator", errors), _decimal(weight, "weight", errors)
    if errors:
        raise ValidationError(errors)
    kind = indicator.value_type
    if kind == ValueType.PERCENTAGE:
        if numerator is None:
            errors["numerator"] = _("Enter the numerator.")
        elif numerator < 0 or numerator != numerator.to_integral_value():
            errors["numerator"] = _("The numerator is a whole number, zero or more.")
        if denominator is None:
            errors["denominator"] = _("Enter the denominator.")
        elif denominator <= 0 or denominator != denominator.to_integral_value():
            errors["denominator"] = _("The denominator is a whole number above zero.")
        if not errors and numerator > denominator:
            errors["numerator"] = _("The numerator cannot be greater than the denominator.")
        if not errors:
            value = (100 * numerator / denominator).quantize(Decimal("0.0001"))
    else:
        numerator = denominator = None
        if value is None:
            errors["value"] = _("Enter a value.")
        elif message := _number_error(indicator, value):
            errors["value"] = message
    if indicator.aggregation == Aggregation.WEIGHTED_AVERAGE and kind != ValueType.PERCENTAGE:
        if weight is None or weight <= 0:
            errors["weight"] = _("Enter the weight of this value (e.g. the number of people), above zero.")
    else:
        weight = None
    if errors:
        raise ValidationError(errors)
    return {"value": value, "numerator": numerator, "denominator": denominator, "weight": weight}


def plausibility(indicator: Indicator, organization, period: Period, value: Decimal | None) -> str:
    """Why a value looks implausible ("" if it does not): outside the expected range, or more
    than 3x / less than a third of the organisation's median of its approved values."""
    if value is None:
        return ""
    low = None if indicator.expected_min is None else Decimal(str(indicator.expected_min))
    high = None if indicator.expected_max is None else Decimal(str(indicator.expected_max))
    if low is not None and value < low:
        return _("below the lowest plausible value (%(min)s)") % {"min": number_format(low.normalize())}
    if high is not None and value > high:
        return _("above the highest plausible value (%(max)s)") % {"max": number_format(high.normalize())}
    history = list(
        IndicatorValue.objects.filter(
            indicator=indicator, organization=organization, category__isnull=True, status=ValueStatus.APPROVED,
            value__isnull=False,
        ).exclude(period=period).values_list("value", flat=True)
    )
    if len(history) >= 2:
        median = statistics.median(history)
        if median > 0 and (value > 3 * median or value < median / 3):
            return _("far from this organization's usual values (median %(median)s)") % {
                "median": number_format(Decimal(str(median)).quantize(Decimal("0.1")).normalize())
            }
    return ""


def _check_value(membership, *, indicator, period, organization, value, numerator, denominator, weight,
                 comment, source, confidence, categories=None) -> dict:
    """Every check of one value, without writing: the object rule, the period, the value
    type, plausibility. Returns what to write, or raises ValidationError / PermissionDenied."""
    _same_coalition(indicator.coalition, period, organization)
    if period.indicator_id != indicator.pk or not can_report(membership, indicator, organization):
        raise PermissionDenied("not this organisation's indicator")
    if period.is_locked:
        raise ValidationError(_("This period is locked; ask the coordination team to unlock it."))
    if period.start > local_today(indicator.coalition):
        raise ValidationError(_("This period has not started yet."))
    if confidence not in Confidence.values:
        raise ValidationError({"confidence": _("Choose a confidence level.")})
    numbers = clean_amounts(indicator, value=value, numerator=numerator, denominator=denominator, weight=weight)
    breakdown = _check_categories(indicator, numbers, categories)
    comment, source = (comment or "").strip(), (source or "").strip()
    reason = plausibility(indicator, organization, period, numbers["value"])
    if reason and not comment:
        raise ValidationError({"comment": _("This value is %(reason)s. Explain it in the comment, or correct it.")
                               % {"reason": reason}})
    return {**numbers, "comment": comment, "source": source, "confidence": confidence,
            "is_flagged": bool(reason), "flag_reason": reason[:300], "categories": breakdown}


def _write_value(actor, *, indicator, period, organization, fields: dict, submit: bool,
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
        _write_categories(row, breakdown)
    _sync_category_status([row])
    if was_approved:
        _queue_rollups(indicator.coalition_id, [(indicator.pk, period.pk)])
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
    fields = _check_value(
        membership, indicator=indicator, period=period, organization=organization, value=value,
        numerator=numerator, denominator=denominator, weight=weight, comment=comment, source=source,
        confidence=confidence, categories=categories,
    )
    return _write_value(actor, indicator=indicator, period=period, organization=organization, fields=fields,
                        submit=submit, submitted_at=submitted_at)


IMPORT_COLUMNS = ["indicator", "period_start", "organization", "value", "numerator", "denominator", "weight",
                  "comment", "source", "confidence"]


class ImportRejected(Exception):
    """The file has errors: nothing was saved. ``errors`` lists (row number, column, message)."""

    def __init__(self, errors: list[tuple[int, str, str]]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


class _ImportCategories:
    """The category columns of an import and the categories they stand for. A column is
    headed "dimension : category" and applies to every indicator that has this category; a
    percentage's category has two, "dimension : category (numerator)" and "(denominator)"."""

    def __init__(self, coalition, rows: list[dict]):
        self.columns = list(dict.fromkeys(k for row in rows for k in row if is_category_header(k)))
        self.by_key, self.header = {}, {}
        categories = Category.objects.filter(coalition=coalition, indicator__value_type__in=DISAGGREGATED_TYPES)
        for category in categories.select_related("indicator"):
            header = category_header(category.dimension, category.label)
            self.header[f"category_{category.pk}"] = header
            parts = ("numerator", "denominator") if category.indicator.is_percentage else (None,)
            for part in parts:
                field = f"category_{category.pk}_{part}" if part else f"category_{category.pk}"
                if part:
                    self.header[field] = fraction_header(header, part)
                self.by_key[(category.indicator_id, category_key(header), part)] = (category, field)
        self.known = {(key, part) for _indicator, key, part in self.by_key}
        self.broken_down = {indicator for indicator, _key, _part in self.by_key}

    def unknown_columns(self) -> list[tuple[int, str, str]]:
        return [
            (1, column, _("No indicator has the category “%(column)s”. Head each category column "
                          "“dimension : category”, as in the template.") % {"column": column})
            for column in self.columns if column_key(column) not in self.known
        ]

    def of_row(self, number: int, indicator: Indicator, row: dict, errors: list) -> dict | None:
        """{category id: text} of the row's cells for its indicator's categories (an empty
        cell removes the category's value); for a percentage, {category id: (numerator,
        denominator)}. None when the file has none of these columns: the breakdown is left as
        it is, unless the indicator needs its categories to add up."""
        given: dict = {}
        for column in self.columns:
            key, part = column_key(column)
            found = self.by_key.get((indicator.pk, key, part))
            if found is not None:
                category, field = found
                self.header[field] = column
                if part:
                    given.setdefault(category.pk, {"numerator": "", "denominator": ""})[part] = row.get(column, "")
                else:
                    given[category.pk] = row.get(column, "")
            elif row.get(column) and (key, part) in self.known:
                errors.append((number, column, _("The indicator %(code)s is not broken down by “%(column)s”: "
                                                 "leave this cell empty.") % {"code": indicator.code,
                                                                              "column": column}))
        if given:
            return {pk: (raw["numerator"], raw["denominator"]) if isinstance(raw, dict) else raw
                    for pk, raw in given.items()}
        if indicator.pk in self.broken_down and indicator.requires_category_total:
            return {}
        return None

    def column(self, field: str) -> str:
        """The column of an error on ``category_<id>`` (or ``category_<id>_numerator``...), as
        headed in the file (or as it should be)."""
        return self.header.get(field, field)

    def breakdown(self, cleaned: dict | None) -> list[tuple[str, Decimal]]:
        """(category column, value) of a row's breakdown, a percentage's worked out."""
        return [(self.header[f"category_{pk}"], _category_numbers(number)["value"])
                for pk, number in (cleaned or {}).items() if number is not None]


def values_check_import(*, actor, coalition, rows: list[dict]) -> list[dict]:
    """Validate every row of an import as the entry screen would, without writing.
    Returns the rows resolved to objects; raises ImportRejected with every error.
    A row whose indicator cell starts with # is a note and is skipped."""
    membership = require_permission(actor, coalition, "indicators.values:import")
    indicators = {i.code.lower(): i for i in Indicator.objects.filter(coalition=coalition)}
    organizations = {o.name.lower(): o for o in Organization.objects.filter(coalition=coalition)}
    periods = {
        (p.indicator_id, p.start.isoformat()): p
        for p in Period.objects.filter(coalition=coalition).select_related("indicator")
    }
    categories = _ImportCategories(coalition, rows)
    errors, resolved, seen = categories.unknown_columns(), [], set()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        row = {k: ("" if v is None else str(v)).strip() for k, v in row.items()}
        if not any(row.values()) or row.get("indicator", "").startswith("#"):
            continue
        before = len(errors)
        indicator = indicators.get(row.get("indicator", "").lower())
        if indicator is None:
            errors.append((number, "indicator", _("Unknown indicator code.")))
        name = row.get("organization", "")
        organization = organizations.get(name.lower()) if name else None
        if name and organization is None:
            errors.append((number, "organization", _("Unknown organization.")))
        start = row.get("period_start", "")[:10]
        period = periods.get((indicator.pk, start)) if indicator else None
        if indicator and period is None:
            errors.append((number, "period_start", _("No period of this indicator starts on this date (YYYY-MM-DD).")))
        breakdown = categories.of_row(number, indicator, row, errors) if indicator else None
        if len(errors) > before:
            continue
        key = (indicator.pk, period.pk, organization.pk if organization else None)
        if key in seen:
            errors.append((number, "indicator", _("This value appears twice in the file.")))
            continue
        seen.add(key)
        try:
            fields = _check_value(
                membership, indicator=indicator, period=period, organization=organization,
                value=row.get("value"), numerator=row.get("numerator"), denominator=row.get("denominator"),
                weight=row.get("weight"), comment=row.get("comment", ""), source=row.get("source", ""),
                confidence=row.get("confidence") or Confidence.HIGH, categories=breakdown,
            )
        except PermissionDenied:
            errors.append((number, "organization", _("You cannot report this indicator for this organization.")))
            continue
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for column, messages in error.message_dict.items():
                    errors.append((number, categories.column(column), " ".join(messages)))
            else:
                errors.append((number, "period_start", " ".join(error.messages)))
            continue
        resolved.append({"row": number, "indicator": indicator, "period": period, "organization": organization,
                         "fields": fields, "breakdown": categories.breakdown(fields["categories"])})
    if errors:
        raise ImportRejected(errors)
    if not resolved:
        raise ImportRejected([(1, "indicator", _("The file has no value to import."))])
    return resolved


@transaction.atomic
def values_import(*, actor, coalition, rows: list[dict]) -> int:
    """Save every row of an import, or none: each is checked first, then all are written in
    one transaction. Uploading the same file again changes nothing. Returns the values changed."""
    resolved = values_check_import(actor=actor, coalition=coalition, rows=rows)
    changed = 0
    for item in resolved:
        before = IndicatorValue.objects.filter(
            indicator=item["indicator"], period=item["period"], organization=item["organization"],
            category__isnull=True,
        ).values_list("updated_at", flat=True).first()
        row = _write_value(actor, indicator=item["indicator"], period=item["period"],
                           organization=item["organization"], fields=item["fields"], submit=True)
        changed += int(row.updated_at != before)
    return changed


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
    _sync_category_status([value])
    _queue_rollups(value.coalition_id, [(value.indicator_id, value.period_id)])
    return value


@transaction.atomic
def values_approve(*, actor, coalition, ids) -> int:
    """Approve several submitted values at once; others in ``ids`` are left as they are."""
    require_permission(actor, coalition, "indicators.values:review")
    rows = list(
        IndicatorValue.objects.select_for_update()
        .filter(coalition=coalition, pk__in=ids, status=ValueStatus.SUBMITTED,
                category__isnull=True)
    )
    now = timezone.now()
    for row in rows:
        row.status, row.reviewed_by, row.reviewed_at = ValueStatus.APPROVED, actor, now
    IndicatorValue.objects.bulk_update(rows, ["status", "reviewed_by", "reviewed_at", "updated_at"])
    _sync_category_status(rows)
    _queue_rollups(coalition.pk, [(r.indicator_id, r.period_id) for r in rows])
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
    _sync_category_status([value])
    coalition_id, value_id, number = value.coalition_id, value.pk, value.return_count
    transaction.on_commit(lambda: tasks.send_value_returned_email.delay(coalition_id, value_id, number))
    if was_approved:
        _queue_rollups(value.coalition_id, [(value.indicator_id, value.period_id)])
    return value
