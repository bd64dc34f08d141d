"""Reporting periods generated from an indicator's frequency. Pure functions, no database."""

from datetime import date, timedelta
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# frequency -> (months per period, month the first period of a year starts in)
STEPS = {
    "monthly": (1, 1),
    "quarterly": (3, 1),
    "semi_annual": (6, 1),
    "annual": (12, 1),
    "school_year": (12, 9),
    "fiscal_year": (12, 4),
}


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def period_containing(frequency: str, day: date) -> tuple[date, date]:
    """The (start, end) of the period of ``frequency`` that contains ``day``; end inclusive."""
    months, anchor = STEPS[frequency]
    offset = (day.month - anchor) % 12
    start = _add_months(date(day.year, day.month, 1), -(offset % months))
    return start, _add_months(start, months) - timedelta(days=1)


def generate_periods(frequency: str, first_day: date, last_day: date) -> list[tuple[date, date]]:
    """Every period of ``frequency`` that overlaps [first_day, last_day], in order."""
    if last_day < first_day:
        return []
    months, _anchor = STEPS[frequency]
    start, end = period_containing(frequency, first_day)
    periods = []
    while start <= last_day:
        periods.append((start, end))
        start = end + timedelta(days=1)
        end = _add_months(start, months) - timedelta(days=1)
    return periods


def period_label(frequency: str, start: date, end: date) -> str:
    """« Mars 2026 », « T1 2026 »: a period's name in the active language."""
    return _label(frequency, start, end, get_language())


@lru_cache(maxsize=8192)
def _label(frequency: str, start: date, end: date, language: str | None) -> str:
    """period_label, remembered per language: a page names up to a hundred periods, each
    through date_format, and a name depends only on these four (and on the catalogues)."""
    if frequency == "monthly":
        return date_format(start, "F Y").capitalize()
    if frequency == "quarterly":
        return _("Q%(quarter)s %(year)s") % {"quarter": (start.month - 1) // 3 + 1, "year": start.year}
    if frequency == "semi_annual":
        return _("H%(half)s %(year)s") % {"half": 1 if start.month <= 6 else 2, "year": start.year}
    if frequency == "annual":
        return str(start.year)
    return f"{start.year}-{end.year}"
