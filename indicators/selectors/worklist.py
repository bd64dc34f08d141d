"""What an organisation has to report: the cells (indicator x period) of the entry screen."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from coalitions.dates import local_today
from coalitions.models import Organization

from ..models import Category, Indicator, IndicatorValue, Period, ValueStatus
from . import indicators_to_report


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
    chosen = indicators_to_report(coalition, membership, organization)
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
