"""Writes of reports: freeze a snapshot, share it through a link, revoke the link, log openings.

Each write re-checks the permission, validates, and runs in one transaction. The share
link's token is shown once to its creator; only its SHA-256 is stored, so the database
alone cannot open a snapshot.
"""

import secrets
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.models import hash_token
from coalitions.permissions import require_permission

from .models import ReportSnapshot, ShareLink, ShareLinkOpening
from .reports import period_report

MAX_LINK_DAYS = 365
DEFAULT_LINK_DAYS = 30
# Openings are kept for the coordinators, not as a hit counter: one row per link and address per
# quarter hour (reloads, link previews), and at most OPENINGS_PER_DAY per link in 24 hours, so
# nobody holding the link grows the table without bound.
OPENING_REPEAT_WINDOW = timedelta(minutes=15)
OPENINGS_PER_DAY = 200


def snapshot_create(*, actor, coalition, start: date, end: date, title: str = "") -> ReportSnapshot:
    require_permission(actor, coalition, "dashboards.reports:share")
    if end < start:
        raise ValidationError({"end": _("The end comes before the start.")})
    title = (title or "").strip() or _("Report %(start)s to %(end)s") % {"start": start.isoformat(),
                                                                          "end": end.isoformat()}
    with transaction.atomic():
        return ReportSnapshot.objects.create(
            coalition=coalition, title=title[:200], period_start=start, period_end=end,
            data=period_report(coalition, start, end), created_by=actor,
        )


def share_link_create(*, actor, snapshot: ReportSnapshot, days: int = DEFAULT_LINK_DAYS) -> tuple[ShareLink, str]:
    """A new link to ``snapshot``; returns the link and its token (shown once, never stored)."""
    require_permission(actor, snapshot.coalition, "dashboards.reports:share")
    if not isinstance(days, int) or not 1 <= days <= MAX_LINK_DAYS:
        raise ValidationError({"days": _("Choose between 1 and %(max)s days.") % {"max": MAX_LINK_DAYS}})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        link = ShareLink.objects.create(
            coalition=snapshot.coalition, snapshot=snapshot, token_hash=hash_token(token), created_by=actor,
            expires_at=timezone.now() + timedelta(days=days),
        )
    return link, token


def share_link_revoke(*, actor, link: ShareLink) -> ShareLink:
    """Revoke a link; revoking it again changes nothing (safe to retry)."""
    require_permission(actor, link.coalition, "dashboards.reports:share")
    with transaction.atomic():
        link = ShareLink.objects.select_for_update().get(pk=link.pk)
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
    return link


def find_link(token: str) -> ShareLink | None:
    """The link a token opens, in any coalition (the public view runs outside /c/)."""
    if not token or len(token) > 100:
        return None
    return (
        ShareLink.objects.with_scopes_disabled().select_related("snapshot", "coalition")
        .filter(token_hash=hash_token(token)).first()
    )


def record_opening(*, link: ShareLink, ip_address: str | None, user_agent: str) -> ShareLinkOpening | None:
    """Log one opening of a share link, unless throttled (see OPENING_REPEAT_WINDOW): then
    None. Anyone holding the link opens it: no permission, but only an active link is logged
    as opened (the caller checked its status)."""
    now = timezone.now()
    ip_address = ip_address or None
    with transaction.atomic():
        ShareLink.objects.with_scopes_disabled().select_for_update().filter(pk=link.pk).first()  # one at a time
        openings = ShareLinkOpening.objects.with_scopes_disabled().filter(link=link)
        if openings.filter(ip_address=ip_address, opened_at__gt=now - OPENING_REPEAT_WINDOW).exists():
            return None
        if openings.filter(opened_at__gt=now - timedelta(days=1)).count() >= OPENINGS_PER_DAY:
            return None
        return ShareLinkOpening.objects.with_scopes_disabled().create(
            coalition_id=link.coalition_id, link=link, ip_address=ip_address, opened_at=now,
            user_agent=(user_agent or "")[:300],
        )
