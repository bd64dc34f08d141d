"""What is missing in the other conditions' data: indicator values not yet reported and
agenda endorsements not yet given (read only, for reminders and the weekly summary)."""

from datetime import date
from typing import Any


class ReportingDue:
    """One assigned organisation's missing value of one indicator for one period."""

    def __init__(self, period, organization):
        self.period, self.indicator, self.organization = period, period.indicator, organization

    def __str__(self):
        return f"{self.indicator.code} {self.period.label} — {self.organization.name}"


def reporting_missing(coalition, *, due_from: date, due_to: date, organization_id=None) -> list[ReportingDue]:
    """(period, organisation) pairs with a due date in [due_from, due_to] whose assigned
    organisation has not submitted a value (none, a draft, or one returned for revision).
    Locked periods and coordinator-entered indicators are left out. Asks indicators.selectors
    (``periods_due``, ``unreported``): three queries, one when nothing is due."""
    from coalitions.models import Organization
    from indicators import selectors as measurement

    periods = {p.pk: p for p in measurement.periods_due(coalition, due_from=due_from, due_to=due_to)}
    if not periods:
        return []
    missing = list(measurement.unreported(coalition, list(periods), organizations=organization_id)
                   .values_list("period_id", "organization_id"))
    organizations = {o.pk: o for o in Organization.objects.select_related("coalition").filter(
        pk__in=measurement.among(o for _p, o in missing))}  # a query even when none is missing
    order = {pk: n for n, pk in enumerate(periods)}  # periods_due's order: due date, code, start
    missing.sort(key=lambda pair: (order[pair[0]], organizations[pair[1]].name, pair[1]))
    return [ReportingDue(periods[p], organizations[o]) for p, o in missing]


def values_submitted(coalition, *, after, until):
    """The values (totals, not categories) submitted in (after, until] and not returned since,
    by organisation and indicator code (a queryset: slice it)."""
    from indicators import selectors as measurement

    return measurement.values_submitted(coalition, after=after, until=until)


class EndorsementDue:
    def __init__(self, version, organization):
        self.version, self.organization = version, organization

    def __str__(self):
        return f"{self.version} — {self.organization.name}"


class ConsultationDue:
    def __init__(self, consultation, organization):
        self.consultation, self.organization = consultation, organization

    def __str__(self):
        return f"{self.consultation} — {self.organization.name}"


def consultation_awaiting(coalition, today) -> tuple[Any, list]:
    """The open consultation on the draft agenda and the organisations that have not answered it whole."""
    from conditions import selectors as agenda

    return agenda.consultation_awaiting(coalition, today)


def endorsements_missing(coalition) -> tuple[Any, list]:
    """The current (published) agenda version and the organisations that have not endorsed it."""
    from conditions import selectors as agenda

    version = agenda.current_version(coalition)
    if version is None:
        return None, []
    board = agenda.endorsement_board(coalition, version)
    return version, board["earlier"] + board["missing"]
