"""Retention of the share links' openings (coalitions.retention): past the coalition's period,
an opening keeps its date, so the link's count stays right, but loses the visitor's address and
browser."""

from coalitions import retention

from .models import ShareLinkOpening


def anonymise_openings(coalition, cutoff, now) -> int:
    old = ShareLinkOpening.objects.filter(coalition=coalition, opened_at__lt=cutoff)
    return old.exclude(ip_address__isnull=True, user_agent="").update(ip_address=None, user_agent="")


retention.register("share_link_openings", anonymise_openings)
