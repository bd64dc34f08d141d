"""Dates and times in words, in the current language: « 1er avril 2026 », « 10 h 00 » in
Québec French; "April 1, 2026", "10:00 a.m." in English. Templates use them as the filters
``long_date``, ``weekday_date``, ``clock_time`` and ``long_datetime`` (``{% load coalition_tags %}``).

And the coalition's own date, ``local_today``: a coalition's day starts at midnight where it is,
not where the server is."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def local_today(coalition, now: datetime | None = None) -> date:
    """The date in the coalition's time zone now (or at ``now``): due dates, the current period,
    the report year and file names follow the coalition's calendar, not the server's."""
    return (now or timezone.now()).astimezone(ZoneInfo(coalition.time_zone)).date()


def long_date(day: date) -> str:
    """« 1er avril 2026 », « 31 mars 2027 »; "April 1, 2026" in English."""
    if day.day == 1:
        # Translators: a Django date format (F month, j day, Y year; a backslash keeps a letter as is).
        return format_date(day, pgettext("long date, first day of a month", "F j, Y"))
    # Translators: a Django date format (F month, j day, Y year).
    return format_date(day, pgettext("long date", "F j, Y"))


def weekday_date(day: date) -> str:
    """« mardi 12 mars 2030 »; "Tuesday, March 12, 2030" in English (the comma is English usage;
    a sentence start capitalises it with |capfirst)."""
    # Translators: a day of the week, then a long date: "Tuesday, March 12, 2030" (no comma in French).
    return _("%(weekday)s, %(date)s") % {"weekday": format_date(day, "l"), "date": long_date(day)}


def clock_time(moment: datetime | time) -> str:
    """« 10 h 00 », « 14 h 30 »; "10:00 a.m." in English. ``moment`` is already in the zone to show."""
    # Translators: a Django time format (g hour 1-12, G hour 0-23, i minutes, a a.m./p.m.; a backslash
    # keeps a letter as is).
    return format_date(moment, pgettext("time of day", "g:i a"))


def long_datetime(moment: datetime) -> str:
    """« 1er avril 2026 à 10 h 00 »; "April 1, 2026 at 10:00 a.m."."""
    return _("%(date)s at %(time)s") % {"date": long_date(moment.date()), "time": clock_time(moment)}
