"""Meetings, their decisions and follow-ups, and the meetings in a calendar feed."""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from coalitions.models import Membership

from ..models.calendar import CalendarFeed
from ..models.meetings import Decision, FollowUp, FollowUpStatus, Invitee, Meeting, MeetingKind


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


def meetings_with_decisions(coalition) -> QuerySet[Meeting]:
    """Every meeting with its decisions (one prefetch), for the API's list."""
    return Meeting.objects.filter(coalition=coalition).prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.order_by("number"))).order_by("-starts_at", "-pk")


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


def my_follow_ups(membership, *, include_done: bool = False, overdue_on=None) -> QuerySet[FollowUp]:
    """A person's follow-ups: assigned to them or to their organisation (with ``overdue_on``,
    only those not done that were due before that date)."""
    mine = Q(assignee_user_id=membership.user_id)
    if membership.organization_id:
        mine |= Q(assignee_organization_id=membership.organization_id)
    follow_ups = FollowUp.objects.filter(mine, coalition=membership.coalition_id)
    if not include_done or overdue_on is not None:
        follow_ups = follow_ups.exclude(status=FollowUpStatus.DONE)
    if overdue_on is not None:
        follow_ups = follow_ups.filter(due_on__lt=overdue_on)
    return follow_ups.select_related("meeting", "assignee_user", "assignee_organization").order_by("due_on", "pk")


def all_follow_ups(coalition, *, include_done: bool = False, overdue_on=None) -> QuerySet[FollowUp]:
    """Every follow-up of the coalition; with ``overdue_on`` (a date), only those not done that
    were due before it (the list the coordinator's home counts and links to)."""
    follow_ups = FollowUp.objects.filter(coalition=coalition)
    if not include_done or overdue_on is not None:
        follow_ups = follow_ups.exclude(status=FollowUpStatus.DONE)
    if overdue_on is not None:
        follow_ups = follow_ups.filter(due_on__lt=overdue_on)
    return follow_ups.select_related("meeting", "assignee_user", "assignee_organization").order_by("due_on", "pk")


def organization_attendance(coalition, organization, *, shown: int = 5) -> dict:
    """The past meetings that at least one active member of ``organization`` attended: the
    ``shown`` most recent and the count. Two queries."""
    people = Membership.objects.filter(coalition=coalition, organization=organization, is_active=True)
    attended = Meeting.objects.filter(coalition=coalition, starts_at__lt=timezone.now()).filter(
        Exists(Invitee.objects.filter(meeting=OuterRef("pk"), attended=True,
                                      user_id__in=people.values("user_id"))))
    return {"meetings": list(attended.order_by("-starts_at", "-pk")[:shown]), "count": attended.count()}


def _attendance_sql() -> str:
    """SQL of (meeting_id, organization_id): a past meeting that a person of the organisation attended."""
    return f"""
            SELECT DISTINCT i.meeting_id, ms.organization_id
              FROM {Invitee._meta.db_table} i
              JOIN {Meeting._meta.db_table} mt ON mt.id = i.meeting_id
              JOIN {Membership._meta.db_table} ms
                ON ms.user_id = i.user_id AND ms.coalition_id = i.coalition_id AND ms.is_active
                   AND ms.organization_id IS NOT NULL
             WHERE i.coalition_id = %s AND i.attended AND mt.starts_at < %s"""  # noqa: S608 (table names from the models)


def meeting_partnerships(coalition, *, until=None) -> dict[tuple[int, int], int]:
    """Organisations that attended the same past meetings (begun before ``until``, an aware
    datetime, for a report as of a past day; before now by default), counted in SQL (one
    query): maps (organization id, organization id), smaller id first, to the number of
    meetings that people of both attended."""
    from django.db import connection

    sql = f"""
        WITH m AS ({_attendance_sql()})
        SELECT m1.organization_id, m2.organization_id, COUNT(*)
          FROM m m1 JOIN m m2 ON m1.meeting_id = m2.meeting_id AND m1.organization_id < m2.organization_id
         GROUP BY 1, 2"""  # noqa: S608 (built from constant SQL)
    with connection.cursor() as cursor:
        cursor.execute(sql, [coalition.pk, min(until, timezone.now()) if until else timezone.now()])
        return {(a, b): n for a, b, n in cursor.fetchall()}


def attendance_by_organization(coalition) -> dict[int, int]:
    """Organization id -> the past meetings its people attended. One query."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"WITH m AS ({_attendance_sql()}) SELECT organization_id, COUNT(*) FROM m GROUP BY 1",
                       [coalition.pk, timezone.now()])  # noqa: S608 (built from constant SQL)
        return dict(cursor.fetchall())
