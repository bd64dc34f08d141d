"""The main menu of a coalition's pages (a template context processor)."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coalitions.permissions import HOME_VIEW, SETTINGS_MANAGE, has_permission
from coalitions.selectors import memberships_of
from conditions.permissions import AGENDA_VIEW, PLAN_VIEW
from coordination.permissions import BACKBONE_VIEW, COMMUNICATION_VIEW
from indicators.permissions import INDICATORS_VIEW

# The main menu spans every app, so it lives with the wiring (config), not in the core.
# The main menu in UI.md's order: (label, url name, permission, path section under /c/<slug>/)
MAIN_MENU = [
    (_("Home"), "coalitions:home", HOME_VIEW, ""),
    (_("Common agenda"), "conditions:agenda", AGENDA_VIEW, "agenda/"),
    (_("Action plan"), "conditions:plan", PLAN_VIEW, "plan/"),
    (_("Shared measurement"), "indicators:index", INDICATORS_VIEW, "measurement/"),
    (_("Communication"), "coordination:communication", COMMUNICATION_VIEW, "communication/"),
    (_("Backbone support"), "coordination:backbone", BACKBONE_VIEW, "backbone/"),
    (_("Settings"), "coalitions:settings", SETTINGS_MANAGE, "settings/"),
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
