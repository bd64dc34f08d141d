"""Rows of the URL x role matrix (tests/test_url_role_matrix.py) for dashboards and reports."""

from ..matrix_roles import ALL, BOTH, COORD, GET, POST, TAKE_PART

REPORTERS = frozenset({"coordinator", "funder"})

# url name -> (roles allowed, methods served[, status of an empty POST]); coalitions:home is in the main matrix
EXPECTED = {
    "dashboards:completeness_overview": (COORD, GET),
    "dashboards:completeness_remind": (COORD, POST, 302),
    "dashboards:reports": (REPORTERS, GET),
    "dashboards:report": (REPORTERS, GET),
    "dashboards:report_download": (REPORTERS, GET),
    "dashboards:report_freeze": (COORD, POST, 302),
    "dashboards:snapshot": (REPORTERS, GET),
    "dashboards:snapshot_share": (COORD, POST, 200),
    "dashboards:share_link_revoke": (COORD, BOTH, 302),
    "dashboards:share_link_openings": (COORD, GET),
    "dashboards:partner_card": (ALL, GET),
    "dashboards:partner_network": (TAKE_PART, GET),
    "dashboards:partner_equity": (COORD, GET),
}


def url_kwargs(world) -> dict:
    from django.utils import timezone

    from .factories import ReportSnapshotFactory, shared

    snapshot = ReportSnapshotFactory(coalition=world.coalition)
    link, token = shared(snapshot=snapshot)
    year = timezone.localdate().year - 1
    return {
        "dashboards:report": {"year": year},
        "dashboards:report_download": {"year": year},
        "dashboards:report_freeze": {"year": year},
        "dashboards:snapshot": {"pk": snapshot.pk},
        "dashboards:snapshot_share": {"pk": snapshot.pk},
        "dashboards:share_link_revoke": {"pk": link.pk},
        "dashboards:share_link_openings": {"pk": link.pk},
        "share_link": {"token": token},
        "dashboards:partner_card": {"pk": world.organization.pk},
    }
