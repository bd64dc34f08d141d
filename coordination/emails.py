"""Emails of this app, in the recipient's language (their profile, else the coalition's)."""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def language_of(user, coalition) -> str:
    language = user.language or coalition.default_language
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def send_email(*, user, coalition, template: str, context: dict, attachments=()) -> None:
    """Render templates/coordination/email/<template>_subject.txt and <template>.txt and send."""
    context = {"site_url": settings.SITE_URL, "coalition": coalition, "recipient": user, **context}
    with translation.override(language_of(user, coalition)):
        subject = render_to_string(f"coordination/email/{template}_subject.txt", context)
        subject = re.sub(r"[ \t\r\n]+", " ", subject).strip()  # keeps the French non-breaking spaces
        body = render_to_string(f"coordination/email/{template}.txt", context)
    message = EmailMessage(subject=f"[{coalition.name}] {subject}", body=body, to=[user.email])
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
