"""The completeness board: organisations x periods of one indicator."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from coalitions.dates import local_today

from ..models import Indicator, IndicatorValue, Period, ValueStatus
from . import among, reporting_organizations


@dataclass
class Board:
    indicator: Indicator | None
    periods: list
    rows: list  # (organization, [(period, status)])


def completeness(coalition, indicator: Indicator | None, today: date | None = None, organizations=None) -> Board:
    """Organisations x last twelve periods of one indicator, the newest first: on time, late, missing, returned,
    due; for ``organizations`` (a page of ``reporting_organizations(indicator)``), else all."""
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
