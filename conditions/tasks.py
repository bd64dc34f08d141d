import logging
from datetime import timedelta

from celery import shared_task
from celery.schedules import crontab
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coalitions.emails import LOST_AFTER, send_email
from coalitions.models import Coalition

logger = logging.getLogger(__name__)

BEAT_SCHEDULE = {
    "conditions-lost-endorsement-requests": {
        "task": "conditions.tasks.send_lost_endorsement_requests", "schedule": crontab(minute="*/15"),
    },
}
# Older requests are left to the endorsement reminders (coordination), which follow them up anyway.
LOST_REQUEST_MAX_AGE = timedelta(days=7)


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_endorsement_request(coalition_id: int, request_id: int) -> bool:
    """Email an organisation's representative that a new agenda version awaits its endorsement.
    The request row is claimed in the email's transaction, so a second run sends nothing and a
    worker that dies mid-send leaves it to send_lost_endorsement_requests."""
    from .models import EndorsementRequest

    coalition = Coalition.objects.get(pk=coalition_id)
    with scope(coalition=coalition), transaction.atomic():
        claimed = EndorsementRequest.objects.filter(
            pk=request_id, emailed_at__isnull=True, recipient__isnull=False
        ).update(emailed_at=timezone.now())
        if not claimed:
            return False
        request = EndorsementRequest.objects.select_related("version", "organization", "recipient").get(pk=request_id)
        send_email(
            to=request.recipient,
            template="email/endorsement_request",
            coalition=coalition,
            context={
                "version": request.version,
                "organization": request.organization,
                "agenda_url": reverse("conditions:agenda", args=[coalition.slug]),
                "endorse_url": reverse("conditions:agenda_endorse", args=[coalition.slug]),
            },
        )
    return True


@shared_task
def send_lost_endorsement_requests() -> int:
    """Endorsement requests of the past week never emailed (their task was lost): send them
    now, once (the task's claim). The periodic sweep over every coalition."""
    from .models import EndorsementRequest

    now = timezone.now()
    with scopes_disabled():
        lost = list(EndorsementRequest.objects.filter(
            emailed_at__isnull=True, recipient__isnull=False,
            created_at__lt=now - LOST_AFTER, created_at__gt=now - LOST_REQUEST_MAX_AGE,
        ).values_list("coalition_id", "pk"))
    sent = 0
    for coalition_id, request_id in lost:
        try:
            sent += send_endorsement_request(coalition_id, request_id)
        except Exception:  # the next sweep retries it
            logger.exception("Lost endorsement request %s not sent", request_id)
    return sent
