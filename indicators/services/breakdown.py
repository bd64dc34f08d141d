"""Disaggregation: the categories of an indicator and the breakdown of a value by category."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from coalitions.permissions import require_permission

from ..models import (
    DISAGGREGATED_TYPES,
    SUMMED_TYPES,
    Category,
    Indicator,
    IndicatorValue,
)
from .parsing import fraction_errors, number_error, parse_decimal, percent


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


def check_categories(indicator: Indicator, numbers: dict, categories: dict | None,
                     known: dict | None = None) -> dict | None:
    """Check the breakdown of a value: {category id: raw number} (None: no breakdown given),
    or for a percentage {category id: (raw numerator, raw denominator)}. Each number follows
    the value type; when the indicator requires it, the categories of each dimension add up to
    the total (counts, amounts and rates; for a percentage, the numerators add up to the
    numerator and the denominators to the denominator; a yes/no answer or a level per category
    does not add up). Errors go on the field ``category_<id>`` (``category_<id>_numerator`` or
    ``_denominator`` for a percentage). ``known``: the indicator's categories {id: category},
    when the caller loaded them for many values."""
    if categories is None or indicator.value_type not in DISAGGREGATED_TYPES:
        return None
    if known is None:
        known = {c.pk: c for c in Category.objects.filter(indicator=indicator)}
    errors: dict = {}
    cleaned: dict[int, Any] = {}  # {pk: number}, or {pk: (numerator, denominator)} for a percentage
    for key, raw in categories.items():
        pk = int(key)
        if pk not in known:
            raise PermissionDenied("category of another indicator")
        if indicator.is_percentage:
            cleaned[pk] = _category_fraction(pk, raw, errors)
            continue
        field = f"category_{pk}"
        number = parse_decimal(raw, field, errors)
        if number is not None and (message := number_error(indicator, number)):
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
    numerator = parse_decimal(raw_numerator, f"{field}_numerator", errors)
    denominator = parse_decimal(raw_denominator, f"{field}_denominator", errors)
    if len(errors) > before:
        return None
    if numerator is None and denominator is None:
        return None
    problems = fraction_errors(numerator, denominator, missing=(
        _("Enter the numerator of this category too, or leave both empty."),
        _("Enter the denominator of this category too, or leave both empty.")))
    errors.update({f"{field}_{part}": message for part, message in problems.items()})
    return None if problems else (numerator, denominator)


def write_categories(parent: IndicatorValue, categories: dict) -> bool:
    """Write the breakdown of ``parent`` (one row per category, same status). Returns whether
    anything changed."""
    rows = {
        v.category_id: v for v in IndicatorValue.objects.select_for_update().filter(
            indicator_id=parent.indicator_id, period_id=parent.period_id, organization=parent.organization_id,
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
        numbers = category_numbers(number)
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


def category_numbers(number) -> dict:
    """The fields of one category's row: its value, or a percentage's numerator, denominator
    and the value they make."""
    if isinstance(number, tuple):
        numerator, denominator = number
        return {"value": percent(numerator, denominator), "numerator": numerator, "denominator": denominator}
    return {"value": number}


def sync_category_status(parents) -> None:
    """Give the categories of each value its status (they are reviewed with it): one UPDATE
    for all the values that share a status and review, whatever their number."""
    now = timezone.now()
    groups: dict[tuple, Q] = {}
    for parent in parents:
        key = (parent.status, parent.reviewed_by_id, parent.reviewed_at)
        same_value = Q(indicator_id=parent.indicator_id, period_id=parent.period_id,
                       organization_id=parent.organization_id)
        groups[key] = groups[key] | same_value if key in groups else same_value
    for (status, reviewed_by_id, reviewed_at), of_parents in groups.items():
        IndicatorValue.objects.filter(of_parents, category__isnull=False).exclude(status=status).update(
            status=status, reviewed_by_id=reviewed_by_id, reviewed_at=reviewed_at, updated_at=now)


def category_values(value: IndicatorValue | None) -> dict:
    """{category id: value} of a value's breakdown ({category id: (numerator, denominator)} for
    a percentage)."""
    if value is None:
        return {}
    rows = IndicatorValue.objects.filter(
        indicator_id=value.indicator_id, period_id=value.period_id, organization=value.organization_id,
        category__isnull=False).values_list("category_id", "value", "numerator", "denominator")
    return {pk: category_number(number, numerator, denominator) for pk, number, numerator, denominator in rows}


def category_number(value, numerator, denominator):
    """One category's number as the services take it: its value, or a percentage's
    (numerator, denominator)."""
    if numerator is not None or denominator is not None:
        return (numerator, denominator)
    return value
