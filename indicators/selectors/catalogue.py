"""The indicators and their coalition values: the list, the indicator page, the indicators
linked to the agenda and the plan."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.db.models.expressions import RawSQL

from coalitions.dates import local_today
from coalitions.web import parse_int

from .. import charts
from ..formatting import partial_note
from ..models import Category, Indicator, IndicatorRollup, IndicatorValue, LearningNote, Period, Target
from ..permissions import visible_values
from ..rollups import is_complete
from . import among


def partial_of(rollup, threshold: int) -> str:
    """« partiel : 1 organisme sur 3 » for a coalition value short of the completeness
    threshold, else "" (complete, or no value at all)."""
    if rollup is None or is_complete(rollup.reported_count, rollup.expected_count, threshold):
        return ""
    return partial_note(rollup.reported_count, rollup.expected_count)


def indicators(coalition, *, q: str = "", level: str = ""):
    rows = Indicator.objects.filter(coalition=coalition)
    if q:
        rows = rows.filter(Q(code__icontains=q) | Q(name_fr__icontains=q) | Q(name_en__icontains=q))
    if level:
        rows = rows.filter(level=level)
    return rows.order_by("code")


def indicator_framework(coalition):
    """The indicators with their targets and categories (two prefetches), for the API: as lists
    (``target_list``, ``category_list``), which cost nothing a row, where a prefetched manager
    builds two filtered querysets for each indicator (a third of a page of 100)."""
    return indicators(coalition).prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("period__start", "pk"), to_attr="target_list"),
        Prefetch("categories", queryset=Category.objects.order_by("dimension", "label", "pk"),
                 to_attr="category_list"),
    )


def periods(coalition, *, indicator: str = "", open_only: bool = False):
    """The reporting periods of the coalition's indicators; ``open_only``: not locked."""
    rows = Period.objects.filter(coalition=coalition)
    if (indicator_id := parse_int(indicator)) is not None:
        rows = rows.filter(indicator_id=indicator_id)
    if open_only:
        rows = rows.filter(is_locked=False)
    return rows.order_by("indicator_id", "start")


def _final_targets(indicator_ids) -> dict:
    return dict(
        Target.objects.filter(indicator_id__in=indicator_ids, period__isnull=True).values_list("indicator_id", "value")
    )


# The last ``%s`` coalition values of each indicator: a LATERAL walk back through its periods
# (period_unique_start: indicator, start) and their rollups (rollup_unique_key), so the work
# is ``len(ids) x limit``, whatever the history.
LAST_ROLLUPS = """
    SELECT last.id FROM UNNEST(%s::bigint[]) AS i(id) CROSS JOIN LATERAL (
        SELECT r.id FROM indicators_period p
        JOIN indicators_indicatorrollup r ON r.indicator_id = p.indicator_id AND r.period_id = p.id
             AND r.category_id IS NULL AND r.value IS NOT NULL
        WHERE p.indicator_id = i.id ORDER BY p.start DESC LIMIT %s) AS last
"""
SPARKLINE_POINTS = 12


def decorate_indicators(indicator_page) -> list:
    """Give each indicator of a page its last coalition values, latest complete value (and a
    newer partial one), target, status and sparkline, from complete periods only (two
    queries for the whole page, none without indicators)."""
    items = list(indicator_page)
    ids = [i.pk for i in items]
    series: dict[int, list] = {i: [] for i in ids}
    if ids:
        last = RawSQL(LAST_ROLLUPS, [ids, SPARKLINE_POINTS])  # noqa: S611 (constant SQL, bound parameters)
        for rollup in (
            IndicatorRollup.objects.filter(indicator_id__in=ids, pk__in=last)
            .select_related("period", "coalition").order_by("period__start")
        ):
            series[rollup.indicator_id].append(rollup)
    by_pk = {i.pk: i for i in items}
    for rollups in series.values():
        for rollup in rollups:
            rollup.period.indicator = by_pk[rollup.indicator_id]
    targets = _final_targets(ids)
    for indicator in items:
        rollups = series[indicator.pk]
        for rollup in rollups:
            rollup.partial = partial_of(rollup, rollup.coalition.completeness_threshold)
        complete = [r for r in rollups if not r.partial]
        values = [r.value for r in complete]
        # the latest complete value is the coalition's result; a newer partial one is shown apart
        indicator.latest = complete[-1] if complete else None
        indicator.latest_partial = rollups[-1] if rollups and rollups[-1].partial else None
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
class IndicatorPage:
    indicator: Indicator
    rows: list = field(default_factory=list)  # per period: period, rollup, target, note
    chart: object = None
    breakdown: Any = field(default_factory=list)  # a Page of the organisations' values
    categories: list = field(default_factory=list)
    final_target: object = None
    priorities: list = field(default_factory=list)
    actions: list = field(default_factory=list)


def indicator_page(indicator: Indicator, membership, breakdown_page=None) -> IndicatorPage:
    """The indicator's page: every started period with its coalition value, target and note;
    the categories and, one page (``breakdown_page``) at a time, the organisations' values of
    the last four periods."""
    today = local_today(membership.coalition)
    periods = list(Period.objects.filter(indicator=indicator, start__lte=today).order_by("start"))
    for period in periods:
        period.indicator = indicator
    by_pk = {p.pk: p for p in periods}
    recent = [p.pk for p in periods[-4:]]
    rollups, categories = {}, []
    for rollup in IndicatorRollup.objects.filter(  # the categories of the last four periods only
            Q(category__isnull=True) | Q(period_id__in=recent), indicator=indicator, period__start__lte=today,
    ).select_related("category"):
        rollup.period = by_pk[rollup.period_id]
        if rollup.category_id is None:
            rollups[rollup.period_id] = rollup
        else:
            categories.append(rollup)
    targets = {t.period_id: t.value for t in Target.objects.filter(indicator=indicator)}
    notes = {n.period_id: n for n in LearningNote.objects.filter(indicator=indicator).select_related("author")}
    threshold = membership.coalition.completeness_threshold
    rows: list[dict[str, Any]] = [
        {"period": p, "rollup": rollups.get(p.pk), "target": targets.get(p.pk), "note": notes.get(p.pk),
         "partial": partial_of(rollups.get(p.pk), threshold)}
        for p in periods
    ]
    page = IndicatorPage(indicator=indicator, rows=rows, final_target=targets.get(None))
    page.chart = charts.line_chart(
        [(r["period"].label, r["rollup"].value if r["rollup"] else None) for r in rows[-24:]],
        target=page.final_target, baseline=indicator.baseline_value,
        partial={r["period"].label for r in rows[-24:] if r["partial"]}, fmt=indicator,
    )
    values = visible_values(
        membership,
        IndicatorValue.objects.filter(indicator=indicator, period_id__in=among(recent), category__isnull=True),
    ).select_related("organization").order_by("-period__start", "organization__name", "pk")
    page.breakdown = Paginator(values, settings.PAGE_SIZE).get_page(breakdown_page)
    for value in page.breakdown:
        value.period = by_pk[value.period_id]
    page.categories = sorted(  # the breakdown by category of the last four periods, newest first
        categories, key=lambda r: (-r.period.start.toordinal(), r.category.dimension, r.category.label),
    )
    page.priorities = list(indicator.priorities.order_by("position", "pk"))
    page.actions = list(indicator.actions.filter(review_status="accepted").select_related("plan").order_by("title"))
    return page
