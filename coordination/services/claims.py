"""The exactly-once keys of reminders, invitations and summaries (SentReminder): claimed and
committed before the email, marked delivered after it, given back if the email fails or its
worker died."""

import logging
import smtplib
from datetime import timedelta
from typing import TypedDict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models.reminders import SentReminder

logger = logging.getLogger(__name__)

# A live run sends an email within seconds of claiming it (and the tasks' time limit stops a
# stuck one well before this): an older undelivered claim belongs to a worker that died.
STALE_CLAIM = timedelta(minutes=15)


def clock():
    """The real time of claims and deliveries, whatever ``now`` a run is asked to act at: a
    catch-up run "as of" another time must not take a live worker's fresh claim for stale."""
    return timezone.now()


class Failures:
    """Keeps a run going past one recipient's failed email (an unreachable server must not
    starve the others); the first error goes up at the end so the task retries, and the
    retry skips what was sent (keyed). Use ``with failures:`` around one recipient."""

    def __init__(self):
        self.first = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, Exception):
            self.first = self.first or exc
            return True
        return False

    def raise_first(self):
        if self.first is not None:
            raise self.first


def _permanent(error: Exception) -> bool:
    """A refused address or another 5xx answer: retrying would fail the same way."""
    return isinstance(error, smtplib.SMTPRecipientsRefused) or (
        isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500)


def send_claimed(coalition, keys, send) -> None:
    """Send one email whose keys are claimed, and mark them delivered at once. A permanent
    refusal is logged and kept as delivered (never retried); any other failure gives the keys
    back and goes up, so a retry sends it."""
    try:
        send()
    except Exception as error:
        if not _permanent(error):
            for key in keys:
                release_reminder(coalition=coalition, **key)
            raise
        logger.warning("Reminder email refused for good (%s): %s", keys[0], error)
    confirm_delivered(coalition=coalition, keys=keys)


class ReminderKey(TypedDict):
    """The unique key of a SentReminder: what claim_reminder and release_reminder take."""

    recipient_id: int
    kind: str
    subject: str
    period: str


def claim_reminder(*, coalition, recipient_id: int, kind: str, subject: str, period: str) -> bool:
    """Insert the reminder's unique key (INSERT ... ON CONFLICT DO NOTHING) and commit it.
    True if this call claimed it and must send; False if it was already sent (or is being
    sent by a parallel run)."""
    with transaction.atomic():
        _row, created = SentReminder.objects.get_or_create(
            coalition=coalition, recipient_id=recipient_id, kind=kind, subject=subject, period=period,
            defaults={"claimed_at": clock()},
        )
    return created


def confirm_delivered(*, coalition, keys) -> None:
    """Mark claimed keys as delivered once their email (or notification) has gone out."""
    if not keys:
        return  # an empty OR would match every key of the coalition
    condition = Q()
    for key in keys:
        condition |= Q(**key)
    SentReminder.objects.filter(condition, coalition=coalition, delivered_at__isnull=True).update(
        delivered_at=clock())


def release_stale_claims(*, coalition) -> int:
    """Give back the keys a dead worker claimed but never delivered, so this run sends them.
    At most once becomes exactly once: only a death between the email and this mark, a
    moment, could still repeat one."""
    deleted, _ = SentReminder.objects.filter(
        coalition=coalition, delivered_at__isnull=True, claimed_at__lt=clock() - STALE_CLAIM).delete()
    return deleted


def release_reminder(*, coalition, recipient_id: int, kind: str, subject: str, period: str) -> None:
    """Give a claimed key back after its email failed, so the task's retry sends it."""
    SentReminder.objects.filter(coalition=coalition, recipient_id=recipient_id, kind=kind, subject=subject,
                                period=period).delete()
