"""Rows of the URL x role matrix (tests/test_url_role_matrix.py) for dashboards and reports."""

from ..matrix_roles import BOTH, COORD, GET, POST

REPORTERS = frozenset({"coordinator", "funder"})

# url name -> (roles allowed, methods served[, status of an empty POST]); coalitions:home is in the main matrix
EXPECTED = {
    "coalitions:reports": (REPORTERS, GET),
    "coalitions:report": (REPORTERS, GET),
    "coalitions:report_download": (REPORTERS, GET),
    "coalitions:report_freeze": (COORD, POST, 302),
    "coalitions:snapshot": (REPORTERS, GET),
    "coalitions:snapshot_share": (COORD, POST, 200),
    "coalitions:share_link_revoke": (COORD, BOTH, 302),
    "coalitions:share_link_openings": (COORD, GET),
}


def url_kwargs(world) -> dict:
    from django.utils import timezone

    from .factories import ReportSnapshotFactory, shared

    snapshot = ReportSnapshotFactory(coalition=world.coalition)
    link, token = shared(snapshot=snapshot)
    year = timezone.localdate().year - 1
    return {
        "coalitions:report": {"year": year},
        "coalitions:report_download": {"year": year},
        "coalitions:report_freeze": {"year": year},
        "coalitions:snapshot": {"pk": snapshot.pk},
        "coalitions:snapshot_share": {"pk": snapshot.pk},
        "coalitions:share_link_revoke": {"pk": link.pk},
        "coalitions:share_link_openings": {"pk": link.pk},
        "share_link": {"token": token},
    }
