from datetime import date

import pytest

from indicators.periods import generate_periods, period_containing, period_label


@pytest.mark.parametrize("frequency,day,expected", [
    ("monthly", date(2025, 2, 14), (date(2025, 2, 1), date(2025, 2, 28))),
    ("monthly", date(2024, 2, 29), (date(2024, 2, 1), date(2024, 2, 29))),
    ("quarterly", date(2025, 5, 31), (date(2025, 4, 1), date(2025, 6, 30))),
    ("semi_annual", date(2025, 12, 31), (date(2025, 7, 1), date(2025, 12, 31))),
    ("annual", date(2025, 3, 3), (date(2025, 1, 1), date(2025, 12, 31))),
    ("school_year", date(2025, 8, 31), (date(2024, 9, 1), date(2025, 8, 31))),
    ("school_year", date(2025, 9, 1), (date(2025, 9, 1), date(2026, 8, 31))),
    ("fiscal_year", date(2026, 3, 15), (date(2025, 4, 1), date(2026, 3, 31))),
    ("fiscal_year", date(2026, 4, 1), (date(2026, 4, 1), date(2027, 3, 31))),
])
def test_it_finds_the_period_containing_a_day(frequency, day, expected):
    assert period_containing(frequency, day) == expected


def test_it_generates_consecutive_quarters_covering_the_range():
    periods = generate_periods("quarterly", date(2024, 2, 10), date(2025, 1, 5))
    assert periods == [
        (date(2024, 1, 1), date(2024, 3, 31)), (date(2024, 4, 1), date(2024, 6, 30)),
        (date(2024, 7, 1), date(2024, 9, 30)), (date(2024, 10, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 3, 31)),
    ]


@pytest.mark.parametrize("frequency", ["monthly", "quarterly", "semi_annual", "annual", "school_year", "fiscal_year"])
def test_it_leaves_no_gap_and_no_overlap(frequency):
    periods = generate_periods(frequency, date(2019, 5, 17), date(2026, 11, 26))
    assert periods[0][0] <= date(2019, 5, 17) <= periods[0][1]
    assert periods[-1][0] <= date(2026, 11, 26) <= periods[-1][1]
    for (_s1, end), (start, _e2) in zip(periods, periods[1:], strict=False):
        assert (start - end).days == 1


def test_it_generates_nothing_for_an_empty_range():
    assert generate_periods("monthly", date(2025, 2, 1), date(2025, 1, 1)) == []


def test_it_labels_periods_in_french(settings):
    from django.utils import translation

    with translation.override("fr"):
        assert period_label("quarterly", date(2025, 4, 1), date(2025, 6, 30)) == "T2 2025"
        assert period_label("monthly", date(2025, 3, 1), date(2025, 3, 31)) == "Mars 2025"
        assert period_label("school_year", date(2024, 9, 1), date(2025, 8, 31)) == "2024-2025"
