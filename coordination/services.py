"""Every write of conditions 4 and 5.

Each service takes keyword-only arguments, re-checks the actor against the permission
registry (and this app's object rules), validates with a ValidationError keyed by field,
writes in one transaction and queues emails with ``transaction.on_commit``. Safe to retry.

The reminder engine (``send_due_reminders``) is the one writer without an actor: Celery beat
runs it for each coalition. Exactly-once delivery rests on ``SentReminder``'s unique key, which
is inserted and committed before the email goes out.
"""

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.models import Membership, Organization, Role
from coalitions.permissions import has_permission, require_permission

from . import permissions as rules
from . import selectors
from .models import (
    Announcement,
    AnnouncementRead,
    AssessmentAnswer,
    AssessmentQuestion,
    AssessmentRound,
    Audience,
    BackboneTask,
    Comment,
    Decision,
    FollowUp,
    FollowUpStatus,
    Frequency,
    GovernanceBody,
    Invitee,
    LibraryItem,
    Meeting,
    MeetingKind,
    Notification,
    NotificationKind,
    NotificationPreference,
    ReminderKind,
    ReminderSettings,
    RoundStatus,
    Rsvp,
    SentReminder,
    TaskStatus,
    TeamMember,
    unaccent,
)

# Helpers -------------------------------------------------------------------------------

_local_today = selectors.local_today
_active_user_ids = selectors.active_user_ids


def _now(now=None):
    return now or timezone.now()


def _url(name: str, coalition, *args) -> str:
    return reverse(name, args=[coalition.slug, *args])


def _notify(*, coalition, user_ids, kind: str, title: str, url: str, now=None, exclude=None) -> list[Notification]:
    """In-app notifications for these people, and an email on commit for those who want it
    immediately. People who chose "never" for this kind get nothing."""
    user_ids = set(user_ids) - ({exclude} if exclude else set())
    if not user_ids:
        return []
    prefs = dict(
        NotificationPreference.objects.filter(coalition=coalition, user_id__in=user_ids, kind=kind)
        .values_list("user_id", "frequency")
    )
    rows = [
        Notification(coalition=coalition, recipient_id=uid, kind=kind, title=title[:300], url=url,
                     created_at=_now(now))
        for uid in sorted(user_ids)
        if prefs.get(uid, Frequency.IMMEDIATELY) != Frequency.NEVER
    ]
    created = Notification.objects.bulk_create(rows)
    immediate = [n.pk for n in created if prefs.get(n.recipient_id, Frequency.IMMEDIATELY) == Frequency.IMMEDIATELY]
    if immediate:
        from . import tasks

        transaction.on_commit(lambda: tasks.email_notifications.delay(coalition.pk, immediate))
    return created


# Meetings ------------------------------------------------------------------------------


def _starts_at(coalition, starts_on: date, start_time: time) -> datetime:
    return datetime.combine(starts_on, start_time).replace(tzinfo=ZoneInfo(coalition.time_zone))


def _validate_meeting(coalition, *, title, kind, starts_on, start_time, duration_minutes, place, video_url,
                      body, invited_organizations, invited_people):
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the meeting a title.")
    if kind not in MeetingKind.values:
        errors["kind"] = _("Choose the kind of meeting.")
    if starts_on is None:
        errors["starts_on"] = _("Enter the date of the meeting.")
    if start_time is None:
        errors["start_time"] = _("Enter the time the meeting starts.")
    if not duration_minutes or not 5 <= duration_minutes <= 24 * 60:
        errors["duration_minutes"] = _("The duration must be between 5 minutes and 24 hours.")
    if not (place or "").strip() and not (video_url or "").strip():
        errors["place"] = _("Enter a place or a video link, so people know where to go.")
    if body is not None and body.coalition_id != coalition.pk:
        errors["body"] = _("Choose a governance body of this coalition.")
    if any(o.coalition_id != coalition.pk for o in invited_organizations):
        errors["invited_organizations"] = _("Invite organizations of this coalition only.")
    members = _active_user_ids(coalition, user_ids=[u.pk for u in invited_people])
    if any(u.pk not in members for u in invited_people):
        errors["invited_people"] = _("Invite active members of the coalition only.")
    if errors:
        raise ValidationError(errors)


def _sync_invitees(meeting, invited_people) -> None:
    wanted = set(u.pk for u in invited_people) | _active_user_ids(
        meeting.coalition, organization_ids=[o.pk for o in meeting.invited_organizations.all()]
    )
    existing = set(Invitee.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    Invitee.objects.filter(meeting=meeting).exclude(user_id__in=wanted).delete()
    Invitee.objects.bulk_create(
        [Invitee(coalition=meeting.coalition, meeting=meeting, user_id=uid) for uid in sorted(wanted - existing)]
    )


def _queue_invitations(meeting) -> None:
    from . import tasks

    coalition_id, meeting_id, sequence = meeting.coalition_id, meeting.pk, meeting.sequence
    transaction.on_commit(lambda: tasks.send_meeting_invitations.delay(coalition_id, meeting_id, sequence))


@transaction.atomic
def meeting_create(
    *, actor, coalition, title: str, kind: str, starts_on: date, start_time: time, duration_minutes: int = 120,
    place: str = "", video_url: str = "", agenda: str = "", body=None, shared_with_funders: bool = False,
    invited_organizations=(), invited_people=(),
) -> Meeting:
    require_permission(actor, coalition, "coordination.meetings:manage")
    invited_organizations, invited_people = list(invited_organizations), list(invited_people)
    _validate_meeting(coalition, title=title, kind=kind, starts_on=starts_on, start_time=start_time,
                      duration_minutes=duration_minutes, place=place, video_url=video_url, body=body,
                      invited_organizations=invited_organizations, invited_people=invited_people)
    meeting = Meeting.objects.create(
        coalition=coalition, title=title.strip(), kind=kind, starts_at=_starts_at(coalition, starts_on, start_time),
        duration_minutes=duration_minutes, place=place.strip(), video_url=video_url.strip(), agenda=agenda,
        body=body, shared_with_funders=shared_with_funders, created_by=actor,
    )
    meeting.invited_organizations.set(invited_organizations)
    meeting.invited_people.set(invited_people)
    _sync_invitees(meeting, invited_people)
    if meeting.ends_at > timezone.now():  # recording a past meeting emails nobody
        _queue_invitations(meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *, actor, meeting: Meeting, title: str, kind: str, starts_on: date, start_time: time, duration_minutes: int,
    place: str = "", video_url: str = "", agenda: str = "", body=None, shared_with_funders: bool = False,
    invited_organizations=(), invited_people=(),
) -> Meeting:
    coalition = meeting.coalition
    require_permission(actor, coalition, "coordination.meetings:manage")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    invited_organizations, invited_people = list(invited_organizations), list(invited_people)
    _validate_meeting(coalition, title=title, kind=kind, starts_on=starts_on, start_time=start_time,
                      duration_minutes=duration_minutes, place=place, video_url=video_url, body=body,
                      invited_organizations=invited_organizations, invited_people=invited_people)
    new = {
        "title": title.strip(), "kind": kind, "starts_at": _starts_at(coalition, starts_on, start_time),
        "duration_minutes": duration_minutes, "place": place.strip(), "video_url": video_url.strip(),
        "agenda": agenda, "body": body, "shared_with_funders": shared_with_funders,
    }
    calendar_fields = ("title", "kind", "starts_at", "duration_minutes", "place", "video_url", "agenda")
    changed = any(getattr(meeting, f) != new[f] for f in calendar_fields)
    before = set(Invitee.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    for key, value in new.items():
        setattr(meeting, key, value)
    meeting.invited_organizations.set(invited_organizations)
    meeting.invited_people.set(invited_people)
    _sync_invitees(meeting, invited_people)
    after = set(Invitee.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    if changed or after - before:
        meeting.sequence += 1  # the calendar replaces the event (same UID, higher SEQUENCE)
        if meeting.ends_at > timezone.now():
            _queue_invitations(meeting)
    meeting.save()
    return meeting


@transaction.atomic
def meeting_rsvp(*, actor, meeting: Meeting, answer: str) -> Invitee:
    require_permission(actor, meeting.coalition, "coordination.meetings:rsvp")
    if answer not in Rsvp.values:
        raise ValidationError({"rsvp": _("Answer yes, no or maybe.")})
    invitee = Invitee.objects.select_for_update().filter(meeting=meeting, user=actor).first()
    if invitee is None:
        raise ValidationError({"rsvp": _("You are not invited to this meeting.")})
    invitee.rsvp = answer
    invitee.responded_at = timezone.now()
    invitee.save(update_fields=["rsvp", "responded_at"])
    return invitee


@transaction.atomic
def meeting_record_attendance(*, actor, meeting: Meeting, present_user_ids, now=None) -> int:
    """Mark who attended; the others invited are marked absent. Taken on the day or after."""
    require_permission(actor, meeting.coalition, "coordination.meetings:manage")
    meeting_day = meeting.starts_at.astimezone(ZoneInfo(meeting.coalition.time_zone)).date()
    if _local_today(meeting.coalition, now) < meeting_day:
        raise ValidationError({"present": _("Attendance is taken on the day of the meeting or after it.")})
    present = {int(pk) for pk in present_user_ids}
    invitees = Invitee.objects.filter(meeting=meeting)
    unknown = present - set(invitees.values_list("user_id", flat=True))
    if unknown:
        raise ValidationError({"present": _("Only invited people can be marked present.")})
    invitees.filter(user_id__in=present).update(attended=True)
    invitees.exclude(user_id__in=present).update(attended=False)
    return len(present)


@transaction.atomic
def meeting_save_minutes(*, actor, meeting: Meeting, minutes: str, publish: bool) -> Meeting:
    require_permission(actor, meeting.coalition, "coordination.meetings:manage")
    if publish and not minutes.strip():
        raise ValidationError({"minutes": _("Write the minutes before publishing them.")})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.minutes = minutes
    if publish and meeting.minutes_published_at is None:
        meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes", "minutes_published_at"])
    return meeting


def _check_assignee(coalition, user, organization) -> None:
    errors = {}
    if user is None and organization is None:
        errors["assignee_user"] = _("Name the person or the organization responsible.")
    if user is not None and not _active_user_ids(coalition, user_ids=[user.pk]):
        errors["assignee_user"] = _("The person responsible must be an active member of the coalition.")
    if organization is not None and organization.coalition_id != coalition.pk:
        errors["assignee_organization"] = _("Choose an organization of this coalition.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def follow_up_create(
    *, actor, meeting: Meeting, what: str, due_on: date, assignee_user=None, assignee_organization=None,
    decision: Decision | None = None,
) -> FollowUp:
    coalition = meeting.coalition
    require_permission(actor, coalition, "coordination.meetings:manage")
    errors = {}
    if not (what or "").strip():
        errors["what"] = _("Say what has to be done.")
    if due_on is None:
        errors["due_on"] = _("Enter the due date.")
    if errors:
        raise ValidationError(errors)
    _check_assignee(coalition, assignee_user, assignee_organization)
    follow_up = FollowUp.objects.create(
        coalition=coalition, meeting=meeting, decision=decision, what=what.strip(), due_on=due_on,
        assignee_user=assignee_user, assignee_organization=assignee_organization,
    )
    _notify(
        coalition=coalition,
        user_ids=_active_user_ids(coalition, user_ids=[assignee_user.pk] if assignee_user else [],
                                  organization_ids=[assignee_organization.pk] if assignee_organization else []),
        kind=NotificationKind.FOLLOW_UP, title=_("New follow-up: %(what)s") % {"what": follow_up.what},
        url=_url("coordination:follow_ups", coalition), exclude=actor.pk,
    )
    return follow_up


@transaction.atomic
def decision_add(
    *, actor, meeting: Meeting, text: str, follow_up_what: str = "", follow_up_due_on: date | None = None,
    follow_up_user=None, follow_up_organization=None,
) -> Decision:
    """Record the meeting's next numbered decision, with an optional follow-up."""
    require_permission(actor, meeting.coalition, "coordination.meetings:manage")
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the decision.")})
    wants_follow_up = bool((follow_up_what or "").strip() or follow_up_due_on or follow_up_user
                           or follow_up_organization)
    if wants_follow_up:
        errors = {}
        if not (follow_up_what or "").strip():
            errors["follow_up_what"] = _("Say what has to be done.")
        if follow_up_due_on is None:
            errors["follow_up_due_on"] = _("Enter the due date.")
        if follow_up_user is None and follow_up_organization is None:
            errors["follow_up_user"] = _("Name the person or the organization responsible.")
        if errors:
            raise ValidationError(errors)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # serialise the numbering
    number = (Decision.objects.filter(meeting=meeting).aggregate(n=Max("number"))["n"] or 0) + 1
    decision = Decision.objects.create(coalition=meeting.coalition, meeting=meeting, number=number, text=text.strip())
    if wants_follow_up:
        try:
            follow_up_create(actor=actor, meeting=meeting, decision=decision, what=follow_up_what,
                             due_on=follow_up_due_on, assignee_user=follow_up_user,
                             assignee_organization=follow_up_organization)
        except ValidationError as error:
            raise ValidationError({f"follow_up_{k}".replace("follow_up_assignee_", "follow_up_"): v
                                   for k, v in error.error_dict.items()}) from None
    return decision


@transaction.atomic
def follow_up_set_status(*, actor, follow_up: FollowUp, status: str) -> FollowUp:
    membership = require_permission(actor, follow_up.coalition, "coordination.follow_ups:update")
    if not rules.can_update_follow_up(membership, follow_up):
        raise PermissionDenied("coordination.follow_ups:update")
    if status not in FollowUpStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    follow_up.status = status
    follow_up.done_at = timezone.now() if status == FollowUpStatus.DONE else None
    follow_up.save(update_fields=["status", "done_at"])
    return follow_up


# Announcements, comments, notifications ------------------------------------------------


@transaction.atomic
def announcement_create(*, actor, coalition, title: str, body: str, audience: str = Audience.ALL,
                        pinned: bool = False) -> Announcement:
    require_permission(actor, coalition, "coordination.announcements:manage")
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the announcement a title.")
    if not (body or "").strip():
        errors["body"] = _("Write the message.")
    if audience not in Audience.values:
        errors["audience"] = _("Choose who receives the announcement.")
    if errors:
        raise ValidationError(errors)
    announcement = Announcement.objects.create(
        coalition=coalition, title=title.strip(), body=body, audience=audience, pinned=pinned, author=actor
    )
    roles = Role.values if audience == Audience.ALL else [audience]
    _notify(coalition=coalition, user_ids=_active_user_ids(coalition, roles=roles),
            kind=NotificationKind.ANNOUNCEMENT, title=announcement.title,
            url=_url("coordination:announcement", coalition, announcement.pk), exclude=actor.pk)
    AnnouncementRead.objects.get_or_create(coalition=coalition, announcement=announcement, user=actor)
    return announcement


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


@transaction.atomic
def comment_add(*, actor, body: str, meeting: Meeting | None = None,
                announcement: Announcement | None = None) -> Comment:
    target = meeting or announcement
    coalition = target.coalition
    membership = require_permission(actor, coalition, "coordination.comments:add")
    if meeting is not None and not rules.can_see_meeting_details(membership, meeting):
        raise PermissionDenied("coordination.meetings:view_details")
    if announcement is not None and not rules.announcement_visible_to(membership, announcement):
        raise PermissionDenied("coordination.announcements:view")
    _check_comment_body(body)
    comment = Comment.objects.create(coalition=coalition, meeting=meeting, announcement=announcement,
                                     author=actor, body=body.strip())
    _notify_mentions(actor=actor, comment=comment, user_ids=mentioned_user_ids(coalition, body))
    return comment


def _check_comment_body(body: str) -> None:
    if not (body or "").strip():
        raise ValidationError({"body": _("Write your comment.")})
    if len(body) > 5000:
        raise ValidationError({"body": _("A comment holds at most 5,000 characters.")})


def _notify_mentions(*, actor, comment, user_ids) -> None:
    coalition, meeting = comment.coalition, comment.meeting
    target = meeting or comment.announcement
    if meeting is not None:  # a mention does not open a meeting's details to someone who cannot see them
        visible = Membership.objects.filter(coalition=coalition, user_id__in=user_ids, is_active=True)
        user_ids = {m.user_id for m in visible if rules.can_see_meeting_details(m, meeting)}
    url = (_url("coordination:meeting", coalition, meeting.pk) if meeting
           else _url("coordination:announcement", coalition, comment.announcement_id)) + f"#comment-{comment.pk}"
    _notify(coalition=coalition, user_ids=user_ids, kind=NotificationKind.MENTION,
            title=_("%(person)s mentioned you: %(subject)s") % {"person": actor, "subject": str(target)},
            url=url, exclude=actor.pk)


@transaction.atomic
def comment_update(*, actor, comment: Comment, body: str) -> Comment:
    """The author edits their comment; people newly @mentioned are notified."""
    membership = require_permission(actor, comment.coalition, "coordination.comments:add")
    if not rules.can_edit_comment(membership, comment):
        raise PermissionDenied("coordination.comments:add")
    _check_comment_body(body)
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
              if kind not in NotificationKind.values or freq not in Frequency.values}
    if errors:
        raise ValidationError(errors)
    for kind, frequency in preferences.items():
        NotificationPreference.objects.update_or_create(
            coalition=coalition, user=actor, kind=kind, defaults={"frequency": frequency}
        )


# Reminders -----------------------------------------------------------------------------


REMINDER_FIELDS = ("meeting_enabled", "meeting_days_before", "minutes_enabled", "minutes_days_after",
                   "follow_up_enabled", "follow_up_days_before", "weekly_summary_enabled")


@transaction.atomic
def reminder_settings_update(*, actor, coalition, **fields) -> ReminderSettings:
    require_permission(actor, coalition, "coordination.reminders:manage")
    errors = {}
    for key, value in fields.items():
        if key not in REMINDER_FIELDS:
            raise ValueError(key)
        if key.endswith(("_before", "_after")) and (value is None or not 0 <= value <= 60):
            errors[key] = _("Enter a number of days between 0 and 60.")
    if errors:
        raise ValidationError(errors)
    current, _created = ReminderSettings.objects.select_for_update().get_or_create(coalition=coalition)
    for key, value in fields.items():
        setattr(current, key, value)
    current.save()
    return current


def claim_reminder(*, coalition, recipient_id: int, kind: str, subject: str, period: str, now=None) -> bool:
    """Insert the reminder's unique key (INSERT ... ON CONFLICT DO NOTHING) and commit it.
    True if this call claimed it and must send; False if it was already sent (or is being
    sent by a parallel run)."""
    with transaction.atomic():
        _row, created = SentReminder.objects.get_or_create(
            coalition=coalition, recipient_id=recipient_id, kind=kind, subject=subject, period=period,
            defaults={"sent_at": _now(now)},
        )
    return created


PREFERENCE_OF = {
    ReminderKind.MEETING: NotificationKind.MEETING_REMINDER,
    ReminderKind.MINUTES: NotificationKind.MINUTES_REMINDER,
    ReminderKind.FOLLOW_UP_SOON: NotificationKind.FOLLOW_UP,
    ReminderKind.FOLLOW_UP_DUE: NotificationKind.FOLLOW_UP,
    ReminderKind.INVITATION: NotificationKind.MEETING_INVITATION,
}


def _reminder_text(coalition, reminder) -> tuple[str, str, str]:
    """(template, notification title, url) of a reminder."""
    obj, kind = reminder["object"], reminder["kind"]
    if kind == ReminderKind.MEETING:
        return "meeting_reminder", _("Meeting soon: %(title)s") % {"title": obj.title}, \
            _url("coordination:meeting", coalition, obj.pk)
    if kind == ReminderKind.MINUTES:
        return "minutes_reminder", _("Publish the minutes of %(title)s") % {"title": obj.title}, \
            _url("coordination:meeting_minutes", coalition, obj.pk)
    if kind == ReminderKind.FOLLOW_UP_SOON:
        return "follow_up_reminder", _("Follow-up due soon: %(what)s") % {"what": obj.what}, \
            _url("coordination:follow_ups", coalition)
    return "follow_up_reminder", _("Follow-up due: %(what)s") % {"what": obj.what}, \
        _url("coordination:follow_ups", coalition)


def release_reminder(*, coalition, recipient_id: int, kind: str, subject: str, period: str) -> None:
    """Give a claimed key back after its email failed, so the task's retry sends it."""
    SentReminder.objects.filter(coalition=coalition, recipient_id=recipient_id, kind=kind, subject=subject,
                                period=period).delete()


def send_due_reminders(*, coalition, now=None) -> int:
    """Send each reminder that is due, at most once. Returns how many this run sent.

    Not atomic as a whole: each reminder's key is committed on its own, before its email, so a
    duplicate or parallel run skips it and a run killed half-way never repeats what was sent
    (at most once if the worker dies between the key and the email). An email that fails with
    an error gives its key back before the task is retried, so the retry sends it."""
    from django.utils import translation

    from .emails import language_of, send_email

    now = _now(now)
    sent = 0
    users = {}
    for reminder in selectors.due_reminders(coalition, now=now):
        frequency = selectors.frequency_for(coalition, reminder["recipient_id"], PREFERENCE_OF[reminder["kind"]])
        if frequency == Frequency.NEVER:
            continue
        if not claim_reminder(coalition=coalition, recipient_id=reminder["recipient_id"], kind=reminder["kind"],
                              subject=reminder["subject"], period=reminder["period"], now=now):
            continue
        key = {k: reminder[k] for k in ("recipient_id", "kind", "subject", "period")}
        if reminder["recipient_id"] not in users:
            users[reminder["recipient_id"]] = Membership.objects.select_related("user").get(
                coalition=coalition, user_id=reminder["recipient_id"]).user
        user = users[reminder["recipient_id"]]
        with translation.override(language_of(user, coalition)):
            template, title, url = _reminder_text(coalition, reminder)
        if frequency == Frequency.IMMEDIATELY:
            try:
                send_email(user=user, coalition=coalition, template=template,
                           context={"reminder": reminder, "object": reminder["object"], "kind": reminder["kind"],
                                    "url": settings.SITE_URL + url})
            except Exception:
                release_reminder(coalition=coalition, **key)
                raise  # the task retries with backoff; the released key lets it send this one
        Notification.objects.create(coalition=coalition, recipient=user, kind=PREFERENCE_OF[reminder["kind"]],
                                    title=title[:300], url=url, created_at=now,
                                    emailed_at=now if frequency == Frequency.IMMEDIATELY else None)
        sent += 1
    return sent


def send_meeting_invitations(*, meeting: Meeting, sequence: int) -> int:
    """Email each invitee the meeting's .ics once per version (sequence) of the meeting."""
    from django.utils import translation

    from .emails import language_of, send_email
    from .ics import meeting_calendar

    if meeting.sequence != sequence:
        return 0  # a newer version is on its way
    coalition = meeting.coalition
    sent = 0
    invitees = Invitee.objects.filter(meeting=meeting).select_related("user")
    memberships = {m.user_id: m for m in Membership.objects.filter(coalition=coalition, is_active=True)}
    for invitee in invitees:
        if invitee.user_id not in memberships:
            continue
        if selectors.frequency_for(coalition, invitee.user_id, NotificationKind.MEETING_INVITATION) == Frequency.NEVER:
            continue
        if not claim_reminder(coalition=coalition, recipient_id=invitee.user_id, kind=ReminderKind.INVITATION,
                              subject=f"meeting:{meeting.pk}", period=str(sequence)):
            continue
        with translation.override(language_of(invitee.user, coalition)):
            ics = meeting_calendar(meeting, membership=memberships[invitee.user_id], method="REQUEST")
        try:
            send_email(user=invitee.user, coalition=coalition, template="meeting_invitation",
                       context={"meeting": meeting, "update": sequence > 0,
                                "url": settings.SITE_URL + _url("coordination:meeting", coalition, meeting.pk)},
                       attachments=[("rencontre.ics", ics, "text/calendar; method=REQUEST")])
        except Exception:
            release_reminder(coalition=coalition, recipient_id=invitee.user_id, kind=ReminderKind.INVITATION,
                             subject=f"meeting:{meeting.pk}", period=str(sequence))
            raise
        sent += 1
    return sent


def email_notifications(*, coalition, notification_ids) -> int:
    """Email notifications meant to be sent immediately; claims each row first (exactly once)."""
    from .emails import send_email

    sent = 0
    for pk in notification_ids:
        claimed = Notification.objects.filter(pk=pk, coalition=coalition, emailed_at__isnull=True).update(
            emailed_at=timezone.now())
        if not claimed:
            continue
        notification = Notification.objects.select_related("recipient").get(pk=pk)
        send_email(user=notification.recipient, coalition=coalition, template="notification",
                   context={"notification": notification, "url": settings.SITE_URL + notification.url})
        sent += 1
    return sent


def send_digests(*, coalition, frequency: str, now=None) -> int:
    """One email per person with their not-yet-emailed notifications of the kinds they get as
    a daily (or weekly) digest. Each notification is claimed before the email, so once only."""
    from .emails import send_email

    now = _now(now)
    prefs = NotificationPreference.objects.filter(coalition=coalition, frequency=frequency)
    by_user = {}
    for pref in prefs:
        by_user.setdefault(pref.user_id, []).append(pref.kind)
    sent = 0
    for user_id, kinds in by_user.items():
        with transaction.atomic():
            rows = list(Notification.objects.select_for_update(skip_locked=True).filter(
                coalition=coalition, recipient_id=user_id, kind__in=kinds, emailed_at__isnull=True,
                created_at__lte=now).order_by("created_at"))
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=now)
        if rows:
            user = Membership.objects.select_related("user").get(coalition=coalition, user_id=user_id).user
            send_email(user=user, coalition=coalition, template="digest",
                       context={"notifications": rows, "frequency": frequency})
            sent += 1
    return sent


# Backbone: team, governance, tasks -----------------------------------------------------


@transaction.atomic
def team_member_add(*, actor, coalition, user, title: str, responsibilities: str = "") -> TeamMember:
    require_permission(actor, coalition, "coordination.team:manage")
    errors = {}
    if user is None or not _active_user_ids(coalition, user_ids=[user.pk]):
        errors["user"] = _("Choose an active member of the coalition.")
    elif TeamMember.objects.filter(coalition=coalition, user=user).exists():
        errors["user"] = _("This person is already on the coordination team.")
    if not (title or "").strip():
        errors["title"] = _("Give the person's role in the team.")
    if errors:
        raise ValidationError(errors)
    return TeamMember.objects.create(coalition=coalition, user=user, title=title.strip(),
                                     responsibilities=responsibilities)


@transaction.atomic
def team_member_remove(*, actor, team_member: TeamMember) -> None:
    require_permission(actor, team_member.coalition, "coordination.team:manage")
    team_member.delete()


@transaction.atomic
def body_save(*, actor, coalition, name: str, kind: str, mandate: str = "", members=(), organizations=(),
              body: GovernanceBody | None = None) -> GovernanceBody:
    require_permission(actor, coalition, "coordination.team:manage")
    members, organizations = list(members), list(organizations)
    errors = {}
    if not (name or "").strip():
        errors["name"] = _("Give the body a name.")
    member_ids = _active_user_ids(coalition, user_ids=[u.pk for u in members])
    if any(u.pk not in member_ids for u in members):
        errors["members"] = _("Choose active members of the coalition only.")
    if any(o.coalition_id != coalition.pk for o in organizations):
        errors["organizations"] = _("Choose organizations of this coalition only.")
    if errors:
        raise ValidationError(errors)
    if body is None:
        body = GovernanceBody(coalition=coalition)
    body.name, body.kind, body.mandate = name.strip(), kind, mandate
    body.save()
    body.members.set(members)
    body.organizations.set(organizations)
    return body


@transaction.atomic
def task_save(*, actor, coalition, title: str, description: str = "", owner=None, due_on: date | None = None,
              meeting: Meeting | None = None, status: str = TaskStatus.TODO,
              task: BackboneTask | None = None) -> BackboneTask:
    require_permission(actor, coalition, "coordination.tasks:manage")
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Say what the task is.")
    if owner is not None and not _active_user_ids(coalition, user_ids=[owner.pk]):
        errors["owner"] = _("The owner must be an active member of the coalition.")
    if meeting is not None and meeting.coalition_id != coalition.pk:
        errors["meeting"] = _("Choose a meeting of this coalition.")
    if status not in TaskStatus.values:
        errors["status"] = _("Choose a valid status.")
    if errors:
        raise ValidationError(errors)
    task = task or BackboneTask(coalition=coalition)
    task.title, task.description, task.owner, task.due_on = title.strip(), description, owner, due_on
    task.meeting, task.status = meeting, status
    task.save()
    return task


@transaction.atomic
def task_move(*, actor, task: BackboneTask, status: str) -> BackboneTask:
    require_permission(actor, task.coalition, "coordination.tasks:manage")
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    task.status = status
    task.save(update_fields=["status"])
    return task


# Backbone: library ---------------------------------------------------------------------

LIBRARY_MAX_BYTES = 10 * 1024 * 1024
LIBRARY_EXTENSIONS = {"pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "txt", "csv",
                      "png", "jpg", "jpeg"}


@transaction.atomic
def library_add(*, actor, coalition, title: str, kind: str, condition: int, description: str = "",
                tags: str = "", file=None, url: str = "") -> LibraryItem:
    require_permission(actor, coalition, "coordination.library:add")
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the resource a title.")
    if condition not in (1, 2, 3, 4, 5):
        errors["condition"] = _("Choose the condition the resource helps with.")
    if file is None and not (url or "").strip():
        errors["file"] = _("Upload a file or give a link.")
    if file is not None:
        extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
        if extension not in LIBRARY_EXTENSIONS:
            errors["file"] = _("Files of type “%(ext)s” are not accepted. Accepted types: %(types)s.") % {
                "ext": extension or "?", "types": ", ".join(sorted(LIBRARY_EXTENSIONS))}
        elif file.size > LIBRARY_MAX_BYTES:
            errors["file"] = _("The file weighs %(size)s MB; the limit is %(limit)s MB.") % {
                "size": f"{file.size / 1024 / 1024:.1f}".replace(".", ","), "limit": LIBRARY_MAX_BYTES // 1024 // 1024}
    if errors:
        raise ValidationError(errors)
    tags = ", ".join(t.strip() for t in (tags or "").split(",") if t.strip())
    item = LibraryItem(coalition=coalition, title=title.strip(), kind=kind, condition=condition,
                       description=description, tags=tags, url=(url or "").strip(), added_by=actor,
                       search_text=unaccent(" ".join([title, description, tags])))
    if file is not None:
        item.file.save(file.name.replace("/", "_")[-120:], file, save=False)
    item.save()
    return item


@transaction.atomic
def library_delete(*, actor, item: LibraryItem) -> None:
    membership = require_permission(actor, item.coalition, "coordination.library:add")
    if not rules.can_delete_library_item(membership, item):
        raise PermissionDenied("coordination.library:moderate")
    stored = item.file.name
    storage = item.file.storage
    item.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


# Backbone: partnership self-assessment ------------------------------------------------

DEFAULT_QUESTIONS = {
    1: [("Les partenaires partagent une même compréhension du problème.",
         "Partners share one understanding of the problem."),
        ("Notre vision commune guide réellement nos décisions.", "Our common agenda really guides our decisions.")],
    2: [("Nos actions se complètent au lieu de se dédoubler.", "Our actions complement rather than duplicate one "
         "another."),
        ("Chaque organisme sait ce que font les autres.", "Each organization knows what the others do.")],
    3: [("Nous utilisons les indicateurs communs pour apprendre et ajuster nos actions.",
         "We use the shared indicators to learn and adjust our actions."),
        ("Les données sont déclarées à temps par les partenaires.", "Partners report their data on time.")],
    4: [("Les rencontres sont utiles et bien préparées.", "Meetings are useful and well prepared."),
        ("Je me sens informé·e et écouté·e dans le regroupement.", "I feel informed and heard in the coalition.")],
    5: [("L'équipe de coordination soutient bien les partenaires.", "The coordination team supports partners well."),
        ("La gouvernance du regroupement est claire.", "The coalition's governance is clear.")],
}


@transaction.atomic
def round_open(*, actor, coalition, title: str, now=None) -> AssessmentRound:
    require_permission(actor, coalition, "coordination.assessment:manage")
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the round a title.")})
    if AssessmentRound.objects.filter(coalition=coalition, status=RoundStatus.OPEN).exists():
        raise ValidationError({"title": _("A round is already open; close it before opening another.")})
    previous = AssessmentRound.objects.filter(coalition=coalition).order_by("-opened_at").first()
    round_ = AssessmentRound.objects.create(coalition=coalition, title=title.strip(), opened_at=_now(now))
    if previous is not None:  # keep the coordinator's edited questions from round to round
        source = [(q.condition, q.position, q.text_fr, q.text_en) for q in previous.questions.all()]
    else:
        source = [(c, i, fr, en) for c, qs in DEFAULT_QUESTIONS.items() for i, (fr, en) in enumerate(qs, 1)]
    AssessmentQuestion.objects.bulk_create([
        AssessmentQuestion(coalition=coalition, round=round_, condition=c, position=p, text_fr=fr, text_en=en)
        for c, p, fr, en in source
    ])
    return round_


@transaction.atomic
def question_update(*, actor, question: AssessmentQuestion, text_fr: str, text_en: str) -> AssessmentQuestion:
    require_permission(actor, question.coalition, "coordination.assessment:manage")
    if not text_fr.strip() or not text_en.strip():
        raise ValidationError({"text_fr": _("Write the statement in French and in English.")})
    question.text_fr, question.text_en = text_fr.strip(), text_en.strip()
    question.save(update_fields=["text_fr", "text_en"])
    return question


@transaction.atomic
def round_close(*, actor, round_: AssessmentRound) -> AssessmentRound:
    require_permission(actor, round_.coalition, "coordination.assessment:manage")
    if round_.status != RoundStatus.CLOSED:
        round_.status, round_.closed_at = RoundStatus.CLOSED, timezone.now()
        round_.save(update_fields=["status", "closed_at"])
    return round_


@transaction.atomic
def assessment_answer(*, actor, round_: AssessmentRound, answers: dict) -> int:
    """Save the actor's organisation's answers: {question_id: (score, comment)}."""
    membership = require_permission(actor, round_.coalition, "coordination.assessment:answer")
    if round_.status != RoundStatus.OPEN:
        raise ValidationError(_("This round is closed; answers can no longer be changed."))
    organization = Organization.objects.get(pk=membership.organization_id)
    questions = {q.pk: q for q in round_.questions.all()}
    errors = {}
    for qid, (score, _comment) in answers.items():
        if qid not in questions:
            raise PermissionDenied("coordination.assessment:answer")
        if score is not None and score not in (1, 2, 3, 4, 5):
            errors[f"score_{qid}"] = _("Choose a score from 1 to 5.")
    if errors:
        raise ValidationError(errors)
    saved = 0
    for qid, (score, comment) in answers.items():
        if score is None:
            continue
        AssessmentAnswer.objects.update_or_create(
            coalition=round_.coalition, question_id=qid, organization=organization,
            defaults={"score": score, "comment": comment or "", "answered_by": actor},
        )
        saved += 1
    return saved


# Weekly summaries ----------------------------------------------------------------------


def send_weekly_summaries(*, coalition, now=None) -> int:
    """Monday's summary: coordinators get overdue follow-ups, meetings ahead and minutes to
    publish; partners get their own and their organisation's open follow-ups and the meetings
    they are invited to. Once per person and ISO week (SentReminder key)."""
    from django.utils import translation

    from .emails import language_of, send_email

    now = _now(now)
    if not selectors.reminder_settings(coalition).weekly_summary_enabled:
        return 0
    year, week, _day = selectors.local_today(coalition, now).isocalendar()
    period = f"{year}-W{week:02d}"
    sent = 0
    for membership in Membership.objects.filter(coalition=coalition, is_active=True).select_related("user"):
        if not has_permission(membership, "coordination.follow_ups:view"):  # funders: no internal follow-ups
            continue
        if selectors.frequency_for(coalition, membership.user_id, NotificationKind.WEEKLY_SUMMARY) == Frequency.NEVER:
            continue
        summary = selectors.weekly_summary(membership, now=now)
        if not any(summary.values()):
            continue
        key = {"recipient_id": membership.user_id, "kind": ReminderKind.WEEKLY_SUMMARY,
               "subject": f"coalition:{coalition.pk}", "period": period}
        if not claim_reminder(coalition=coalition, now=now, **key):
            continue
        try:
            with translation.override(language_of(membership.user, coalition)):
                send_email(user=membership.user, coalition=coalition, template="weekly_summary",
                           context={**summary, "site_url": settings.SITE_URL})
        except Exception:
            release_reminder(coalition=coalition, **key)
            raise
        sent += 1
    return sent

