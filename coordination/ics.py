"""iCalendar files of meetings (RFC 5545), built with the icalendar library.

Each meeting keeps one UID, so a calendar replaces the event when it receives an update;
SEQUENCE grows with every change; DTSTART/DTEND carry the coalition's time zone (TZID) and the
file embeds the matching VTIMEZONE."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .permissions import can_see_meeting_details


def meeting_uid(meeting) -> str:
    return f"meeting-{meeting.uid}@concerto"


def _new_calendar(method: str = "PUBLISH") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Concerto//Meetings//FR")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


def meeting_event(meeting, *, details: bool, stamp=None) -> Event:
    """One meeting as a VEVENT; the agenda and video link only when ``details`` may be seen."""
    tz = ZoneInfo(meeting.coalition.time_zone)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("summary", meeting.title_with_kind)
    if meeting.place:
        event.add("location", meeting.place)
    url = settings.SITE_URL + reverse("coordination:meeting", args=[meeting.coalition.slug, meeting.pk])
    event.add("url", url)
    lines = []
    if meeting.video_url and details:
        lines.append(meeting.video_url)
    if details and meeting.agenda_items:
        lines.extend(f"- {item}" for item in meeting.agenda_items)
    lines.append(url)
    event.add("description", "\n".join(lines))
    if meeting.created_by_id and meeting.created_by.email:
        organizer = vCalAddress(f"mailto:{meeting.created_by.email}")
        organizer.params["cn"] = vText(str(meeting.created_by))
        event.add("organizer", organizer)
    return event


def meeting_calendar(meeting, *, membership=None, method: str = "PUBLISH", attendee=None) -> bytes:
    calendar = _new_calendar(method)
    event = meeting_event(meeting, details=membership is None or can_see_meeting_details(membership, meeting))
    if attendee is not None:  # an emailed invitation (METHOD:REQUEST) names its recipient
        address = vCalAddress(f"mailto:{attendee.email}")
        address.params.update({"cn": vText(str(attendee)), "role": vText("REQ-PARTICIPANT"),
                               "partstat": vText("NEEDS-ACTION"), "rsvp": vText("TRUE")})
        event.add("attendee", address)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_calendar(coalition, meetings, *, membership) -> bytes:
    """A member's subscription: the same events (same UIDs) as the invitations and downloads,
    so a calendar that has both keeps one copy; calendars re-read it about every hour."""
    calendar = _new_calendar()
    calendar.add("x-wr-calname", f"Concerto — {coalition.name}")
    calendar.add("x-wr-timezone", coalition.time_zone)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, details=can_see_meeting_details(membership, meeting),
                                             stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
