"""Monday's weekly summary, once per person and ISO week (a SentReminder key)."""

from coalitions.dates import local_today
from coalitions.emails import send_email
from coalitions.models import ConsentPurpose, Membership
from coalitions.permissions import has_permission
from coalitions.rights import consenting_user_ids

from ..models.communication import EmailFrequency, NotificationKind, NotificationPreference
from ..models.reminders import ReminderKind, SentReminder
from ..selectors import reminders as selectors
from . import claims
from ._common import EMAIL_TEMPLATES, _now
from .claims import ReminderKey, claim_reminder, release_stale_claims, send_claimed


def send_weekly_summaries(*, coalition, now=None) -> int:
    """Monday's summary: coordinators get overdue follow-ups, meetings ahead and minutes to
    publish; partners get their own and their organisation's open follow-ups and the meetings
    they are invited to. Only to the people who asked for it (an optional purpose they consented to,
    withdrawn at any time from the profile). Once per person and ISO week (SentReminder key)."""
    now = _now(now)
    if not selectors.reminder_settings(coalition).weekly_summary_enabled:
        return 0
    release_stale_claims(coalition=coalition)
    year, week, _day = local_today(coalition, now).isocalendar()
    period = f"{year}-W{week:02d}"
    sent = 0
    failures = claims.Failures()
    # The Monday runs repeat half-hourly: skip at once those already claimed, and those who said never.
    done = set(SentReminder.objects.filter(coalition=coalition, kind=ReminderKind.WEEKLY_SUMMARY, period=period)
               .values_list("recipient_id", flat=True))
    never = set(NotificationPreference.objects.filter(coalition=coalition, kind=NotificationKind.WEEKLY_SUMMARY,
                                                      frequency=EmailFrequency.NEVER).values_list("user_id", flat=True))
    wanted = consenting_user_ids(ConsentPurpose.WEEKLY_SUMMARY)
    for membership in (Membership.objects.filter(coalition=coalition, is_active=True, user_id__in=wanted)
                       .select_related("user")):
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
            send_email(to=membership.user, coalition=coalition, template=EMAIL_TEMPLATES + "weekly_summary",
                       context=summary)

        with failures:
            send_claimed(coalition, [key], send)
            sent += 1
    failures.raise_first()
    return sent
