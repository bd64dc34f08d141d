"""Permissions of conditions 1 and 2, merged into coalitions.permissions.REGISTRY, and the
object rules that go with them (used by services and views alike)."""

from coalitions.models import Role

PERMISSIONS = {
    "conditions.agenda:view": {Role.COORDINATOR, Role.PARTNER, Role.FUNDER},
    "conditions.agenda:edit": {Role.COORDINATOR},  # the draft, priorities, publishing
    "conditions.agenda:endorse": {Role.COORDINATOR, Role.PARTNER},  # object rule: may_endorse_for
    "conditions.plan:view": {Role.COORDINATOR, Role.PARTNER, Role.FUNDER},
    "conditions.plan:manage": {Role.COORDINATOR},  # plans, actions, decisions on proposals
    "conditions.actions:propose": {Role.COORDINATOR, Role.PARTNER},
    "conditions.activities:view": {Role.COORDINATOR, Role.PARTNER, Role.FUNDER},
    "conditions.activities:log": {Role.COORDINATOR, Role.PARTNER},  # object rule: may_edit_activity_of
    "conditions.attachments:view": {Role.COORDINATOR, Role.PARTNER},  # funders never see attachments
    "conditions.matrix:view": {Role.COORDINATOR, Role.PARTNER, Role.FUNDER},
}


def sees_drafts(membership) -> bool:
    """Drafts of the agenda are for coordinators; partners and funders read published versions."""
    return membership is not None and membership.role == Role.COORDINATOR


def may_endorse_for(membership, user, organization) -> bool:
    """The organisation's representative endorses for it; a coordinator may record an
    endorsement on its behalf (marked as such)."""
    if membership is None or not membership.is_active:
        return False
    if membership.role == Role.COORDINATOR:
        return True
    return membership.role == Role.PARTNER and organization.representative_id == user.pk


def endorses_on_behalf(membership, user, organization) -> bool:
    return membership.role == Role.COORDINATOR and organization.representative_id != user.pk


def may_edit_activity_of(membership, organization_id) -> bool:
    """A partner logs and edits only its own organisation's activities; coordinators all."""
    if membership is None or not membership.is_active:
        return False
    if membership.role == Role.COORDINATOR:
        return True
    return membership.role == Role.PARTNER and membership.organization_id == organization_id


def may_see_attachments(membership) -> bool:
    return membership is not None and membership.role in (Role.COORDINATOR, Role.PARTNER)
