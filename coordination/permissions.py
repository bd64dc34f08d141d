"""Permissions of conditions 4 and 5, merged into coalitions.permissions.REGISTRY, and the
object rules of this app (used by services and views; nothing checks roles inline)."""

from coalitions.permissions import COORDINATORS, EVERYONE, FUNDERS, MEMBERS_WHO_TAKE_PART, has_permission
from conditions.permissions import PLAN_VIEW
from indicators.permissions import INDICATORS_VIEW

COMMUNICATION_VIEW = "coordination.communication:view"
BACKBONE_VIEW = "coordination.backbone:view"
MEETINGS_VIEW = "coordination.meetings:view"
MEETINGS_VIEW_DETAILS = "coordination.meetings:view_details"
MEETINGS_VIEW_SHARED = "coordination.meetings:view_shared"
MEETINGS_MANAGE = "coordination.meetings:manage"
MEETINGS_RSVP = "coordination.meetings:rsvp"
FOLLOW_UPS_VIEW = "coordination.follow_ups:view"
FOLLOW_UPS_UPDATE = "coordination.follow_ups:update"
ANNOUNCEMENTS_VIEW = "coordination.announcements:view"
ANNOUNCEMENTS_MANAGE = "coordination.announcements:manage"
COMMENTS_ADD = "coordination.comments:add"
COMMENTS_VIEW = "coordination.comments:view"
COMMENTS_MODERATE = "coordination.comments:moderate"
NOTIFICATIONS_VIEW = "coordination.notifications:view"
CALENDAR_FEED_USE = "coordination.calendar_feed:use"
REMINDERS_MANAGE = "coordination.reminders:manage"
TEAM_VIEW = "coordination.team:view"
TEAM_MANAGE = "coordination.team:manage"
TASKS_VIEW = "coordination.tasks:view"
TASKS_MANAGE = "coordination.tasks:manage"
LIBRARY_VIEW = "coordination.library:view"
LIBRARY_ADD = "coordination.library:add"
LIBRARY_MODERATE = "coordination.library:moderate"
ASSESSMENT_VIEW = "coordination.assessment:view"
ASSESSMENT_ANSWER = "coordination.assessment:answer"
ASSESSMENT_MANAGE = "coordination.assessment:manage"

PERMISSIONS = {
    COMMUNICATION_VIEW: EVERYONE,
    BACKBONE_VIEW: EVERYONE,  # funders see the library from here; the rest needs its own permission
    # Meetings: everyone reads the public parts (date, kind, decisions); the details (agenda,
    # invitees, attendance, minutes, follow-ups, comments) need meetings:view_details, or
    # meetings:view_shared on a meeting a coordinator shared with funders.
    MEETINGS_VIEW: EVERYONE,
    MEETINGS_VIEW_DETAILS: MEMBERS_WHO_TAKE_PART,
    MEETINGS_VIEW_SHARED: FUNDERS,
    MEETINGS_MANAGE: COORDINATORS,
    MEETINGS_RSVP: MEMBERS_WHO_TAKE_PART,
    FOLLOW_UPS_VIEW: MEMBERS_WHO_TAKE_PART,
    FOLLOW_UPS_UPDATE: MEMBERS_WHO_TAKE_PART,
    ANNOUNCEMENTS_VIEW: EVERYONE,
    ANNOUNCEMENTS_MANAGE: COORDINATORS,
    COMMENTS_ADD: MEMBERS_WHO_TAKE_PART,
    COMMENTS_VIEW: MEMBERS_WHO_TAKE_PART,  # threads on actions and indicators: funders do not see them
    COMMENTS_MODERATE: COORDINATORS,
    NOTIFICATIONS_VIEW: EVERYONE,
    CALENDAR_FEED_USE: EVERYONE,  # a member's own subscription URL; see services/calendar.py
    REMINDERS_MANAGE: COORDINATORS,
    TEAM_VIEW: MEMBERS_WHO_TAKE_PART,
    TEAM_MANAGE: COORDINATORS,
    TASKS_VIEW: MEMBERS_WHO_TAKE_PART,
    TASKS_MANAGE: COORDINATORS,
    LIBRARY_VIEW: EVERYONE,
    LIBRARY_ADD: MEMBERS_WHO_TAKE_PART,
    LIBRARY_MODERATE: COORDINATORS,
    ASSESSMENT_VIEW: MEMBERS_WHO_TAKE_PART,
    ASSESSMENT_ANSWER: EVERYONE,  # the round says which roles answer it: can_answer_round
    ASSESSMENT_MANAGE: COORDINATORS,
}


def can_see_meeting_details(membership, meeting) -> bool:
    """Agenda, invitees, attendance, minutes, follow-ups and comments of one meeting."""
    return has_permission(membership, MEETINGS_VIEW_DETAILS) or (
        meeting.shared_with_funders and has_permission(membership, MEETINGS_VIEW_SHARED)
    )


def can_update_follow_up(membership, follow_up) -> bool:
    """Coordinators update every follow-up; a partner only its own or its organisation's."""
    if not has_permission(membership, FOLLOW_UPS_UPDATE):
        return False
    if has_permission(membership, MEETINGS_MANAGE):
        return True
    return follow_up.assignee_user_id == membership.user_id or (
        follow_up.assignee_organization_id is not None
        and follow_up.assignee_organization_id == membership.organization_id
    )


def can_manage_calendar_feed(membership, feed) -> bool:
    """A calendar feed is its owner's alone: nobody else (not even a coordinator) changes it."""
    return has_permission(membership, CALENDAR_FEED_USE) and feed.user_id == membership.user_id


def can_edit_comment(membership, comment) -> bool:
    """Only the author edits a comment (coordinators may delete it, not put words in it)."""
    return has_permission(membership, COMMENTS_ADD) and comment.author_id == membership.user_id


def can_delete_comment(membership, comment) -> bool:
    """Authors delete their own comments; coordinators moderate every comment."""
    return has_permission(membership, COMMENTS_MODERATE) or (
        has_permission(membership, COMMENTS_ADD) and comment.author_id == membership.user_id
    )


def can_delete_library_item(membership, item) -> bool:
    return has_permission(membership, LIBRARY_MODERATE) or (
        has_permission(membership, LIBRARY_ADD) and item.added_by_id == membership.user_id
    )


def can_answer_round(membership, round_) -> bool:
    """Every active member holding one of the roles the round asked answers it (their own answers)."""
    return has_permission(membership, ASSESSMENT_ANSWER) and membership.role in (round_.roles or ())


def announcement_visible_to(membership, announcement) -> bool:
    """Its audience reads it; those who post announcements (the coordination team) see every
    one, the « Partenaires » or « Bailleurs de fonds » ones they wrote included."""
    return announcement.audience in ("all", membership.role) or sees_every_announcement(membership)


def sees_every_announcement(membership) -> bool:
    return has_permission(membership, ANNOUNCEMENTS_MANAGE)


def can_see_thread(membership, target) -> bool:
    """The comments on an action of the plan or on an indicator: partners and coordinators of
    its coalition who may see the thing itself (a partner sees proposals; funders see no comment)."""
    if membership is None or target.coalition_id != membership.coalition_id:
        return False
    if not has_permission(membership, COMMENTS_VIEW):
        return False
    from conditions.models import Action

    if isinstance(target, Action):
        return has_permission(membership, PLAN_VIEW)
    return has_permission(membership, INDICATORS_VIEW)


def can_read(membership, obj) -> bool:
    """Whether this member may open ``obj``, by the predicates its page checks. Every
    notification (and so every @mention) goes through it: nobody learns a title they may not read.
    An object without a rule here is refused, so a new kind must declare who reads it."""
    from conditions.models import Action, Consultation
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
        return has_permission(membership, ANNOUNCEMENTS_VIEW) and announcement_visible_to(membership, obj)
    if isinstance(obj, Meeting):
        return has_permission(membership, MEETINGS_VIEW)
    if isinstance(obj, FollowUp):
        return has_permission(membership, FOLLOW_UPS_VIEW) and can_see_meeting_details(membership, obj.meeting)
    if isinstance(obj, Consultation):  # the draft agenda: coordinators and partners, never funders
        return has_permission(membership, "conditions.consultation:view")
    if isinstance(obj, Action | Indicator):  # notified only about their comment threads
        return can_see_thread(membership, obj)
    return False
