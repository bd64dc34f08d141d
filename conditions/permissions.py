"""Permissions of conditions 1 and 2, merged into coalitions.permissions.REGISTRY, and the
object rules that go with them (used by services and views alike)."""

from coalitions.models import Membership, OrganizationKind, Role
from coalitions.permissions import COORDINATORS, EVERYONE, MEMBERS_WHO_TAKE_PART, PARTNERS, has_permission
from indicators.permissions import SMALL_COUNTS_VIEW

AGENDA_VIEW = "conditions.agenda:view"
AGENDA_EDIT = "conditions.agenda:edit"
AGENDA_ENDORSE = "conditions.agenda:endorse"
PLAN_VIEW = "conditions.plan:view"
PLAN_MANAGE = "conditions.plan:manage"
ACTIONS_PROPOSE = "conditions.actions:propose"
ACTIVITIES_VIEW = "conditions.activities:view"
ACTIVITIES_LOG = "conditions.activities:log"
ATTACHMENTS_VIEW = "conditions.attachments:view"
MATRIX_VIEW = "conditions.matrix:view"
CONSULTATION_VIEW = "conditions.consultation:view"
CONSULTATION_RESPOND = "conditions.consultation:respond"
CONSULTATION_COMMENT = "conditions.consultation:comment"
PRACTICES_VIEW = "conditions.practices:view"
PRACTICES_MANAGE = "conditions.practices:manage"
PRACTICES_ADOPT = "conditions.practices:adopt"
PRACTICES_BOARD = "conditions.practices:board"

PERMISSIONS = {
    AGENDA_VIEW: EVERYONE,
    AGENDA_EDIT: COORDINATORS,  # the draft, priorities, publishing
    AGENDA_ENDORSE: MEMBERS_WHO_TAKE_PART,  # object rule: may_endorse_for
    PLAN_VIEW: EVERYONE,
    PLAN_MANAGE: COORDINATORS,  # plans, actions, decisions on proposals
    ACTIONS_PROPOSE: MEMBERS_WHO_TAKE_PART,
    ACTIVITIES_VIEW: EVERYONE,
    ACTIVITIES_LOG: MEMBERS_WHO_TAKE_PART,  # object rule: may_edit_activity
    ATTACHMENTS_VIEW: MEMBERS_WHO_TAKE_PART,  # funders never see attachments
    MATRIX_VIEW: EVERYONE,
    # A consultation is on a draft: funders never see it (they read its summary once published).
    CONSULTATION_VIEW: MEMBERS_WHO_TAKE_PART,
    CONSULTATION_RESPOND: PARTNERS,  # object rule: responds_for (its own organisation)
    CONSULTATION_COMMENT: MEMBERS_WHO_TAKE_PART,
    PRACTICES_VIEW: EVERYONE,
    PRACTICES_MANAGE: COORDINATORS,  # the list of shared practices: create, edit, archive
    PRACTICES_ADOPT: MEMBERS_WHO_TAKE_PART,  # object rule: may_record_adoption (its own organisation)
    PRACTICES_BOARD: COORDINATORS,  # practices x organisations, and its change over time
}


def sees_drafts(membership) -> bool:
    """Drafts of the agenda are for coordinators; partners and funders read published versions."""
    return membership is not None and membership.role == Role.COORDINATOR


def has_active_representative(organization) -> bool:
    return organization.representative_id is not None and Membership.objects.filter(
        coalition_id=organization.coalition_id, user_id=organization.representative_id, role=Role.PARTNER,
        is_active=True, user__is_active=True,
    ).exists()


def may_endorse_for(membership, user, organization) -> bool:
    """The organisation's representative endorses for it; an organisation without an active
    representative is endorsed by any of its active members (they are the ones asked); a
    coordinator may record an endorsement on its behalf (marked as such)."""
    if membership is None or not membership.is_active:
        return False
    if membership.role == Role.COORDINATOR:
        return True
    if membership.role != Role.PARTNER:
        return False
    if organization.representative_id == user.pk:
        return True
    return membership.organization_id == organization.pk and not has_active_representative(organization)


def endorses_on_behalf(membership, user, organization) -> bool:
    return membership.role == Role.COORDINATOR and organization.representative_id != user.pk


def may_edit_activity_of(membership, organization_id) -> bool:
    """A partner logs and edits only its own organisation's activities; coordinators all."""
    if membership is None or not membership.is_active:
        return False
    if membership.role == Role.COORDINATOR:
        return True
    return membership.role == Role.PARTNER and membership.organization_id == organization_id


def may_edit_activity(membership, activity) -> bool:
    """The object rule of an activity's edit and delete pages (``object_for``'s ``may``)."""
    return may_edit_activity_of(membership, activity.organization_id)


def sees_people_counts(membership) -> bool:
    """Whether each activity's people and families reached are shown: to those who see exact small
    counts (indicators.small_counts:view). A funder sees them only summed in the report and on the
    home, small ones hidden: one activity's count is finer than any of those tables, and the list's
    filters would sum any set of activities, so a hidden cell would be one subtraction away."""
    return membership is not None and has_permission(membership, SMALL_COUNTS_VIEW)


def may_see_attachments(membership) -> bool:
    return membership is not None and membership.role in (Role.COORDINATOR, Role.PARTNER)


def responds_for(membership):
    """The organisation a partner answers a consultation for: its own (None without one)."""
    if membership is None or not membership.is_active or membership.role != Role.PARTNER:
        return None
    return membership.organization if membership.organization_id else None


def may_record_adoption(membership, organization) -> bool:
    """A partner records its own organisation's adoption of a practice; coordinators any
    organisation's (a funder's organisation adopts none)."""
    return organization.kind != OrganizationKind.FUNDER and may_edit_activity_of(membership, organization.pk)
