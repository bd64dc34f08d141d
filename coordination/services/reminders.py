"""Reminders of meetings, minutes, follow-ups, indicator values and endorsements: what is
due, sent exactly once (keys in claims), by email or in the app as each person prefers."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coalitions.dates import local_today
from coalitions.emails import seeding_history, send_email
from coalitions.models import Membership, User
from coalitions.permissions import require_permission

from ..models.communication import EmailFrequency, Notification, NotificationKind
from ..models.meetings import Invitee
from ..models.reminders import ReminderKind, ReminderSettings, SentReminder
from ..selectors import reminders as selectors
from . import claims
from ._common import EMAIL_TEMPLATES, _now, _url
from .claims import claim_reminder, confirm_delivered, release_stale_claims, send_claimed

logger = logging.getLogger(__name__)

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
    ReminderKind.CONSULTATION: NotificationKind.CONSULTATION,
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
    if kind == ReminderKind.CONSULTATION:
        return ("consultation_reminder", "consultation_soon", obj.consultation.closes_on.isoformat(),
                _url("conditions:consultation_respond", coalition))
    event = "follow_up_soon" if kind == ReminderKind.FOLLOW_UP_SOON else "follow_up_due"
    return "follow_up_reminder", event, obj.what, _url("coordination:follow_ups", coalition)


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
    claimed_at = claims.clock()
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
    failures = claims.Failures()
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
    sent += _send_groups(coalition, group_reminders(coalition, grouped, today=today), now=now, today=today,
                         users=users, failures=failures)
    failures.raise_first()
    return sent


def _send_groups(coalition, groups, *, now, today, users, failures) -> int:
    """Claim and deliver grouped indicator reminders; returns how many were sent."""
    sent = 0
    for group in groups:
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
    return sent


def settle_due_reminders(*, coalition, now=None) -> int:
    """Seeded history: mark every reminder due now, and every meeting invitation, as already
    delivered, without sending it, so the first reminder run after a demo is seeded does not
    email months of backlog. Only
    while seeding (coalitions.emails.seeding_history); returns how many keys it wrote."""
    if not seeding_history():
        return 0
    at = claims.clock()
    keys = [SentReminder(coalition=coalition, claimed_at=at, delivered_at=at, **_key(reminder))
            for reminder in selectors.due_reminders(coalition, now=_now(now))]
    # The seeded meetings' invitations (their current version) count as sent too.
    keys += [
        SentReminder(coalition=coalition, claimed_at=at, delivered_at=at, recipient_id=user_id,
                     kind=ReminderKind.INVITATION, subject=f"meeting:{meeting_id}", period=str(sequence))
        for user_id, meeting_id, sequence in Invitee.objects.filter(coalition=coalition).values_list(
            "user_id", "meeting_id", "meeting__sequence")
    ]
    return len(SentReminder.objects.bulk_create(keys, ignore_conflicts=True))


def _deliver(coalition, users, reminder, frequency, *, template, context, event, title, url, now, keys) -> None:
    """Email a claimed reminder to those who want it immediately, and notify in the app. If the
    email fails, its claimed keys are given back and the error goes up (see _send_claimed)."""
    recipient_id = reminder["recipient_id"]
    if recipient_id not in users:
        users[recipient_id] = Membership.objects.select_related("user").get(
            coalition=coalition, user_id=recipient_id).user
    user = users[recipient_id]
    if frequency == EmailFrequency.IMMEDIATELY:
        send_claimed(coalition, keys, lambda: send_email(
            to=user, coalition=coalition, template=EMAIL_TEMPLATES + template, context=context))
    else:
        confirm_delivered(coalition=coalition, keys=keys)  # read in the digest: the notification is the delivery
    Notification.objects.create(coalition=coalition, recipient=user, kind=PREFERENCE_OF[reminder["kind"]],
                                event=event, title=title[:300], url=url, created_at=now,
                                emailed_at=now if frequency == EmailFrequency.IMMEDIATELY else None)


def remind_late_now(*, actor, coalition, now=None) -> int:
    """Remind, now, every organisation late for a current period (the completeness overview's
    one click): one grouped reminder per person, as the daily reminders are, through the same
    exactly-once keys, keyed by the day (see selectors.late_now). Returns how many people were
    reminded; a second call the same day reminds nobody."""
    require_permission(actor, coalition, "coordination.reminders:manage")
    now = _now(now)
    today = local_today(coalition, now)
    groups = group_reminders(coalition, selectors.late_now(coalition, today=today), today=today)
    for group in groups:
        group["subject"] += ":now"  # its own group key: the automatic reminder of the day keeps its own
    failures = claims.Failures()
    sent = _send_groups(coalition, groups, now=now, today=today, users={}, failures=failures)
    failures.raise_first()
    return sent
