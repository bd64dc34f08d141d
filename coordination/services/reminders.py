"""Reminders, invitations by email, digests and weekly summaries: exactly once, keyed by SentReminder."""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.models import Membership
from coalitions.permissions import has_permission, require_permission

from .. import selectors
from ..models import (
    Frequency,
    Invitee,
    Meeting,
    Notification,
    NotificationKind,
    NotificationPreference,
    ReminderKind,
    ReminderSettings,
    SentReminder,
)
from ._common import _now, _url

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


def _reminder_text(coalition, reminder) -> tuple[str, str, str, str]:
    """(email template, notification event, subject, url) of a reminder."""
    obj, kind = reminder["object"], reminder["kind"]
    if kind == ReminderKind.MEETING:
        return "meeting_reminder", "meeting_soon", obj.title, _url("coordination:meeting", coalition, obj.pk)
    if kind == ReminderKind.MINUTES:
        return "minutes_reminder", "minutes", obj.title, _url("coordination:meeting_minutes", coalition, obj.pk)
    event = "follow_up_soon" if kind == ReminderKind.FOLLOW_UP_SOON else "follow_up_due"
    return "follow_up_reminder", event, obj.what, _url("coordination:follow_ups", coalition)


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

    from ..emails import send_email

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
        template, event, title, url = _reminder_text(coalition, reminder)
        if frequency == Frequency.IMMEDIATELY:
            try:
                send_email(user=user, coalition=coalition, template=template,
                           context={"reminder": reminder, "object": reminder["object"], "kind": reminder["kind"],
                                    "url": settings.SITE_URL + url})
            except Exception:
                release_reminder(coalition=coalition, **key)
                raise  # the task retries with backoff; the released key lets it send this one
        Notification.objects.create(coalition=coalition, recipient=user, kind=PREFERENCE_OF[reminder["kind"]],
                                    event=event, title=title[:300], url=url, created_at=now,
                                    emailed_at=now if frequency == Frequency.IMMEDIATELY else None)
        sent += 1
    return sent


def send_meeting_invitations(*, meeting: Meeting, sequence: int) -> int:
    """Email each invitee the meeting's .ics once per version (sequence) of the meeting."""
    from django.utils import translation

    from ..emails import language_of, send_email
    from ..ics import meeting_calendar

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
            ics = meeting_calendar(meeting, membership=memberships[invitee.user_id], method="REQUEST",
                                   attendee=invitee.user)
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
    from ..emails import send_email

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
    from ..emails import send_email

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



# Weekly summaries ----------------------------------------------------------------------


def send_weekly_summaries(*, coalition, now=None) -> int:
    """Monday's summary: coordinators get overdue follow-ups, meetings ahead and minutes to
    publish; partners get their own and their organisation's open follow-ups and the meetings
    they are invited to. Once per person and ISO week (SentReminder key)."""
    from django.utils import translation

    from ..emails import language_of, send_email

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
