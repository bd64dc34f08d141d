"""This app's rows of the URL x role matrix (tests/test_url_role_matrix.py)."""

from ..matrix_roles import ALL, BOTH, COORD, GET, POST, TAKE_PART

PARTNER = frozenset({"partner"})

# url name -> (roles allowed, methods served[, status of an allowed empty POST])
EXPECTED = {
    "conditions:agenda": (ALL, GET),
    "conditions:agenda_versions": (ALL, GET),
    "conditions:agenda_version": (ALL, GET),
    "conditions:agenda_compare": (ALL, GET),
    "conditions:agenda_draft": (COORD, BOTH, 200),
    "conditions:agenda_draft_publish": (COORD, BOTH, 200),
    "conditions:agenda_endorse": (TAKE_PART, BOTH, 200),
    "conditions:agenda_remind": (COORD, POST, 302),
    # The consultation is on a draft: funders never see it; partners answer for their organisation.
    "conditions:consultation": (TAKE_PART, GET),
    "conditions:consultation_open": (COORD, BOTH, 200),
    "conditions:consultation_respond": (PARTNER, BOTH, 200),
    "conditions:consultation_comment": (TAKE_PART, POST, 302),  # an empty comment: refused, with a message
    "conditions:consultation_responses": (COORD, GET),
    "conditions:consultation_answer": (COORD, BOTH, 200),
    "conditions:consultation_close": (COORD, BOTH, 302),
    "conditions:priorities": (COORD, BOTH, 200),
    "conditions:priority_edit": (COORD, BOTH, 200),
    "conditions:priority_move": (COORD, POST, 302),
    "conditions:plan": (ALL, GET),
    "conditions:plan_create": (COORD, BOTH, 200),
    "conditions:plan_edit": (COORD, BOTH, 200),
    "conditions:action_create": (TAKE_PART, BOTH, 200),
    "conditions:action": (ALL, GET),
    "conditions:action_edit": (COORD, BOTH, 200),
    "conditions:action_review": (COORD, BOTH, 200),
    "conditions:activities": (ALL, GET),
    "conditions:activity_export": (ALL, BOTH, 302),  # POST: prepare the Excel file in the background
    "conditions:activity_create": (TAKE_PART, BOTH, 200),
    "conditions:activity_edit": (TAKE_PART, BOTH, 200),  # a partner: its own organisation's activities only
    "conditions:activity_delete": (TAKE_PART, BOTH, 302),
    "conditions:activity_attachment": (TAKE_PART, GET),  # funders never see attachments
    "conditions:matrix": (ALL, GET),
    "conditions:matrix_export": (ALL, GET),
    "conditions:practices": (ALL, GET),
    "conditions:practice": (ALL, GET),
    "conditions:practice_create": (COORD, BOTH, 200),
    "conditions:practice_edit": (COORD, BOTH, 200),
    "conditions:practice_archive": (COORD, BOTH, 302),
    "conditions:practice_restore": (COORD, POST, 302),
    "conditions:adoption_edit": (TAKE_PART, BOTH, 200),  # a partner: its own organisation's adoption only
    "conditions:practice_board": (COORD, GET),
    "conditions:referrals": (ALL, GET),
    "conditions:referral_create": (COORD, POST, 200),  # an empty form: re-rendered with its errors
    "conditions:referral_delete": (COORD, BOTH, 302),
}


def url_kwargs(world) -> dict:
    """URL name -> the kwargs (besides coalition_slug) to reverse it with, objects of world.coalition."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from .factories import (
        ActionFactory,
        ActivityFactory,
        AgendaVersionFactory,
        ConsultationFactory,
        ConsultationResponseFactory,
        PracticeFactory,
        PriorityFactory,
        ReferralPathFactory,
    )

    version = AgendaVersionFactory(coalition=world.coalition)
    consultation = ConsultationFactory(version__coalition=world.coalition)
    objection = ConsultationResponseFactory(consultation=consultation, organization=world.organization,
                                            position="objection", reason="Le territoire oublie le secteur est.")
    priority = PriorityFactory(coalition=world.coalition)
    action = ActionFactory(plan__coalition=world.coalition, lead_organization=world.organization,
                           priorities=[priority])
    attachment = "conditions/activities/matrix-test/compte-rendu.txt"  # one file for every case
    if not default_storage.exists(attachment):
        default_storage.save(attachment, ContentFile(b"Atelier du 15 septembre"))
    activity = ActivityFactory(action=action, organization=world.organization, attachment=attachment)
    proposal = ActionFactory(plan=action.plan, lead_organization=world.organization, review_status="proposed")
    # Deleting the activity in one parametrised case must not break another: each gets its own.
    doomed = ActivityFactory(action=action, organization=world.organization)
    practice = PracticeFactory(coalition=world.coalition, priorities=[priority])
    referral = ReferralPathFactory(priority=priority, from_organization=world.organization)
    return {
        "conditions:practice": {"pk": practice.pk},
        "conditions:practice_edit": {"pk": practice.pk},
        "conditions:practice_archive": {"pk": PracticeFactory(coalition=world.coalition).pk},
        "conditions:practice_restore": {"pk": practice.pk},
        "conditions:adoption_edit": {"pk": practice.pk, "organization_pk": world.organization.pk},
        "conditions:referral_delete": {"pk": referral.pk},
        "conditions:agenda_version": {"key": str(version.number)},
        "conditions:priority_edit": {"pk": priority.pk},
        "conditions:consultation_answer": {"pk": objection.pk},
        "conditions:priority_move": {"pk": priority.pk},
        "conditions:plan_edit": {"pk": action.plan_id},
        "conditions:action": {"pk": action.pk},
        "conditions:action_edit": {"pk": action.pk},
        "conditions:action_review": {"pk": proposal.pk},
        "conditions:activity_edit": {"pk": activity.pk},
        "conditions:activity_delete": {"pk": doomed.pk},
        "conditions:activity_attachment": {"pk": activity.pk},
    }
