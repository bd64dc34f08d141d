"""Rows of the URL x role matrix for the REST API (tests/api/test_matrix.py) and for its page."""

from conditions import selectors as condition_selectors
from tests.conditions.factories import AgendaVersionFactory
from tests.indicators.factories import IndicatorFactory

from ..matrix_roles import ALL, COORD, GET, TAKE_PART

# The in-app page about the API, under /c/<slug>/ (tests/test_url_role_matrix.py)
EXPECTED = {
    "api_guide": (ALL, GET),
}

# API url name -> {method: roles allowed}; a write also gives the status of an allowed role's
# request with an empty JSON body: {method: (roles, status)}. Methods not listed answer 405.
API_EXPECTED = {
    "api:coalition": {"GET": ALL},
    "api:organizations": {"GET": ALL},
    "api:members": {"GET": COORD},  # the members page is the coordination team's
    "api:priorities": {"GET": ALL},
    "api:agenda": {"GET": ALL},
    "api:actions": {"GET": ALL},
    "api:activities": {"GET": ALL},
    "api:indicators": {"GET": ALL},
    "api:indicator": {"GET": ALL},
    "api:periods": {"GET": ALL},
    "api:values": {"GET": TAKE_PART},  # funders read the rollups, never an organisation's values
    "api:rollups": {"GET": ALL},
    "api:meetings": {"GET": ALL},
    "api:announcements": {"GET": ALL},
}


def url_kwargs(world) -> dict:
    if not condition_selectors.current_version(world.coalition):  # the agenda answers 404 until it is published
        AgendaVersionFactory(coalition=world.coalition, number=1)
    return {
        "api:indicator": {"pk": IndicatorFactory(coalition=world.coalition).pk},
    }
