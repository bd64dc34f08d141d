from django import template
from django.utils.translation import gettext_lazy as _

from ..formatting import format_number, format_tick, format_value
from ..selectors import suppression

register = template.Library()

STATUS_LABELS = {
    "open": _("Open"),
    "due": _("To report"),
    "late": _("Late"),
    "draft": _("Draft"),
    "submitted": _("Submitted"),
    "returned": _("Returned"),
    "approved": _("Approved"),
    "on_time": _("On time"),
    "missing": _("Missing"),
    "on_track": _("On track"),
    "at_risk": _("At risk"),
    "off_track": _("Off track"),
    "no_data": _("No data"),
}
# status -> tone of includes/status_badge.html, where the default tone would mislead
TONES = {"returned": "danger", "on_time": "success", "submitted": "info", "open": "info", "due": "warning",
         "no_data": "neutral", "draft": "neutral"}


@register.filter
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@register.filter
def status_tone(status: str) -> str:
    return TONES.get(status, status)


@register.filter
def num(value, places: int = 2) -> str:
    """A plain number in the reader's language ("1 234,5" in French), without trailing zeros."""
    try:
        places = int(places)
    except (TypeError, ValueError):
        places = 2
    return format_number(value, places)


@register.filter
def count_shown(value, places: int = 2) -> str:
    """A number as funders may see it: the words of a hidden small count (« moins de 5 », see
    indicators.selectors.suppression), else the number as ``num`` writes it."""
    if suppression.is_hidden(value):
        return str(suppression.shown(value))
    return num(value, places)


@register.filter
def measure(value, indicator) -> str:
    """A value of ``indicator`` (an Indicator or a frozen report's indicator) with its unit:
    "45 %", "1 234,50 $", "12 familles" (indicators.formatting.format_value)."""
    return format_value(value, indicator)


@register.filter
def tick(value, indicator) -> str:
    """A chart axis label of ``indicator``'s values."""
    return format_tick(value, indicator)
