"""Meeting invitations by email (with the .ics), once per invitee and version of the meeting,
and the sweep that finds those whose task was lost."""

from functools import partial

from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat

from coalitions.emails import recipient_language, send_email
from coalitions.models import Membership

from ..models.communication import EmailFrequency, NotificationKind, NotificationPreference
from ..models.meetings import Invitee, Meeting
from ..models.reminders import ReminderKind, SentReminder
from ..selectors import reminders as selectors
from . import claims
from ._common import EMAIL_TEMPLATES, _now, _url
from .claims import ReminderKey, claim_reminder, release_stale_claims, send_claimed


def send_meeting_invitations(*, meeting: Meeting, sequence: int) -> int:
    """Email each invitee the meeting's .ics once per version (sequence) of the meeting."""
    from django.utils import translation

    from ..ics import meeting_calendar

    if meeting.sequence != sequence:
        return 0  # a newer version is on its way
    coalition = meeting.coalition
    sent = 0
    failures = claims.Failures()
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
            send_claimed(coalition, [key], partial(
                send_email, to=invitee.user, coalition=coalition, template=EMAIL_TEMPLATES + "meeting_invitation",
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
