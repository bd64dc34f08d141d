"""Permissions of conditions 4 and 5, merged into coalitions.permissions.REGISTRY, and the
object rules of this app (used by services and views; nothing checks roles inline)."""

from coalitions.models import Role

COORD = {Role.COORDINATOR}
TAKE_PART = {Role.COORDINATOR, Role.PARTNER}
ALL = {Role.COORDINATOR, Role.PARTNER, Role.FUNDER}

PERMISSIONS = {
    "coordination.communication:view": ALL,
    "coordination.backbone:view": ALL,  # funders see the library from here; the rest needs its own permission
    # Meetings: everyone reads the public parts (date, kind, decisions); the details (agenda,
    # invitees, attendance, minutes, follow-ups, comments) need meetings:view_details, or
    # meetings:view_shared on a meeting a coordinator shared with funders.
    "coordination.meetings:view": ALL,
    "coordination.meetings:view_details": TAKE_PART,
    "coordination.meetings:view_shared": {Role.FUNDER},
    "coordination.meetings:manage": COORD,
    "coordination.meetings:rsvp": TAKE_PART,
    "coordination.follow_ups:view": TAKE_PART,
    "coordination.follow_ups:update": TAKE_PART,
    "coordination.announcements:view": ALL,
    "coordination.announcements:manage": COORD,
    "coordination.comments:add": TAKE_PART,
    "coordination.comments:view": TAKE_PART,  # threads on actions and indicators: funders do not see them
    "coordination.comments:moderate": COORD,
    "coordination.notifications:view": ALL,
    "coordination.calendar_feed:use": ALL,  # a member's own subscription URL; see services/calendar.py
    "coordination.reminders:manage": COORD,
    "coordination.team:view": TAKE_PART,
    "coordination.team:manage": COORD,
    "coordination.tasks:view": TAKE_PART,
    "coordination.tasks:manage": COORD,
    "coordination.library:view": ALL,
    "coordination.library:add": TAKE_PART,
    "coordination.library:moderate": COORD,
    "coordination.assessment:view": TAKE_PART,
    "coordination.assessment:answer": {Role.PARTNER},
    "coordination.assessment:manage": COORD,
}


def _has(membership, permission: str) -> bool:
    from coalitions.permissions import has_permission

    return has_permission(membership, permission)


def can_see_meeting_details(membership, meeting) -> bool:
    """Agenda, invitees, attendance, minutes, follow-ups and comments of one meeting."""
    return _has(membership, "coordination.meetings:view_details") or (
        meeting.shared_with_funders and _has(membership, "coordination.meetings:view_shared")
    )


def can_update_follow_up(membership, follow_up) -> bool:
    """Coordinators update every follow-up; a partner only its own or its organisation's."""
    if not _has(membership, "coordination.follow_ups:update"):
        return False
    if _has(membership, "coordination.meetings:manage"):
        return True
    return follow_up.assignee_user_id == membership.user_id or (
        follow_up.assignee_organization_id is not None
        and follow_up.assignee_organization_id == membership.organization_id
    )


def can_manage_calendar_feed(membership, feed) -> bool:
    """A calendar feed is its owner's alone: nobody else (not even a coordinator) changes it."""
    return _has(membership, "coordination.calendar_feed:use") and feed.user_id == membership.user_id


def can_edit_comment(membership, comment) -> bool:
    """Only the author edits a comment (coordinators may delete it, not put words in it)."""
    return _has(membership, "coordination.comments:add") and comment.author_id == membership.user_id


def can_delete_comment(membership, comment) -> bool:
    """Authors delete their own comments; coordinators moderate every comment."""
    return _has(membership, "coordination.comments:moderate") or (
        _has(membership, "coordination.comments:add") and comment.author_id == membership.user_id
    )


def can_delete_library_item(membership, item) -> bool:
    return _has(membership, "coordination.library:moderate") or (
        _has(membership, "coordination.library:add") and item.added_by_id == membership.user_id
    )


def announcement_visible_to(membership, announcement) -> bool:
    return announcement.audience in ("all", membership.role)


def can_see_thread(membership, target) -> bool:
    """The comments on an action of the plan or on an indicator: partners and coordinators of
    its coalition who may see the thing itself (a partner sees proposals; funders see no comment)."""
    if membership is None or target.coalition_id != membership.coalition_id:
        return False
    if not _has(membership, "coordination.comments:view"):
        return False
    from conditions.models import Action

    if isinstance(target, Action):
        return _has(membership, "conditions.plan:view")
    return _has(membership, "indicators.indicators:view")


def can_read(membership, obj) -> bool:
    """Whether this member may open ``obj``, by the predicates its page checks. Every
    notification (and so every @mention) goes through it: nobody learns a title they may not read.
    An object without a rule here is refused, so a new kind must declare who reads it."""
    from conditions.models import Action
    from indicators.models import Indicator

    from .models.communication import Announcement, Comment
    from .models.meetings import FollowUp, Meeting

    if membership is None or not membership.is_active or obj.coalition_id != membership.coalition_id:
        return False
    if isinstance(obj, Comment):  # a comment is read where its thread is
        if obj.meeting_id:
            return can_see_meeting_details(membership, obj.meeting)
        return can_read(membership, obj.announcement or obj.action or obj.indicator)
    if isinstance(obj, Announcement):
        return _has(membership, "coordination.announcements:view") and announcement_visible_to(membership, obj)
    if isinstance(obj, Meeting):
        return _has(membership, "coordination.meetings:view")
    if isinstance(obj, FollowUp):
        return _has(membership, "coordination.follow_ups:view") and can_see_meeting_details(membership, obj.meeting)
    if isinstance(obj, Action | Indicator):  # notified only about their comment threads
        return can_see_thread(membership, obj)
    return False
