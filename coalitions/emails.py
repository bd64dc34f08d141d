"""Emails in the recipient's language, each with a text and an HTML part."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(*, to: str, template: str, context: dict, language: str | None = None) -> None:
    """Render templates/email/<template>_subject.txt, .txt and .html and send them.

    The language is the recipient's (their profile, else the coalition's default)."""
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"email/{template}_subject.txt", context).strip().replace("\n", " ")
        text = render_to_string(f"email/{template}.txt", context)
        html = render_to_string(f"email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()
