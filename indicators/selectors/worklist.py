"""What an organisation has to report: the cells (indicator x period) of the entry screen."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import BooleanField, Case, F, FilteredRelation, Q, Value, When
from django.db.models.expressions import RawSQL

from coalitions.dates import local_today
from coalitions.models import Organization

from ..models import Category, Indicator, IndicatorValue, Period, ValueStatus
from . import among, indicators_to_report, owes


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
    saved: IndicatorValue | None = None  # the entry grid: the value its last save wrote

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


# The entry screen's order: what needs the partner first (cell statuses; see cell_status).
STATUS_ORDER = ("returned", "late", "due", "draft", "open", "submitted", "approved")


def to_report(coalition, membership, organization: Organization | None, today: date | None = None):
    """The "to report" list: the organisation's assigned indicators (or, with no organisation,
    the coordinator-entered ones) x open periods, most urgent first, as a queryset of periods
    annotated with ``cell_status`` and ``value_id`` (the organisation's value, if any). Open
    periods: unlocked, started, owed by the organisation (``owes``: not before its assignment's
    start), and either recent (ended less than a year ago) or still waiting for a value that is
    not approved. Status, filter and order are computed in SQL,
    so a page of it (``[:10]``, ``.count()``, a Paginator) costs what it shows."""
    today = today or local_today(coalition)
    own = FilteredRelation("values", condition=Q(  # the organisation's value: one LEFT JOIN on value_unique_cell
        values__indicator_id=F("indicator_id"), values__organization=organization, values__category__isnull=True))
    status = Case(
        When(value_status__isnull=False, then=F("value_status")),
        When(due_date__lt=today, then=Value("late")),
        When(end__gte=today, then=Value("open")),
        default=Value("due"),
    )
    rank = Case(*[When(cell_status=name, then=Value(i)) for i, name in enumerate(STATUS_ORDER)],
                default=Value(len(STATUS_ORDER)))
    # An organisation's: the periods it owes; the coordination team's: its indicators' periods.
    periods = Period.objects.filter(
        owes(coalition, organization) if organization is not None
        else Q(indicator__in=indicators_to_report(coalition, membership, None)), is_locked=False, start__lte=today)
    return (
        periods
        .annotate(own=own, value_id=F("own__id"), value_status=F("own__status"))
        .annotate(cell_status=status)
        .exclude(cell_status=ValueStatus.APPROVED, end__lt=today - timedelta(days=365))
        .select_related("indicator")
        .order_by(rank, "due_date", "indicator__code", "pk")
    )


LATE_DAYS = 365  # the late values counted: those due in the last year (dashboards.health.late_organizations)


def late(coalition, membership, organization: Organization, today: date | None = None):
    """The organisation's late values: the cells of ``to_report`` past their due date (within
    ``LATE_DAYS``) without a submitted or approved value (none, a draft, or one returned). What
    the coordinator's home counts per organisation (from the reporting backlog, the same rule
    kept by the database) and the list its count opens."""
    today = today or local_today(coalition)
    return (to_report(coalition, membership, organization, today)
            .filter(due_date__lt=today, due_date__gte=today - timedelta(days=LATE_DAYS))
            .exclude(cell_status__in=(ValueStatus.SUBMITTED, ValueStatus.APPROVED)))


def _cells_of(periods) -> RawSQL:
    """The values of these (indicator, period) keys, looked up on value_unique_cell (always run)."""
    return RawSQL(  # noqa: S611 (constant SQL)
        "(indicators_indicatorvalue.indicator_id, indicators_indicatorvalue.period_id)"
        " IN (SELECT * FROM UNNEST(%s::bigint[], %s::bigint[]))",
        [[p.indicator_id for p in periods], [p.pk for p in periods]], output_field=BooleanField())


def cells(periods, organization: Organization | None, today: date) -> list[Cell]:
    """The cells of some periods of ``to_report`` (a page of it) with their value, breakdown
    and categories (two queries, on the unique keys of values and categories)."""
    periods = list(periods)
    rows = IndicatorValue.objects.filter(_cells_of(periods), organization=organization)
    values: dict[int, IndicatorValue] = {}
    breakdowns: dict[int, dict[int, object]] = {}  # {period id: {category id: its part}}
    for value in rows:
        if value.category_id is None:
            values[value.period_id] = value
        else:
            breakdowns.setdefault(value.period_id, {})[value.category_id] = _part(value)
    by_indicator: dict[int, list] = {}
    for category in Category.objects.filter(indicator_id__in=among(p.indicator_id for p in periods)).order_by(
            "dimension", "label"):
        by_indicator.setdefault(category.indicator_id, []).append(category)
    return [Cell(p.indicator, p, organization, values.get(p.pk), p.cell_status, days=(p.due_date - today).days,
                 categories=by_indicator.get(p.indicator_id, []), breakdown=breakdowns.get(p.pk, {}))
            for p in periods]


def _part(value):
    return (value.numerator, value.denominator) if value.numerator is not None or value.denominator is not None \
        else value.value


def entry_cells(coalition, membership, organization: Organization | None, today: date | None = None) -> list[Cell]:
    """Every cell of ``to_report``, with its value, without breakdown (the partner's home)."""
    today = today or local_today(coalition)
    periods = list(to_report(coalition, membership, organization, today))
    values = IndicatorValue.objects.in_bulk([p.value_id for p in periods if p.value_id is not None])
    return [Cell(p.indicator, p, organization, values.get(p.value_id), p.cell_status,
                 days=(p.due_date - today).days) for p in periods]


def entry_cell(membership, period: Period, organization: Organization | None) -> Cell:
    """One cell of the entry screen, e.g. after a save (two queries)."""
    today = local_today(membership.coalition)
    period.cell_status = ""  # type: ignore[attr-defined]  # what to_report annotates in SQL
    cell = cells([period], organization, today)[0]
    cell.status = cell_status(period, cell.value, today)
    return cell


def grid(coalition, membership, organization: Organization | None, today: date | None = None):
    """The entry grid's rows: the cells of ``to_report`` still open to entry (every status but
    approved), grouped by indicator (code order), its periods oldest first, as a queryset of
    annotated periods like ``to_report``."""
    return (to_report(coalition, membership, organization, today).exclude(cell_status=ValueStatus.APPROVED)
            .order_by("indicator__code", "start", "pk"))
