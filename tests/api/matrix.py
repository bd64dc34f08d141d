"""Rows of the URL x role matrix for the REST API (tests/api/test_matrix.py) and for its page."""

from conditions import selectors as condition_selectors
from tests.conditions.factories import AgendaVersionFactory
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign

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
    "api:values": {"GET": TAKE_PART, "POST": (TAKE_PART, 400)},  # funders read the rollups, never values
    "api:values_bulk": {"POST": (TAKE_PART, 400)},
    "api:value": {"GET": TAKE_PART, "PATCH": (TAKE_PART, 200)},  # {}: nothing to change
    "api:value_submit": {"POST": (TAKE_PART, 200)},
    "api:value_approve": {"POST": (COORD, 200)},
    "api:value_return": {"POST": (COORD, 400)},  # the note is missing
    "api:rollups": {"GET": ALL},
    "api:meetings": {"GET": ALL},
    "api:announcements": {"GET": ALL},
}


def url_kwargs(world) -> dict:
    if not condition_selectors.current_version(world.coalition):  # the agenda answers 404 until it is published
        AgendaVersionFactory(coalition=world.coalition, number=1)
    indicator = IndicatorFactory(coalition=world.coalition)
    assign(indicator, world.organization)
    value = IndicatorValueFactory(period=PeriodFactory(indicator=indicator), organization=world.organization,
                                  status="submitted")
    return {
        "api:indicator": {"pk": indicator.pk},
        "api:not_found": {"rest": "c/nope/values/-1/"},
        **{name: {"pk": value.pk} for name in ("api:value", "api:value_submit", "api:value_approve",
                                               "api:value_return")},
    }
