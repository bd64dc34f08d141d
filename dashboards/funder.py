"""The funder's read-only dashboard: only published and approved data.

Indicator series come from the rollups, which are computed from approved values only; the
action plan shows accepted actions only; the agenda is the latest published version.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from conditions import selectors as condition_selectors
from conditions.models import Action, ActionStatus, Activity, ReviewStatus
from indicators import charts
from indicators.models import Indicator, IndicatorRollup, Target

STATUS_WORDS = {
    charts.ON_TRACK: (gettext_noop("On track"), "✓"),
    charts.AT_RISK: (gettext_noop("At risk"), "!"),
    charts.OFF_TRACK: (gettext_noop("Off track"), "✗"),
    charts.NO_DATA: (gettext_noop("No data yet"), "–"),
}


def trend_words(status: str) -> tuple[str, str]:
    word, symbol = STATUS_WORDS[status]
    return _(word), symbol


@dataclass
class Series:
    indicator: Indicator
    points: list  # (period label, value or None)
    target: Decimal | None
    status: str
    chart: object
    straddling: list = field(default_factory=list)  # labels of periods that began before ``start``

    @property
    def latest(self):
        return next((v for _l, v in reversed(self.points) if v is not None), None)

    @property
    def status_word(self):
        return trend_words(self.status)[0]

    @property
    def status_symbol(self):
        return trend_words(self.status)[1]


def indicator_series(coalition, *, indicators=None, start=None, end=None, limit: int = 12) -> list[Series]:
    """Each indicator's coalition values over time (approved data only) with its final target.
    Three queries whatever the number of indicators and periods.

    With ``start`` and ``end``, only the periods that end within them: a period belongs to
    the range it ends in. Those that began before ``start`` are listed in ``straddling``."""
    if indicators is None:
        indicators = Indicator.objects.filter(coalition=coalition).order_by("code")
    chosen = list(indicators)
    ids = [i.pk for i in chosen]
    rollups = IndicatorRollup.objects.filter(indicator_id__in=ids, category__isnull=True).select_related(
        "period__indicator").order_by("period__start")
    if start:
        rollups = rollups.filter(period__end__gte=start)
    if end:
        rollups = rollups.filter(period__end__lte=end)
    by_indicator: dict[int, list] = {pk: [] for pk in ids}
    straddling: dict[int, list] = {pk: [] for pk in ids}
    for rollup in rollups:
        by_indicator[rollup.indicator_id].append((rollup.period.label, rollup.value))
        if start and rollup.period.start < start:
            straddling[rollup.indicator_id].append(rollup.period.label)
    targets = dict(
        Target.objects.filter(indicator_id__in=ids, period__isnull=True).values_list("indicator_id", "value")
    )
    series = []
    for indicator in chosen:
        points = by_indicator[indicator.pk][-limit:]
        values = [v for _l, v in points if v is not None]
        target = targets.get(indicator.pk)
        series.append(Series(
            indicator, points, target, charts.trend_status(values, target, indicator.direction),
            charts.line_chart(points, target=target, baseline=indicator.baseline_value, width=640, height=240),
            straddling[indicator.pk],
        ))
    return series


def plan_progress(coalition) -> dict:
    actions = Action.objects.filter(coalition=coalition, review_status=ReviewStatus.ACCEPTED)
    counts = dict(actions.values_list("status").annotate(n=Count("pk")).order_by())
    average = actions.exclude(status=ActionStatus.CANCELLED).aggregate(avg=Avg("progress"))["avg"]
    return {
        "by_status": [(label, counts.get(value, 0)) for value, label in ActionStatus.choices],
        "total": sum(counts.values()),
        "average_progress": round(average) if average is not None else None,
    }


def funder_dashboard(coalition) -> dict:
    version = condition_selectors.current_version(coalition)
    activities = Activity.objects.filter(coalition=coalition, action__review_status=ReviewStatus.ACCEPTED)
    return {
        "version": version,
        "priorities": condition_selectors.version_priorities(version) if version else [],
        "series": indicator_series(coalition),
        "plan": plan_progress(coalition),
        "totals": condition_selectors.activity_totals(activities),
    }
