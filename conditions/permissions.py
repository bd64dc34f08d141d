"""Permissions of conditions 1 and 2, merged into coalitions.permissions.REGISTRY."""

PERMISSIONS = {
    "conditions.agenda:view": {"coordinator", "partner", "funder"},
    "conditions.plan:view": {"coordinator", "partner", "funder"},
}
