"""What is missing in the other conditions' data: indicator values not yet reported and
agenda endorsements not yet given (read only, for reminders and the weekly summary)."""

from collections import defaultdict
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
    Locked periods and coordinator-entered indicators are left out."""
    from coalitions.models import Organization
    from indicators.models import Aggregation, IndicatorGroupObjectPermission, IndicatorValue, Period, ValueStatus

    periods = list(Period.objects.filter(coalition=coalition, is_locked=False, due_date__gte=due_from,
                                         due_date__lte=due_to).exclude(indicator__aggregation=Aggregation.COORDINATOR)
                   .select_related("indicator").order_by("due_date", "indicator__code", "start"))
    if not periods:
        return []
    indicator_ids = {p.indicator_id for p in periods}
    groups = defaultdict(set)
    for indicator_id, group_id in IndicatorGroupObjectPermission.objects.filter(
            coalition=coalition, content_object_id__in=indicator_ids).values_list("content_object_id", "group_id"):
        groups[indicator_id].add(group_id)
    organizations = Organization.objects.filter(coalition=coalition, group_id__in=set().union(*groups.values()))
    if organization_id is not None:
        organizations = organizations.filter(pk=organization_id)
    by_group = {o.group_id: o for o in organizations.select_related("coalition").order_by("name")}
    submitted = set(IndicatorValue.objects.filter(
        period__in=[p.pk for p in periods], category__isnull=True,
        status__in=[ValueStatus.SUBMITTED, ValueStatus.APPROVED],
    ).values_list("period_id", "organization_id"))
    out = []
    for period in periods:
        for group_id in sorted(groups[period.indicator_id], key=lambda g: by_group[g].name if g in by_group else ""):
            organization = by_group.get(group_id)
            if organization is not None and (period.pk, organization.pk) not in submitted:
                out.append(ReportingDue(period, organization))
    return out


def values_submitted(coalition, *, after, until):
    """The values (totals, not categories) submitted in (after, until] and not returned since,
    by organisation and indicator code (a queryset: slice it)."""
    from indicators.models import IndicatorValue, ValueStatus

    return (IndicatorValue.objects.filter(
        coalition=coalition, category__isnull=True, submitted_at__gt=after, submitted_at__lte=until,
        status__in=[ValueStatus.SUBMITTED, ValueStatus.APPROVED],
    ).select_related("indicator", "period__indicator", "organization")
        .order_by("organization__name", "indicator__code"))


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
