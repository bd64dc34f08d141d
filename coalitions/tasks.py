from celery import shared_task
from celery.schedules import crontab
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django_scopes import scope

from .concurrency import forget_old_submissions
from .emails import send_templated_email
from .models import Coalition, Invitation

BEAT_SCHEDULE = {
    "coalitions-forget-form-submissions": {
        "task": "coalitions.tasks.forget_form_submissions", "schedule": crontab(hour=3, minute=40),
    },
}


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_invitation_email(coalition_id: int, invitation_id: int, send_number: int) -> bool:
    """Send the invitation's ``send_number``-th email once, even if the task runs twice."""
    coalition = Coalition.objects.get(pk=coalition_id)
    with scope(coalition=coalition), transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation_id, emailed_count__lt=send_number, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(emailed_count=send_number)
        if not claimed:
            return False
        invitation = Invitation.objects.select_related("organization", "invited_by").get(pk=invitation_id)
        existing = get_user_model().objects.filter(email__iexact=invitation.email).first()
        language = (existing.language if existing else "") or coalition.default_language
        send_templated_email(
            to=invitation.email,
            template="invitation",
            language=language,
            context={
                "coalition": coalition,
                "invitation": invitation,
                "accept_url": reverse("invitation_accept", args=[invitation.token]),
            },
        )
    return True


@shared_task
def forget_form_submissions() -> int:
    """Create forms' one-time tokens are needed for a double submit or a retry, not forever."""
    return forget_old_submissions()
