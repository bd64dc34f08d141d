"""Chart geometry and completeness (issue 13, points 1 and 3): pure functions, no database."""

from decimal import Decimal

import pytest
from django.utils import translation

from indicators.charts import FONT, NARROW_FONT, line_chart, nice_step, nice_ticks, text_width
from indicators.rollups import is_complete

from .factories import IndicatorFactory


@pytest.mark.parametrize(("reported", "expected", "threshold", "complete"), [
    (3, 3, 100, True), (2, 3, 100, False), (1, 3, 30, True), (1, 3, 34, False), (0, 0, 100, True),
    (1, 1, 100, True), (4, 3, 100, True),
])
def test_a_coalition_value_is_complete_from_the_threshold_on(reported, expected, threshold, complete):
    assert is_complete(reported, expected, threshold) is complete


def test_a_partial_period_is_drawn_apart_from_the_line():
    points = [("T1", Decimal(111)), ("T2", Decimal(120)), ("T3", Decimal(126)), ("T4", Decimal(45))]
    chart = line_chart(points, partial={"T4"})
    assert [d[2] for d in chart.dots] == ["T1", "T2", "T3"]
    assert len(chart.line.split()) == 3  # the line stops at the last complete period
    (x, y, label, value, text_y, anchor) = chart.partial_dots[0]
    assert (label, value) == ("T4", Decimal(45)) and text_y != y
    assert x == chart.width - 12 and anchor == "end"  # the word « partiel » is not cut at the edge


# Point 3: round ticks, labels that never overlap or clip --------------------------------------


@pytest.mark.parametrize(("low", "high", "ticks"), [
    (0, 146, [0, 50, 100, 150]),
    (0, Decimal("28.38"), [0, 10, 20, 30]),
    (0, Decimal("0.3"), [0, Decimal("0.1"), Decimal("0.2"), Decimal("0.3")]),
    (-12, 30, [-20, 0, 20, 40]),
    (0, 0, [0, Decimal("0.5"), 1]),
    (0, 250000, [0, 100000, 200000, 300000]),
])
def test_y_ticks_are_round_steps_of_one_two_or_five(low, high, ticks):
    assert nice_ticks(Decimal(low), Decimal(high)) == ticks


def test_a_step_is_one_two_or_five_times_a_power_of_ten():
    for span in (Decimal("0.007"), Decimal(3), Decimal("146"), Decimal("36.5"), Decimal(10) ** 20):
        step = nice_step(span)
        assert step.normalize().as_tuple().digits[0] in (1, 2, 5)


def test_the_old_ticks_are_gone():
    """« 36,5 / 73 / 109,5 » was the old scale for values up to 146: now 0, 50, 100, 150."""
    chart = line_chart([("T1", Decimal(100)), ("T2", Decimal(146))], fmt=IndicatorFactory.build(unit="familles"))
    with translation.override("fr"):
        assert [text for _y, text in chart.ticks] == ["0", "50", "100", "150"]


def test_percentage_ticks_carry_the_sign():
    with translation.override("fr"):
        chart = line_chart([("2025", Decimal("28.38"))], target=Decimal(24),
                           fmt=IndicatorFactory.build(value_type="percentage"))
    assert [text for _y, text in chart.ticks] == ["0\u00a0%", "10\u00a0%", "20\u00a0%", "30\u00a0%"]


@pytest.mark.parametrize("count", [4, 12, 24, 36])
@pytest.mark.parametrize("label", ["T4 2025", "Septembre 2025", "2025-2026"])
def test_period_labels_never_overlap_and_the_newest_is_whole(count, label):
    points = [(f"{label}·{k}", Decimal(k)) for k in range(count)]
    chart = line_chart(points)
    for labels, font in ((chart.labels, FONT), (chart.narrow_labels, NARROW_FONT)):
        assert labels[-1][1] == points[-1][0]  # the newest period is always named

        def extent(x, text, anchor, font=font):
            w = text_width(text, font)
            start = x - w / 2 if anchor == "middle" else x if anchor == "start" else x - w
            return start, start + w

        spans = [extent(*item) for item in labels]
        assert all(0 <= a and b <= chart.width for a, b in spans)  # nothing clipped
        assert all(spans[i][1] < spans[i + 1][0] for i in range(len(spans) - 1))  # nothing overlaps
