"""A member's private calendar feed: turn it on, choose what it holds, replace or revoke its URL.

The URL's token is the feed's random key signed with the SECRET_KEY: the database alone does
not give the URL away, and the member can read it again on their page. Each write is safe to
retry: turning on returns the feed already on, replacing a feed that was already replaced
returns its successor, and revoking twice changes nothing.
"""

import secrets
from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions.permissions import has_permission, require_permission

from .. import permissions as rules
from ..models.calendar import CalendarFeed

PERMISSION = "coordination.calendar_feed:use"
READ_RECORD_INTERVAL = timedelta(minutes=15)  # calendars poll often; one write per quarter hour is enough


def _signer() -> signing.Signer:
    # Built per call: a Signer reads SECRET_KEY and SECRET_KEY_FALLBACKS when it is created.
    return signing.Signer(salt="coordination.calendar-feed", sep=".")


def feed_token(feed: CalendarFeed) -> str:
    return _signer().sign(feed.key)


def find_feed(token: str) -> CalendarFeed | None:
    """The feed a token opens, in any coalition (the feed URL lives outside /c/)."""
    if not token or len(token) > 200:
        return None
    try:
        key = _signer().unsign(token)
    except signing.BadSignature:
        return None
    with scopes_disabled():
        return CalendarFeed.objects.select_related("coalition", "user").filter(key=key).first()


def feed_reader(feed: CalendarFeed):
    """The membership a feed is read as, or None once the person may no longer see meetings
    (left the coalition, deactivated, or account closed): the URL then stops working."""
    from coalitions.models import Membership

    if feed.revoked_at or not feed.user.is_active:
        return None
    with scopes_disabled():
        membership = Membership.objects.filter(coalition_id=feed.coalition_id, user_id=feed.user_id).first()
    return membership if has_permission(membership, PERMISSION) else None


def _active(coalition, user) -> CalendarFeed | None:
    return (CalendarFeed.objects.select_for_update()
            .filter(coalition=coalition, user=user, revoked_at__isnull=True).first())


@transaction.atomic
def calendar_feed_enable(*, actor, coalition) -> CalendarFeed | None:
    membership = require_permission(actor, coalition, PERMISSION)
    feed = _active(coalition, actor)
    if feed is None:
        # Funders are not invited to meetings: their feed holds every meeting they may see.
        only_invited = has_permission(membership, "coordination.meetings:rsvp")
        try:
            with transaction.atomic():
                feed = CalendarFeed.objects.create(coalition=coalition, user=actor, key=secrets.token_urlsafe(16),
                                                   only_invited=only_invited)
        except IntegrityError:  # a parallel request turned it on first
            feed = _active(coalition, actor)
    return feed


@transaction.atomic
def calendar_feed_update(*, actor, feed: CalendarFeed, only_invited: bool) -> CalendarFeed:
    _check_owner(actor, feed)
    if feed.only_invited != only_invited:
        feed.only_invited = only_invited
        feed.save(update_fields=["only_invited"])
    return feed


@transaction.atomic
def calendar_feed_revoke(*, actor, feed: CalendarFeed, now=None) -> CalendarFeed:
    _check_owner(actor, feed)
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    if feed.revoked_at is None:
        feed.revoked_at = now or timezone.now()
        feed.save(update_fields=["revoked_at"])
    return feed


@transaction.atomic
def calendar_feed_replace(*, actor, feed: CalendarFeed) -> CalendarFeed:
    """A new URL with the same choices; the old one stops working at once."""
    _check_owner(actor, feed)
    old = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    successor = _active(old.coalition, actor)
    if old.revoked_at is not None and successor is not None:
        return successor  # a retry of a replacement already made
    calendar_feed_revoke(actor=actor, feed=old)
    return CalendarFeed.objects.create(coalition=old.coalition, user=actor, key=secrets.token_urlsafe(16),
                                       only_invited=old.only_invited)


def revoke_member_feeds(*, membership, now=None) -> int:
    """A deactivated member's calendar URLs stop for good: reactivating the member does not
    revive them (they subscribe again with a new link). Connected to membership_deactivated."""
    with scopes_disabled():
        return CalendarFeed.objects.filter(
            coalition_id=membership.coalition_id, user_id=membership.user_id, revoked_at__isnull=True,
        ).update(revoked_at=now or timezone.now())


def record_feed_read(feed: CalendarFeed, now=None) -> None:
    """When a calendar last read the feed, shown to its owner (at most one write per interval)."""
    now = now or timezone.now()
    with scopes_disabled():
        CalendarFeed.objects.filter(pk=feed.pk).exclude(last_fetched_at__gt=now - READ_RECORD_INTERVAL).update(
            last_fetched_at=now)


def _check_owner(actor, feed: CalendarFeed) -> None:
    membership = require_permission(actor, feed.coalition, PERMISSION)
    if not rules.can_manage_calendar_feed(membership, feed):
        raise PermissionDenied(PERMISSION)
