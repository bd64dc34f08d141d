"""The completeness board: organisations x periods of one indicator."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from coalitions.dates import local_today

from ..models import Aggregation, Indicator, IndicatorValue, Period, ValueStatus
from . import among, is_owed, reporters, reporting_organizations, unreported


@dataclass
class Board:
    indicator: Indicator | None
    periods: list
    rows: list  # (organization, [(period, status)])


def completeness(coalition, indicator: Indicator | None, today: date | None = None, organizations=None) -> Board:
    """Organisations x last twelve periods of one indicator, the newest first: on time, late, missing, returned,
    due, or "" for a period the organisation does not owe (it ended before its assignment's
    start); for ``organizations`` (a page of ``reporting_organizations(indicator)``, which
    carries each assignment's start), else all."""
    today = today or local_today(coalition)
    if indicator is None:
        return Board(None, [], [])
    # Newest first: on a phone the current period is the first column, not off-screen.
    periods = list(Period.objects.filter(indicator=indicator, start__lte=today).order_by("-start")[:12])
    for period in periods:
        period.indicator = indicator
    organizations = list(reporting_organizations(indicator) if organizations is None else organizations)
    values = {  # on value_unique_cell: the indicator, twelve periods, the organisations shown
        (v.organization_id, v.period_id): v
        for v in IndicatorValue.objects.filter(
            indicator=indicator, period_id__in=among(p.pk for p in periods),
            organization_id__in=among(o.pk for o in organizations), category__isnull=True,
        ).only("organization_id", "period_id", "status", "submitted_at")
    }
    rows = []
    for organization in organizations:
        cells = []
        for period in periods:
            value = values.get((organization.pk, period.pk))
            owed = is_owed(getattr(organization, "reports_from", None), period)
            cells.append((period, board_status(period, value, today) if owed else ""))
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


def current_periods(coalition, today: date | None = None) -> dict[int, Period]:
    """{indicator id: its current reporting period}: the newest period that has ended (the one
    partners report now), for every indicator organisations report (one query)."""
    today = today or local_today(coalition)
    periods = (Period.objects.filter(coalition=coalition, end__lt=today)
               .exclude(indicator__aggregation=Aggregation.COORDINATOR).select_related("indicator")
               .order_by("indicator_id", "-start").distinct("indicator_id"))
    return {p.indicator_id: p for p in periods}


# An overview cell of an indicator the organisation reports but whose current period it does not
# owe yet (its assignment starts later): the page says « not expected yet », not « not reported ».
NOT_OWED_YET = "not_owed_yet"


@dataclass
class Overview:
    columns: list  # [(indicator, its current period)], by code
    rows: list  # (organization, [status, NOT_OWED_YET, or "" when it does not report the indicator])
    late: int  # organisations, of all, late for a current period (see ``late_cells``)


def overview(coalition, organizations, today: date | None = None) -> Overview:
    """Coalition-wide completeness at a glance: ``organizations`` (a page of them) x every
    indicator they report, for each indicator's current period (see ``current_periods``), in
    four queries whatever the size."""
    today = today or local_today(coalition)
    current = current_periods(coalition, today)
    columns = sorted(((p.indicator, p) for p in current.values()), key=lambda c: c[0].code)
    organizations = list(organizations)
    starts = {(row["indicator_id"], row["organization_id"]): row["reports_from"]  # its assignments' starts
              for row in reporters(coalition, organizations=[o.pk for o in organizations])}
    values = {(v.period_id, v.organization_id): v for v in IndicatorValue.objects.filter(
        period_id__in=among(p.pk for p in current.values()), organization_id__in=among(o.pk for o in organizations),
        category__isnull=True).only("organization_id", "period_id", "status", "submitted_at")}
    rows = []
    for organization in organizations:
        rows.append((organization, [_overview_cell(starts, values, organization, indicator, period, today)
                                    for indicator, period in columns]))
    late = late_cells(coalition, today, current).values("organization_id").distinct().count()
    return Overview(columns, rows, late)


def _overview_cell(starts: dict, values: dict, organization, indicator, period: Period, today: date) -> str:
    if (indicator.pk, organization.pk) not in starts:
        return ""
    if not is_owed(starts[indicator.pk, organization.pk], period):
        return NOT_OWED_YET
    return board_status(period, values.get((period.pk, organization.pk)), today)


def late_cells(coalition, today: date | None = None, current: dict | None = None):
    """The late cells of the current periods (see ``current_periods``): due date passed, period
    unlocked, no submitted value; rows ``{"period_id", "indicator_id", "organization_id"}``
    (``unreported``). What the overview counts and what its reminder reminds."""
    today = today or local_today(coalition)
    current = current_periods(coalition, today) if current is None else current
    late = [p.pk for p in current.values() if p.due_date < today and not p.is_locked]
    return unreported(coalition, Period.objects.filter(pk__in=among(late)))
