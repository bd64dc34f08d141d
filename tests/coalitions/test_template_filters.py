"""Date filters show nothing for what is not a date, as Django's |date does, instead of failing
the page: a template lookup on a missing object gives '' (issue 10, point 11)."""

from datetime import date, datetime, time

import pytest
from django.utils.translation import override

from coalitions.templatetags.coalition_tags import clock_time, long_date, long_datetime, weekday_date
from coordination.templatetags.coordination_tags import due_in


@pytest.mark.parametrize("value", [None, "", "2026-04-01", 0, 1.5, object()])
def test_the_date_filters_show_nothing_for_what_is_not_a_date(value):
    assert long_date(value) == weekday_date(value) == clock_time(value) == long_datetime(value) == ""
    assert due_in(value, date(2026, 4, 1)) == due_in(date(2026, 4, 1), value) == ""


def test_the_date_filters_still_speak_french():
    assert long_date(date(2026, 4, 1)) == "1er avril 2026"
    assert clock_time(time(14, 30)) == "14\u00a0h\u00a030"
    assert long_datetime(datetime(2026, 4, 1, 10)) == "1er avril 2026 à 10\u00a0h\u00a000"
    assert due_in(date(2026, 4, 4), date(2026, 4, 1)) == "dans 3 jours"


@pytest.mark.parametrize(("language", "day", "expected"), [
    ("en", date(2030, 3, 12), "Tuesday, March 12, 2030"),  # English puts a comma after the weekday
    ("en", datetime(2030, 10, 1, 9), "Tuesday, October 1, 2030"),
    ("fr", date(2030, 3, 12), "mardi 12 mars 2030"),  # French does not
    ("fr", datetime(2030, 10, 1, 9), "mardi 1er octobre 2030"),
])
def test_a_date_with_its_weekday_follows_each_language(language, day, expected):
    with override(language):
        assert weekday_date(day) == expected
