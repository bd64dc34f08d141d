"""Whether a value looks plausible for its indicator and organization."""

import statistics
from decimal import Decimal
from typing import cast

from django.db import connection
from django.utils.translation import gettext as _

from ..formatting import format_value
from ..models import (
    Indicator,
    IndicatorValue,
    Period,
    ValueStatus,
)

# The median of an organisation's approved values was not looked up beforehand: query it.
LOOK_UP = object()


def plausibility(indicator: Indicator, organization, period: Period, value: Decimal | None, *,
                 median=LOOK_UP) -> str:
    """Why a value looks implausible ("" if it does not): outside the expected range, or more
    than 3x / less than a third of the organisation's median of its approved values (of the
    other periods, when there are at least two; ``median`` when the caller looked it up for
    many values at once, see ``usual_medians``)."""
    if value is None:
        return ""
    low = None if indicator.expected_min is None else Decimal(str(indicator.expected_min))
    high = None if indicator.expected_max is None else Decimal(str(indicator.expected_max))
    if low is not None and value < low:
        return _("below the lowest plausible value (%(min)s)") % {"min": format_value(low, indicator)}
    if high is not None and value > high:
        return _("above the highest plausible value (%(max)s)") % {"max": format_value(high, indicator)}
    if median is LOOK_UP:
        history = cast(list[Decimal], list(  # value__isnull=False: no None
            IndicatorValue.objects.filter(
                indicator=indicator, organization=organization, category__isnull=True, status=ValueStatus.APPROVED,
                value__isnull=False,
            ).exclude(period=period).values_list("value", flat=True)
        ))
        median = statistics.median(history) if len(history) >= 2 else None
    if median is not None and median > 0 and (value > 3 * median or value < median / 3):
        return _("far from this organization's usual values (median %(median)s)") % {
            "median": format_value(Decimal(str(median)), indicator)
        }
    return ""


def usual_medians(coalition_id: int, keys) -> dict[tuple[int, int | None, int], Decimal]:
    """{(indicator id, organization id or None, period id): median} of the approved values of
    each indicator and organisation in other periods, for the keys that have at least two: what
    ``plausibility`` compares a value with, for many values in one query. The middle two values
    of an even count are averaged, as ``statistics.median`` does."""
    keys = list(keys)
    if not keys:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT k.i, k.o, k.p,
                (percentile_disc(0.5) WITHIN GROUP (ORDER BY v.value)
                 + percentile_disc(0.5) WITHIN GROUP (ORDER BY v.value DESC)) / 2
            FROM unnest(%s::int[], %s::int[], %s::int[]) AS k(i, o, p)
                JOIN indicators_indicatorvalue v ON v.indicator_id = k.i
                    AND COALESCE(v.organization_id, 0) = COALESCE(k.o, 0) AND v.period_id <> k.p
            WHERE v.coalition_id = %s AND v.indicator_id = ANY(%s) AND v.category_id IS NULL
                AND v.status = 'approved' AND v.value IS NOT NULL
            GROUP BY k.i, k.o, k.p HAVING COUNT(*) >= 2""",
            [[k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys], coalition_id,
             sorted({k[0] for k in keys})])
        return {(i, o, p): median for i, o, p, median in cursor.fetchall()}
