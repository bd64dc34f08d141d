from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from coalitions.emails import send_templated_email
from coalitions.models import Coalition


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_endorsement_request(coalition_id: int, request_id: int) -> bool:
    """Email an organisation's representative that a new agenda version awaits its endorsement.
    The request row is claimed before sending, so a second run sends nothing."""
    from .models import EndorsementRequest

    coalition = Coalition.objects.get(pk=coalition_id)
    with scope(coalition=coalition), transaction.atomic():
        claimed = EndorsementRequest.objects.filter(
            pk=request_id, emailed_at__isnull=True, recipient__isnull=False
        ).update(emailed_at=timezone.now())
        if not claimed:
            return False
        request = EndorsementRequest.objects.select_related("version", "organization", "recipient").get(pk=request_id)
        send_templated_email(
            to=request.recipient.email,
            template="endorsement_request",
            language=request.recipient.language or coalition.default_language,
            context={
                "coalition": coalition,
                "version": request.version,
                "organization": request.organization,
                "recipient": request.recipient,
                "agenda_url": reverse("conditions:agenda", args=[coalition.slug]),
                "endorse_url": reverse("conditions:agenda_endorse", args=[coalition.slug]),
            },
        )
    return True
