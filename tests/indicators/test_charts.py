"""Chart geometry and completeness (issue 13, points 1 and 3): pure functions, no database."""

from decimal import Decimal

import pytest

from indicators.charts import line_chart
from indicators.rollups import is_complete


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
    (x, y, label, value, text_y) = chart.partial_dots[0]
    assert (label, value) == ("T4", Decimal(45)) and text_y != y
