"""What the reminder test modules share: a frozen clock in the coalitions' time zone and one
reminder run."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django_scopes import scope

from coordination.services import reminders

TORONTO = ZoneInfo("America/Toronto")
MEETING_AT = datetime(2030, 3, 12, 14, 0, tzinfo=TORONTO)


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=TORONTO) + timedelta(hours=hour)


def run_reminders(world, now):
    with scope(coalition=world.coalition):
        return reminders.send_due_reminders(coalition=world.coalition, now=now)


def recipients():
    return sorted(address for m in mail.outbox for address in m.to)
