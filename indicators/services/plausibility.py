"""Whether a value looks plausible for its indicator and organization."""

import statistics
from decimal import Decimal
from typing import cast

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import (
    Indicator,
    IndicatorValue,
    Period,
    ValueStatus,
)


def plausibility(indicator: Indicator, organization, period: Period, value: Decimal | None) -> str:
    """Why a value looks implausible ("" if it does not): outside the expected range, or more
    than 3x / less than a third of the organisation's median of its approved values."""
    if value is None:
        return ""
    low = None if indicator.expected_min is None else Decimal(str(indicator.expected_min))
    high = None if indicator.expected_max is None else Decimal(str(indicator.expected_max))
    if low is not None and value < low:
        return _("below the lowest plausible value (%(min)s)") % {"min": number_format(low.normalize())}
    if high is not None and value > high:
        return _("above the highest plausible value (%(max)s)") % {"max": number_format(high.normalize())}
    history = cast(list[Decimal], list(  # value__isnull=False: no None
        IndicatorValue.objects.filter(
            indicator=indicator, organization=organization, category__isnull=True, status=ValueStatus.APPROVED,
            value__isnull=False,
        ).exclude(period=period).values_list("value", flat=True)
    ))
    if len(history) >= 2:
        median = statistics.median(history)
        if median > 0 and (value > 3 * median or value < median / 3):
            return _("far from this organization's usual values (median %(median)s)") % {
                "median": number_format(Decimal(str(median)).quantize(Decimal("0.1")).normalize())
            }
    return ""
