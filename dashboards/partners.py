"""The web of partners (condition 5, issue 16 part 3): each organisation's place in the
coalition. Reads the domain apps through their selectors; a fixed number of queries."""

from coalitions.dates import local_today
from coalitions.models import Membership
from conditions import selectors as condition_selectors
from coordination.selectors.meetings import organization_attendance
from indicators.selectors import reporting_punctuality

SHOWN = 5
PEOPLE_SHOWN = 30


def partner_card(coalition, organization, *, details: bool) -> dict:
    """What ``organization`` leads and contributes to, its activities, how punctually it
    reports, the meetings it attended, its endorsement, the skills it offers and, with
    ``details`` (members only, never funders), its people by name and the detail behind the
    counts. Eight queries, ten with details."""
    involvement = condition_selectors.organization_involvement(coalition, organization, shown=SHOWN)
    attendance = organization_attendance(coalition, organization, shown=SHOWN)
    card = {
        "organization": organization,
        "skills": organization.skill_list,
        **involvement,
        "punctuality": reporting_punctuality(coalition, organization, local_today(coalition)),
        "meetings_attended": attendance["count"],
        "details": details,
        # Shared practices (issue 16 part 2) add the organisation's adoptions here, as
        # "practices", and the card shows them in its "practices" section.
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
