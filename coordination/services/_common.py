"""Helpers shared by the services modules."""


from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coalitions.dates import local_today
from coalitions.emails import seeding_history
from coalitions.models import Membership
from coalitions.selectors import active_user_ids

from .. import permissions as rules
from ..models.communication import EmailFrequency, Notification, NotificationPreference

# Helpers -------------------------------------------------------------------------------

_local_today = local_today
_active_user_ids = active_user_ids


def _now(now=None):
    return now or timezone.now()


def _url(name: str, coalition, *args) -> str:
    return reverse(name, args=[coalition.slug, *args])


def _notify(*, coalition, user_ids, about, kind: str, event: str, title: str, url: str, now=None, exclude=None,
            actor_name: str = "") -> list[Notification]:
    """In-app notifications for these people, and an email on commit for those who want it
    immediately. Only active members who may read ``about`` (permissions.can_read) are
    notified: a notification shows its title. People who chose "never" for this kind get nothing."""
    user_ids = set(user_ids) - ({exclude} if exclude else set())
    if not user_ids:
        return []
    readers = Membership.objects.filter(coalition=coalition, user_id__in=user_ids, is_active=True)
    user_ids = {m.user_id for m in readers if rules.can_read(m, about)}
    if not user_ids:
        return []
    prefs = dict(
        NotificationPreference.objects.filter(coalition=coalition, user_id__in=user_ids, kind=kind)
        .values_list("user_id", "frequency")
    )
    at = _now(now)
    past = seeding_history()  # seeded history: read and "emailed" already, nothing goes out
    rows = [
        Notification(coalition=coalition, recipient_id=uid, kind=kind, event=event, title=title[:300], url=url,
                     actor_name=actor_name[:150], created_at=at, read_at=at if past else None,
                     emailed_at=at if past else None)
        for uid in sorted(user_ids)
        if prefs.get(uid, EmailFrequency.IMMEDIATELY) != EmailFrequency.NEVER
    ]
    created = Notification.objects.bulk_create(rows)
    if past:
        return created
    immediate = [n.pk for n in created
                 if prefs.get(n.recipient_id, EmailFrequency.IMMEDIATELY) == EmailFrequency.IMMEDIATELY]
    if immediate:
        from .. import tasks

        transaction.on_commit(lambda: tasks.email_notifications.delay(coalition.pk, immediate))
    return created


EMAIL_TEMPLATES = "coordination/email/"  # their subjects start with "[coalition name] "
