"""Permissions of the dashboards and period reports, merged into coalitions.permissions.REGISTRY."""

PERMISSIONS = {
    # Which dashboard the coalition home shows
    "dashboards.health:view": {"coordinator"},
    "dashboards.dashboard:partner": {"partner"},
    "dashboards.dashboard:funder": {"funder"},
    "dashboards.reports:view": {"coordinator", "funder"},
    "dashboards.reports:share": {"coordinator"},
}
