"""Announcements, comments with @mentions, notifications and preferences."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.concurrency import creates_once, lock_for_edit
from coalitions.models import Membership, Role
from coalitions.permissions import require_permission

from .. import permissions as rules
from ..models.communication import (
    Announcement,
    AnnouncementRead,
    Audience,
    Comment,
    EmailFrequency,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from ..models.meetings import Meeting
from ._common import _active_user_ids, _notify, _url

# Announcements, comments, notifications ------------------------------------------------


@creates_once
@transaction.atomic
def announcement_create(*, actor, coalition, title: str, body: str, audience: str = Audience.ALL,
                        pinned: bool = False) -> Announcement:
    require_permission(actor, coalition, "coordination.announcements:manage")
    _check_announcement(title=title, body=body, audience=audience)
    announcement = Announcement.objects.create(
        coalition=coalition, title=title.strip(), body=body, audience=audience, pinned=pinned, author=actor
    )
    roles = Role.values if audience == Audience.ALL else [audience]
    _notify(coalition=coalition, user_ids=_active_user_ids(coalition, roles=roles), about=announcement,
            kind=NotificationKind.ANNOUNCEMENT, event="announcement", title=announcement.title,
            url=_url("coordination:announcement", coalition, announcement.pk), exclude=actor.pk)
    AnnouncementRead.objects.get_or_create(coalition=coalition, announcement=announcement, user=actor)
    return announcement


def _check_announcement(*, title: str, body: str, audience: str) -> None:
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the announcement a title.")
    if not (body or "").strip():
        errors["body"] = _("Write the message.")
    if audience not in Audience.values:
        errors["audience"] = _("Choose who receives the announcement.")
    if errors:
        raise ValidationError(errors)


def _require_author(actor, announcement: Announcement) -> None:
    require_permission(actor, announcement.coalition, "coordination.announcements:manage")
    if announcement.author_id != actor.pk:
        raise PermissionDenied(_("Only the author of an announcement can change or delete it."))


@transaction.atomic
def announcement_update(*, actor, announcement: Announcement, title: str, body: str, audience: str,
                        pinned: bool = False, version: str | None = None) -> Announcement:
    """Its author corrects an announcement; the audit trail (pghistory) keeps every earlier
    text. Nobody is notified again."""
    _require_author(actor, announcement)
    _check_announcement(title=title, body=body, audience=audience)
    announcement = lock_for_edit(announcement, version=version, fields=Announcement.EDIT_FIELDS, submitted={
        "title": title.strip(), "body": body, "audience": audience, "pinned": pinned})
    announcement.title, announcement.body = title.strip(), body
    announcement.audience, announcement.pinned = audience, pinned
    announcement.save()
    return announcement


@transaction.atomic
def announcement_delete(*, actor, announcement: Announcement) -> None:
    """Its author deletes an announcement, with its comments and read marks (the audit trail
    keeps a copy). A second call finds nothing to delete."""
    _require_author(actor, announcement)
    Announcement.objects.filter(pk=announcement.pk).delete()


@transaction.atomic
def announcement_set_pinned(*, actor, announcement: Announcement, pinned: bool) -> Announcement:
    require_permission(actor, announcement.coalition, "coordination.announcements:manage")
    announcement.pinned = pinned
    announcement.save(update_fields=["pinned"])
    return announcement


@transaction.atomic
def announcement_mark_read(*, actor, announcement: Announcement) -> None:
    membership = require_permission(actor, announcement.coalition, "coordination.announcements:view")
    if not rules.announcement_visible_to(membership, announcement):
        raise PermissionDenied("coordination.announcements:view")
    AnnouncementRead.objects.bulk_create(
        [AnnouncementRead(coalition=announcement.coalition, announcement=announcement, user=actor)],
        ignore_conflicts=True,
    )


MENTION = re.compile(r"@([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")


def mentioned_user_ids(coalition, body: str) -> set[int]:
    """Members named as "@email@example.org" or "@Full Name" in a comment."""
    members = Membership.objects.filter(coalition=coalition, is_active=True).select_related("user")
    emails = {e.lower() for e in MENTION.findall(body)}
    lowered = body.lower()
    return {
        m.user_id for m in members
        if m.user.email.lower() in emails or (m.user.full_name and f"@{m.user.full_name.lower()}" in lowered)
    }


@creates_once
@transaction.atomic
def comment_add(*, actor, body: str, meeting: Meeting | None = None,
                announcement: Announcement | None = None, action=None, indicator=None) -> Comment:
    """A comment on one thing: a meeting, an announcement, an action of the plan (conditions)
    or an indicator (indicators)."""
    targets = [t for t in (meeting, announcement, action, indicator) if t is not None]
    if len(targets) != 1:
        raise ValueError("comment on exactly one thing")
    coalition = targets[0].coalition
    membership = require_permission(actor, coalition, "coordination.comments:add")
    if meeting is not None and not rules.can_see_meeting_details(membership, meeting):
        raise PermissionDenied("coordination.meetings:view_details")
    if announcement is not None and not rules.announcement_visible_to(membership, announcement):
        raise PermissionDenied("coordination.announcements:view")
    if (action is not None or indicator is not None) and not rules.can_see_thread(membership, action or indicator):
        raise PermissionDenied("coordination.comments:view")
    _check_comment_body(body)
    comment = Comment.objects.create(coalition=coalition, meeting=meeting, announcement=announcement,
                                     action=action, indicator=indicator, author=actor, body=body.strip())
    _notify_mentions(actor=actor, comment=comment, user_ids=mentioned_user_ids(coalition, body))
    return comment


def _check_comment_body(body: str) -> None:
    if not (body or "").strip():
        raise ValidationError({"body": _("Write your comment.")})
    if len(body) > 5000:
        raise ValidationError({"body": _("A comment holds at most 5,000 characters.")})


def comment_url(comment) -> str:
    """The page that shows the comment's thread (comment.coalition and its target loaded)."""
    coalition = comment.coalition
    if comment.meeting_id:
        return _url("coordination:meeting", coalition, comment.meeting_id)
    if comment.announcement_id:
        return _url("coordination:announcement", coalition, comment.announcement_id)
    if comment.action_id:
        return _url("conditions:action", coalition, comment.action_id)
    return _url("indicators:indicator_detail", coalition, comment.indicator_id)


def _notify_mentions(*, actor, comment, user_ids) -> None:
    coalition = comment.coalition
    target = comment.meeting or comment.announcement or comment.action or comment.indicator
    url = comment_url(comment) + f"#comment-{comment.pk}"
    _notify(coalition=coalition, user_ids=user_ids, about=comment, kind=NotificationKind.MENTION,
            event="mention", title=str(target), actor_name=str(actor),
            url=url, exclude=actor.pk)


@transaction.atomic
def comment_update(*, actor, comment: Comment, body: str, version: str | None = None) -> Comment:
    """The author edits their comment (in two tabs, say); people newly @mentioned are notified."""
    membership = require_permission(actor, comment.coalition, "coordination.comments:add")
    if not rules.can_edit_comment(membership, comment):
        raise PermissionDenied("coordination.comments:add")
    _check_comment_body(body)
    comment = lock_for_edit(comment, version=version, fields=Comment.EDIT_FIELDS, submitted={"body": body.strip()})
    before = mentioned_user_ids(comment.coalition, comment.body)
    comment.body, comment.edited_at = body.strip(), timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    _notify_mentions(actor=actor, comment=comment, user_ids=mentioned_user_ids(comment.coalition, body) - before)
    return comment


@transaction.atomic
def comment_delete(*, actor, comment: Comment) -> None:
    membership = require_permission(actor, comment.coalition, "coordination.comments:add")
    if not rules.can_delete_comment(membership, comment):
        raise PermissionDenied("coordination.comments:moderate")
    comment.delete()


@transaction.atomic
def notifications_mark_read(*, actor, coalition, ids=None) -> int:
    require_permission(actor, coalition, "coordination.notifications:view")
    unread = Notification.objects.filter(coalition=coalition, recipient=actor, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(*, actor, coalition, preferences: dict) -> None:
    require_permission(actor, coalition, "coordination.notifications:view")
    errors = {kind: _("Choose how often.") for kind, freq in preferences.items()
              if kind not in NotificationKind.values or freq not in EmailFrequency.values}
    if errors:
        raise ValidationError(errors)
    for kind, frequency in preferences.items():
        NotificationPreference.objects.update_or_create(
            coalition=coalition, user=actor, kind=kind, defaults={"frequency": frequency}
        )
