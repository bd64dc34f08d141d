"""Server-rendered charts and trend status. Pure functions: numbers in, SVG geometry out."""

from dataclasses import dataclass, field
from decimal import Decimal

ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA = "on_track", "at_risk", "off_track", "no_data"


def trend_status(values: list[Decimal], target: Decimal | None, direction: str) -> str:
    """On track when the latest value meets the target; at risk when it does not but the
    trend goes the right way (or there is a single value, or no target and a flat trend);
    off track otherwise; no data without any value."""
    if not values:
        return NO_DATA
    sign = 1 if direction == "higher" else -1
    latest = values[-1]
    improving = len(values) >= 2 and sign * (latest - values[-2]) > 0
    worsening = len(values) >= 2 and sign * (latest - values[-2]) < 0
    if target is not None:
        if sign * (latest - target) >= 0:
            return ON_TRACK
        return AT_RISK if improving or len(values) < 2 else OFF_TRACK
    if improving:
        return ON_TRACK
    return OFF_TRACK if worsening else AT_RISK


def sparkline_points(values: list, width: int = 100, height: int = 28, pad: int = 2) -> str:
    """The ``points`` attribute of an SVG polyline for ``values`` (None are skipped)."""
    numbers = [float(v) for v in values if v is not None]
    if not numbers:
        return ""
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1.0
    step = (width - 2 * pad) / max(len(numbers) - 1, 1)
    return " ".join(
        f"{pad + i * step:.1f},{height - pad - (n - low) / span * (height - 2 * pad):.1f}"
        for i, n in enumerate(numbers)
    )


@dataclass
class Chart:
    width: int
    height: int
    line: str
    dots: list
    target_y: float | None
    baseline_y: float | None
    ticks: list  # (y, label)
    labels: list  # (x, label)
    partial_dots: list = field(default_factory=list)  # (x, y, label, value, y of its word) of partial periods
    left: int = 56  # where the plot area starts, right of the y ticks


def line_chart(points: list[tuple[str, Decimal | None]], *, target=None, baseline=None, partial=(),
               width: int = 640, height: int = 260) -> Chart:
    """Geometry of a time-series chart: the values' line, the target and baseline lines.
    Points whose label is in ``partial`` (periods not every organisation has reported yet)
    are marked apart and left out of the line, so an incomplete sum never reads as a drop."""
    left, right, top, bottom = 56, 12, 12, 36
    numbers = [float(v) for _l, v in points if v is not None]
    extra = [float(x) for x in (target, baseline) if x is not None]
    every = numbers + extra
    low, high = (min(every), max(every)) if every else (0.0, 1.0)
    low = min(low, 0.0) if low >= 0 else low
    if high == low:
        high = low + 1
    inner_w, inner_h = width - left - right, height - top - bottom

    def y(v: float) -> float:
        return round(top + inner_h - (v - low) / (high - low) * inner_h, 1)

    step = inner_w / max(len(points) - 1, 1)
    every_dot = [
        (round(left + i * step, 1), y(float(v)), label, v) for i, (label, v) in enumerate(points) if v is not None
    ]
    dots = [d for d in every_dot if d[2] not in partial]
    # a partial period's word goes above its dot, or below it at the top of the chart
    partial_dots = [(*d, d[1] - 9 if d[1] > top + 14 else d[1] + 16) for d in every_dot if d[2] in partial]
    every_n = max(1, len(points) // 8)
    labels = [(round(left + i * step, 1), label) for i, (label, _v) in enumerate(points) if i % every_n == 0]
    ticks = [(y(low + (high - low) * k / 4), round(low + (high - low) * k / 4, 2)) for k in range(5)]
    return Chart(
        width=width, height=height, line=" ".join(f"{x},{yy}" for x, yy, _l, _v in dots), dots=dots,
        target_y=y(float(target)) if target is not None else None,
        baseline_y=y(float(baseline)) if baseline is not None else None,
        ticks=ticks, labels=labels, partial_dots=partial_dots, left=left,
    )
