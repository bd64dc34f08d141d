"""Reads of shared measurement, shared by views, tasks and exports. Fixed query counts."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from coalitions.dates import local_today
from coalitions.models import Organization
from coalitions.web import parse_int

from . import charts
from .models import (
    DISAGGREGATED_TYPES,
    SUMMED_TYPES,
    Aggregation,
    Category,
    Indicator,
    IndicatorGroupObjectPermission,
    IndicatorRollup,
    IndicatorValue,
    LearningNote,
    Period,
    Target,
    ValueStatus,
)
from .permissions import acts_for_every_organization, assigned_indicators, visible_values
from .transfer import category_header, category_key, fraction_header


def indicators(coalition, *, q: str = "", level: str = ""):
    rows = Indicator.objects.filter(coalition=coalition)
    if q:
        rows = rows.filter(Q(code__icontains=q) | Q(name_fr__icontains=q) | Q(name_en__icontains=q))
    if level:
        rows = rows.filter(level=level)
    return rows.order_by("code")


def _final_targets(indicator_ids) -> dict:
    return dict(
        Target.objects.filter(indicator_id__in=indicator_ids, period__isnull=True).values_list("indicator_id", "value")
    )


def decorate_indicators(indicator_page) -> list:
    """Give each indicator of a page its series, latest value, target, status and sparkline
    (two queries for the whole page)."""
    items = list(indicator_page)
    ids = [i.pk for i in items]
    series: dict[int, list] = {i: [] for i in ids}
    for rollup in (
        IndicatorRollup.objects.filter(indicator_id__in=ids, category__isnull=True, value__isnull=False)
        .select_related("period__indicator").order_by("period__start")
    ):
        series[rollup.indicator_id].append(rollup)
    targets = _final_targets(ids)
    for indicator in items:
        rollups = series[indicator.pk][-12:]
        values = [r.value for r in rollups]
        indicator.latest = rollups[-1] if rollups else None
        indicator.target = targets.get(indicator.pk)
        indicator.status = charts.trend_status(values, indicator.target, indicator.direction)
        indicator.sparkline = charts.sparkline_points(values)
    return items


def linked_indicators(*, action=None, priority_ids=None) -> list:
    """The indicators an action contributes to, or those of some priorities, each with its
    latest coalition value and status (three queries). With ``priority_ids`` each indicator
    also gets ``linked_priority_ids``."""
    rows = Indicator.objects.order_by("code")
    if action is not None:
        rows = rows.filter(coalition_id=action.coalition_id, actions=action)
        return decorate_indicators(rows)
    through = Indicator.priorities.through
    links = list(through.objects.filter(priority_id__in=list(priority_ids or [])).values_list(
        "indicator_id", "priority_id"))
    items = decorate_indicators(rows.filter(pk__in={i for i, _p in links}))
    by_pk = {i.pk: i for i in items}
    for item in items:
        item.linked_priority_ids = set()
    for indicator_id, priority_id in links:
        by_pk[indicator_id].linked_priority_ids.add(priority_id)
    return items


def indicators_by_priority(priority_ids) -> dict[int, list]:
    """{priority id: [its indicators, decorated]} for the agenda (four queries)."""
    result: dict[int, list] = {}
    for indicator in linked_indicators(priority_ids=priority_ids):
        for priority_id in indicator.linked_priority_ids:
            result.setdefault(priority_id, []).append(indicator)
    return result


@dataclass
class Cell:
    indicator: Indicator
    period: Period
    organization: Organization | None
    value: IndicatorValue | None
    status: str = ""
    form: object = None
    days: int = 0
    categories: list = field(default_factory=list)
    breakdown: dict = field(default_factory=dict)

    @property
    def late_days(self) -> int:
        return -self.days

    @property
    def key(self) -> str:
        return f"c{self.period.pk}-{self.organization.pk if self.organization else 0}"


def cell_status(period: Period, value: IndicatorValue | None, today: date) -> str:
    if value is not None:
        return value.status
    return "late" if today > period.due_date else "due"


def entry_cells(coalition, membership, organization: Organization | None, today: date | None = None) -> list[Cell]:
    """The "to report" screen: the organisation's assigned indicators (or, with no
    organisation, the coordinator-entered ones) x open periods, most urgent first.
    Open periods: unlocked, started, and either recent (ended less than a year ago) or
    still waiting for a value that is not approved."""
    today = today or local_today(coalition)
    scoped = Indicator.objects.filter(coalition=coalition)
    if organization is None:
        chosen = (scoped.filter(aggregation=Aggregation.COORDINATOR) if acts_for_every_organization(membership)
                  else scoped.none())
    else:
        chosen = assigned_indicators(organization, scoped.exclude(aggregation=Aggregation.COORDINATOR))
    periods = list(
        Period.objects.filter(indicator__in=chosen, is_locked=False, start__lte=today)
        .select_related("indicator").order_by("due_date", "indicator__code")
    )
    values = {
        (v.period_id): v
        for v in IndicatorValue.objects.filter(
            period__in=[p.pk for p in periods], organization=organization, category__isnull=True
        )
    }
    recent = today - timedelta(days=365)
    cells = []
    for period in periods:
        value = values.get(period.pk)
        status = cell_status(period, value, today)
        if status == ValueStatus.APPROVED and period.end < recent:
            continue
        if status == "due" and period.end >= today:
            status = "open"
        cells.append(Cell(period.indicator, period, organization, value, status, days=(period.due_date - today).days))
    order = {"returned": 0, "late": 1, "due": 2, "draft": 3, "open": 4, "submitted": 5, "approved": 6}
    cells.sort(key=lambda c: (order.get(c.status, 9), c.period.due_date, c.indicator.code))
    return cells


def add_breakdowns(cells: list[Cell]) -> list[Cell]:
    """Give each cell its indicator's categories and the breakdown already entered (two queries)."""
    if not cells:
        return cells
    by_indicator: dict[int, list] = {}
    for category in Category.objects.filter(indicator_id__in={c.indicator.pk for c in cells}).order_by(
            "dimension", "label"):
        by_indicator.setdefault(category.indicator_id, []).append(category)
    organization = cells[0].organization  # one screen, one organisation
    rows = IndicatorValue.objects.filter(period_id__in=[c.period.pk for c in cells], organization=organization,
                                         category__isnull=False)
    breakdowns: dict = {}
    for period_id, category_id, value, numerator, denominator in rows.values_list(
            "period_id", "category_id", "value", "numerator", "denominator"):
        breakdowns.setdefault(period_id, {})[category_id] = (
            (numerator, denominator) if numerator is not None or denominator is not None else value)
    for cell in cells:
        cell.categories = by_indicator.get(cell.indicator.pk, [])
        cell.breakdown = breakdowns.get(cell.period.pk, {})
    return cells


def entry_cell(membership, period: Period, organization: Organization | None) -> Cell:
    value = IndicatorValue.objects.filter(period=period, organization=organization, category__isnull=True).first()
    today = local_today(membership.coalition)
    status = cell_status(period, value, today)
    cell = Cell(period.indicator, period, organization, value, status, days=(period.due_date - today).days)
    return add_breakdowns([cell])[0]


def review_queue(coalition, *, status: str = "submitted", indicator: str = "", flagged: str = ""):
    rows = IndicatorValue.objects.filter(coalition=coalition, category__isnull=True).select_related(
        "indicator", "period__indicator", "organization", "entered_by"
    )
    if status in ValueStatus.values:
        rows = rows.filter(status=status)
    if (indicator_id := parse_int(indicator)) is not None:
        rows = rows.filter(indicator_id=indicator_id)
    if flagged == "1":
        rows = rows.filter(is_flagged=True)
    return rows.order_by("-is_flagged", "submitted_at", "pk")


def value_history(value: IndicatorValue) -> list:
    """Every recorded version of a value (who, when, old and new), newest first."""
    from django.contrib.auth import get_user_model

    events = list(value.events.order_by("-pgh_created_at", "-pgh_id").select_related("pgh_context"))
    users = get_user_model().objects.in_bulk(
        {(e.pgh_context.metadata or {}).get("user") for e in events if e.pgh_context} - {None}
    )
    for event in events:
        event.actor = users.get((event.pgh_context.metadata or {}).get("user")) if event.pgh_context else None
    return events


@dataclass
class IndicatorPage:
    indicator: Indicator
    rows: list = field(default_factory=list)  # per period: period, rollup, target, note
    chart: object = None
    breakdown: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    final_target: object = None
    priorities: list = field(default_factory=list)
    actions: list = field(default_factory=list)


def indicator_page(indicator: Indicator, membership) -> IndicatorPage:
    today = local_today(membership.coalition)
    periods = list(Period.objects.filter(indicator=indicator, start__lte=today).order_by("start"))
    for period in periods:
        period.indicator = indicator
    rollups = {}
    categories = []
    by_pk = {p.pk: p for p in periods}
    for rollup in IndicatorRollup.objects.filter(indicator=indicator).select_related("category"):
        if rollup.period_id in by_pk:
            rollup.period = by_pk[rollup.period_id]
        if rollup.category_id is None:
            rollups[rollup.period_id] = rollup
        else:
            categories.append(rollup)
    targets = {t.period_id: t.value for t in Target.objects.filter(indicator=indicator)}
    notes = {n.period_id: n for n in LearningNote.objects.filter(indicator=indicator).select_related("author")}
    rows: list[dict[str, Any]] = [
        {"period": p, "rollup": rollups.get(p.pk), "target": targets.get(p.pk), "note": notes.get(p.pk)}
        for p in periods
    ]
    page = IndicatorPage(indicator=indicator, rows=rows, final_target=targets.get(None))
    page.chart = charts.line_chart(
        [(r["period"].label, r["rollup"].value if r["rollup"] else None) for r in rows[-24:]],
        target=page.final_target, baseline=indicator.baseline_value,
    )
    recent = [p.pk for p in periods[-4:]]
    page.breakdown = list(
        visible_values(
            membership,
            IndicatorValue.objects.filter(indicator=indicator, period_id__in=recent, category__isnull=True),
        ).select_related("organization", "period__indicator").order_by("-period__start", "organization__name")
    )
    page.categories = sorted(  # the breakdown by category of the last four periods, newest first
        [r for r in categories if r.period_id in recent],
        key=lambda r: (-r.period.start.toordinal(), r.category.dimension, r.category.label),
    )
    page.priorities = list(indicator.priorities.order_by("position", "pk"))
    page.actions = list(indicator.actions.filter(review_status="accepted").select_related("plan").order_by("title"))
    return page


def assigned_organizations(indicator: Indicator) -> list[Organization]:
    groups = IndicatorGroupObjectPermission.objects.filter(content_object=indicator).values("group_id")
    return list(Organization.objects.filter(coalition_id=indicator.coalition_id, group_id__in=groups).order_by("name"))


@dataclass
class Board:
    indicator: Indicator | None
    periods: list
    rows: list  # (organization, [(period, status)])


def completeness(coalition, indicator: Indicator | None, today: date | None = None) -> Board:
    """Organisations x periods of one indicator: on time, late, missing, returned, due."""
    today = today or local_today(coalition)
    if indicator is None:
        return Board(None, [], [])
    periods = list(Period.objects.filter(indicator=indicator, start__lte=today).order_by("-start")[:12])[::-1]
    for period in periods:
        period.indicator = indicator
    organizations = assigned_organizations(indicator)
    values = {
        (v.organization_id, v.period_id): v
        for v in IndicatorValue.objects.filter(indicator=indicator, period__in=periods, category__isnull=True)
        .only("organization_id", "period_id", "status", "submitted_at")
    }
    rows = []
    for organization in organizations:
        cells = []
        for period in periods:
            value = values.get((organization.pk, period.pk))
            cells.append((period, board_status(period, value, today)))
        rows.append((organization, cells))
    return Board(indicator, periods, rows)


def board_status(period: Period, value: IndicatorValue | None, today: date) -> str:
    if value is None or value.status == ValueStatus.DRAFT:
        if today <= period.due_date:
            return "due"
        return "missing"
    if value.status == ValueStatus.RETURNED:
        return "returned"
    if value.submitted_at and timezone.localdate(value.submitted_at) > period.due_date:
        return "late"
    return "on_time"


def rollup_rows(coalition, *, indicator: str = ""):
    rows = IndicatorRollup.objects.filter(coalition=coalition).select_related(
        "indicator", "period__indicator", "category"
    )
    if (indicator_id := parse_int(indicator)) is not None:
        rows = rows.filter(indicator_id=indicator_id)
    return rows.order_by("indicator__code", "period__start", "category__dimension", "category__label")


def value_rows(coalition, membership, *, indicator: str = "", status: str = ""):
    rows = visible_values(membership, IndicatorValue.objects.filter(coalition=coalition)).select_related(
        "indicator", "period__indicator", "organization", "category"
    )
    if (indicator_id := parse_int(indicator)) is not None:
        rows = rows.filter(indicator_id=indicator_id)
    if status in ValueStatus.values:
        rows = rows.filter(status=status)
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
    scoped = Indicator.objects.filter(coalition=coalition)
    if organization is None:
        chosen = (scoped.filter(aggregation=Aggregation.COORDINATOR) if acts_for_every_organization(membership)
                  else scoped.none())
    else:
        chosen = assigned_indicators(organization, scoped.exclude(aggregation=Aggregation.COORDINATOR))
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
