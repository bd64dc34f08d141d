"""This app's rows of the URL x role matrix (tests/test_url_role_matrix.py)."""

from django.core.files.base import ContentFile
from django_scopes import scopes_disabled

from coalitions.api_tokens import api_token_create
from coalitions.models import ExportJob, ExportStatus, Membership
from coalitions.spreadsheets import Sheet, xlsx_bytes

from ..factories import IncidentFactory, InvitationFactory
from ..matrix_roles import ALL, BOTH, COORD, GET, POST, TAKE_PART

# url name -> (roles allowed, methods served[, status of an allowed role's empty POST])
EXPECTED = {
    "coalitions:home": (ALL, GET),
    "coalitions:settings": (COORD, BOTH, 200),
    "coalitions:organizations": (ALL, GET),
    "coalitions:organization_create": (COORD, BOTH, 200),
    "coalitions:organization_edit": (COORD, BOTH, 200),
    "coalitions:organization_delete": (COORD, BOTH, 302),
    "coalitions:members": (COORD, GET),
    "coalitions:directory": (TAKE_PART, GET),
    "coalitions:member_edit": (COORD, BOTH, 200),
    "coalitions:member_deactivate": (COORD, BOTH, 302),
    "coalitions:member_reactivate": (COORD, POST, 302),
    "coalitions:member_erase": (COORD, BOTH, 200),
    "coalitions:invitations": (COORD, GET),
    "coalitions:invitation_create": (COORD, BOTH, 200),
    "coalitions:invitation_resend": (COORD, POST, 302),
    "coalitions:invitation_revoke": (COORD, POST, 302),
    "coalitions:audit": (COORD, GET),
    "coalitions:api_tokens": (ALL, BOTH, 200),
    "coalitions:api_token_revoke": (ALL, BOTH, 302),
    "coalitions:privacy": (ALL, GET),
    "coalitions:privacy_settings": (COORD, BOTH, 200),
    "coalitions:incidents": (COORD, GET),
    "coalitions:incident_create": (COORD, BOTH, 200),
    "coalitions:incident_edit": (COORD, BOTH, 200),
    "coalitions:incident_export": (COORD, GET),
    "coalitions:member_export": (COORD, GET),
    "coalitions:audit_downloads": (COORD, GET),
    "coalitions:export_status": (ALL, GET),
    "coalitions:export_download": (ALL, GET),
}
# The token in the URL is the partner's: nobody else sees it (coalitions:api_token_revoke)
# An export job in the URL is the partner's too: only its requester sees it or downloads its file.
HIDDEN = {name: frozenset({"coordinator", "funder"})
          for name in ("coalitions:api_token_revoke", "coalitions:export_status", "coalitions:export_download")}


def url_kwargs(world) -> dict:
    """URL name -> the kwargs (besides coalition_slug) to reverse it with, objects of world.coalition."""
    with scopes_disabled():
        membership = Membership.objects.get(coalition=world.coalition, user=world.partner)
        invitation = InvitationFactory(coalition=world.coalition, organization=world.organization)
        token, _secret = api_token_create(actor=world.partner, coalition=world.coalition, name="Tableur",
                                          can_write=True, lifetime_days=30)
        incident = IncidentFactory(coalition=world.coalition)
        # A ready job, its file written here: export_build's audit context (pghistory) would
        # name the partner on every row the other apps' matrices create after it in this
        # test's one transaction.
        job = ExportJob.objects.create(coalition=world.coalition, requested_by=world.partner,
                                       kind="indicators.values", status=ExportStatus.READY, row_count=0)
        job.file.save("concerto-donnees.xlsx", ContentFile(xlsx_bytes([Sheet("Valeurs", [["indicator"]])])))
    return {
        "coalitions:organization_edit": {"pk": world.organization.pk},
        "coalitions:organization_delete": {"pk": world.organization.pk},
        "coalitions:member_edit": {"pk": membership.pk},
        "coalitions:member_deactivate": {"pk": membership.pk},
        "coalitions:member_reactivate": {"pk": membership.pk},
        "coalitions:member_erase": {"pk": membership.pk},
        "coalitions:invitation_resend": {"pk": invitation.pk},
        "coalitions:invitation_revoke": {"pk": invitation.pk},
        "invitation_accept": {"token": invitation.token},
        "coalitions:api_token_revoke": {"pk": token.pk},
        "coalitions:incident_edit": {"pk": incident.pk},
        "coalitions:export_status": {"pk": job.pk},
        "coalitions:export_download": {"pk": job.pk},
    }
