"""Templates ask the permission registry, never the role: {% if current_membership|can:"app.x:y" %}
(a name the registry does not hold raises LookupError; tests check every template's names).
Dates and times in words, in the current language and time zone: {{ day|long_date }}, {{ day|weekday_date }},
{{ moment|clock_time }}, {{ moment|long_datetime }} (see coalitions.dates). Like Django's |date,
they show nothing for what is not a date ('' from a lookup on a missing object), never fail."""

from datetime import date, datetime, time

from django import template
from django.utils.html import format_html

from coalitions import dates
from coalitions.permissions import has_permission

register = template.Library()


@register.filter
def can(membership, permission: str) -> bool:
    return has_permission(membership, permission)


# expects_localtime: a datetime arrives in the current time zone (e.g. {% timezone %}'s), as for |date.


@register.filter(expects_localtime=True)
def long_date(value) -> str:
    """« 1er avril 2026 » for a date, or a datetime's day; nothing for None."""
    if not isinstance(value, date):
        return ""
    return dates.long_date(value.date() if isinstance(value, datetime) else value)


@register.filter(expects_localtime=True)
def weekday_date(value) -> str:
    """« mardi 12 mars 2030 », "Tuesday, March 12, 2030" for a date or a datetime's day; nothing for None."""
    if not isinstance(value, date):
        return ""
    return dates.weekday_date(value.date() if isinstance(value, datetime) else value)


@register.filter(expects_localtime=True)
def clock_time(value) -> str:
    """« 10 h 00 »; nothing for None."""
    return dates.clock_time(value) if isinstance(value, datetime | time) else ""


@register.filter(expects_localtime=True)
def long_datetime(value) -> str:
    """« 1er avril 2026 à 10 h 00 »; nothing for None."""
    return dates.long_datetime(value) if isinstance(value, datetime) else ""


# includes/status_badge.html in Python, for the tables that show hundreds of badges (the
# completeness board: 25 organisations x 12 periods). The same markup, tones and symbols;
# tests/coalitions/test_status_badge.py checks both write the same for every status.
BADGE_TONES = {
    "success": ("✓", ("ok", "success", "done", "complete", "completed", "approved", "validated", "accepted",
                      "active", "on_track", "submitted", "published")),
    "warning": ("!", ("warning", "due", "pending", "late", "at_risk", "expiring", "in_review", "review", "partial")),
    "danger": ("✕", ("danger", "error", "overdue", "rejected", "missing", "failed", "expired", "blocked",
                     "off_track")),
    "info": ("●", ("info", "new", "in_progress", "open", "planned", "scheduled", "sent", "current")),
}
BADGE_OF = {word: (tone, symbol) for tone, (symbol, words) in BADGE_TONES.items() for word in words}


@register.simple_tag
def status_badge(status, label, tone="") -> str:
    """``{% include "includes/status_badge.html" with status=... label=... tone=... %}``, written
    in Python: ``{% status_badge status label tone %}``."""
    tone, symbol = BADGE_OF.get(str(tone or status).lower(), ("neutral", "○"))
    return format_html('<span class="badge badge-{}" data-status="{}"><span class="badge-symbol" aria-hidden="true">'
                       '{}</span> {}</span>\n', tone, status, symbol, label)
