"""Server-rendered charts and trend status. Pure functions: numbers in, SVG geometry out."""

import math
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from functools import lru_cache

from django.utils.translation import gettext

from .formatting import format_number, tick_formatter

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


# Text sizes the geometry leaves room for, in SVG units (a chart is 640 units wide): the ticks'
# font on a wide screen, and on a phone (static/indicators/indicators.css), where the chart
# shrinks to about half its width; a character is about 0.6 em wide in the system sans.
FONT, NARROW_FONT, CHAR = 11, 18, 0.6


def nice_step(span: Decimal, count: int = 4) -> Decimal:
    """The 1-2-5 step that cuts ``span`` in about ``count`` parts: 146 -> 50, 0.3 -> 0.1."""
    raw = span / count
    base = Decimal(1).scaleb(raw.adjusted())  # the power of ten at or below raw
    return next(base * m for m in (1, 2, 5, 10) if base * m >= raw)


def nice_ticks(low: Decimal, high: Decimal, count: int = 4) -> list[Decimal]:
    """Round ticks from at or below ``low`` to at or above ``high``: 0, 50, 100, 150, 200."""
    if high <= low:
        high = low + 1
    step = nice_step(high - low, count)
    tick = (low / step).to_integral_value(ROUND_FLOOR) * step
    ticks = [tick]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return [t.normalize() + 0 for t in ticks]  # + 0: no "-0"


def text_width(text: str, font: float) -> float:
    return len(text) * font * CHAR


def thinned_labels(xs: list[float], labels: list[str], font: float, width: int) -> list[tuple]:
    """(x, label, text-anchor) of the period labels to show: the newest always, then every
    n-th going back, n so that no two overlap at ``font``; the first and last are anchored
    so they never run off the chart (« T4 2025 » whole, never « T4 202 »). The charts of a
    report share their periods: each set of labels is placed once."""
    return list(_thinned(tuple(xs), tuple(labels), font, width))


@lru_cache(maxsize=256)
def _thinned(xs: tuple, labels: tuple, font: float, width: int) -> tuple:
    def placed(i: int) -> tuple:
        w = text_width(labels[i], font)
        if xs[i] + w / 2 > width:
            return xs[i], labels[i], "end", xs[i] - w, xs[i]
        if xs[i] - w / 2 < 0:
            return xs[i], labels[i], "start", xs[i], xs[i] + w
        return xs[i], labels[i], "middle", xs[i] - w / 2, xs[i] + w / 2

    for every in range(1, len(labels) + 1):
        shown = [placed(i) for i in range(len(labels) - 1, -1, -every)][::-1]
        if all(a[4] + font / 2 < b[3] for a, b in zip(shown, shown[1:], strict=False)):
            return tuple(item[:3] for item in shown)
    return ()


@dataclass
class Chart:
    width: int
    height: int
    line: str
    dots: list
    target_y: float | None
    baseline_y: float | None
    ticks: list  # (y, label), label already written
    labels: list  # (x, label, text-anchor) on a wide screen
    partial_dots: list = field(default_factory=list)  # (x, y, label, value, y and anchor of its word)
    left: int = 56  # where the plot area starts, right of the y ticks
    narrow_labels: list = field(default_factory=list)  # (x, label, text-anchor) on a phone


def line_chart(points: list[tuple[str, Decimal | None]], *, target=None, baseline=None, partial=(), fmt=None,
               width: int = 640, height: int = 260) -> Chart:
    """Geometry of a time-series chart: the values' line, the target and baseline lines.
    Points whose label is in ``partial`` (periods not every organisation has reported yet)
    are marked apart and left out of the line, so an incomplete sum never reads as a drop.

    The y axis has round ticks (steps of 1, 2 or 5 times a power of ten, written by
    ``format_tick`` for ``fmt``, an indicator or a frozen report's indicator) and starts at 0
    for positive values; the period labels are thinned so they never overlap, with a sparser
    set for phones; the SVG scales to its container (viewBox)."""
    right, top, bottom = 12, 12, 36
    numbers = [Decimal(str(v)) for _l, v in points if v is not None]
    extra = [Decimal(str(x)) for x in (target, baseline) if x is not None]
    every = [n for n in numbers + extra if n.is_finite()]
    low, high = (min(every), max(every)) if every else (Decimal(0), Decimal(1))
    low = min(low, Decimal(0))
    values = nice_ticks(low, high)
    low, high = values[0], values[-1]
    tick = tick_formatter(fmt) if fmt is not None else format_number
    texts = [tick(v) for v in values]
    left = max(36, math.ceil(max(text_width(t, NARROW_FONT) for t in texts)) + 10)
    inner_w, inner_h = width - left - right, height - top - bottom

    span = high - low

    def y(v) -> float:
        number = v if v.__class__ is Decimal else Decimal(str(v))
        return round(top + inner_h - float((number - low) / span) * inner_h, 1)

    if len(points) > 1:
        xs = [round(left + i * inner_w / (len(points) - 1), 1) for i in range(len(points))]
    else:
        xs = [round(left + inner_w / 2, 1)] * len(points)
    every_dot = [(xs[i], y(v), label, v) for i, (label, v) in enumerate(points) if v is not None]
    dots = [d for d in every_dot if d[2] not in partial]
    # a partial period's word goes above its dot (below it at the top), never past the right edge
    word = text_width(gettext("partial"), NARROW_FONT) / 2
    partial_dots = [(*d, d[1] - 9 if d[1] > top + 14 else d[1] + 16, "end" if d[0] + word > width else "middle")
                    for d in every_dot if d[2] in partial]
    labels = [label for label, _v in points]
    return Chart(
        width=width, height=height, line=" ".join(f"{x},{yy}" for x, yy, _l, _v in dots), dots=dots,
        target_y=y(target) if target is not None else None,
        baseline_y=y(baseline) if baseline is not None else None,
        ticks=[(y(v), text) for v, text in zip(values, texts, strict=True)],
        labels=thinned_labels(xs, labels, FONT, width), narrow_labels=thinned_labels(xs, labels, NARROW_FONT, width),
        partial_dots=partial_dots, left=left,
    )
