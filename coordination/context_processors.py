"""Optional context processor for the top bar's notification badge.

Add "coordination.context_processors.notifications" to TEMPLATES' context_processors and
{% include "coordination/_notification_badge.html" %} in base.html's topbar: the count is a
callable the template calls when it shows it, so other pages run no query."""

from .selectors.communication import unread_count


def notifications(request):
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    return {"unread_notifications": lambda: unread_count(membership)}  # templates call it when used
