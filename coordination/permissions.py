"""Permissions of conditions 4 and 5, merged into coalitions.permissions.REGISTRY."""

PERMISSIONS = {
    "coordination.communication:view": {"coordinator", "partner"},
    "coordination.backbone:view": {"coordinator", "partner"},
}
