"""This app's rows of the URL x role matrix (tests/test_url_role_matrix.py)."""

from ..matrix_roles import GET, TAKE_PART

# url name -> (roles allowed, methods served)
EXPECTED = {
    "coordination:communication": (TAKE_PART, GET),
    "coordination:backbone": (TAKE_PART, GET),
}


def url_kwargs(world) -> dict:
    """URL name -> the kwargs (besides coalition_slug) to reverse it with, objects of world.coalition."""
    return {}
