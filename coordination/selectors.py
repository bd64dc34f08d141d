"""Reads shared by views, tasks and templates; each list has a fixed number of queries."""

from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from coalitions.dates import local_today
from coalitions.models import Membership, Role
from coalitions.web import parse_int

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from conditions.models import AgendaVersion

from . import permissions as rules
from .models.backbone import (
    AssessmentAnswer,
    AssessmentQuestion,
    AssessmentRound,
    BackboneTask,
    LibraryItem,
    TaskStatus,
    unaccent,
)
from .models.calendar import CalendarFeed
from .models.communication import (
    Announcement,
    AnnouncementRead,
    Comment,
    EmailFrequency,
    Notification,
    NotificationPreference,
)
from .models.governance import GovernanceBody, TeamMember
from .models.meetings import Decision, FollowUp, FollowUpStatus, Invitee, Meeting, MeetingKind, Rsvp
from .models.reminders import ReminderKind, ReminderSettings

# Helpers -------------------------------------------------------------------------------


def active_user_ids(coalition, *, user_ids=(), organization_ids=(), roles=()) -> set[int]:
    members = Membership.objects.filter(coalition=coalition, is_active=True)
    ids = set()
    if user_ids:
        ids |= set(members.filter(user_id__in=user_ids).values_list("user_id", flat=True))
    if organization_ids:
        ids |= set(members.filter(organization_id__in=organization_ids).values_list("user_id", flat=True))
    if roles:
        ids |= set(members.filter(role__in=roles).values_list("user_id", flat=True))
    return ids


# Meetings ------------------------------------------------------------------------------


def meeting_list(coalition, *, when: str = "upcoming", kind: str = "", now=None) -> QuerySet[Meeting]:
    now = now or timezone.now()
    meetings = Meeting.objects.filter(coalition=coalition).select_related("body").annotate(
        invitee_count=Count("invitees", distinct=True),
        yes_count=Count("invitees", filter=Q(invitees__rsvp="yes"), distinct=True),
        decision_count=Count("decisions", distinct=True),
    )
    if kind in MeetingKind.values:
        meetings = meetings.filter(kind=kind)
    if when == "past":
        return meetings.filter(starts_at__lt=now - timedelta(hours=12)).order_by("-starts_at")
    if when == "all":
        return meetings.order_by("-starts_at")
    return meetings.filter(starts_at__gte=now - timedelta(hours=12)).order_by("starts_at")


def my_invitations(meetings, user) -> dict[int, Invitee]:
    return {i.meeting_id: i for i in Invitee.objects.filter(meeting__in=[m.pk for m in meetings], user=user)}


FEED_PAST_DAYS = 183  # a subscription carries the last six months and everything ahead
FEED_MAX_MEETINGS = 500


def feed_meetings(feed: CalendarFeed, *, now=None) -> list[Meeting]:
    """The meetings in a member's calendar feed, in one query whatever their number."""
    now = now or timezone.now()
    meetings = Meeting.objects.filter(coalition_id=feed.coalition_id,
                                      starts_at__gte=now - timedelta(days=FEED_PAST_DAYS))
    if feed.only_invited:
        meetings = meetings.filter(Exists(Invitee.objects.filter(meeting=OuterRef("pk"), user_id=feed.user_id)))
    # Past the cap, the oldest meetings go first: what is ahead always stays in the calendar.
    latest = meetings.select_related("coalition", "created_by").order_by("-starts_at")[:FEED_MAX_MEETINGS]
    return list(reversed(latest))


def my_calendar_feed(membership) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(coalition_id=membership.coalition_id, user_id=membership.user_id,
                                       revoked_at__isnull=True).first()


def meeting_detail(pk: int) -> Meeting:
    return Meeting.objects.select_related("body", "created_by", "coalition").get(pk=pk)


def meeting_decisions(meeting) -> list[Decision]:
    return list(Decision.objects.filter(meeting=meeting).select_related("action").order_by("number"))


def action_decisions(action) -> list[Decision]:
    """The meeting decisions that created or changed an action of the plan, latest first."""
    return list(Decision.objects.filter(action=action).select_related("meeting").order_by("-meeting__starts_at",
                                                                                          "-number"))


def meeting_invitees(meeting) -> list[Invitee]:
    return list(Invitee.objects.filter(meeting=meeting).select_related("user").order_by("user__full_name",
                                                                                         "user__email"))


def meeting_follow_ups(meeting) -> list[FollowUp]:
    return list(FollowUp.objects.filter(meeting=meeting).select_related(
        "assignee_user", "assignee_organization", "decision"))


def comments_on(*, meeting=None, announcement=None) -> list[Comment]:
    comments = Comment.objects.filter(meeting=meeting) if meeting else Comment.objects.filter(
        announcement=announcement)
    return list(comments.select_related("author"))


def comment_thread(membership, *, action=None, indicator=None) -> dict | None:
    """The comment thread shown on an action's or an indicator's page (None for those who do
    not see comments, e.g. funders): its comments, the form and where to post."""
    from django.urls import reverse

    from .forms import CommentForm

    target = action or indicator
    if target is None or not rules.can_see_thread(membership, target):
        return None
    comments = Comment.objects.filter(action=action) if action else Comment.objects.filter(indicator=indicator)
    name = "coordination:action_comment" if action else "coordination:indicator_comment"
    return {"comments": list(comments.select_related("author")), "form": CommentForm(),
            "post_url": reverse(name, args=[membership.coalition.slug, target.pk])}


def my_follow_ups(membership, *, include_done: bool = False) -> QuerySet[FollowUp]:
    """A person's follow-ups: assigned to them or to their organisation."""
    mine = Q(assignee_user_id=membership.user_id)
    if membership.organization_id:
        mine |= Q(assignee_organization_id=membership.organization_id)
    follow_ups = FollowUp.objects.filter(mine, coalition=membership.coalition_id)
    if not include_done:
        follow_ups = follow_ups.exclude(status=FollowUpStatus.DONE)
    return follow_ups.select_related("meeting", "assignee_user", "assignee_organization").order_by("due_on", "pk")


def all_follow_ups(coalition, *, include_done: bool = False) -> QuerySet[FollowUp]:
    follow_ups = FollowUp.objects.filter(coalition=coalition)
    if not include_done:
        follow_ups = follow_ups.exclude(status=FollowUpStatus.DONE)
    return follow_ups.select_related("meeting", "assignee_user", "assignee_organization").order_by("due_on", "pk")


# Announcements and notifications -------------------------------------------------------


class AnnouncementFlags(TypedDict):
    is_read: bool
    comment_count: int


def announcements_for(membership) -> "QuerySet[WithAnnotations[Announcement, AnnouncementFlags]]":
    read = AnnouncementRead.objects.filter(announcement=OuterRef("pk"), user_id=membership.user_id)
    return (
        Announcement.objects.filter(coalition=membership.coalition_id)
        .filter(Q(audience="all") | Q(audience=membership.role))
        .select_related("author")
        .annotate(is_read=Exists(read), comment_count=Count("comments"))
        .order_by("-pinned", "-published_at", "-pk")
    )


def unread_announcement_count(membership) -> int:
    return announcements_for(membership).filter(is_read=False).count()


def notifications_for(membership, *, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(coalition=membership.coalition_id, recipient_id=membership.user_id)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-pk")


def unread_count(membership) -> int:
    """The number for the top bar's notification badge (one query)."""
    if membership is None:
        return 0
    return Notification.objects.filter(
        coalition=membership.coalition_id, recipient_id=membership.user_id, read_at__isnull=True
    ).count()


# Backbone ------------------------------------------------------------------------------


def team(coalition) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(coalition=coalition).select_related("user").order_by("title", "pk")


def bodies(coalition) -> QuerySet[GovernanceBody]:
    return (
        GovernanceBody.objects.filter(coalition=coalition)
        .prefetch_related("members", "organizations")
        .annotate(meeting_count=Count("meetings", distinct=True))
        .order_by("name")
    )


def body_meetings(body) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body=body).order_by("-starts_at")


def task_board(coalition, *, owner_id: int | None = None) -> dict[str, list[BackboneTask]]:
    tasks = BackboneTask.objects.filter(coalition=coalition).select_related("owner", "meeting")
    if owner_id:
        tasks = tasks.filter(owner_id=owner_id)
    board: dict[str, list[BackboneTask]] = {status: [] for status in TaskStatus.values}
    for task in tasks.order_by("due_on", "pk")[:300]:
        board[task.status].append(task)
    return board


LIBRARY_SEARCH_WORDS = 10  # each word is a condition: thousands of them made one search take seconds


def library(coalition, *, q: str = "", condition: str = "", tag: str = "") -> QuerySet[LibraryItem]:
    """Search ignores accents and case: the query and the stored search_text are both unaccented."""
    items = LibraryItem.objects.filter(coalition=coalition).select_related("added_by")
    for word in unaccent(q).split()[:LIBRARY_SEARCH_WORDS]:
        items = items.filter(search_text__contains=word)
    if (number := parse_int(condition)) is not None:
        items = items.filter(condition=number)
    if tag.strip():
        items = items.filter(search_text__contains=unaccent(tag.strip()), tags__icontains=tag.strip())
    return items.order_by("-created_at", "-pk")


def rounds(coalition) -> QuerySet[AssessmentRound]:
    return AssessmentRound.objects.filter(coalition=coalition).annotate(
        organization_count=Count("questions__answers__organization", distinct=True)
    ).order_by("-opened_at", "-pk")


MIN_ANSWERS = 3  # fewer answers than this and a result could identify an organisation


def round_results(round_: AssessmentRound, *, language: str = "fr") -> dict:
    """Per condition and per question: the mean score and the number of answers, hidden (None)
    below MIN_ANSWERS; with the same figures from the previous round for comparison."""
    previous = (AssessmentRound.objects.filter(coalition=round_.coalition_id, opened_at__lt=round_.opened_at)
                .order_by("-opened_at").first())

    def stats(r):
        if r is None:
            return {}, {}
        per_question = {
            (q.condition, q.position): q for q in AssessmentQuestion.objects.filter(round=r).annotate(
                mean=Avg("answers__score"), answers_count=Count("answers"))
        }
        per_condition = {
            row["question__condition"]: row for row in AssessmentAnswer.objects.filter(question__round=r)
            .values("question__condition").annotate(mean=Avg("score"), answers_count=Count("organization",
                                                                                          distinct=True))
        }
        return per_question, per_condition

    current_q, current_c = stats(round_)
    previous_q, previous_c = stats(previous)

    def shown(mean, count):
        return round(mean, 1) if mean is not None and count >= MIN_ANSWERS else None

    conditions: defaultdict[str, dict[str, Any]] = defaultdict(lambda: {"questions": []})
    from .models.backbone import Condition

    for key, question in sorted(current_q.items()):
        before = previous_q.get(key)
        conditions[question.condition]["questions"].append({
            "text": question.text(language),
            "count": question.answers_count,
            "mean": shown(question.mean, question.answers_count),
            "previous": shown(before.mean, before.answers_count) if before else None,
        })
    for condition, block in conditions.items():
        row, before = current_c.get(condition), previous_c.get(condition)
        block["label"] = Condition(condition).label
        block["count"] = row["answers_count"] if row else 0
        block["mean"] = shown(row["mean"], row["answers_count"]) if row else None
        block["previous"] = shown(before["mean"], before["answers_count"]) if before else None
    return {"previous": previous, "conditions": [conditions[c] for c in sorted(conditions)]}


def my_answers(round_, membership) -> dict[int, AssessmentAnswer]:
    return {a.question_id: a for a in AssessmentAnswer.objects.filter(
        question__round=round_, organization_id=membership.organization_id)}


def round_questions(round_) -> list[AssessmentQuestion]:
    return list(AssessmentQuestion.objects.filter(round=round_).order_by("condition", "position"))


# Reminders -----------------------------------------------------------------------------


def frequency_for(coalition, user_id: int, kind: str) -> str:
    pref = NotificationPreference.objects.filter(coalition=coalition, user_id=user_id, kind=kind).first()
    return pref.frequency if pref else EmailFrequency.IMMEDIATELY


def reminder_settings(coalition) -> ReminderSettings:
    """The coalition's settings, or unsaved defaults."""
    return ReminderSettings.objects.filter(coalition=coalition).first() or ReminderSettings(coalition=coalition)


def due_reminders(coalition, *, now=None) -> list[dict]:
    """What should be sent now: one dict per (recipient, kind, subject, period), before
    preferences and before the exactly-once check. Also used to show the schedule."""
    now = now or timezone.now()
    cfg = reminder_settings(coalition)
    today = local_today(coalition, now)
    out = []
    if cfg.meeting_enabled:
        window_end = now + timedelta(days=cfg.meeting_days_before)
        meetings = Meeting.objects.filter(coalition=coalition, starts_at__gt=now, starts_at__lte=window_end)
        invitees = Invitee.objects.filter(meeting__in=meetings).exclude(rsvp=Rsvp.NO).select_related("meeting")
        for invitee in invitees:
            out.append({"kind": ReminderKind.MEETING, "recipient_id": invitee.user_id,
                        "subject": f"meeting:{invitee.meeting_id}", "period": invitee.meeting.starts_at.isoformat(),
                        "object": invitee.meeting})
    if cfg.minutes_enabled:
        coordinators = active_user_ids(coalition, roles=[Role.COORDINATOR])
        late = now - timedelta(days=cfg.minutes_days_after)
        for meeting in Meeting.objects.filter(coalition=coalition, minutes_published_at__isnull=True,
                                              starts_at__lte=late, starts_at__gt=late - timedelta(days=30)):
            if meeting.ends_at > late:
                continue
            for uid in sorted(coordinators):
                out.append({"kind": ReminderKind.MINUTES, "recipient_id": uid, "subject": f"meeting:{meeting.pk}",
                            "period": "minutes", "object": meeting})
    if cfg.follow_up_enabled:
        open_ = FollowUp.objects.filter(coalition=coalition).exclude(status=FollowUpStatus.DONE)
        soon = open_.filter(due_on__gt=today, due_on__lte=today + timedelta(days=cfg.follow_up_days_before))
        due = open_.filter(due_on__lte=today, due_on__gt=today - timedelta(days=7))
        org_members: dict[int | None, set[int]] = {}
        from coalitions.permissions import has_permission

        for m in Membership.objects.filter(coalition=coalition, is_active=True, organization__isnull=False):
            if has_permission(m, "coordination.follow_ups:view"):  # not the funders of that organisation
                org_members.setdefault(m.organization_id, set()).add(m.user_id)
        active = active_user_ids(coalition, roles=Role.values)
        for kind, follow_ups in ((ReminderKind.FOLLOW_UP_SOON, soon), (ReminderKind.FOLLOW_UP_DUE, due)):
            for follow_up in follow_ups:
                recipients = set(org_members.get(follow_up.assignee_organization_id, set()))
                if follow_up.assignee_user_id in active:
                    recipients.add(follow_up.assignee_user_id)
                for uid in sorted(recipients):
                    out.append({"kind": kind, "recipient_id": uid, "subject": f"follow_up:{follow_up.pk}",
                                "period": follow_up.due_on.isoformat(), "object": follow_up})
    if cfg.indicator_enabled:
        out += _indicator_reminders(coalition, cfg, today)
    if cfg.endorsement_enabled:
        out += _endorsement_reminders(coalition, cfg, today)
    return out


# Reminders about other conditions' data (read only: indicators and the common agenda) --------


class ReportingDue:
    """One assigned organisation's missing value of one indicator for one period."""

    def __init__(self, period, organization):
        self.period, self.indicator, self.organization = period, period.indicator, organization

    def __str__(self):
        return f"{self.indicator.code} {self.period.label} — {self.organization.name}"


def reporting_missing(coalition, *, due_from: date, due_to: date, organization_id=None) -> list[ReportingDue]:
    """(period, organisation) pairs with a due date in [due_from, due_to] whose assigned
    organisation has not submitted a value (none, a draft, or one returned for revision).
    Locked periods and coordinator-entered indicators are left out."""
    from coalitions.models import Organization
    from indicators.models import Aggregation, IndicatorGroupObjectPermission, IndicatorValue, Period, ValueStatus

    periods = list(Period.objects.filter(coalition=coalition, is_locked=False, due_date__gte=due_from,
                                         due_date__lte=due_to).exclude(indicator__aggregation=Aggregation.COORDINATOR)
                   .select_related("indicator").order_by("due_date", "indicator__code", "start"))
    if not periods:
        return []
    indicator_ids = {p.indicator_id for p in periods}
    groups = defaultdict(set)
    for indicator_id, group_id in IndicatorGroupObjectPermission.objects.filter(
            coalition=coalition, content_object_id__in=indicator_ids).values_list("content_object_id", "group_id"):
        groups[indicator_id].add(group_id)
    organizations = Organization.objects.filter(coalition=coalition, group_id__in=set().union(*groups.values()))
    if organization_id is not None:
        organizations = organizations.filter(pk=organization_id)
    by_group = {o.group_id: o for o in organizations.select_related("coalition").order_by("name")}
    submitted = set(IndicatorValue.objects.filter(
        period__in=[p.pk for p in periods], category__isnull=True,
        status__in=[ValueStatus.SUBMITTED, ValueStatus.APPROVED],
    ).values_list("period_id", "organization_id"))
    out = []
    for period in periods:
        for group_id in sorted(groups[period.indicator_id], key=lambda g: by_group[g].name if g in by_group else ""):
            organization = by_group.get(group_id)
            if organization is not None and (period.pk, organization.pk) not in submitted:
                out.append(ReportingDue(period, organization))
    return out


def _reporters(coalition) -> dict[int | None, set[int]]:
    """Organisation id -> its active members who report its values (partners, not funders)."""
    from coalitions.permissions import has_permission

    reporters: defaultdict[int | None, set[int]] = defaultdict(set)
    for m in Membership.objects.filter(coalition=coalition, is_active=True, organization__isnull=False):
        if has_permission(m, "indicators.values:enter") and not has_permission(m, "indicators.values:review"):
            reporters[m.organization_id].add(m.user_id)
    return reporters


def _indicator_reminders(coalition, cfg, today: date) -> list[dict]:
    """Before the due date and when late: the organisation's reporters; after a further delay:
    the coordinators. Reminders older than 30 days are not caught up."""
    catch_up = 30
    missing = reporting_missing(coalition, due_from=today - timedelta(days=cfg.indicator_escalation_days + catch_up),
                                due_to=today + timedelta(days=cfg.indicator_days_before))
    if not missing:
        return []
    reporters = _reporters(coalition)
    coordinators = sorted(active_user_ids(coalition, roles=[Role.COORDINATOR]))
    out: list[dict] = []
    for item in missing:
        due = item.period.due_date
        subject = f"period:{item.period.pk}:org:{item.organization.pk}"
        recipients: list[int] = []
        kind = None
        if due - timedelta(days=cfg.indicator_days_before) <= today <= due:
            kind, recipients = ReminderKind.INDICATOR_SOON, sorted(reporters.get(item.organization.pk, ()))
        elif due < today <= due + timedelta(days=catch_up):
            kind, recipients = ReminderKind.INDICATOR_LATE, sorted(reporters.get(item.organization.pk, ()))
        for uid in recipients:
            out.append({"kind": kind, "recipient_id": uid, "subject": subject, "period": due.isoformat(),
                        "object": item})
        escalate_on = due + timedelta(days=max(cfg.indicator_escalation_days, 1))
        if escalate_on <= today <= escalate_on + timedelta(days=catch_up):
            for uid in coordinators:
                out.append({"kind": ReminderKind.INDICATOR_ESCALATION, "recipient_id": uid, "subject": subject,
                            "period": due.isoformat(), "object": item})
    return out


class EndorsementDue:
    def __init__(self, version, organization):
        self.version, self.organization = version, organization

    def __str__(self):
        return f"{self.version} — {self.organization.name}"


def endorsements_missing(coalition) -> "tuple[AgendaVersion | None, list]":
    """The current (published) agenda version and the organisations that have not endorsed it."""
    from conditions import selectors as agenda

    version = agenda.current_version(coalition)
    if version is None:
        return None, []
    board = agenda.endorsement_board(coalition, version)
    return version, board["earlier"] + board["missing"]


def _endorsement_reminders(coalition, cfg, today: date) -> list[dict]:
    version, organizations = endorsements_missing(coalition)
    if version is None or version.published_at is None or not organizations:
        return []
    remind_on = local_today(coalition, version.published_at) + timedelta(days=cfg.endorsement_days_after)
    if today < remind_on:
        return []
    active = active_user_ids(coalition, user_ids=[o.representative_id for o in organizations if o.representative_id])
    return [
        {"kind": ReminderKind.ENDORSEMENT, "recipient_id": org.representative_id,
         "subject": f"agenda:{version.pk}:org:{org.pk}", "period": str(version.number),
         "object": EndorsementDue(version, org)}
        for org in organizations if org.representative_id in active
    ]


def reminder_schedule(coalition, *, now=None, days: int = 14):
    """The reminders that will go out in the next `days` days, grouped by day, kind and subject,
    with how many are already sent (for coordinators)."""
    from .models.reminders import SentReminder

    now = now or timezone.now()
    seen, schedule = set(), []
    sent = set(SentReminder.objects.filter(coalition=coalition).values_list("recipient_id", "kind", "subject",
                                                                            "period"))
    for day in range(days + 1):
        at = now + timedelta(days=day)
        for r in due_reminders(coalition, now=at):
            key = (r["recipient_id"], r["kind"], r["subject"], r["period"])
            if key in seen:
                continue
            seen.add(key)
            schedule.append({"when": at if day else now, "kind": r["kind"], "object": r["object"],
                             "sent": key in sent, "recipient_id": r["recipient_id"]})
    return _group_schedule(schedule)


def _group_schedule(rows):
    grouped: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        key = (row["when"].date(), row["kind"], str(row["object"]))
        entry = grouped.setdefault(key, {"date": row["when"], "kind": row["kind"], "object": row["object"],
                                         "recipients": 0, "sent": 0})
        entry["recipients"] += 1
        entry["sent"] += int(row["sent"])
    return list(grouped.values())[:100]


def weekly_summary(membership, *, now=None) -> dict:
    """What one person's weekly summary holds, limited to their coalition (and, for a partner,
    to what concerns them or their organisation)."""
    from coalitions.permissions import has_permission

    now = now or timezone.now()
    coalition_id = membership.coalition_id
    today = local_today(membership.coalition, now)
    coordinator = has_permission(membership, "coordination.meetings:manage")
    follow_ups = (all_follow_ups(coalition_id) if coordinator else my_follow_ups(membership))
    meetings = Meeting.objects.filter(coalition=coalition_id, starts_at__gte=now,
                                      starts_at__lte=now + timedelta(days=14)).order_by("starts_at")
    if not coordinator:
        attending = Invitee.objects.filter(user_id=membership.user_id).exclude(rsvp="no").values("meeting_id")
        meetings = meetings.filter(pk__in=attending)
    summary = {
        "overdue": list(follow_ups.filter(due_on__lt=today)[:50]),
        "due_soon": list(follow_ups.filter(due_on__gte=today, due_on__lte=today + timedelta(days=7))[:50]),
        "meetings": list(meetings[:20]),
        "minutes_missing": [],
    }
    if coordinator:
        summary["minutes_missing"] = list(Meeting.objects.filter(
            coalition=coalition_id, minutes_published_at__isnull=True, starts_at__lt=now,
            starts_at__gte=now - timedelta(days=60)).order_by("starts_at")[:20])
    summary.update(_weekly_measurement(membership, coordinator=coordinator, now=now, today=today))
    return summary


def _weekly_measurement(membership, *, coordinator: bool, now, today) -> dict:
    """Coordinators: values submitted in the past week, organisations late, endorsements missing.
    Partners: what their organisation must report (late or due in the next two weeks)."""
    from indicators.models import IndicatorValue, ValueStatus

    coalition = membership.coalition
    if coordinator:
        _version, missing = endorsements_missing(coalition)
        return {
            "values_submitted": list(IndicatorValue.objects.filter(
                coalition=coalition, category__isnull=True, submitted_at__gt=now - timedelta(days=7),
                submitted_at__lte=now, status__in=[ValueStatus.SUBMITTED, ValueStatus.APPROVED],
            ).select_related("indicator", "period__indicator", "organization")
                .order_by("organization__name", "indicator__code")[:50]),
            "reporting_late": reporting_missing(coalition, due_from=today - timedelta(days=90),
                                                due_to=today - timedelta(days=1))[:50],
            "endorsements_missing": missing[:50],
            "to_report": [],
        }
    to_report = []
    if membership.organization_id:
        to_report = reporting_missing(coalition, due_from=today - timedelta(days=90),
                                      due_to=today + timedelta(days=14),
                                      organization_id=membership.organization_id)[:50]
    return {"values_submitted": [], "reporting_late": [], "endorsements_missing": [], "to_report": to_report}

