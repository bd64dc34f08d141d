"""The rows of the import template and of the exports."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coalitions.web import parse_int

from ..models import DISAGGREGATED_TYPES, SUMMED_TYPES, Category, IndicatorRollup, IndicatorValue, Period, ValueStatus
from ..permissions import visible_values
from ..transfer import category_header, category_key, fraction_header
from . import indicators_to_report


def _by_ids(rows, **texts: str):
    """``rows`` of the objects whose ids the request gives as text (``indicator="12"``); a text
    that is not a whole number filters nothing."""
    for name, text in texts.items():
        if (pk := parse_int(text)) is not None:
            rows = rows.filter(**{f"{name}_id": pk})
    return rows


def rollup_rows(coalition, *, indicator: str = "", period: str = "", updated_since=None):
    """The coalition values (exports, the API), with the filters given as request text: an id
    that is not a whole number filters nothing; ``updated_since`` is a datetime."""
    rows = IndicatorRollup.objects.filter(coalition=coalition).select_related(
        "indicator", "period__indicator", "category"
    )
    rows = _by_ids(rows, indicator=indicator, period=period)
    if updated_since is not None:
        rows = rows.filter(computed_at__gte=updated_since)
    return rows.order_by("indicator__code", "period__start", "category__dimension", "category__label")


def value_rows(coalition, membership, *, indicator: str = "", status: str = "", period: str = "",
               organization: str = "", updated_since=None):
    """The values ``membership`` may read (exports, the API), filtered as ``rollup_rows``."""
    rows = visible_values(membership, IndicatorValue.objects.filter(coalition=coalition)).select_related(
        "indicator", "period__indicator", "organization", "category"
    )
    rows = _by_ids(rows, indicator=indicator, period=period, organization=organization)
    if status in ValueStatus.values:
        rows = rows.filter(status=status)
    if updated_since is not None:
        rows = rows.filter(updated_at__gte=updated_since)
    return rows.order_by("indicator__code", "period__start", "organization__name")




PART_ORDER = {None: 0, "numerator": 1, "denominator": 2}


@dataclass
class CategoryColumn:
    """A column of the import template: one category, for every indicator that has it."""

    header: str
    part: str | None = None  # "numerator" or "denominator" for a percentage's category
    codes: list[str] = field(default_factory=list)
    summed: list[str] = field(default_factory=list)  # the codes whose categories add up to the value


@dataclass
class ImportTemplate:
    rows: list[dict]  # {column: value}
    categories: list[CategoryColumn]


def import_template(coalition, membership, organization, first: date, last: date) -> ImportTemplate:
    """The import template of ``organization`` (None: the coordination team's own values): one
    row per assigned indicator and unlocked period between two dates, with the value and its
    breakdown already entered if any, and one column per category of these indicators."""
    chosen = indicators_to_report(coalition, membership, organization)
    columns: dict[tuple, CategoryColumn] = {}
    headers: dict[tuple, str] = {}  # (category id, part) -> its column
    categories = Category.objects.filter(indicator__in=chosen, indicator__value_type__in=DISAGGREGATED_TYPES)
    for category in categories.select_related("indicator").order_by("indicator__code"):
        header = category_header(category.dimension, category.label)
        indicator = category.indicator
        for part in ("numerator", "denominator") if indicator.is_percentage else (None,):
            title = fraction_header(header, part) if part else header
            column = columns.setdefault((category_key(header), part), CategoryColumn(title, part))
            column.codes.append(indicator.code)
            if indicator.requires_category_total and (indicator.is_percentage or indicator.value_type in SUMMED_TYPES):
                column.summed.append(indicator.code)
            headers[(category.pk, part)] = column.header
    periods = list(
        Period.objects.filter(indicator__in=chosen, start__lte=last, end__gte=first, is_locked=False)
        .select_related("indicator").order_by("indicator__code", "start")
    )
    values: dict[int, IndicatorValue] = {}
    breakdowns: dict[int, dict[str, Decimal | None]] = {}  # {period id: {category column: number}}
    for v in IndicatorValue.objects.filter(period__in=[p.pk for p in periods], organization=organization):
        if v.category_id is None:
            values[v.period_id] = v
        elif (v.category_id, None) in headers:
            breakdowns.setdefault(v.period_id, {})[headers[(v.category_id, None)]] = v.value
        elif (v.category_id, "numerator") in headers:
            breakdowns.setdefault(v.period_id, {}).update({
                headers[(v.category_id, "numerator")]: v.numerator,
                headers[(v.category_id, "denominator")]: v.denominator})
    rows = []
    for period in periods:
        value = values.get(period.pk)
        rows.append({
            "indicator": period.indicator.code, "period_start": period.start.isoformat(),
            "organization": organization.name if organization else "",
            "value": value.value if value and not period.indicator.is_percentage else None,
            "numerator": value.numerator if value else None, "denominator": value.denominator if value else None,
            "weight": value.weight if value else None, "comment": value.comment if value else "",
            "source": value.source if value else "", "confidence": value.confidence if value else "high",
            "indicator_name": period.indicator.name, "period": period.label,
            **breakdowns.get(period.pk, {}),
        })
    ordered = [columns[key] for key in sorted(columns, key=lambda k: (k[0], PART_ORDER[k[1]]))]
    return ImportTemplate(rows=rows, categories=ordered)
