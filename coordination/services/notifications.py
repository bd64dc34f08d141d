"""Notifications by email: at once (each exactly once, claimed by ``emailed_at``), the sweep
of those whose task was lost, and the daily and weekly digests."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from coalitions.emails import LOST_AFTER, send_email
from coalitions.models import Membership

from ..models.communication import EmailFrequency, Notification, NotificationPreference
from ._common import EMAIL_TEMPLATES, _now


def email_notifications(*, coalition, notification_ids) -> int:
    """Email notifications meant to be sent immediately, each exactly once: its claim
    (emailed_at) commits with its email, so a failure or a worker that dies mid-send leaves it
    unsent, for the task's retry or for send_lost_notification_emails."""
    sent = 0
    for pk in notification_ids:
        with transaction.atomic():
            claimed = Notification.objects.filter(pk=pk, coalition=coalition, emailed_at__isnull=True).update(
                emailed_at=timezone.now())
            if not claimed:
                continue
            notification = Notification.objects.select_related("recipient").get(pk=pk)
            send_email(to=notification.recipient, coalition=coalition, template=EMAIL_TEMPLATES + "notification",
                       context={"notification": notification, "url": settings.SITE_URL + notification.url})
        sent += 1
    return sent


# A notification whose email is lost this long is stale news: the app and the digest still show it.
LOST_NOTIFICATION_MAX_AGE = timedelta(days=1)


def send_lost_notification_emails(*, coalition, now=None) -> int:
    """Part of the reminder run: notifications meant to be emailed at once (their recipient
    wants this kind immediately) whose email task was lost, found by their unset emailed_at."""
    now = _now(now)
    wants_later = NotificationPreference.objects.filter(
        coalition=coalition, user_id=OuterRef("recipient_id"), kind=OuterRef("kind"),
    ).exclude(frequency=EmailFrequency.IMMEDIATELY)
    lost = list(Notification.objects.filter(
        coalition=coalition, emailed_at__isnull=True,
        created_at__lt=now - LOST_AFTER, created_at__gt=now - LOST_NOTIFICATION_MAX_AGE,
    ).exclude(Exists(wants_later)).order_by("pk").values_list("pk", flat=True))
    return email_notifications(coalition=coalition, notification_ids=lost) if lost else 0


def send_digests(*, coalition, frequency: str, now=None) -> int:
    """One email per person with their not-yet-emailed notifications of the kinds they get as
    a daily (or weekly) digest. Each notification is claimed before the email, so once only."""
    now = _now(now)
    prefs = NotificationPreference.objects.filter(coalition=coalition, frequency=frequency)
    by_user: dict[int, list[str]] = {}
    for pref in prefs:
        by_user.setdefault(pref.user_id, []).append(pref.kind)
    sent = 0
    for user_id, kinds in by_user.items():
        # The claim commits with the email: if it fails or the worker dies, the rows stay unsent
        # and go in the retry's digest, or in the next one.
        with transaction.atomic():
            rows = list(Notification.objects.select_for_update(skip_locked=True).filter(
                coalition=coalition, recipient_id=user_id, kind__in=kinds, emailed_at__isnull=True,
                created_at__lte=now).order_by("created_at"))
            if not rows:
                continue
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=now)
            user = Membership.objects.select_related("user").get(coalition=coalition, user_id=user_id).user
            send_email(to=user, coalition=coalition, template=EMAIL_TEMPLATES + "digest",
                       context={"notifications": rows, "frequency": frequency})
        sent += 1
    return sent
