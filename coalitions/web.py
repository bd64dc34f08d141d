"""Small helpers that keep views thin: numbers read from request input, pagination, service
errors shown on the form or as a message, and the confirm-then-act pattern of destructive
actions."""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")  # ASCII digits, within a bigint


def parse_int(text) -> int | None:
    """A non-negative whole number from a query parameter, a form field or a URL, else None.
    The one way to read an id or a count from request input: str.isdigit() also accepts "²" and
    "٣", which int() refuses or reads as 3."""
    return int(text) if isinstance(text, str) and WHOLE_NUMBER.fullmatch(text) else None


def paginate(request, queryset, per_page: int | None = None):
    return Paginator(queryset, per_page or settings.PAGE_SIZE).get_page(request.GET.get("page"))


def call_service(form, service, /, **kwargs):
    """Run a service; on ValidationError put each message next to its field (or at the top)
    and return None, so the view re-renders the form with the input kept."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


def done(request, message: str, to: str, *args):
    """Say what happened and go back to a coalition page (the slug comes first in its URL)."""
    messages.success(request, message)
    return redirect(to, request.coalition.slug, *args)


def post_action(request, service, success: str, to: str, args=(), **kwargs):
    """A confirmed POST action without a form: run the service as the current person and
    report a refusal as a message, never a 500. ``args`` follow the slug in ``to``'s URL."""
    try:
        service(actor=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(to, request.coalition.slug, *args)
    return done(request, success, to, *args)


def confirm_then_act(request, service, *, success: str, to: str, title: str, consequence: str,
                     confirm_label: str, **kwargs):
    """GET asks for confirmation and says what will be lost; POST does it."""
    if request.method == "POST":
        return post_action(request, service, success, to, **kwargs)
    return render(request, "coalitions/confirm.html", {
        "title": title, "consequence": consequence, "confirm_label": confirm_label,
        "cancel_url": reverse(to, args=[request.coalition.slug]),
    })


def secret_url_headers(response):
    """A page opened by a secret token in its URL: kept out of search engines, and the URL is
    not sent on as a referrer when a link in it is followed."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
