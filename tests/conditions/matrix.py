"""This app's rows of the URL x role matrix (tests/test_url_role_matrix.py)."""

from ..matrix_roles import ALL, BOTH, COORD, GET, POST, TAKE_PART

# url name -> (roles allowed, methods served)
EXPECTED = {
    "conditions:agenda": (ALL, GET),
    "conditions:agenda_versions": (ALL, GET),
    "conditions:agenda_version": (ALL, GET),
    "conditions:agenda_compare": (ALL, GET),
    "conditions:agenda_draft": (COORD, BOTH),
    "conditions:agenda_draft_publish": (COORD, BOTH),
    "conditions:agenda_endorse": (TAKE_PART, BOTH),
    "conditions:priorities": (COORD, BOTH),
    "conditions:priority_edit": (COORD, BOTH),
    "conditions:priority_move": (COORD, POST),
    "conditions:plan": (ALL, GET),
}


def url_kwargs(world) -> dict:
    """URL name -> the kwargs (besides coalition_slug) to reverse it with, objects of world.coalition."""
    from .factories import AgendaVersionFactory, PriorityFactory

    version = AgendaVersionFactory(coalition=world.coalition)
    priority = PriorityFactory(coalition=world.coalition)
    return {
        "conditions:agenda_version": {"key": str(version.number)},
        "conditions:priority_edit": {"pk": priority.pk},
        "conditions:priority_move": {"pk": priority.pk},
    }
