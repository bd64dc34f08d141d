"""This app's rows of the URL x role matrix (tests/test_url_role_matrix.py)."""

from django_scopes import scopes_disabled

from ..matrix_roles import ALL, BOTH, COORD, GET, POST, TAKE_PART

PARTNER = frozenset({"partner"})

# url name -> (roles allowed, methods served[, status of an allowed empty POST])
EXPECTED = {
    "coordination:communication": (ALL, GET),
    "coordination:meetings": (ALL, GET),
    "coordination:meeting_create": (COORD, BOTH, 200),
    "coordination:meeting": (ALL, GET),
    "coordination:meeting_edit": (COORD, BOTH, 200),
    "coordination:meeting_ics": (ALL, GET),
    "coordination:meeting_rsvp": (TAKE_PART, POST, 302),
    "coordination:meeting_attendance": (COORD, BOTH, 200),
    "coordination:meeting_minutes": (COORD, BOTH, 200),
    "coordination:decision_create": (COORD, BOTH, 200),
    "coordination:follow_up_create": (COORD, BOTH, 200),
    "coordination:meeting_comment": (TAKE_PART, POST, 302),
    "coordination:follow_ups": (TAKE_PART, GET),
    "coordination:follow_up_status": (TAKE_PART, POST, 302),
    "coordination:announcements": (ALL, GET),
    "coordination:announcement_create": (COORD, BOTH, 200),
    "coordination:announcement": (ALL, GET),
    "coordination:announcement_pin": (COORD, POST, 302),
    "coordination:announcement_edit": (COORD, BOTH, 200),  # its author only (world.coordinator here)
    "coordination:announcement_delete": (COORD, BOTH, 302),
    "coordination:announcement_comment": (TAKE_PART, POST, 302),
    "coordination:action_comment": (TAKE_PART, POST, 302),
    "coordination:indicator_comment": (TAKE_PART, POST, 302),
    "coordination:comment_edit": (PARTNER, BOTH, 200),  # the partner's own comment: only its author edits it
    "coordination:comment_delete": (TAKE_PART, BOTH, 302),
    "coordination:mention_candidates": (TAKE_PART, GET),
    "coordination:notifications": (ALL, GET),
    "coordination:notification_read": (ALL, POST, 302),
    "coordination:notification_preferences": (ALL, BOTH, 200),
    "coordination:reminders": (COORD, BOTH, 200),
    "coordination:calendar_feed": (ALL, GET),
    "coordination:calendar_feed_enable": (ALL, POST, 302),
    "coordination:calendar_feed_settings": (ALL, POST, 302),  # each acts on their own feed only
    "coordination:calendar_feed_replace": (PARTNER, BOTH, 302),  # the partner's own feed: only its owner acts on it
    "coordination:calendar_feed_revoke": (PARTNER, BOTH, 302),
    "coordination:backbone": (ALL, GET),
    "coordination:team": (TAKE_PART, GET),
    "coordination:team_member_create": (COORD, BOTH, 200),
    "coordination:team_member_delete": (COORD, BOTH, 302),
    "coordination:body_create": (COORD, BOTH, 200),
    "coordination:body": (TAKE_PART, GET),
    "coordination:body_edit": (COORD, BOTH, 200),
    "coordination:tasks": (TAKE_PART, GET),
    "coordination:task_create": (COORD, BOTH, 200),
    "coordination:task_edit": (COORD, BOTH, 200),
    "coordination:task_move": (COORD, POST, 302),
    "coordination:library": (ALL, GET),
    "coordination:library_create": (TAKE_PART, BOTH, 200),
    "coordination:library_download": (ALL, GET),
    "coordination:library_delete": (TAKE_PART, BOTH, 302),
    "coordination:assessments": (TAKE_PART, GET),
    "coordination:assessment_create": (COORD, BOTH, 200),
    "coordination:assessment": (TAKE_PART, GET),
    "coordination:assessment_answer": (ALL, BOTH, 200),  # the roles the round asks (its factory: all three)
    "coordination:assessment_close": (COORD, POST, 302),
    "coordination:assessment_question_edit": (COORD, BOTH, 200),
}

# Someone else's calendar feed is not theirs to see: 404 (the partner's own feed is the one in url_kwargs)
HIDDEN = {
    "coordination:calendar_feed_replace": ALL - PARTNER,
    "coordination:calendar_feed_revoke": ALL - PARTNER,
}


def _matrix_file() -> str:
    """One small stored file shared by every matrix run (not one new file per test)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = "coordination/library/matrix/guide.txt"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"Guide de la concertation"))
    return name


def url_kwargs(world) -> dict:
    """URL name -> the kwargs (besides coalition_slug) to reverse it with, objects of world.coalition.

    Objects a partner may act on are the partner's own (its follow-up, its comment, its library item)."""
    from coordination.models.calendar import CalendarFeed
    from coordination.services.calendar import feed_token

    from ..conditions.factories import ActionFactory, ActionPlanFactory
    from ..indicators.factories import IndicatorFactory
    from .factories import (
        AnnouncementFactory,
        AssessmentQuestionFactory,
        AssessmentRoundFactory,
        BackboneTaskFactory,
        CommentFactory,
        FollowUpFactory,
        GovernanceBodyFactory,
        InviteeFactory,
        LibraryItemFactory,
        MeetingFactory,
        TeamMemberFactory,
    )

    c = world.coalition
    meeting = MeetingFactory(coalition=c)
    InviteeFactory(meeting=meeting, user=world.partner)
    follow_up = FollowUpFactory(meeting=meeting, assignee_organization=world.organization)
    announcement = AnnouncementFactory(coalition=c, author=world.coordinator)
    doomed = AnnouncementFactory(coalition=c, author=world.coordinator)  # deleted in one case
    comment = CommentFactory(meeting=meeting, author=world.partner)
    body = GovernanceBodyFactory(coalition=c)
    team_member = TeamMemberFactory(coalition=c, user=world.coordinator)
    task = BackboneTaskFactory(coalition=c)
    with scopes_disabled():
        item = LibraryItemFactory(coalition=c, added_by=world.partner, kind="document", url="",
                                  file=_matrix_file())
        round_ = AssessmentRoundFactory(coalition=c)
        question = AssessmentQuestionFactory(round=round_)
        action = ActionFactory(plan=ActionPlanFactory(coalition=c))
        indicator = IndicatorFactory(coalition=c)
        feeds = {user: CalendarFeed.objects.create(coalition=c, user=user, key=f"matrix-{user.pk}")
                 for user in (world.funder, world.partner, world.coordinator)}
    m = {"pk": meeting.pk}
    return {
        **{name: m for name in ("coordination:meeting", "coordination:meeting_edit", "coordination:meeting_ics",
                                "coordination:meeting_rsvp", "coordination:meeting_attendance",
                                "coordination:meeting_minutes", "coordination:decision_create",
                                "coordination:follow_up_create", "coordination:meeting_comment")},
        "coordination:follow_up_status": {"pk": follow_up.pk},
        "coordination:announcement": {"pk": announcement.pk},
        "coordination:announcement_pin": {"pk": announcement.pk},
        "coordination:announcement_edit": {"pk": announcement.pk},
        "coordination:announcement_delete": {"pk": doomed.pk},
        "coordination:announcement_comment": {"pk": announcement.pk},
        "coordination:action_comment": {"pk": action.pk},
        "coordination:indicator_comment": {"pk": indicator.pk},
        "coordination:comment_edit": {"pk": comment.pk},
        "coordination:comment_delete": {"pk": comment.pk},
        "coordination:team_member_delete": {"pk": team_member.pk},
        "coordination:body": {"pk": body.pk},
        "coordination:body_edit": {"pk": body.pk},
        "coordination:task_edit": {"pk": task.pk},
        "coordination:task_move": {"pk": task.pk},
        "coordination:library_download": {"pk": item.pk},
        "coordination:library_delete": {"pk": item.pk},
        "coordination:assessment": {"pk": round_.pk},
        "coordination:assessment_answer": {"pk": round_.pk},
        "coordination:assessment_close": {"pk": round_.pk},
        "coordination:assessment_question_edit": {"pk": question.pk},
        "calendar_feed_ics": {"token": feed_token(feeds[world.partner])},  # opens without a session
        "coordination:calendar_feed_replace": {"pk": feeds[world.partner].pk},
        "coordination:calendar_feed_revoke": {"pk": feeds[world.partner].pk},
    }
