"""A partner's dashboard: what its organisation must do, what it contributed, and the
coalition's progress on the indicators it reports. A fixed number of queries."""

from django.db.models import Count, Q
from django.utils import timezone

from coalitions.dates import local_today
from conditions import selectors as condition_selectors
from conditions.models import Activity, Endorsement
from coordination.models.meetings import Invitee
from coordination.selectors.meetings import my_follow_ups
from indicators.models import Indicator, IndicatorValue, ValueStatus
from indicators.permissions import assigned_indicators
from indicators.selectors.worklist import entry_cells

from .funder import indicator_series

TO_DO = ("returned", "late", "due", "draft", "open")


def partner_dashboard(membership) -> dict:
    coalition, organization = membership.coalition, membership.organization
    today = local_today(coalition)
    cells = [c for c in entry_cells(coalition, membership, organization, today) if c.status in TO_DO]
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
        approved=Count("pk", filter=Q(status=ValueStatus.APPROVED)),
        submitted=Count("pk", filter=Q(status=ValueStatus.SUBMITTED)),
    )
    mine = assigned_indicators(organization, Indicator.objects.filter(coalition=coalition)).order_by("code") \
        if organization else Indicator.objects.none()
    return {
        "organization": organization,
        "cells": cells[:10],
        "cell_count": len(cells),
        "returned": sum(1 for c in cells if c.status == "returned"),
        "follow_ups": follow_ups,
        "rsvps": rsvps,
        "version": version,
        "endorsed": endorsed,
        "totals": totals,
        "recent": recent,
        "values": values,
        "series": indicator_series(coalition, indicators=mine, limit=8),
    }
