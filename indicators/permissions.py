"""Permissions of condition 3, merged into coalitions.permissions.REGISTRY."""

PERMISSIONS = {
    "indicators.indicators:view": {"coordinator", "partner", "funder"},
}
