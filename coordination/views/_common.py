"""Helpers shared by the views of conditions 4 and 5."""

from django.shortcuts import render

from coalitions.permissions import has_permission


def _slug(request):
    return request.coalition.slug


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
