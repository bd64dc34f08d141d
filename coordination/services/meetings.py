"""Meetings: scheduling, invitations, RSVP, attendance, minutes, decisions and follow-ups."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.concurrency import creates_once, lock_for_edit
from coalitions.emails import seeding_history
from coalitions.permissions import require_permission

from .. import permissions as rules
from ..models.communication import NotificationKind
from ..models.meetings import Decision, FollowUp, FollowUpStatus, Invitee, Meeting, MeetingKind, Rsvp
from ._common import _active_user_ids, _local_today, _notify, _url

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
    from .. import tasks

    if seeding_history():
        return  # a seeded meeting's invitations belong to the past

    coalition_id, meeting_id, sequence = meeting.coalition_id, meeting.pk, meeting.sequence
    transaction.on_commit(lambda: tasks.send_meeting_invitations.delay(coalition_id, meeting_id, sequence))


@creates_once
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
    invited_organizations=(), invited_people=(), version: str | None = None,
) -> Meeting:
    coalition = meeting.coalition
    require_permission(actor, coalition, "coordination.meetings:manage")
    invited_organizations, invited_people = list(invited_organizations), list(invited_people)
    _validate_meeting(coalition, title=title, kind=kind, starts_on=starts_on, start_time=start_time,
                      duration_minutes=duration_minutes, place=place, video_url=video_url, body=body,
                      invited_organizations=invited_organizations, invited_people=invited_people)
    new = {
        "title": title.strip(), "kind": kind, "starts_at": _starts_at(coalition, starts_on, start_time),
        "duration_minutes": duration_minutes, "place": place.strip(), "video_url": video_url.strip(),
        "agenda": agenda, "body": body, "shared_with_funders": shared_with_funders,
    }
    meeting = lock_for_edit(meeting, version=version, fields=Meeting.EDIT_FIELDS, submitted={
        **new, "invited_organizations": invited_organizations, "invited_people": invited_people})
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
def meeting_save_minutes(*, actor, meeting: Meeting, minutes: str, publish: bool,
                         version: str | None = None) -> Meeting:
    require_permission(actor, meeting.coalition, "coordination.meetings:manage")
    if publish and not minutes.strip():
        raise ValidationError({"minutes": _("Write the minutes before publishing them.")})
    meeting = lock_for_edit(meeting, version=version, fields=Meeting.MINUTES_FIELDS, submitted={"minutes": minutes})
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


@creates_once
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
        about=follow_up, kind=NotificationKind.FOLLOW_UP, event="follow_up_new", title=follow_up.what,
        url=_url("coordination:follow_ups", coalition), exclude=actor.pk,
    )
    return follow_up


@creates_once
@transaction.atomic
def decision_add(
    *, actor, meeting: Meeting, text: str, follow_up_what: str = "", follow_up_due_on: date | None = None,
    follow_up_user=None, follow_up_organization=None, action=None, action_status: str = "",
    new_action_title: str = "", new_action_plan=None, new_action_priority=None, new_action_lead=None,
) -> Decision:
    """Record the meeting's next numbered decision, with an optional follow-up. The decision may
    also change an existing action's status or add a new action to the plan: both through the
    services of conditions (their permissions and checks apply)."""
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
    changed = None
    if action is not None or action_status:
        changed = _decision_updates_action(actor=actor, meeting=meeting, action=action, status=action_status)
    if any(((new_action_title or "").strip(), new_action_plan, new_action_priority, new_action_lead)):
        changed = _decision_creates_action(actor=actor, meeting=meeting, text=text, title=new_action_title,
                                           plan=new_action_plan, priority=new_action_priority, lead=new_action_lead)
    decision = Decision.objects.create(coalition=meeting.coalition, meeting=meeting, number=number,
                                       text=text.strip(), action=changed)
    if wants_follow_up:
        try:
            follow_up_create(actor=actor, meeting=meeting, decision=decision, what=follow_up_what,
                             due_on=follow_up_due_on, assignee_user=follow_up_user,
                             assignee_organization=follow_up_organization)
        except ValidationError as error:
            raise ValidationError({f"follow_up_{k}".replace("follow_up_assignee_", "follow_up_"): v
                                   for k, v in error.error_dict.items()}) from None
    return decision


def _decision_updates_action(*, actor, meeting, action, status):
    """Change the action's status through the plan's own service; returns the action."""
    from conditions.services import plan as plan_services

    if action is None or action.coalition_id != meeting.coalition_id:
        raise ValidationError({"action": _("Choose an action of this coalition.")})
    if not status:
        raise ValidationError({"action_status": _("Choose a valid status.")})
    try:
        return plan_services.action_status_set(actor=actor, action=action, status=status)
    except ValidationError as error:
        raise ValidationError({"action_status": error.messages}) from None


def _decision_creates_action(*, actor, meeting, text, title, plan, priority, lead):
    """Add an accepted action to the plan through the plan's own service; returns it."""
    from conditions.services import plan as plan_services

    errors = {}
    if not (title or "").strip():
        errors["new_action_title"] = _("Give the action a title.")
    if plan is None:
        errors["new_action_plan"] = _("Choose a plan of this coalition.")
    if priority is None:
        errors["new_action_priority"] = _("Tie the action to at least one priority.")
    if lead is None:
        errors["new_action_lead"] = _("Choose an organization of this coalition.")
    if errors:
        raise ValidationError(errors)
    try:
        return plan_services.action_create(actor=actor, coalition=meeting.coalition, plan=plan, priorities=[priority],
                                    lead_organization=lead, title=title, description=text.strip(),
                                    start_date=max(plan.start_date, _local_today(meeting.coalition)),
                                    end_date=plan.end_date, status="planned")
    except ValidationError as error:
        names = {"title": "new_action_title", "plan": "new_action_plan", "priorities": "new_action_priority",
                 "lead_organization": "new_action_lead"}
        raise ValidationError({names.get(k, "new_action_title"): v
                               for k, v in getattr(error, "error_dict", {"title": error.error_list}).items()}
                              ) from None


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
