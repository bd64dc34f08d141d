"""Rows of the URL x role matrix for the REST API (tests/api/test_matrix.py) and for its page."""

from ..matrix_roles import ALL, GET

# The in-app page about the API, under /c/<slug>/ (tests/test_url_role_matrix.py)
EXPECTED = {
    "api_guide": (ALL, GET),
}

# API url name -> {method: roles allowed}; a write also gives the status of an allowed role's
# request with an empty JSON body: {method: (roles, status)}. Methods not listed answer 405.
API_EXPECTED = {
    "api:coalition": {"GET": ALL},
}


def url_kwargs(world) -> dict:
    return {}
