"""A partner's dashboard: what its organisation must do, what it contributed, and the
coalition's progress on the indicators it reports. A fixed number of queries."""

from datetime import date

from django.db.models import Case, Count, F, FilteredRelation, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from coalitions.dates import local_today
from conditions import selectors as condition_selectors
from conditions.models import Activity, Endorsement
from coordination.models.meetings import Invitee
from coordination.selectors.meetings import my_follow_ups
from indicators.models import Indicator, IndicatorValue, Period, ValueStatus
from indicators.selectors import owes, reported_indicators
from indicators.selectors.worklist import Cell

from .funder import chart_page, indicator_series
from .models import ReportingBacklog

TO_DO = ("returned", "late", "due", "draft", "open")  # the order of the list
SHOWN = 10


def _keys_to_read(rows, today: date, shown: int) -> list[tuple[date, date]]:
    """The (start, due date) of the periods that can hold the first ``shown`` values to report,
    from the backlog's counts: the returned ones by due date, then the late ones, then every
    period still before its due date and the drafts. Each group stops once ``shown`` values are
    reached, at the end of a due date (values of one date are listed by indicator code)."""
    keys: list[tuple[date, date]] = []
    taken = 0

    def take(group):
        nonlocal taken
        last_due = None
        for row, n in sorted(group, key=lambda item: item[0].due_date):
            if taken >= shown and row.due_date != last_due:
                return
            keys.append((row.start, row.due_date))
            taken, last_due = taken + n, row.due_date

    def unreported(row):
        return row.missing - row.returned - row.drafts

    take([(r, r.returned) for r in rows if r.returned])
    take([(r, unreported(r)) for r in rows if unreported(r) and r.due_date < today])
    keys.extend((r.start, r.due_date) for r in rows if unreported(r) and r.due_date >= today)
    take([(r, r.drafts) for r in rows if r.drafts])
    return keys


def periods_to_report(coalition, organization, today: date, keys: list[tuple[date, date]]):
    """The periods of ``keys`` (start, due date) the organisation owes and has not submitted,
    most urgent first, each with its value's ``value_id`` and ``rank`` (in TO_DO)."""
    # the organisation's value of each period: one LEFT JOIN, read from value_own_cell alone
    own = FilteredRelation("values", condition=Q(
        values__indicator_id=F("indicator_id"), values__organization=organization, values__category__isnull=True))
    return (  # the periods it owes (as the backlog counts them)
        Period.objects.filter(owes(coalition, organization), is_locked=False, start__lte=today)
        .filter(Q(*[Q(start=start, due_date=due) for start, due in keys], _connector=Q.OR) if keys
                else Q(start__isnull=True))  # (no period: the query still runs, the count stays fixed)
        .annotate(own=own, value_id=F("own__id"), value_status=Coalesce(F("own__status"), Value("")))
        .exclude(value_status__in=(ValueStatus.SUBMITTED, ValueStatus.APPROVED))
        .annotate(rank=Case(
            When(value_status=ValueStatus.RETURNED, then=Value(0)),
            When(value_status=ValueStatus.DRAFT, then=Value(3)),
            When(due_date__lt=today, then=Value(1)),
            When(end__lt=today, then=Value(2)),
            default=Value(4), output_field=IntegerField()))
        .select_related("indicator").order_by("rank", "due_date", "indicator__code")
    )


def values_to_report(coalition, organization, today: date, shown: int = SHOWN) -> dict:
    """What the organisation has to report (its entry screen's values that are not submitted:
    returned, late, due, drafts, open), most urgent first: the first ``shown`` as cells, and
    the counts. From the reporting backlog, then only the periods that can be shown (four
    queries, whatever the data)."""
    rows = list(ReportingBacklog.objects.filter(organization=organization, start__lte=today))
    keys = _keys_to_read(rows, today, shown)
    periods = periods_to_report(coalition, organization, today, keys)[:shown]
    chosen = list(periods)
    ids = [p.value_id for p in chosen if p.value_id]
    values = {v.pk: v for v in IndicatorValue.objects.filter(Q(pk__in=ids) if ids else Q(pk__isnull=True))}
    cells = [Cell(p.indicator, p, organization, values.get(p.value_id), TO_DO[p.rank],
                  days=(p.due_date - today).days) for p in chosen]
    return {"cells": cells, "count": sum(r.missing for r in rows), "returned": sum(r.returned for r in rows)}


def partner_dashboard(membership, page=None) -> dict:
    coalition, organization = membership.coalition, membership.organization
    today = local_today(coalition)
    to_report = values_to_report(coalition, organization, today) if organization else {
        "cells": [], "count": 0, "returned": 0}
    follow_ups = list(my_follow_ups(membership)[:10])
    rsvps = list(
        Invitee.objects.filter(user_id=membership.user_id, rsvp="", meeting__starts_at__gte=timezone.now())
        .select_related("meeting").order_by("meeting__starts_at")[:10]
    )
    version = condition_selectors.current_version(coalition)
    endorsed = bool(version and organization and Endorsement.objects.filter(version=version,
                                                                             organization=organization).exists())
    activities = Activity.objects.filter(coalition=coalition, organization=organization)
    totals = condition_selectors.activity_totals(activities)
    recent = list(activities.select_related("action").order_by("-date", "-pk")[:5])
    values = IndicatorValue.objects.filter(coalition=coalition, organization=organization).aggregate(
        approved=Count("status", filter=Q(status=ValueStatus.APPROVED)),  # status: read from the index alone
        submitted=Count("status", filter=Q(status=ValueStatus.SUBMITTED)),
    )
    mine = reported_indicators(coalition, organization).order_by("code") \
        if organization else Indicator.objects.none()
    charts_page = chart_page(mine, page)
    return {
        "organization": organization,
        "cells": to_report["cells"],
        "cell_count": to_report["count"],
        "returned": to_report["returned"],
        "follow_ups": follow_ups,
        "rsvps": rsvps,
        "version": version,
        "endorsed": endorsed,
        "totals": totals,
        "recent": recent,
        "values": values,
        "series": indicator_series(coalition, indicators=charts_page.object_list, limit=8),
        "page_obj": charts_page,
    }
