"""The main menu of a coalition's pages (a template context processor)."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coalitions.permissions import has_permission
from coalitions.selectors import memberships_of

# The main menu spans every app, so it lives with the wiring (config), not in the core.
# The main menu in UI.md's order: (label, url name, permission, path section under /c/<slug>/)
MAIN_MENU = [
    (_("Home"), "coalitions:home", "coalitions.home:view", ""),
    (_("Common agenda"), "conditions:agenda", "conditions.agenda:view", "agenda/"),
    (_("Action plan"), "conditions:plan", "conditions.plan:view", "plan/"),
    (_("Shared measurement"), "indicators:index", "indicators.indicators:view", "measurement/"),
    (_("Communication"), "coordination:communication", "coordination.communication:view", "communication/"),
    (_("Backbone support"), "coordination:backbone", "coordination.backbone:view", "backbone/"),
    (_("Settings"), "coalitions:settings", "coalitions.settings:manage", "settings/"),
]


def navigation(request):
    coalition = getattr(request, "coalition", None)
    if coalition is None:  # also an error page raised before authentication ran (a 400): no user yet
        user = getattr(request, "user", None) or AnonymousUser()
        return {"current_coalition": None, "nav_items": [], "my_memberships": memberships_of(user)}
    base = f"/c/{coalition.slug}/"
    items = []
    for label, url_name, permission, section in MAIN_MENU:
        if not has_permission(request.membership, permission):
            continue
        here = request.path == base if not section else request.path.startswith(base + section)
        items.append({"label": label, "url": reverse(url_name, args=[coalition.slug]), "active": here})
    return {
        "current_coalition": coalition,
        "current_membership": request.membership,
        "nav_items": items,
        "my_memberships": memberships_of(request.user),
    }
