"""Reminders, invitations by email, digests and weekly summaries: exactly once, keyed by SentReminder."""


import logging
import smtplib
from datetime import timedelta
from functools import partial
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.dates import local_today
from coalitions.emails import LOST_AFTER, recipient_language, send_email
from coalitions.models import Membership, User
from coalitions.permissions import has_permission, require_permission

from .. import selectors
from ..models.communication import EmailFrequency, Notification, NotificationKind, NotificationPreference
from ..models.meetings import Invitee, Meeting
from ..models.reminders import ReminderKind, ReminderSettings, SentReminder
from ._common import _now, _url

# Reminders -----------------------------------------------------------------------------

_TEMPLATES = "coordination/email/"  # their subjects start with "[coalition name] "


REMINDER_FIELDS = ("meeting_enabled", "meeting_days_before", "minutes_enabled", "minutes_days_after",
                   "follow_up_enabled", "follow_up_days_before", "weekly_summary_enabled",
                   "indicator_enabled", "indicator_days_before", "indicator_escalation_days",
                   "endorsement_enabled", "endorsement_days_after")


@transaction.atomic
def reminder_settings_update(*, actor, coalition, **fields) -> ReminderSettings:
    require_permission(actor, coalition, "coordination.reminders:manage")
    errors = {}
    for key, value in fields.items():
        if key not in REMINDER_FIELDS:
            raise ValueError(key)
        if not key.endswith("_enabled") and (value is None or not 0 <= value <= 60):
            errors[key] = _("Enter a number of days between 0 and 60.")
    if errors:
        raise ValidationError(errors)
    current, _created = ReminderSettings.objects.select_for_update().get_or_create(coalition=coalition)
    for key, value in fields.items():
        setattr(current, key, value)
    current.save()
    return current


logger = logging.getLogger(__name__)

# A live run sends an email within seconds of claiming it (and the tasks' time limit stops a
# stuck one well before this): an older undelivered claim belongs to a worker that died.
STALE_CLAIM = timedelta(minutes=15)


def _clock():
    """The real time of claims and deliveries, whatever ``now`` a run is asked to act at: a
    catch-up run "as of" another time must not take a live worker's fresh claim for stale."""
    return timezone.now()


class _Failures:
    """Keeps a run going past one recipient's failed email (an unreachable server must not
    starve the others); the first error goes up at the end so the task retries, and the
    retry skips what was sent (keyed). Use ``with failures:`` around one recipient."""

    def __init__(self):
        self.first = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, Exception):
            self.first = self.first or exc
            return True
        return False

    def raise_first(self):
        if self.first is not None:
            raise self.first


def _permanent(error: Exception) -> bool:
    """A refused address or another 5xx answer: retrying would fail the same way."""
    return isinstance(error, smtplib.SMTPRecipientsRefused) or (
        isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500)


def _send_claimed(coalition, keys, send) -> None:
    """Send one email whose keys are claimed, and mark them delivered at once. A permanent
    refusal is logged and kept as delivered (never retried); any other failure gives the keys
    back and goes up, so a retry sends it."""
    try:
        send()
    except Exception as error:
        if not _permanent(error):
            for key in keys:
                release_reminder(coalition=coalition, **key)
            raise
        logger.warning("Reminder email refused for good (%s): %s", keys[0], error)
    confirm_delivered(coalition=coalition, keys=keys)


class ReminderKey(TypedDict):
    """The unique key of a SentReminder: what claim_reminder and release_reminder take."""

    recipient_id: int
    kind: str
    subject: str
    period: str


def claim_reminder(*, coalition, recipient_id: int, kind: str, subject: str, period: str) -> bool:
    """Insert the reminder's unique key (INSERT ... ON CONFLICT DO NOTHING) and commit it.
    True if this call claimed it and must send; False if it was already sent (or is being
    sent by a parallel run)."""
    with transaction.atomic():
        _row, created = SentReminder.objects.get_or_create(
            coalition=coalition, recipient_id=recipient_id, kind=kind, subject=subject, period=period,
            defaults={"claimed_at": _clock()},
        )
    return created


def confirm_delivered(*, coalition, keys) -> None:
    """Mark claimed keys as delivered once their email (or notification) has gone out."""
    if not keys:
        return  # an empty OR would match every key of the coalition
    condition = Q()
    for key in keys:
        condition |= Q(**key)
    SentReminder.objects.filter(condition, coalition=coalition, delivered_at__isnull=True).update(
        delivered_at=_clock())


def release_stale_claims(*, coalition) -> int:
    """Give back the keys a dead worker claimed but never delivered, so this run sends them.
    At most once becomes exactly once: only a death between the email and this mark, a
    moment, could still repeat one."""
    deleted, _ = SentReminder.objects.filter(
        coalition=coalition, delivered_at__isnull=True, claimed_at__lt=_clock() - STALE_CLAIM).delete()
    return deleted


PREFERENCE_OF = {
    ReminderKind.MEETING: NotificationKind.MEETING_REMINDER,
    ReminderKind.MINUTES: NotificationKind.MINUTES_REMINDER,
    ReminderKind.FOLLOW_UP_SOON: NotificationKind.FOLLOW_UP,
    ReminderKind.FOLLOW_UP_DUE: NotificationKind.FOLLOW_UP,
    ReminderKind.INVITATION: NotificationKind.MEETING_INVITATION,
    ReminderKind.INDICATOR_SOON: NotificationKind.INDICATOR_REMINDER,
    ReminderKind.INDICATOR_LATE: NotificationKind.INDICATOR_REMINDER,
    ReminderKind.INDICATOR_ESCALATION: NotificationKind.INDICATOR_REMINDER,
    ReminderKind.ENDORSEMENT: NotificationKind.ENDORSEMENT_REMINDER,
}


def _reminder_text(coalition, reminder) -> tuple[str, str, str, str]:
    """(email template, notification event, subject, url) of a reminder."""
    obj, kind = reminder["object"], reminder["kind"]
    if kind == ReminderKind.MEETING:
        return "meeting_reminder", "meeting_soon", obj.title, _url("coordination:meeting", coalition, obj.pk)
    if kind == ReminderKind.MINUTES:
        return "minutes_reminder", "minutes", obj.title, _url("coordination:meeting_minutes", coalition, obj.pk)
    if kind == ReminderKind.ENDORSEMENT:
        return "endorsement_reminder", "endorsement", str(obj.version), _url("conditions:agenda_endorse", coalition)
    event = "follow_up_soon" if kind == ReminderKind.FOLLOW_UP_SOON else "follow_up_due"
    return "follow_up_reminder", event, obj.what, _url("coordination:follow_ups", coalition)


def release_reminder(*, coalition, recipient_id: int, kind: str, subject: str, period: str) -> None:
    """Give a claimed key back after its email failed, so the task's retry sends it."""
    SentReminder.objects.filter(coalition=coalition, recipient_id=recipient_id, kind=kind, subject=subject,
                                period=period).delete()


# Indicator reminders go out grouped: one email (and one notification) per person, kind and day
# in the coalition's time zone, listing every (indicator, period, organisation) that reaches that
# kind that day. Each item keeps its own key, so nothing is reminded or escalated twice. Items
# reach a stage by date, so the day's first run finds them all; one that appears later in the day
# (an assignment made at noon) waits for the next day's email, or for the next stage's.
GROUPED_KINDS = (ReminderKind.INDICATOR_SOON, ReminderKind.INDICATOR_LATE, ReminderKind.INDICATOR_ESCALATION)
KEY_FIELDS = ("recipient_id", "kind", "subject", "period")


def _key(reminder) -> dict:
    return {k: reminder[k] for k in KEY_FIELDS}


def group_reminders(coalition, reminders, *, today) -> list[dict]:
    """The day's grouped reminders: per (recipient, kind), the items not sent yet (one query).
    Each group has its own key: (recipient, kind, "coalition:<id>", the local date)."""
    if not reminders:
        return []
    sent = set(SentReminder.objects.filter(
        coalition=coalition, kind__in=GROUPED_KINDS, subject__in={r["subject"] for r in reminders},
        recipient_id__in={r["recipient_id"] for r in reminders},
    ).values_list(*KEY_FIELDS))
    groups: dict[tuple[int, str], list[dict]] = {}
    for reminder in reminders:
        if tuple(_key(reminder).values()) in sent:
            continue
        groups.setdefault((reminder["recipient_id"], reminder["kind"]), []).append(reminder)
    return [
        {"recipient_id": recipient_id, "kind": kind, "subject": f"coalition:{coalition.pk}",
         "period": today.isoformat(), "items": sorted(items, key=_item_order)}
        for (recipient_id, kind), items in sorted(groups.items())
    ]


def _item_order(reminder):
    item = reminder["object"]
    return item.organization.name, item.period.due_date, item.indicator.code, item.period.start


def claim_group(*, coalition, group: dict) -> list[dict]:
    """Claim a group's key and the keys of its items in one transaction, committed before the
    email. Returns the items this call claimed: none when the group was already sent today (a
    duplicate or parallel run: the second insert waits for the first and finds its key), or
    when every item was sent meanwhile (the group's key is then not kept)."""
    claimed_at = _clock()
    with transaction.atomic():
        _row, created = SentReminder.objects.get_or_create(coalition=coalition, **_key(group),
                                                           defaults={"claimed_at": claimed_at})
        if not created:
            return []
        claimed = [item for item in group["items"]
                   if SentReminder.objects.get_or_create(coalition=coalition, **_key(item),
                                                         defaults={"claimed_at": claimed_at})[1]]
        if not claimed:
            transaction.set_rollback(True)
    return claimed


def _group_text(coalition, kind, items) -> tuple[str, str, str, str]:
    """(email template, notification event, subject, url) of a group of indicator reminders."""
    by_organization: dict[str, list[str]] = {}
    for item in (r["object"] for r in items):
        by_organization.setdefault(item.organization.name, []).append(f"{item.indicator.code} {item.period.label}")
    title = " · ".join(f"{', '.join(what)} — {name}" for name, what in by_organization.items())
    title = title if len(title) <= 300 else title[:299] + "…"
    if kind == ReminderKind.INDICATOR_ESCALATION:
        return "indicator_escalation", kind, title, _completeness_url(
            coalition, {r["object"].indicator.pk for r in items})
    return "indicator_reminder", kind, title, _url("indicators:entry", coalition)


def _completeness_url(coalition, indicator_ids: set[int]) -> str:
    """The completeness board, open on the indicator when there is only one."""
    url = _url("indicators:completeness", coalition)
    return url + f"?indicator={next(iter(indicator_ids))}" if len(indicator_ids) == 1 else url


def _group_context(coalition, kind, items, *, today, url) -> dict:
    objects = [r["object"] for r in items]
    context = {"items": objects, "object": objects[0], "kind": kind, "today": today, "url": settings.SITE_URL + url}
    if kind == ReminderKind.INDICATOR_ESCALATION:
        indicators = list({item.indicator.pk: item.indicator for item in objects}.values())
        context["days"] = max(selectors.reminder_settings(coalition).indicator_escalation_days, 1)
        context["boards"] = [(indicator, settings.SITE_URL + _completeness_url(coalition, {indicator.pk}))
                             for indicator in indicators]
    return context


def send_due_reminders(*, coalition, now=None) -> int:
    """Send each reminder that is due, at most once. Returns how many emails (or notifications,
    for people who read them in a digest) this run sent.

    Not atomic as a whole: each reminder's key is committed on its own, before its email, so a
    duplicate or parallel run skips it and a run killed half-way never repeats what was sent.
    A key whose worker died between the key and the email is given back by a later run
    (release_stale_claims), which sends it. An email that fails with an error gives its key
    back, the run goes on with the others, and the task is retried, so the retry sends it.
    Indicator reminders are grouped per person, kind and day (see group_reminders)."""

    now = _now(now)
    release_stale_claims(coalition=coalition)
    today = local_today(coalition, now)
    sent = 0
    users: dict[int, User] = {}  # recipient id -> user, read once
    failures = _Failures()
    due = selectors.due_reminders(coalition, now=now)
    for reminder in due:
        if reminder["kind"] in GROUPED_KINDS:
            continue
        frequency = selectors.frequency_for(coalition, reminder["recipient_id"], PREFERENCE_OF[reminder["kind"]])
        if frequency == EmailFrequency.NEVER:
            continue
        if not claim_reminder(coalition=coalition, **_key(reminder)):
            continue
        template, event, title, url = _reminder_text(coalition, reminder)
        context = {"reminder": reminder, "object": reminder["object"], "kind": reminder["kind"],
                   "url": settings.SITE_URL + url}
        with failures:
            _deliver(coalition, users, reminder, frequency, template=template, context=context, event=event,
                     title=title, url=url, now=now, keys=[_key(reminder)])
            sent += 1
    grouped = [r for r in due if r["kind"] in GROUPED_KINDS]
    for group in group_reminders(coalition, grouped, today=today):
        frequency = selectors.frequency_for(coalition, group["recipient_id"], PREFERENCE_OF[group["kind"]])
        if frequency == EmailFrequency.NEVER:
            continue
        items = claim_group(coalition=coalition, group=group)
        if not items:
            continue
        template, event, title, url = _group_text(coalition, group["kind"], items)
        context = _group_context(coalition, group["kind"], items, today=today, url=url)
        with failures:
            _deliver(coalition, users, group, frequency, template=template, context=context, event=event,
                     title=title, url=url, now=now, keys=[_key(group), *map(_key, items)])
            sent += 1
    failures.raise_first()
    return sent


def _deliver(coalition, users, reminder, frequency, *, template, context, event, title, url, now, keys) -> None:
    """Email a claimed reminder to those who want it immediately, and notify in the app. If the
    email fails, its claimed keys are given back and the error goes up (see _send_claimed)."""
    recipient_id = reminder["recipient_id"]
    if recipient_id not in users:
        users[recipient_id] = Membership.objects.select_related("user").get(
            coalition=coalition, user_id=recipient_id).user
    user = users[recipient_id]
    if frequency == EmailFrequency.IMMEDIATELY:
        _send_claimed(coalition, keys, lambda: send_email(
            to=user, coalition=coalition, template=_TEMPLATES + template, context=context))
    else:
        confirm_delivered(coalition=coalition, keys=keys)  # read in the digest: the notification is the delivery
    Notification.objects.create(coalition=coalition, recipient=user, kind=PREFERENCE_OF[reminder["kind"]],
                                event=event, title=title[:300], url=url, created_at=now,
                                emailed_at=now if frequency == EmailFrequency.IMMEDIATELY else None)


def send_meeting_invitations(*, meeting: Meeting, sequence: int) -> int:
    """Email each invitee the meeting's .ics once per version (sequence) of the meeting."""
    from django.utils import translation

    from ..ics import meeting_calendar

    if meeting.sequence != sequence:
        return 0  # a newer version is on its way
    coalition = meeting.coalition
    sent = 0
    failures = _Failures()
    invitees = Invitee.objects.filter(meeting=meeting).select_related("user")
    memberships = {m.user_id: m for m in Membership.objects.filter(coalition=coalition, is_active=True)}
    for invitee in invitees:
        if invitee.user_id not in memberships:
            continue
        frequency = selectors.frequency_for(coalition, invitee.user_id, NotificationKind.MEETING_INVITATION)
        if frequency == EmailFrequency.NEVER:
            continue
        key: ReminderKey = {"recipient_id": invitee.user_id, "kind": ReminderKind.INVITATION,
                            "subject": f"meeting:{meeting.pk}", "period": str(sequence)}
        if not claim_reminder(coalition=coalition, **key):
            continue
        with translation.override(recipient_language(invitee.user, coalition)):
            ics = meeting_calendar(meeting, membership=memberships[invitee.user_id], method="REQUEST",
                                   attendee=invitee.user)
        with failures:
            _send_claimed(coalition, [key], partial(
                send_email, to=invitee.user, coalition=coalition, template=_TEMPLATES + "meeting_invitation",
                context={"meeting": meeting, "update": sequence > 0,
                         "url": settings.SITE_URL + _url("coordination:meeting", coalition, meeting.pk)},
                attachments=[("rencontre.ics", ics, "text/calendar; method=REQUEST")]))
            sent += 1
    failures.raise_first()
    return sent


def send_lost_invitations(*, coalition, now=None) -> int:
    """Invitations whose task never finished (the broker was down at commit, or the worker died
    after claiming): upcoming meetings with an active invitee who has no key for the meeting's
    current version and does want invitations. Found in one query; normally there are none."""
    now = _now(now)
    release_stale_claims(coalition=coalition)
    key = SentReminder.objects.filter(
        coalition=coalition, recipient_id=OuterRef("user_id"), kind=ReminderKind.INVITATION,
        subject=Concat(Value("meeting:"), Cast(OuterRef("meeting_id"), CharField())),
        period=Cast(OuterRef("meeting__sequence"), CharField()),
    )
    refused = NotificationPreference.objects.filter(coalition=coalition, user_id=OuterRef("user_id"),
                                                    kind=NotificationKind.MEETING_INVITATION,
                                                    frequency=EmailFrequency.NEVER)
    active = Membership.objects.filter(coalition=coalition, user_id=OuterRef("user_id"), is_active=True)
    meeting_ids = set(Invitee.objects.filter(meeting__coalition=coalition, meeting__starts_at__gte=now)
                      .filter(Exists(active)).exclude(Exists(key)).exclude(Exists(refused))
                      .values_list("meeting_id", flat=True))
    sent = 0
    for meeting in Meeting.objects.filter(pk__in=meeting_ids).select_related("coalition", "created_by"):
        sent += send_meeting_invitations(meeting=meeting, sequence=meeting.sequence)
    return sent


def email_notifications(*, coalition, notification_ids) -> int:
    """Email notifications meant to be sent immediately, each exactly once: its claim
    (emailed_at) commits with its email, so a failure or a worker that dies mid-send leaves it
    unsent, for the task's retry or for send_lost_notification_emails."""
    sent = 0
    for pk in notification_ids:
        with transaction.atomic():
            claimed = Notification.objects.filter(pk=pk, coalition=coalition, emailed_at__isnull=True).update(
                emailed_at=timezone.now())
            if not claimed:
                continue
            notification = Notification.objects.select_related("recipient").get(pk=pk)
            send_email(to=notification.recipient, coalition=coalition, template=_TEMPLATES + "notification",
                       context={"notification": notification, "url": settings.SITE_URL + notification.url})
        sent += 1
    return sent


# A notification whose email is lost this long is stale news: the app and the digest still show it.
LOST_NOTIFICATION_MAX_AGE = timedelta(days=1)


def send_lost_notification_emails(*, coalition, now=None) -> int:
    """Part of the reminder run: notifications meant to be emailed at once (their recipient
    wants this kind immediately) whose email task was lost, found by their unset emailed_at."""
    now = _now(now)
    wants_later = NotificationPreference.objects.filter(
        coalition=coalition, user_id=OuterRef("recipient_id"), kind=OuterRef("kind"),
    ).exclude(frequency=EmailFrequency.IMMEDIATELY)
    lost = list(Notification.objects.filter(
        coalition=coalition, emailed_at__isnull=True,
        created_at__lt=now - LOST_AFTER, created_at__gt=now - LOST_NOTIFICATION_MAX_AGE,
    ).exclude(Exists(wants_later)).order_by("pk").values_list("pk", flat=True))
    return email_notifications(coalition=coalition, notification_ids=lost) if lost else 0


def send_digests(*, coalition, frequency: str, now=None) -> int:
    """One email per person with their not-yet-emailed notifications of the kinds they get as
    a daily (or weekly) digest. Each notification is claimed before the email, so once only."""
    now = _now(now)
    prefs = NotificationPreference.objects.filter(coalition=coalition, frequency=frequency)
    by_user: dict[int, list[str]] = {}
    for pref in prefs:
        by_user.setdefault(pref.user_id, []).append(pref.kind)
    sent = 0
    for user_id, kinds in by_user.items():
        # The claim commits with the email: if it fails or the worker dies, the rows stay unsent
        # and go in the retry's digest, or in the next one.
        with transaction.atomic():
            rows = list(Notification.objects.select_for_update(skip_locked=True).filter(
                coalition=coalition, recipient_id=user_id, kind__in=kinds, emailed_at__isnull=True,
                created_at__lte=now).order_by("created_at"))
            if not rows:
                continue
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=now)
            user = Membership.objects.select_related("user").get(coalition=coalition, user_id=user_id).user
            send_email(to=user, coalition=coalition, template=_TEMPLATES + "digest",
                       context={"notifications": rows, "frequency": frequency})
        sent += 1
    return sent



# Weekly summaries ----------------------------------------------------------------------


def send_weekly_summaries(*, coalition, now=None) -> int:
    """Monday's summary: coordinators get overdue follow-ups, meetings ahead and minutes to
    publish; partners get their own and their organisation's open follow-ups and the meetings
    they are invited to. Once per person and ISO week (SentReminder key)."""
    now = _now(now)
    if not selectors.reminder_settings(coalition).weekly_summary_enabled:
        return 0
    release_stale_claims(coalition=coalition)
    year, week, _day = local_today(coalition, now).isocalendar()
    period = f"{year}-W{week:02d}"
    sent = 0
    failures = _Failures()
    # The Monday runs repeat half-hourly: skip at once those already claimed, and those who said never.
    done = set(SentReminder.objects.filter(coalition=coalition, kind=ReminderKind.WEEKLY_SUMMARY, period=period)
               .values_list("recipient_id", flat=True))
    never = set(NotificationPreference.objects.filter(coalition=coalition, kind=NotificationKind.WEEKLY_SUMMARY,
                                                      frequency=EmailFrequency.NEVER).values_list("user_id", flat=True))
    for membership in Membership.objects.filter(coalition=coalition, is_active=True).select_related("user"):
        if not has_permission(membership, "coordination.follow_ups:view"):  # funders: no internal follow-ups
            continue
        if membership.user_id in done or membership.user_id in never:
            continue
        summary = selectors.weekly_summary(membership, now=now)
        if not any(summary.values()):
            continue
        key: ReminderKey = {"recipient_id": membership.user_id, "kind": ReminderKind.WEEKLY_SUMMARY,
                            "subject": f"coalition:{coalition.pk}", "period": period}
        if not claim_reminder(coalition=coalition, **key):
            continue

        def send(membership=membership, summary=summary):
            send_email(to=membership.user, coalition=coalition, template=_TEMPLATES + "weekly_summary",
                       context=summary)

        with failures:
            _send_claimed(coalition, [key], send)
            sent += 1
    failures.raise_first()
    return sent
