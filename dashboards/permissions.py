"""Permissions of the dashboards and period reports, merged into coalitions.permissions.REGISTRY."""

from coalitions.permissions import COORDINATORS, EVERYONE, FUNDERS, MEMBERS_WHO_TAKE_PART, PARTNERS

HEALTH_VIEW = "dashboards.health:view"
PARTNER_DASHBOARD = "dashboards.dashboard:partner"
FUNDER_DASHBOARD = "dashboards.dashboard:funder"
REPORTS_VIEW = "dashboards.reports:view"
REPORTS_SHARE = "dashboards.reports:share"
# The web of partners (issue 16, part 3): everyone sees an organisation's card at the
# organisation level; only members (coordinators, partners) see its people and the detail
# behind the counts (recent activities, meetings), never funders.
PARTNER_CARD_VIEW = "dashboards.partners:view"
PARTNER_DETAILS_VIEW = "dashboards.partners:details"
NETWORK_VIEW = "dashboards.network:view"
EQUITY_VIEW = "dashboards.equity:view"

PERMISSIONS = {
    # Which dashboard the coalition home shows
    HEALTH_VIEW: COORDINATORS,
    PARTNER_DASHBOARD: PARTNERS,
    FUNDER_DASHBOARD: FUNDERS,
    REPORTS_VIEW: COORDINATORS | FUNDERS,
    REPORTS_SHARE: COORDINATORS,
    PARTNER_CARD_VIEW: EVERYONE,
    PARTNER_DETAILS_VIEW: MEMBERS_WHO_TAKE_PART,
    NETWORK_VIEW: MEMBERS_WHO_TAKE_PART,
    EQUITY_VIEW: COORDINATORS,
}
