"""Permissions of the dashboards and period reports, merged into coalitions.permissions.REGISTRY."""

from coalitions.permissions import COORDINATORS, FUNDERS, PARTNERS

HEALTH_VIEW = "dashboards.health:view"
PARTNER_DASHBOARD = "dashboards.dashboard:partner"
FUNDER_DASHBOARD = "dashboards.dashboard:funder"
REPORTS_VIEW = "dashboards.reports:view"
REPORTS_SHARE = "dashboards.reports:share"

PERMISSIONS = {
    # Which dashboard the coalition home shows
    HEALTH_VIEW: COORDINATORS,
    PARTNER_DASHBOARD: PARTNERS,
    FUNDER_DASHBOARD: FUNDERS,
    REPORTS_VIEW: COORDINATORS | FUNDERS,
    REPORTS_SHARE: COORDINATORS,
}
