from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

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


def as_number(value) -> Decimal | None:
    """The finite number a template was given, else None: a template lookup on a missing object
    gives '', and a page must show a dash rather than fail."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def rounded(number: Decimal, places) -> Decimal:
    try:
        return number.quantize(Decimal(1).scaleb(-int(places)))
    except InvalidOperation:  # more digits than the decimal context holds: shown unrounded
        return number


@register.filter
def num(value, places: int = 2) -> str:
    """A number in the reader's language ("1 234,5" in French), without trailing zeros."""
    number = as_number(value)
    if number is None:
        return "—"
    number = rounded(number, places)
    number = number.to_integral_value() if number == number.to_integral_value() else number.normalize()
    return number_format(number, force_grouping=True)


@register.filter
def count_shown(value, places: int = 2) -> str:
    """A number as funders may see it: the words of a hidden small count (« moins de 5 », see
    indicators.selectors.suppression), else the number as ``num`` writes it."""
    if suppression.is_hidden(value):
        return str(suppression.shown(value))
    return num(value, places)


@register.filter
def measure(value, indicator) -> str:
    """A value with its unit: "45 %", "1 234,50 $", "12 familles"."""
    value = as_number(value)
    if value is None:
        return "—"
    kind = indicator.value_type
    if kind == "percentage":
        return f"{num(value, 1)}\u00a0%"
    if kind == "amount":
        return f"{number_format(rounded(value, 2), force_grouping=True)}\u00a0$"
    if kind == "yes_no":
        return str(_("Yes")) if value >= Decimal("0.5") else str(_("No"))
    if kind == "scale":
        levels = indicator.levels
        index = int(value.to_integral_value())
        label = levels[index - 1] if 1 <= index <= len(levels) else ""
        return f"{num(value, 1)} ({label})" if label else num(value, 1)
    if kind == "rate":
        return f"{num(value, 1)}\u00a0‰"
    return f"{num(value)}\u00a0{indicator.unit}".strip() if indicator.unit else num(value)

