"""The permission registry: the one place that says what each role may do.

Views under /c/<slug>/ declare the one permission they need with ``@requires(...)``;
``CoalitionMiddleware`` enforces it. Services call ``require_permission`` again, so a view
bug alone cannot write across a role or a coalition. Object rules sit below the registry.
"""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from .models import Membership, Role

COORDINATOR, PARTNER, FUNDER = Role.COORDINATOR, Role.PARTNER, Role.FUNDER
EVERYONE = frozenset({COORDINATOR, PARTNER, FUNDER})
MEMBERS_WHO_TAKE_PART = frozenset({COORDINATOR, PARTNER})
COORDINATORS = frozenset({COORDINATOR})

# permission name -> roles that hold it
REGISTRY: dict[str, frozenset[str]] = {
    "coalitions.home:view": EVERYONE,
    "coalitions.organizations:view": EVERYONE,
    "coalitions.organizations:manage": COORDINATORS,
    "coalitions.members:manage": COORDINATORS,
    "coalitions.invitations:manage": COORDINATORS,
    "coalitions.audit:view": COORDINATORS,
    "coalitions.settings:manage": COORDINATORS,
}

# Each app above the core lists its own permissions in <app>/permissions.py as
# PERMISSIONS = {"app.thing:verb": {"coordinator", ...}}; CoalitionsConfig.ready() registers them
# all in this one registry, so the core names none of the apps that depend on it.


def register(app_label: str, permissions: dict) -> None:
    for name, roles in permissions.items():
        if not name.startswith(f"{app_label}."):
            raise ImproperlyConfigured(f"{app_label}.permissions declares {name!r} outside its app")
        REGISTRY[name] = frozenset(roles)


def role_has_permission(role: str, permission: str) -> bool:
    try:
        return role in REGISTRY[permission]
    except KeyError:
        raise LookupError(f"Unknown permission {permission!r}: add it to coalitions.permissions.REGISTRY") from None


def has_permission(membership: Membership | None, permission: str) -> bool:
    return bool(membership and membership.is_active and role_has_permission(membership.role, permission))


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
    """Declare the permission a coalition view needs; the middleware checks it."""
    if permission not in REGISTRY:
        raise LookupError(f"Unknown permission {permission!r}")

    def decorate(view):
        view.coalition_permission = permission
        return view

    return decorate
