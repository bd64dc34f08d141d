"""The web of partners (condition 5, issue 16 part 3): each organisation's place in the
coalition. Reads the domain apps through their selectors; a fixed number of queries."""

from coalitions.dates import local_today
from coalitions.models import Membership
from conditions import selectors as condition_selectors
from conditions.selectors import practices as practice_selectors
from coordination.selectors.meetings import organization_attendance
from indicators.selectors import reporting_punctuality

SHOWN = 5
PEOPLE_SHOWN = 30


def partner_card(coalition, organization, *, details: bool) -> dict:
    """What ``organization`` leads and contributes to, its activities, how punctually it
    reports, the meetings it attended, its endorsement, its adoption of the shared practices,
    the skills it offers and, with ``details`` (members only, never funders), its people by
    name and the detail behind the counts. Ten queries, twelve with details."""
    involvement = condition_selectors.organization_involvement(coalition, organization, shown=SHOWN)
    attendance = organization_attendance(coalition, organization, shown=SHOWN)
    card = {
        "organization": organization,
        "skills": organization.skill_list,
        **involvement,
        "punctuality": reporting_punctuality(coalition, organization, local_today(coalition)),
        "meetings_attended": attendance["count"],
        "details": details,
        # Each shared practice and where the organisation stands (the template shows the
        # adoption notes, free text, with ``details`` only).
        "practices": practice_selectors.organization_practices(coalition, organization),
    }
    if not details:  # funders: counts and totals only, no people and no individual records
        card.update(activities=[], meetings=[], people=[], people_count=None)
        return card
    people = Membership.objects.filter(coalition=coalition, organization=organization, is_active=True)
    card.update(
        meetings=attendance["meetings"],
        people=list(people.select_related("user").order_by("user__full_name", "user__email")[:PEOPLE_SHOWN]),
        people_count=people.count(),
    )
    return card
