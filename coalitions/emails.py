"""The project's one email sender: every email (ours and allauth's) is rendered and sent by
send_email, in the recipient's language, with a text and an HTML part."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string, select_template
from django.utils import translation

from .fields import flatten_to_one_line

# An email's task normally runs seconds after the commit that queued it. A row still unsent after
# this lost its task (the broker was down at commit, or a worker fetched the message and died:
# the filesystem broker then has no copy). Each app's periodic sweep sends it; the email's claim
# and the email itself share one transaction, so a worker that dies mid-send leaves it unsent.
LOST_AFTER = timedelta(minutes=10)

# Seeding a demo writes months of history through the ordinary services: meetings, follow-ups,
# returned values, endorsement requests, announcements. That history happened "before": nobody
# is emailed about it and its notifications start out read. The services ask seeding_history()
# and write their rows as already delivered (so no task and no sweep sends them later).
_SEEDING_HISTORY: ContextVar[bool] = ContextVar("seeding_history", default=False)


@contextmanager
def history_without_notifying() -> Iterator[None]:
    token = _SEEDING_HISTORY.set(True)
    try:
        yield
    finally:
        _SEEDING_HISTORY.reset(token)


def seeding_history() -> bool:
    return _SEEDING_HISTORY.get()

# Line breaks of every kind (a header may not hold one: Django raises BadHeaderError) and other
# control characters. A name stored before names were refused them must not break the email.
def recipient_language(person=None, coalition=None) -> str:
    """The one rule for an email's language:
    1. the person's chosen language (set at sign-up from the page, then by the language switch);
    2. else the coalition's language, for an email about a coalition;
    3. else the language of the page that sent it (allauth's account emails to an address
       without an account);
    4. else the site's default, French."""
    languages = dict(settings.LANGUAGES)
    for language in (getattr(person, "language", ""), getattr(coalition, "default_language", ""),
                     translation.get_language() if coalition is None else ""):
        if language in languages:
            return language
    return settings.LANGUAGE_CODE


def one_line(subject: str) -> str:
    """A subject on one line: control characters and line separators become a space; French
    non-breaking spaces stay."""
    return flatten_to_one_line(subject)


def send_email(*, to, template: str, context: dict, coalition=None, attachments=(),
               subject_template: str = "", subject_prefix: str = "") -> None:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` in the
    recipient's language and send them, with ``attachments`` as (filename, content, mimetype).
    Without its own HTML template, an email's HTML part is its text in the house layout.

    ``to`` is a user, or an address: the person who has an account with it, if anyone, chose
    the language. Both parts end with the link to the privacy policy. The templates get
    ``site_url``, ``coalition`` and ``recipient`` (the user or None)."""
    if isinstance(to, str):
        person = get_user_model().objects.filter(email__iexact=to).first()
        address = to
    else:
        person, address = to, to.email
    context = {"site_url": settings.SITE_URL, "coalition": coalition, "recipient": person, **context}
    with translation.override(recipient_language(person, coalition)):
        subject = render_to_string(subject_template or f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
        html = select_template([f"{template}.html", "email/text.html"]).render({**context, "text": body})
        # Every email's text part ends with the privacy policy's link (its HTML part: email/base.html).
        text = body.rstrip("\n") + "\n" + render_to_string("email/_footer.txt", context)
    message = EmailMultiAlternatives(subject=one_line(subject_prefix + subject), body=text, to=[address])
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()

