"""The review queue and a value's history."""

from coalitions.web import parse_int

from ..models import IndicatorValue, ValueStatus


def review_queue(coalition, *, status: str = "submitted", indicator: str = "", flagged: str = ""):
    rows = IndicatorValue.objects.filter(coalition=coalition, category__isnull=True).select_related(
        "indicator", "period__indicator", "organization", "entered_by"
    )
    if status in ValueStatus.values:
        rows = rows.filter(status=status)
    if (indicator_id := parse_int(indicator)) is not None:
        rows = rows.filter(indicator_id=indicator_id)
    if flagged == "1":
        rows = rows.filter(is_flagged=True)
    return rows.order_by("-is_flagged", "submitted_at", "pk")


def value_history(value: IndicatorValue) -> list:
    """Every recorded version of a value (who, when, old and new), newest first."""
    from django.contrib.auth import get_user_model

    events = list(value.events.order_by("-pgh_created_at", "-pgh_id").select_related("pgh_context"))
    users = get_user_model().objects.in_bulk(
        {(e.pgh_context.metadata or {}).get("user") for e in events if e.pgh_context} - {None}
    )
    for event in events:
        event.actor = users.get((event.pgh_context.metadata or {}).get("user")) if event.pgh_context else None
    return events
