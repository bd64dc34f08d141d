"""Freshness under load (issue 12): how long after an approval the coalition value counts it.

The probe approves one submitted value through the review service, as the coalition's
coordinator would, then polls its rollup until the job that recomputes it has run."""

import time

from django.db import close_old_connections
from django.utils import timezone
from django_scopes import scope

from coalitions.models import Coalition, Membership, Role
from indicators.models import IndicatorRollup, IndicatorValue, ValueStatus
from indicators.services.review import value_approve

POLL_SECONDS = 0.05


def approval_to_rollup_seconds(slug: str, *, timeout: float = 30) -> float | None:
    """Seconds from the approval to its rollup's recomputation; None when there is no
    submitted value left to approve or the rollup was not recomputed within ``timeout``."""
    close_old_connections()
    coalition = Coalition.objects.get(slug=slug)
    with scope(coalition=coalition):
        coordinator = (Membership.objects.filter(coalition=coalition, role=Role.COORDINATOR, is_active=True)
                       .select_related("user").order_by("pk").first())
        value = (IndicatorValue.objects.filter(coalition=coalition, status=ValueStatus.SUBMITTED,
                                               category__isnull=True).order_by("pk").first())
        if coordinator is None or value is None:
            return None
        approved_at, started = timezone.now(), time.monotonic()
        value_approve(actor=coordinator.user, value=value)
        rollup = IndicatorRollup.objects.filter(indicator_id=value.indicator_id, period_id=value.period_id,
                                                category__isnull=True)
        while time.monotonic() - started < timeout:
            if rollup.filter(computed_at__gte=approved_at).exists():
                return time.monotonic() - started
            time.sleep(POLL_SECONDS)
    return None
