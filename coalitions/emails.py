"""Emails in the recipient's language, each with a text and an HTML part."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

# An email's task normally runs seconds after the commit that queued it. A row still unsent after
# this lost its task (the broker was down at commit, or a worker fetched the message and died:
# the filesystem broker then has no copy). Each app's periodic sweep sends it; the email's claim
# and the email itself share one transaction, so a worker that dies mid-send leaves it unsent.
LOST_AFTER = timedelta(minutes=10)


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
