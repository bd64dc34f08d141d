"""Helpers shared by the views of conditions 4 and 5."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from coalitions.permissions import has_permission


def _slug(request):
    return request.coalition.slug


def _done(request, message: str, to: str, *args):
    messages.success(request, message)
    return redirect(to, _slug(request), *args)


def _post_action(request, service, success: str, to: str, args=(), **kwargs):
    """A POST action without a form: errors become a message, never a 500."""
    try:
        service(actor=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(to, _slug(request), *args)
    return _done(request, success, to, *args)


def _form_page(request, form, *, title, cancel_url, submit_label=None, intro="", multipart=False):
    return render(request, "coordination/form.html", {
        "form": form, "title": title, "cancel_url": cancel_url, "submit_label": submit_label,
        "intro": intro, "multipart": multipart,
    })


def _can(request, permission):
    return has_permission(request.membership, permission)


def _tz(coalition):
    from zoneinfo import ZoneInfo

    return ZoneInfo(coalition.time_zone)
