"""What the reminder engine sends and when (before preferences and the exactly-once check),
and what one person's weekly summary holds."""

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from coalitions.dates import local_today
from coalitions.models import Membership, Role
from coalitions.permissions import has_permission
from coalitions.selectors import active_user_ids
from conditions import selectors as agenda_selectors

from ..models.communication import EmailFrequency, NotificationPreference
from ..models.meetings import FollowUp, FollowUpStatus, Invitee, Meeting, Rsvp
from ..models.reminders import ReminderKind, ReminderSettings, SentReminder
from .measurement import (
    ConsultationDue,
    EndorsementDue,
    ReportingDue,
    consultation_awaiting,
    endorsements_missing,
    reporting_missing,
    values_submitted,
)
from .meetings import all_follow_ups, my_follow_ups


def frequency_for(coalition, user_id: int, kind: str) -> str:
    pref = NotificationPreference.objects.filter(coalition=coalition, user_id=user_id, kind=kind).first()
    return pref.frequency if pref else EmailFrequency.IMMEDIATELY


def reminder_settings(coalition) -> ReminderSettings:
    """The coalition's settings, or unsaved defaults."""
    return ReminderSettings.objects.filter(coalition=coalition).first() or ReminderSettings(coalition=coalition)


def due_reminders(coalition, *, now=None) -> list[dict]:
    """What should be sent now: one dict per (recipient, kind, subject, period), before
    preferences and before the exactly-once check."""
    return due_reminders_at(coalition, [now or timezone.now()])[0]


def due_reminders_at(coalition, moments: list) -> list[list[dict]]:
    """due_reminders at each of these moments (the reminder schedule asks for 15 days), in a
    fixed number of queries however many moments: each source is read once for the window the
    moments span, then filtered per moment with the bounds one moment's query would use."""
    cfg = reminder_settings(coalition)
    first, last = min(moments), max(moments)
    days = [local_today(coalition, at) for at in moments]
    out: list[list[dict]] = [[] for _ in moments]
    if cfg.meeting_enabled:
        ahead = timedelta(days=cfg.meeting_days_before)
        meetings = Meeting.objects.filter(coalition=coalition, starts_at__gt=first, starts_at__lte=last + ahead)
        invitees = list(Invitee.objects.filter(meeting__in=meetings).exclude(rsvp=Rsvp.NO).select_related("meeting"))
        for at, due in zip(moments, out, strict=True):
            due += [{"kind": ReminderKind.MEETING, "recipient_id": invitee.user_id,
                     "subject": f"meeting:{invitee.meeting_id}", "period": invitee.meeting.starts_at.isoformat(),
                     "object": invitee.meeting}
                    for invitee in invitees if at < invitee.meeting.starts_at <= at + ahead]
    if cfg.minutes_enabled:
        coordinators = sorted(active_user_ids(coalition, roles=[Role.COORDINATOR]))
        after = timedelta(days=cfg.minutes_days_after)
        unpublished = list(Meeting.objects.filter(coalition=coalition, minutes_published_at__isnull=True,
                                                  starts_at__lte=last - after,
                                                  starts_at__gt=first - after - timedelta(days=30)))
        for at, due in zip(moments, out, strict=True):
            late = at - after
            due += [{"kind": ReminderKind.MINUTES, "recipient_id": uid, "subject": f"meeting:{meeting.pk}",
                     "period": "minutes", "object": meeting}
                    for meeting in unpublished
                    if late - timedelta(days=30) < meeting.starts_at <= late and meeting.ends_at <= late
                    for uid in coordinators]
    if cfg.follow_up_enabled:
        before = timedelta(days=cfg.follow_up_days_before)
        open_ = list(FollowUp.objects.filter(coalition=coalition, due_on__gt=min(days) - timedelta(days=7),
                                             due_on__lte=max(days) + before).exclude(status=FollowUpStatus.DONE))
        org_members: dict[int | None, set[int]] = {}
        for m in Membership.objects.filter(coalition=coalition, is_active=True, organization__isnull=False):
            if has_permission(m, "coordination.follow_ups:view"):  # not the funders of that organisation
                org_members.setdefault(m.organization_id, set()).add(m.user_id)
        active = active_user_ids(coalition, roles=Role.values)
        for today, due in zip(days, out, strict=True):
            soon = [f for f in open_ if today < f.due_on <= today + before]
            late = [f for f in open_ if today - timedelta(days=7) < f.due_on <= today]
            for kind, follow_ups in ((ReminderKind.FOLLOW_UP_SOON, soon), (ReminderKind.FOLLOW_UP_DUE, late)):
                for follow_up in follow_ups:
                    recipients = set(org_members.get(follow_up.assignee_organization_id, set()))
                    if follow_up.assignee_user_id in active:
                        recipients.add(follow_up.assignee_user_id)
                    for uid in sorted(recipients):
                        due.append({"kind": kind, "recipient_id": uid, "subject": f"follow_up:{follow_up.pk}",
                                    "period": follow_up.due_on.isoformat(), "object": follow_up})
    if cfg.indicator_enabled:
        for due, reminders in zip(out, _indicator_reminders(coalition, cfg, days), strict=True):
            due += reminders
    if cfg.endorsement_enabled:
        for due, reminders in zip(out, _endorsement_reminders(coalition, cfg, days), strict=True):
            due += reminders
    for due, reminders in zip(out, _consultation_reminders(coalition, days), strict=True):
        due += reminders
    return out


def _reporters(coalition) -> dict[int | None, set[int]]:
    """Organisation id -> its active members who report its values (partners, not funders)."""
    reporters: defaultdict[int | None, set[int]] = defaultdict(set)
    for m in Membership.objects.filter(coalition=coalition, is_active=True, organization__isnull=False):
        if has_permission(m, "indicators.values:enter") and not has_permission(m, "indicators.values:review"):
            reporters[m.organization_id].add(m.user_id)
    return reporters


def _indicator_reminders(coalition, cfg, days: list[date]) -> list[list[dict]]:
    """On each of these days: before the due date and when late, the organisation's reporters;
    after a further delay, the coordinators. Reminders older than 30 days are not caught up."""
    catch_up = 30
    since, ahead = timedelta(days=cfg.indicator_escalation_days + catch_up), timedelta(days=cfg.indicator_days_before)
    missing = reporting_missing(coalition, due_from=min(days) - since, due_to=max(days) + ahead)
    if not missing:
        return [[] for _ in days]
    reporters = _reporters(coalition)
    coordinators = sorted(active_user_ids(coalition, roles=[Role.COORDINATOR]))
    return [_indicator_reminders_on(cfg, today, [item for item in missing
                                                 if today - since <= item.period.due_date <= today + ahead],
                                    reporters, coordinators, catch_up)
            for today in days]


def _indicator_reminders_on(cfg, today: date, missing, reporters, coordinators, catch_up: int) -> list[dict]:
    out = []
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


def _endorsement_reminders(coalition, cfg, days: list[date]) -> list[list[dict]]:
    version, organizations = endorsements_missing(coalition)
    if version is None or version.published_at is None or not organizations:
        return [[] for _ in days]
    remind_on = local_today(coalition, version.published_at) + timedelta(days=cfg.endorsement_days_after)
    # The representative, or else every active partner member: the people asked at publishing.
    recipients = agenda_selectors.endorsement_recipients(coalition, organizations)
    reminders = [
        {"kind": ReminderKind.ENDORSEMENT, "recipient_id": user_id,
         "subject": f"agenda:{version.pk}:org:{org.pk}", "period": str(version.number),
         "object": EndorsementDue(version, org)}
        for org in organizations for user_id in recipients[org.pk]
    ]
    return [reminders if today >= remind_on else [] for today in days]


# The partners who have not answered every section hear it this many days before the closing date.
CONSULTATION_DAYS_BEFORE = 3


def _consultation_reminders(coalition, days: list[date]) -> list[list[dict]]:
    """Before an open consultation closes: the active partners of each organisation that has not
    answered every section, once per consultation and organisation."""
    from indicators.selectors import among

    consultation, organizations = consultation_awaiting(coalition, min(days))
    members: defaultdict[int | None, list[int]] = defaultdict(list)
    # read even when nobody is waiting (among runs on an empty list): the same queries either way
    for m in Membership.objects.filter(coalition=coalition, is_active=True, role=Role.PARTNER,
                                       organization__in=among(o.pk for o in organizations)).order_by("user_id"):
        members[m.organization_id].append(m.user_id)
    if consultation is None or not organizations:
        return [[] for _ in days]
    reminders = [
        {"kind": ReminderKind.CONSULTATION, "recipient_id": uid,
         "subject": f"consultation:{consultation.pk}:org:{org.pk}", "period": consultation.closes_on.isoformat(),
         "object": ConsultationDue(consultation, org)}
        for org in organizations for uid in members.get(org.pk, [])
    ]
    remind_on = consultation.closes_on - timedelta(days=CONSULTATION_DAYS_BEFORE)
    return [reminders if remind_on <= today <= consultation.closes_on else [] for today in days]


def reminder_schedule(coalition, *, now=None, days: int = 14) -> list[dict]:
    """The reminders that will go out in the next `days` days, grouped by day, kind and subject,
    with how many are already sent (for coordinators). A fixed number of queries: the sources are
    read once for the whole window (due_reminders_at), and only the sent keys of the reminders
    listed are read, not the coalition's whole history."""
    now = now or timezone.now()
    moments = [now + timedelta(days=day) for day in range(days + 1)]
    seen, schedule = set(), []
    for at, due in zip(moments, due_reminders_at(coalition, moments), strict=True):
        for r in due:
            key = (r["recipient_id"], r["kind"], r["subject"], r["period"])
            if key not in seen:
                seen.add(key)
                schedule.append({"when": at, "kind": r["kind"], "object": r["object"], "key": key})
    sent = set(SentReminder.objects.filter(  # the unique key's index: recipient first
        coalition=coalition, recipient_id__in={key[0] for key in seen}, subject__in={key[2] for key in seen},
    ).values_list("recipient_id", "kind", "subject", "period")) if seen else set()
    for row in schedule:
        row["sent"] = row.pop("key") in sent
    return _group_schedule(schedule)


def _group_schedule(rows):
    grouped: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        key = (row["when"].date(), row["kind"], str(row["object"]))
        entry = grouped.setdefault(key, {"date": row["when"], "kind": row["kind"], "object": row["object"],
                                         "recipients": 0, "sent": 0})
        entry["recipients"] += 1
        entry["sent"] += int(row["sent"])
    return list(grouped.values())


def weekly_summary(membership, *, now=None) -> dict:
    """What one person's weekly summary holds, limited to their coalition (and, for a partner,
    to what concerns them or their organisation)."""
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
    coalition = membership.coalition
    if coordinator:
        _version, missing = endorsements_missing(coalition)
        return {
            "values_submitted": values_submitted(coalition, after=now - timedelta(days=7), until=now)[:50],
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


def late_now(coalition, *, today: date) -> list[dict]:
    """The reminders a coordinator sends with one click from the completeness overview: to the
    reporters of each organisation late for a current period (indicators.selectors.board
    .late_cells), keyed by the day, so that a second click, a retry or a double submission the
    same day sends nothing, whatever the automatic reminders sent."""
    from coalitions.models import Organization
    from indicators.selectors import board

    cells = list(board.late_cells(coalition, today))
    if not cells:
        return []
    periods = {p.pk: p for p in board.current_periods(coalition, today).values()}
    organizations = Organization.objects.in_bulk({c["organization_id"] for c in cells})
    reporters = _reporters(coalition)
    return [
        {"kind": ReminderKind.INDICATOR_LATE, "recipient_id": uid,
         "subject": f"period:{c['period_id']}:org:{c['organization_id']}", "period": f"now:{today.isoformat()}",
         "object": ReportingDue(periods[c["period_id"]], organizations[c["organization_id"]])}
        for c in cells if c["period_id"] in periods
        for uid in sorted(reporters.get(c["organization_id"], ()))
    ]
