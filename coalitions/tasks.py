import logging

from celery import shared_task
from celery.schedules import crontab
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from . import heartbeat
from .concurrency import forget_old_submissions
from .emails import LOST_AFTER, send_email
from .models import Coalition, Invitation

logger = logging.getLogger(__name__)

BEAT_SCHEDULE = {
    # Expires unrun after one period: a worker that comes back runs one, not a backlog.
    "coalitions-worker-heartbeat": {
        "task": "coalitions.tasks.worker_heartbeat", "schedule": heartbeat.EVERY_SECONDS,
        "options": {"expires": heartbeat.EVERY_SECONDS},
    },
    "coalitions-forget-form-submissions": {
        "task": "coalitions.tasks.forget_form_submissions", "schedule": crontab(hour=3, minute=40),
    },
    "coalitions-lost-invitation-emails": {
        "task": "coalitions.tasks.send_lost_invitation_emails", "schedule": crontab(minute="*/15"),
    },
}


@shared_task(ignore_result=True)
def worker_heartbeat() -> None:
    heartbeat.record()


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_invitation_email(coalition_id: int, invitation_id: int, send_number: int) -> bool:
    """Send the invitation's ``send_number``-th email once, even if the task runs twice. The
    claim commits with the email: a worker that dies mid-send leaves it to the sweep below."""
    coalition = Coalition.objects.get(pk=coalition_id)
    with scope(coalition=coalition), transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation_id, emailed_count__lt=send_number, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(emailed_count=send_number)
        if not claimed:
            return False
        invitation = Invitation.objects.select_related("organization", "invited_by").get(pk=invitation_id)
        if invitation.refresh_token():  # the emailed link must open it
            invitation.save(update_fields=["token_hash", "token_salt"])
        send_email(
            to=invitation.email,  # someone who already has an account gets it in their language
            template="email/invitation",
            coalition=coalition,
            context={
                "invitation": invitation,
                "accept_url": reverse("invitation_accept", args=[invitation.token]),
            },
        )
    return True


@shared_task
def send_lost_invitation_emails() -> int:
    """Pending invitations whose last send was never emailed (its task was lost): send it now,
    once (the task's claim). The periodic sweep over every coalition."""
    with scopes_disabled():
        lost = list(Invitation.objects.pending().filter(
            emailed_count__lt=F("send_count"), last_sent_at__lt=timezone.now() - LOST_AFTER,
        ).values_list("coalition_id", "pk", "send_count"))
    sent = 0
    for coalition_id, invitation_id, send_number in lost:
        try:
            sent += send_invitation_email(coalition_id, invitation_id, send_number)
        except Exception:  # one unreachable address must not starve the others: the next sweep retries
            logger.exception("Lost invitation email %s not sent", invitation_id)
    return sent


@shared_task
def forget_form_submissions() -> int:
    """Create forms' one-time tokens are needed for a double submit or a retry, not forever."""
    return forget_old_submissions()
