"""Reads of shared measurement, shared by views, tasks, exports and the other apps, by
sub-domain: ``catalogue`` (the indicators and their coalition values), ``worklist`` (what an
organisation has to report), ``queue`` (the review queue, a value's history), ``board`` (the
completeness board), ``files`` (import template, exports). Import the submodule you use.

This module owns one piece of knowledge the whole project reads: who reports what. An
organisation reports an indicator when the coordination team assigned it (a django-guardian
grant of ``report_indicator`` to the organisation's group, ``IndicatorGroupObjectPermission``);
an indicator entered once by the coordination team has no reporting organisation. Every reader
asks ``reporters()`` (or the helpers below, built on it): nobody else reads the grant table.
Each returns a queryset, so the question is answered in SQL, joined into the caller's query.

An assignment also says from when the organisation reports (``reports_from``): it owes the
periods of the indicator that end on or after that day. What is owed, hence what is expected,
missing, late or reminded, is ``expected()`` (or ``owes()`` on a queryset of periods), so the
counts of every page, the reminders and the coalition values' completeness agree."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncDate

from coalitions.models import Organization

from ..models import (
    REPORT_PERMISSION,
    Aggregation,
    Indicator,
    IndicatorGroupObjectPermission,
    IndicatorValue,
    Period,
    ValueStatus,
)
from ..permissions import acts_for_every_organization


def _ids(objects):
    """A model instance, a queryset, ``among(ids)`` or an iterable of instances or ids, as something ``__in`` takes."""
    if objects is None or isinstance(objects, QuerySet | RawSQL):
        return objects
    if isinstance(objects, int) or hasattr(objects, "pk"):
        return [getattr(objects, "pk", objects)]
    return [getattr(o, "pk", o) for o in objects]


def among(ids) -> RawSQL:
    """For ``field__in=``: ``IN (SELECT UNNEST(array))``. Unlike a list, it runs even when empty,
    so a page's query count does not depend on whether the page has rows."""
    return RawSQL("SELECT UNNEST(%s::bigint[])", [sorted(set(ids))])  # noqa: S611 (constant SQL)


def _grants(coalition, *, indicators=None, organizations=None) -> QuerySet:
    rows = IndicatorGroupObjectPermission.objects.filter(
        coalition=coalition, permission__codename=REPORT_PERMISSION, group__organization__coalition=coalition,
    ).exclude(content_object__aggregation=Aggregation.COORDINATOR)
    if indicators is not None:
        rows = rows.filter(content_object_id__in=_ids(indicators))
    if organizations is not None:
        rows = rows.filter(group__organization__in=_ids(organizations))
    return rows


def reporters(coalition, *, indicators=None, organizations=None) -> QuerySet:
    """Who reports what: one row ``{"indicator_id", "organization_id"}`` per indicator of the
    coalition that one of its organisations reports, optionally only for some ``indicators``
    and ``organizations`` (an instance, a queryset, or instances or ids). A values queryset:
    count it, filter it, or use it as a subquery, e.g.
    ``Indicator.objects.filter(pk__in=reporters(c, organizations=org).values("indicator_id"))``."""
    return _grants(coalition, indicators=indicators, organizations=organizations).values(
        "reports_from", indicator_id=F("content_object_id"), organization_id=F("group__organization"))


def _owed(reports_from: str, end) -> Q:
    """An assignment's organisation owes a period that ends on or after its ``reports_from``
    (empty: every period)."""
    return Q(**{f"{reports_from}__isnull": True}) | Q(**{f"{reports_from}__lte": end})


def is_owed(reports_from, period) -> bool:
    """``_owed`` in Python, for rows already read (``reporters()``, ``reporting_organizations()``)."""
    return reports_from is None or reports_from <= period.end


def expected(coalition, periods=None, *, indicators=None, organizations=None) -> QuerySet:
    """Who owes what: one row ``{"period_id", "indicator_id", "organization_id"}`` per period
    of an assigned indicator and organisation that owes it (the period ends on or after the
    assignment's ``reports_from``), optionally only for some ``periods`` (a queryset, or
    instances or ids), ``indicators`` and ``organizations``. A values queryset, e.g. the
    organisations expected per period: ``expected(c).values("period_id").annotate(n=Count("*"))``."""
    # Annotated before filtering: filters on the periods in separate calls would each join them anew.
    rows = (_grants(coalition, indicators=indicators, organizations=organizations)
            .annotate(period_id=F("content_object__periods"), period_end=F("content_object__periods__end"))
            .filter(_owed("reports_from", F("period_end")), period_id__isnull=False))  # an indicator without periods
    if periods is not None:
        rows = rows.filter(period_id__in=_ids(periods))
    return rows.values("period_id", organization_id=F("group__organization"), indicator_id=F("content_object_id"))


def owes(coalition, organization) -> Exists:
    """For a queryset of periods: those ``organization`` owes (``expected``), in SQL."""
    return Exists(_grants(coalition, organizations=organization).filter(
        _owed("reports_from", OuterRef("end")), content_object_id=OuterRef("indicator_id")))


def reported_indicators(coalition, organization) -> QuerySet:
    """The indicators ``organization`` reports (a queryset of Indicator, unordered)."""
    return Indicator.objects.filter(
        coalition=coalition, pk__in=reporters(coalition, organizations=organization).values("indicator_id"))


def reporting_organizations(indicator) -> QuerySet:
    """The organisations that report ``indicator``, by name, each with its assignment's
    ``reports_from`` (see ``is_owed``)."""
    grant = _grants(indicator.coalition_id, indicators=indicator).filter(group__organization=OuterRef("pk"))
    return Organization.objects.filter(
        coalition_id=indicator.coalition_id,
        pk__in=reporters(indicator.coalition_id, indicators=indicator).values("organization_id"),
    ).annotate(reports_from=Subquery(grant.values("reports_from")[:1])).order_by("name")


def reports(indicator, organization) -> bool:
    """Does ``organization`` report ``indicator``? (one query)"""
    return reporters(indicator.coalition_id, indicators=indicator, organizations=organization).exists()


def indicators_to_report(coalition, membership, organization) -> QuerySet:
    """The indicators whose values ``organization`` enters: the ones it reports; with no
    organisation, the coordinator-entered ones (for the coordination team only)."""
    if organization is None:
        if not acts_for_every_organization(membership):
            return Indicator.objects.none()
        return Indicator.objects.filter(coalition=coalition, aggregation=Aggregation.COORDINATOR)
    return reported_indicators(coalition, organization)


def unreported(coalition, periods, *, organizations=None) -> QuerySet:
    """For a queryset of ``periods``, one row ``{"period_id", "indicator_id", "organization_id"}``
    per organisation that owes the period (``expected``) and has not submitted its value (none,
    a draft, or one returned for revision). One SQL query, e.g. the late organisations:
    ``unreported(c, periods).values("organization_id").annotate(n=Count("*"))``."""
    done = IndicatorValue.objects.filter(
        period_id=OuterRef("period_id"), organization_id=OuterRef("organization_id"), category__isnull=True,
        status__in=(ValueStatus.SUBMITTED, ValueStatus.APPROVED),
    )
    return expected(coalition, periods, organizations=organizations).filter(~Exists(done))


def periods_due(coalition, *, due_from, due_to) -> QuerySet:
    """The unlocked periods due between two dates (both included) of the indicators that
    organisations report (not the coordinator-entered ones), by due date, code and start."""
    return (Period.objects.filter(coalition=coalition, is_locked=False, due_date__gte=due_from, due_date__lte=due_to)
            .exclude(indicator__aggregation=Aggregation.COORDINATOR)
            .select_related("indicator").order_by("due_date", "indicator__code", "start"))


def values_submitted(coalition, *, after, until) -> QuerySet:
    """The values (totals, not categories) submitted in (after, until] and not returned since,
    by organisation and indicator code (a queryset: slice it)."""
    return (IndicatorValue.objects.filter(
        coalition=coalition, category__isnull=True, submitted_at__gt=after, submitted_at__lte=until,
        status__in=[ValueStatus.SUBMITTED, ValueStatus.APPROVED],
    ).select_related("indicator", "period__indicator", "organization")
        .order_by("organization__name", "indicator__code"))


PUNCTUALITY_DAYS = 365  # the periods whose due date fell in the last year


def reporting_punctuality(coalition, organization, today, *, days: int = PUNCTUALITY_DAYS) -> dict:
    """How punctually ``organization`` reported over the periods of its indicators that fell
    due in the ``days`` before ``today``: values submitted on time (by the due date, on the
    coalition's calendar), late, and still missing; ``on_time_share`` in percent (None
    without a period). One query."""
    value = IndicatorValue.objects.filter(period_id=OuterRef("pk"), organization=organization,
                                          category__isnull=True, submitted_at__isnull=False)
    counts = (
        Period.objects.filter(owes(coalition, organization), due_date__lt=today,
                              due_date__gte=today - timedelta(days=days))
        .annotate(submitted_on=Subquery(
            value.annotate(day=TruncDate("submitted_at", tzinfo=ZoneInfo(coalition.time_zone))).values("day")[:1]))
        .aggregate(due=Count("pk"), on_time=Count("pk", filter=Q(submitted_on__lte=F("due_date"))),
                   late=Count("pk", filter=Q(submitted_on__gt=F("due_date"))))
    )
    counts["missing"] = counts["due"] - counts["on_time"] - counts["late"]
    counts["on_time_share"] = round(100 * counts["on_time"] / counts["due"]) if counts["due"] else None
    counts["days"] = days
    return counts
