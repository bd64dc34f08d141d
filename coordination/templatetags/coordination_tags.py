"""Template helpers of conditions 4 and 5. `can` is the project's permission filter, re-exported."""

from datetime import date

from django import template
from django.utils.translation import ngettext

from coalitions.templatetags.coalition_tags import can

register = template.Library()
register.filter("can", can)


@register.filter
def due_in(due_on, today) -> str:
    """ "in 3 days", "today", "5 days late": a due date relative to today (in the coalition's zone)."""
    if not (isinstance(due_on, date) and isinstance(today, date)):
        return ""
    days = (due_on - today).days
    if days == 0:
        return ngettext("due today", "due today", 1)
    if days > 0:
        return ngettext("in %(n)d day", "in %(n)d days", days) % {"n": days}
    return ngettext("%(n)d day late", "%(n)d days late", -days) % {"n": -days}
