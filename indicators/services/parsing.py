"""Reading the numbers of a value: decimals as people type them, the rules of each value type."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import (
    Aggregation,
    Indicator,
    ValueType,
)


def parse_decimal(raw, field: str, errors: dict):
    if raw is None or raw == "":
        return None
    try:
        number = Decimal(str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        errors[field] = _("Enter a number.")
        return None
    if not number.is_finite() or abs(number) >= Decimal("1e14"):
        errors[field] = _("Enter a number.")
        return None
    return number


def number_error(indicator: Indicator, number: Decimal) -> str:
    """What is wrong with a value, or one category's value, of a type other than the
    percentage ("" if nothing)."""
    kind = indicator.value_type
    if kind == ValueType.COUNT and (number < 0 or number != number.to_integral_value()):
        return _("A count is a whole number, zero or more.")
    if kind in (ValueType.AMOUNT, ValueType.RATE) and number < 0:
        return _("The value cannot be negative.")
    if kind == ValueType.AMOUNT and number != number.quantize(Decimal("0.01")):
        return _("An amount has at most two decimals.")
    if kind == ValueType.YES_NO and number not in (0, 1):
        return _("Answer yes (1) or no (0).")
    if kind == ValueType.SCALE and (number != number.to_integral_value() or not 1 <= number <= len(indicator.levels)):
        return _("Choose a level of the scale.")
    return ""


def fraction_errors(numerator: Decimal | None, denominator: Decimal | None, *,
                    missing: tuple[str, str]) -> dict[str, str]:
    """The rules of a percentage, for a value and for each of its categories alike:
    {"numerator" / "denominator": message} ({} if the fraction is sound). ``missing`` is the
    message for an empty numerator and an empty denominator."""
    errors = {}
    if numerator is None:
        errors["numerator"] = missing[0]
    elif numerator < 0 or numerator != numerator.to_integral_value():
        errors["numerator"] = _("The numerator is a whole number, zero or more.")
    if denominator is None:
        errors["denominator"] = missing[1]
    elif denominator <= 0 or denominator != denominator.to_integral_value():
        errors["denominator"] = _("The denominator is a whole number above zero.")
    if numerator is not None and denominator is not None and not errors and numerator > denominator:
        errors["numerator"] = _("The numerator cannot be greater than the denominator.")
    return errors


def percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """The value a percentage's numerator and denominator make, as stored."""
    return (100 * numerator / denominator).quantize(Decimal("0.0001"))


def clean_amounts(indicator: Indicator, *, value=None, numerator=None, denominator=None, weight=None) -> dict:
    """Check a value against its indicator's type; return the normalised numbers
    {value, numerator, denominator, weight} or raise ValidationError({field: message})."""
    errors: dict = {}
    value, numerator = parse_decimal(value, "value", errors), parse_decimal(numerator, "numerator", errors)
    denominator, weight = parse_decimal(denominator, "denominator", errors), parse_decimal(weight, "weight", errors)
    if errors:
        raise ValidationError(errors)
    kind = indicator.value_type
    if kind == ValueType.PERCENTAGE:
        errors.update(fraction_errors(numerator, denominator, missing=(_("Enter the numerator."),
                                                                       _("Enter the denominator."))))
        if not errors:
            value = percent(numerator, denominator)
    else:
        numerator = denominator = None
        if value is None:
            errors["value"] = _("Enter a value.")
        elif message := number_error(indicator, value):
            errors["value"] = message
    if indicator.aggregation == Aggregation.WEIGHTED_AVERAGE and kind != ValueType.PERCENTAGE:
        if weight is None or weight <= 0:
            errors["weight"] = _("Enter the weight of this value (e.g. the number of people), above zero.")
    else:
        weight = None
    if errors:
        raise ValidationError(errors)
    return {"value": value, "numerator": numerator, "denominator": denominator, "weight": weight}
