from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

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
    """A number in the reader's language ("1 234,5" in French), without trailing zeros."""
    if value is None or value == "":
        return "—"
    value = Decimal(value).quantize(Decimal(1).scaleb(-int(places)))
    if value == value.to_integral_value():
        value = value.to_integral_value()
    else:
        value = value.normalize()
    return number_format(value, force_grouping=True)


@register.filter
def measure(value, indicator) -> str:
    """A value with its unit: "45 %", "1 234,50 $", "12 familles"."""
    if value is None:
        return "—"
    kind = indicator.value_type
    if kind == "percentage":
        return f"{num(value, 1)}\u00a0%"
    if kind == "amount":
        return f"{number_format(Decimal(value).quantize(Decimal('0.01')), force_grouping=True)}\u00a0$"
    if kind == "yes_no":
        return str(_("Yes")) if value >= Decimal("0.5") else str(_("No"))
    if kind == "scale":
        levels = indicator.levels
        index = int(Decimal(value).to_integral_value())
        label = levels[index - 1] if 1 <= index <= len(levels) else ""
        return f"{num(value, 1)} ({label})" if label else num(value, 1)
    if kind == "rate":
        return f"{num(value, 1)}\u00a0‰"
    return f"{num(value)}\u00a0{indicator.unit}".strip() if indicator.unit else num(value)


@register.simple_tag(takes_context=True)
def allowed(context, permission: str) -> bool:
    """{% allowed "indicators.values:enter" as can_enter %}: may the current member do it?"""
    from coalitions.permissions import has_permission

    request = context.get("request")
    return has_permission(getattr(request, "membership", None), permission)
