"""The funder's read-only dashboard: only published and approved data.

Indicator series come from the rollups, which are computed from approved values only; the
action plan shows accepted actions only; the agenda is the latest published version.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Avg, Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from conditions import selectors as condition_selectors
from conditions.models import Action, ActionStatus, Activity, ReviewStatus
from indicators import charts
from indicators.formatting import partial_note
from indicators.models import Indicator, Target
from indicators.periods import period_label
from indicators.rollups import is_complete
from indicators.selectors import suppression

CHARTS_PER_PAGE = 12

STATUS_WORDS = {
    charts.ON_TRACK: (gettext_noop("On track"), "✓"),
    charts.AT_RISK: (gettext_noop("At risk"), "!"),
    charts.OFF_TRACK: (gettext_noop("Off track"), "✗"),
    charts.NO_DATA: (gettext_noop("No data yet"), "–"),
}


def trend_words(status: str) -> tuple[str, str]:
    word, symbol = STATUS_WORDS[status]
    return _(word), symbol


def chart_rows(points, partial: dict, straddling=()) -> list[dict]:
    """The rows of a chart's data table and summary, oldest first: each period's label, value,
    whether it straddles the range, and for a partial period its organisations counted and
    expected (``partial``: {label: (reported, expected)})."""
    return [
        {"label": label, "value": value, "straddling": label in straddling,
         "partial": {"reported": partial[label][0], "expected": partial[label][1]} if label in partial else None,
         "note": partial_note(*partial[label]) if label in partial else ""}
        for label, value in points
    ]


def latest_complete(rows: list[dict]) -> dict | None:
    """The newest row with a value that is not partial: the coalition's latest result."""
    return next((r for r in reversed(rows) if r["value"] is not None and not r["partial"]), None)


def newer_partials(rows: list[dict]) -> list[dict]:
    """The partial rows newer than the latest result, the ones a reader could take for it."""
    latest = latest_complete(rows)
    after = rows[rows.index(latest) + 1:] if latest else rows
    return [r for r in after if r["partial"]]


@dataclass
class Series:
    indicator: Indicator
    points: list  # (period label, value or None)
    target: Decimal | None
    status: str
    drawn: list  # (period label, value on the chart or None): the points with suppressed ones as gaps
    straddling: list = field(default_factory=list)  # labels of periods that began before ``start``
    partial: dict = field(default_factory=dict)  # {label: (reported, expected)} of partial periods
    periods: list = field(default_factory=list)  # (start, end) of each point's period

    @cached_property
    def chart(self):
        """The chart's geometry, made when a page draws it (a report draws its own from its data)."""
        return charts.line_chart(self.drawn, target=self.target, baseline=self.indicator.baseline_value,
                                 partial=self.partial, fmt=self.indicator, width=640, height=240)

    @cached_property
    def rows(self) -> list[dict]:
        return chart_rows(self.points, self.partial, self.straddling)

    @property
    def latest_row(self) -> dict | None:
        return latest_complete(self.rows)

    @property
    def latest(self):
        """The latest *complete* coalition value: a partial period is not the coalition's result."""
        row = self.latest_row
        return row["value"] if row else None

    @property
    def partials(self) -> list[dict]:
        return newer_partials(self.rows)

    @property
    def status_word(self):
        return trend_words(self.status)[0]

    @property
    def status_symbol(self):
        return trend_words(self.status)[1]


# The last ``limit`` coalition values (no category) of each indicator, newest first: one
# LATERAL per indicator walks its periods backwards on period_unique_start (indicator, start)
# and probes each period's rollup (the inner LIMIT keeps it a probe, not a join that reads the
# indicator's whole history), so the work follows the points shown.
LAST_POINTS_SQL = """
SELECT chosen.id, x.start, x."end", x.value, x.reported_count, x.expected_count, x.period_id
FROM UNNEST(%(ids)s::bigint[]) AS chosen(id)
CROSS JOIN LATERAL (
    SELECT p.start, p."end", r.value, r.reported_count, r.expected_count, p.id AS period_id
    FROM indicators_period p
    CROSS JOIN LATERAL (
        SELECT r.value, r.reported_count, r.expected_count FROM indicators_indicatorrollup r
        WHERE r.indicator_id = p.indicator_id AND r.period_id = p.id AND r.category_id IS NULL LIMIT 1
    ) r
    WHERE p.indicator_id = chosen.id {where}
    ORDER BY p.start DESC
    LIMIT %(limit)s
) x
"""


@dataclass(frozen=True)
class Point:
    start: date
    end: date
    value: Decimal | None
    reported_count: int
    expected_count: int
    period_id: int | None = None


def last_points(indicator_ids, limit: int, *, start=None, end=None, known_only: bool = False) -> dict[int, list]:
    """{indicator id: [Point]} oldest first: the last ``limit`` periods of each indicator that
    have a coalition value row (``known_only``: with a value), among those that end between
    ``start`` and ``end`` when given. One query."""
    ids = list(indicator_ids)
    points: dict[int, list] = {pk: [] for pk in ids}
    if not ids:
        return points
    where = ""
    if start:
        where += ' AND p."end" >= %(start)s'
    if end:
        where += ' AND p."end" <= %(end)s'
    if known_only:
        where += " AND r.value IS NOT NULL"
    with connection.cursor() as cursor:
        cursor.execute(LAST_POINTS_SQL.format(where=where), {"ids": ids, "limit": limit, "start": start, "end": end})
        for indicator_id, *row in cursor.fetchall():
            points[indicator_id].append(Point(*row))
    for rows in points.values():
        rows.reverse()
    return points


def final_targets(indicator_ids) -> dict:
    return dict(
        Target.objects.filter(indicator_id__in=indicator_ids, period__isnull=True).values_list("indicator_id", "value")
    )


def indicator_series(coalition, *, indicators=None, start=None, end=None, limit: int = 12,
                     threshold: int | None = None) -> list[Series]:
    """Each indicator's last ``limit`` coalition values (approved data only) with its final
    target. Three queries whatever the number of indicators and periods. For funders, give the
    coalition's small numbers ``threshold``: the values of indicators that count people are shown
    as the exports and the API show them (indicators.selectors.suppression decides each
    indicator and period once, with its categories: one more query), their charts have a gap
    where one is hidden.

    A period fewer organisations have reported than the coalition's completeness threshold
    asks for is partial: drawn apart and labelled, and left out of the latest value and the
    status, which follow the complete periods only.

    With ``start`` and ``end``, only the periods that end within them: a period belongs to
    the range it ends in. Those that began before ``start`` are listed in ``straddling``."""
    if indicators is None:
        indicators = Indicator.objects.filter(coalition=coalition).order_by("code")
    chosen = list(indicators)
    ids = [i.pk for i in chosen]
    by_indicator = last_points(ids, limit, start=start, end=end)
    targets = final_targets(ids)
    shown: dict = {}
    if threshold is not None:
        # one query even when no indicator of the page counts people: the same count on every page
        periods = [p.period_id for i in chosen if i.counts_people for p in by_indicator[i.pk]]
        shown = suppression.shown_coalition_values(coalition, periods, threshold)
    labels: dict[tuple, str] = {}  # indicators of one frequency share their periods' labels
    series = []
    for indicator in chosen:
        rows = by_indicator[indicator.pk]
        labelled = [
            (labels.get(key) or labels.setdefault(key, period_label(*key)), p.start, p.value)
            for p in rows for key in [(indicator.frequency, p.start, p.end)]
        ]
        points = [(label, shown.get(p.period_id, value))
                  for (label, _first, value), p in zip(labelled, rows, strict=True)]
        straddling = [label for label, first, _value in labelled if start and first < start]
        partial = {
            label: (p.reported_count, p.expected_count) for (label, _first, _v), p in zip(labelled, rows, strict=True)
            if not is_complete(p.reported_count, p.expected_count, coalition.completeness_threshold)
        }
        drawn = [(label, suppression.chart_value(value)) for label, value in points]
        values = [v for label, v in drawn if v is not None and label not in partial]
        target = targets.get(indicator.pk)
        series.append(Series(
            indicator, points, target, charts.trend_status(values, target, indicator.direction), drawn,
            straddling, partial, [(p.start, p.end) for p in rows],
        ))
    return series


def _number(value) -> float | None:
    return None if value is None else float(value)


def hide_small_counts(activities: dict, threshold: int) -> dict:
    """The people and families of the activities, each column with its total: counts below the
    threshold hidden (cells already hidden stay so), and as many others as it takes so that no total gives them away
    (indicators.selectors.suppression)."""
    rows = activities["by_organization"]
    values: dict[tuple[str, int | str], int] = {}
    groups: list = []
    for column, name in ((2, "people"), (3, "families")):
        cells = [(name, i) for i in range(len(rows))]
        values.update({(name, i): row[column] for i, row in enumerate(rows)})
        values[(name, "total")] = activities[name]
        groups.append(((name, "total"), cells))
    shown = suppression.suppress(values, threshold, groups)
    for i, row in enumerate(rows):
        row[2], row[3] = shown[("people", i)], shown[("families", i)]
    activities["people"], activities["families"] = shown[("people", "total")], shown[("families", "total")]
    return activities


def is_coalition_year(coalition, start: date, end: date) -> bool:
    """Whether ``start`` to ``end`` is one of the coalition's own years (its fiscal years), the
    years its reports, snapshots and funder home share."""
    month = coalition.fiscal_year_start_month
    return start == date(start.year, month, 1) and end == date(start.year + 1, month, 1) - timedelta(days=1)


def withhold_people(activities: dict) -> dict:
    """Every count of people and families hidden, for a range that straddles the coalition's
    own years (a calendar year when its fiscal year starts in April): the difference between
    it and the fiscal years it overlaps would give away the cells they hide. The activities and
    hours stay."""
    for row in activities["by_organization"]:
        row[2] = row[3] = suppression.COMPLEMENTARY
    activities["people"] = activities["families"] = suppression.COMPLEMENTARY
    activities["withheld"] = True
    return activities


def activity_section(coalition, start: date, end: date, threshold: int) -> dict:
    """The partners' activities from ``start`` to ``end`` (accepted actions only), by
    organisation, small counts of people and families hidden (``hide_small_counts``): what the
    year's report shows, and the funder's home for the year under way. The home shows the same
    cells as the report, never an all-time total: years apart from the one shown would be
    the all-time total minus the year's, and a small year would be given away. Two queries."""
    activities = Activity.objects.filter(
        coalition=coalition, action__review_status=ReviewStatus.ACCEPTED, date__gte=start, date__lte=end
    )
    totals = condition_selectors.activity_totals(activities)
    by_org = (
        activities.values("organization__name").order_by("organization__name")
        .annotate(n=Count("pk"), people=Sum("people_reached"), families=Sum("families_reached"), hours=Sum("hours"))
    )
    section = hide_small_counts({
        "count": totals["count"] or 0,
        "people": totals["people"] or 0,
        "families": totals["families"] or 0,
        "hours": _number(totals["hours"]) or 0,
        "by_organization": [
            [r["organization__name"], r["n"], r["people"] or 0, r["families"] or 0, _number(r["hours"]) or 0]
            for r in by_org
        ],
    }, threshold)
    return section if is_coalition_year(coalition, start, end) else withhold_people(section)


def plan_progress(coalition) -> dict:
    actions = Action.objects.filter(coalition=coalition, review_status=ReviewStatus.ACCEPTED)
    counts = dict(actions.values_list("status").annotate(n=Count("pk")).order_by())
    average = actions.exclude(status=ActionStatus.CANCELLED).aggregate(avg=Avg("progress"))["avg"]
    return {
        "by_status": [(label, counts.get(value, 0)) for value, label in ActionStatus.choices],
        "total": sum(counts.values()),
        "average_progress": round(average) if average is not None else None,
    }


def plan_progress_as_of(coalition, moment) -> dict:
    """``plan_progress`` as it was at ``moment``: the accepted actions that existed then, with
    their status and progress then (from the audit history; ``without_history`` counts those
    with no recorded state from then, shown as they are now)."""
    rows, without_history = condition_selectors.actions_as_of(coalition, moment)
    accepted = [r for r in rows if r["review_status"] == ReviewStatus.ACCEPTED]
    counts: dict[str, int] = {}
    for row in accepted:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    progress = [r["progress"] for r in accepted if r["status"] != ActionStatus.CANCELLED and r["progress"] is not None]
    return {
        "by_status": [(label, counts.get(value, 0)) for value, label in ActionStatus.choices],
        "counts": {value: counts.get(value, 0) for value in ActionStatus.values},
        "total": len(accepted),
        "average_progress": round(sum(progress) / len(progress)) if progress else None,
        "without_history": without_history,
    }


def chart_page(indicators, page=None):
    """A home's indicator charts, a page at a time (the page a chart list shows, not all of them)."""
    return Paginator(indicators, CHARTS_PER_PAGE).get_page(page)


def funder_dashboard(coalition, page=None, *, year: tuple[date, date]) -> dict:
    """The funder's home; the partners' activities of ``year`` (its first and last days, the
    coalition's year under way), exactly as that year's report shows them."""
    version = condition_selectors.current_version(coalition)
    charts_page = chart_page(Indicator.objects.filter(coalition=coalition).order_by("code"), page)
    threshold = suppression.threshold_for(coalition)
    return {
        "version": version,
        "priorities": condition_selectors.version_priorities(version) if version else [],
        "series": indicator_series(coalition, indicators=charts_page.object_list, threshold=threshold),
        "page_obj": charts_page,
        "plan": plan_progress(coalition),
        "totals": activity_section(coalition, *year, threshold),
    }
