"""Templates ask the permission registry, never the role: {% if current_membership|can:"app.x:y" %}."""

from django import template
from django.utils.translation import ngettext

from coalitions.permissions import has_permission

register = template.Library()


@register.filter
def can(membership, permission: str) -> bool:
    return has_permission(membership, permission)


@register.filter
def due_in(due_on, today) -> str:
    """ "in 3 days", "today", "5 days late": a due date relative to today (in the coalition's zone)."""
    if not due_on or not today:
        return ""
    days = (due_on - today).days
    if days == 0:
        return ngettext("due today", "due today", 1)
    if days > 0:
        return ngettext("in %(n)d day", "in %(n)d days", days) % {"n": days}
    return ngettext("%(n)d day late", "%(n)d days late", -days) % {"n": -days}
