"""The permission registry: the one place that says what each role may do.

Views under /c/<slug>/ declare the one permission they need with ``@requires(...)``;
``CoalitionMiddleware`` enforces it. Services call ``require_permission`` again, so a view
bug alone cannot write across a role or a coalition.

Object rules sit below the registry, as predicates ``(membership, obj) -> bool`` in each
app's permissions.py, and a view loads the object its URL names with ``object_for``: an object
the person may not see answers 404 (its existence does not leak), one they may see but not
change answers 403.

Permission names are constants (``AGENDA_EDIT = "conditions.agenda:edit"`` in the app's
permissions.py), so a misspelt name fails at import; a name the registry does not hold raises
LookupError wherever it is asked (``requires`` at import, ``has_permission``, the ``|can:``
filter of templates).
"""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Membership, Role

COORDINATOR, PARTNER, FUNDER = Role.COORDINATOR, Role.PARTNER, Role.FUNDER

# The role sets every app's registry is written with (one set of names for the whole project)
EVERYONE = frozenset({COORDINATOR, PARTNER, FUNDER})
MEMBERS_WHO_TAKE_PART = frozenset({COORDINATOR, PARTNER})
COORDINATORS = frozenset({COORDINATOR})
PARTNERS = frozenset({PARTNER})
FUNDERS = frozenset({FUNDER})

HOME_VIEW = "coalitions.home:view"
ORGANIZATIONS_VIEW = "coalitions.organizations:view"
ORGANIZATIONS_MANAGE = "coalitions.organizations:manage"
MEMBERS_MANAGE = "coalitions.members:manage"
# Who is who: the members' directory, the names of authors. Funders see numbers, never individual people.
PEOPLE_VIEW = "coalitions.people:view"
INVITATIONS_MANAGE = "coalitions.invitations:manage"
AUDIT_VIEW = "coalitions.audit:view"
SETTINGS_MANAGE = "coalitions.settings:manage"
API_TOKENS_USE = "coalitions.api_tokens:use"  # one's own tokens of the REST API
API_WRITE = "coalitions.api:write"  # a token that may write (what it writes still asks its own permission)
PRIVACY_VIEW = "coalitions.privacy:view"
INCIDENTS_MANAGE = "coalitions.incidents:manage"

# permission name -> roles that hold it
REGISTRY: dict[str, frozenset[str]] = {
    HOME_VIEW: EVERYONE,
    ORGANIZATIONS_VIEW: EVERYONE,
    ORGANIZATIONS_MANAGE: COORDINATORS,
    MEMBERS_MANAGE: COORDINATORS,
    PEOPLE_VIEW: MEMBERS_WHO_TAKE_PART,
    INVITATIONS_MANAGE: COORDINATORS,
    AUDIT_VIEW: COORDINATORS,
    SETTINGS_MANAGE: COORDINATORS,
    API_TOKENS_USE: EVERYONE,
    API_WRITE: MEMBERS_WHO_TAKE_PART,  # funders never write: their tokens are read-only
    PRIVACY_VIEW: EVERYONE,
    INCIDENTS_MANAGE: COORDINATORS,
}

# Each app above the core lists its own permissions in <app>/permissions.py as
# PERMISSIONS = {THING_VERB: COORDINATORS, ...} with THING_VERB = "app.thing:verb";
# CoalitionsConfig.ready() registers them all in this one registry, so the core names none of
# the apps that depend on it.


def register(app_label: str, permissions: dict) -> None:
    for name, roles in permissions.items():
        if not name.startswith(f"{app_label}."):
            raise ImproperlyConfigured(f"{app_label}.permissions declares {name!r} outside its app")
        REGISTRY[name] = frozenset(roles)


def roles_holding(permission: str) -> frozenset[str]:
    """The roles that hold ``permission``; LookupError for a name the registry does not hold
    (a typo must fail loudly, never read as "nobody may")."""
    try:
        return REGISTRY[permission]
    except KeyError:
        raise LookupError(f"Unknown permission {permission!r}: declare it in its app's permissions.py") from None


def role_has_permission(role: str, permission: str) -> bool:
    return role in roles_holding(permission)


def has_permission(membership: Membership | None, permission: str) -> bool:
    roles = roles_holding(permission)  # checked first, even for no membership
    return bool(membership and membership.is_active and membership.role in roles)


def require_permission(actor, coalition, permission: str) -> Membership:
    """Re-check, inside a service, that ``actor`` may do ``permission`` in ``coalition``."""
    membership = (
        Membership.objects.with_scopes_disabled()
        .filter(coalition=coalition, user=actor, is_active=True)
        .select_related("organization")
        .first()
        if actor is not None and actor.is_authenticated
        else None
    )
    if membership is None or not has_permission(membership, permission):
        raise PermissionDenied(permission)
    return membership


def requires(permission: str):
    """Declare the permission a coalition view needs; the middleware checks it. An unknown
    name raises LookupError when the view module is imported (the URLconf fails to load)."""
    roles_holding(permission)

    def decorate(view):
        view.coalition_permission = permission
        return view

    return decorate


def object_for(request, source, /, *, sees=None, may=None, **lookup):
    """The one way a coalition view loads the object its URL names, for the person asking.

    ``source`` is a model or a queryset (scoped to the coalition, as every tenant query is;
    narrow it with a selector of what the person may see, e.g. ``visible_actions(...)``), and
    ``lookup`` the URL's keys (``pk=pk``). Then the object rules of the app's permissions.py,
    each a predicate ``(membership, obj) -> bool``:
    - no such object, or ``sees`` is false: 404, so that its existence does not leak;
    - ``may`` is false: 403, for an object the person sees but may not change this way.
    The permission the view declares with ``@requires`` is checked before, by the middleware."""
    obj = get_object_or_404(source, **lookup)
    if sees is not None and not sees(request.membership, obj):
        raise Http404
    if may is not None and not may(request.membership, obj):
        raise PermissionDenied
    return obj
