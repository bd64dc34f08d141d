"""The rows of the import template and of the exports."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models.expressions import RawSQL

from coalitions.models import Organization
from coalitions.spreadsheets import Batch, neutralised_sql
from coalitions.web import parse_int

from ..models import (
    DISAGGREGATED_TYPES,
    SUMMED_TYPES,
    Category,
    Indicator,
    IndicatorRollup,
    IndicatorValue,
    Period,
    ValueStatus,
)
from ..permissions import acts_for_every_organization, sees_organization_values, visible_values
from ..transfer import category_header, category_key, fraction_header
from . import indicators_to_report, owes


def _by_ids(rows, **texts: str):
    """``rows`` of the objects whose ids the request gives as text (``indicator="12"``); a text
    that is not a whole number filters nothing."""
    for name, text in texts.items():
        if (pk := parse_int(text)) is not None:
            rows = rows.filter(**{f"{name}_id": pk})
    return rows


# The id of a coalition's first value, in one step down value_coalition_pk (coalition, id): a row
# comparison, not ``coalition_id = %s``, so that no other index can answer it (with an equality,
# the planner walks the primary key, expecting the coalition's values spread over it).
FIRST_VALUE = f"""SELECT v.id FROM {IndicatorValue._meta.db_table} v WHERE (v.coalition_id, v.id) >= (%s, 0)
                  ORDER BY v.coalition_id, v.id LIMIT 1"""


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
    """The values ``membership`` may read (exports, the API), filtered as ``rollup_rows``.

    They start at the coalition's first value (``FIRST_VALUE``): a page in id order (the API's
    cursor) then reads from there, through the primary key or an index of its filters
    (``value_api_*``), instead of walking the primary key past every value of the coalitions
    created before it (75,000 rows before echelle-200's first; PostgreSQL cannot know that a
    coalition's ids are grouped)."""
    rows = visible_values(membership, IndicatorValue.objects.filter(
        coalition=coalition, pk__gte=RawSQL(FIRST_VALUE, [coalition.pk]),
    )).select_related("indicator", "period__indicator", "organization", "category")
    rows = _by_ids(rows, indicator=indicator, period=period, organization=organization)
    if status in ValueStatus.values:
        rows = rows.filter(status=status)
        if status != ValueStatus.APPROVED and not acts_for_every_organization(membership):
            # Said outright (visible_values already implies it), so that the planner reads the
            # organisation's few values of this status (value_organization_status), not the
            # coalition's (a partner's returned values: 168 ms at echelle-200 without it).
            rows = rows.filter(organization_id=membership.organization_id)
    if updated_since is not None:
        rows = rows.filter(updated_at__gte=updated_since)
    return rows.order_by("indicator__code", "period__start", "organization__name")


EXPORT_CHUNK = 2000  # rows fetched from the server-side cursor at a time


def value_export_rows(coalition, membership, *, indicator: str = "", status: str = "") -> Iterator[Batch]:
    """The values ``membership`` may read (the rule of ``visible_values``), as rows under
    transfer.VALUE_COLUMNS, by indicator code, period start, organisation name and category,
    in ``Batch``es of EXPORT_CHUNK rows read from a server-side cursor.

    Each row comes ready to write: text neutralised in SQL (spreadsheets.neutralised_sql), dates
    as ISO text, numbers as Decimal, no model instance. The order comes from the indexes: the
    coalition's periods are sorted (a few thousand rows), each period's values are read through
    ``value_unique_cell`` and sorted among themselves (an incremental sort of one period at a
    time), so 1.2 M values never meet a whole-table sort. Run it inside a transaction
    (coalitions.spreadsheets.later does), or PostgreSQL copies the whole result aside first."""
    if not sees_organization_values(membership):
        return
    every_organization = acts_for_every_organization(membership)
    conditions, params = [], []
    if not every_organization:  # visible_values: its own, and others' approved
        conditions.append("(v.organization_id = %s OR v.status = %s)")
        params += [membership.organization_id, ValueStatus.APPROVED]
    if status in ValueStatus.values:
        conditions.append("v.status = %s")
        params.append(status)
    # sees_comment: the coordination team reads every comment, a partner its organisation's
    comment = "v.comment" if every_organization else "CASE WHEN v.organization_id = %s THEN v.comment ELSE '' END"
    comment_params = [] if every_organization else [membership.organization_id]
    indicator_id = parse_int(indicator)
    utc = "v.submitted_at AT TIME ZONE 'UTC'"  # as datetime.isoformat(): no fraction when it is 0
    submitted_at = (f"""CASE WHEN v.submitted_at IS NULL THEN ''
                        WHEN to_char({utc}, 'US') = '000000' THEN to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')
                        ELSE to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"') END""")
    sql = f"""
        SELECT {neutralised_sql("p.code")}, p.start_text, p.end_text, {neutralised_sql("v.organization")},
               {neutralised_sql("v.category")}, v.value, v.numerator, v.denominator, v.weight, v.status,
               v.flagged, {neutralised_sql("v.comment")}, {neutralised_sql("v.source")}, v.confidence,
               v.submitted_at
        FROM (
            SELECT p.id, p.indicator_id, i.code, p.start,
                   to_char(p.start, 'YYYY-MM-DD') AS start_text, to_char(p."end", 'YYYY-MM-DD') AS end_text
            FROM {Period._meta.db_table} p JOIN {Indicator._meta.db_table} i ON i.id = p.indicator_id
            WHERE p.coalition_id = %s {"AND p.indicator_id = %s" if indicator_id is not None else ""}
            ORDER BY i.code, p.start, p.id
        ) p
        CROSS JOIN LATERAL (
            SELECT coalesce(o.name, '') AS organization, o.name AS organization_name,
                   c.dimension AS category_dimension, c.label AS category_label,
                   CASE WHEN c.id IS NULL THEN '' ELSE c.dimension || ': ' || c.label END AS category,
                   v.id, v.value, v.numerator, v.denominator, v.weight, v.status,
                   CASE WHEN v.is_flagged THEN '1' ELSE '0' END AS flagged, {comment} AS comment,
                   v.source, v.confidence, {submitted_at} AS submitted_at
            FROM {IndicatorValue._meta.db_table} v
            LEFT JOIN {Organization._meta.db_table} o ON o.id = v.organization_id
            LEFT JOIN {Category._meta.db_table} c ON c.id = v.category_id
            WHERE v.indicator_id = p.indicator_id AND v.period_id = p.id {"".join(f" AND {c}" for c in conditions)}
            ORDER BY o.name, c.dimension NULLS FIRST, c.label NULLS FIRST, v.id
        ) v
        ORDER BY p.code, p.start, p.id, v.organization_name, v.category_dimension NULLS FIRST,
                 v.category_label NULLS FIRST, v.id
    """
    arguments = [coalition.pk, *([indicator_id] if indicator_id is not None else []), *comment_params, *params]
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, arguments)
        while chunk := cursor.fetchmany(EXPORT_CHUNK):
            yield Batch(chunk)


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
    row per assigned indicator and unlocked period it owes (``owes``) between two dates, with the value and its
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
    owed = Period.objects.filter(indicator__in=chosen, start__lte=last, end__gte=first, is_locked=False)
    if organization is not None:  # the periods it owes, not those before its assignment's start
        owed = owed.filter(owes(coalition, organization))
    periods = list(owed.select_related("indicator").order_by("indicator__code", "start"))
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
