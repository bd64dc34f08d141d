"""The one place an indicator's value becomes text, in the reader's language.

Every page, export, email and frozen report shows a value through ``format_value`` (templates
through the ``measure`` filter): « 28,4 % », « 1 234,50 $ », « 45 familles » in French,
« 28.4% », « $1,234.50 », « 45 families » in English (the unit's English label when the
indicator has one, else the unit as written). Anything that is not a finite number shows as a
dash, so a page never fails on a missing value. A rule that hides or rounds a value for
everyone (e.g. small-number suppression) belongs here, and only here.

What is formatted is described by a ``ValueFormat``: made from an ``Indicator`` or from the
dict a frozen report keeps for each indicator (``ValueFormat.of``)."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.core.signals import setting_changed
from django.utils import numberformat, translation
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DASH = "—"
NBSP = "\u00a0"

# Decimal places shown per type (at most; trailing zeros dropped, except for amounts).
PLACES = {"percentage": 1, "rate": 1, "scale": 1, "amount": 2, "count": 2}


@dataclass(frozen=True)
class ValueFormat:
    value_type: str = "count"
    unit: str = ""
    unit_en: str = ""
    levels: tuple = ()

    @classmethod
    def of(cls, source) -> "ValueFormat":
        """From an Indicator, a frozen report's indicator dict, or a ValueFormat. A frozen
        report made before it kept the type has only the unit: shown as a count."""
        if isinstance(source, ValueFormat):
            return source
        if isinstance(source, dict):
            return cls(source.get("value_type") or "count", source.get("unit") or "",
                       source.get("unit_en") or "", tuple(source.get("levels") or ()))
        levels = getattr(source, "levels", ()) if getattr(source, "value_type", "") == "scale" else ()
        return cls(getattr(source, "value_type", "") or "count", getattr(source, "unit", "") or "",
                   getattr(source, "unit_en", "") or "", tuple(levels))

    def as_dict(self) -> dict:
        """What a frozen report keeps to format its values later, in any language."""
        return {"value_type": self.value_type, "unit": self.unit, "unit_en": self.unit_en,
                "levels": list(self.levels)}


def _english() -> bool:
    return (translation.get_language() or "").startswith("en")


def as_number(value) -> Decimal | None:
    """The finite number ``value`` is, else None ('' from a template lookup, text, NaN)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value) if isinstance(value, float) else value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def rounded(number: Decimal, places: int) -> Decimal:
    try:
        return number.quantize(Decimal(1).scaleb(-int(places)))
    except InvalidOperation:  # more digits than the decimal context holds: shown unrounded
        return number


@lru_cache(maxsize=32)
def _separators(language: str | None) -> tuple[str, object, str]:
    """The decimal separator, the grouping and the thousands separator of ``language``, read
    once (Django's ``number_format`` looks the three up again for every number)."""
    return (get_format("DECIMAL_SEPARATOR", language, use_l10n=True),
            get_format("NUMBER_GROUPING", language, use_l10n=True),
            get_format("THOUSAND_SEPARATOR", language, use_l10n=True))


def _forget_separators(**kwargs) -> None:
    _separators.cache_clear()


setting_changed.connect(_forget_separators)  # a test overriding the formats (Django resets its own cache)


def _grouped(number: Decimal, separators: tuple) -> str:
    """``number_format(number, force_grouping=True)`` for a Decimal, with the separators
    already read: the same text (django.utils.numberformat.format), its common case written
    out (a uniform grouping, fewer than 200 digits)."""
    decimal_sep, grouping, thousand_sep = separators
    _sign, digits, exponent = number.as_tuple()
    if not isinstance(grouping, int) or grouping <= 0 or abs(exponent) + len(digits) > 200:
        return numberformat.format(number, decimal_sep, None, grouping, thousand_sep, force_grouping=True,
                                   use_l10n=True)
    text = f"{number:f}"
    sign = ""
    if text[0] == "-":
        sign, text = "-", text[1:]
    int_part, _dot, dec_part = text.partition(".")
    if len(int_part) > grouping:
        head = len(int_part) % grouping or grouping
        int_part = thousand_sep.join([int_part[:head]] + [int_part[i:i + grouping]
                                                          for i in range(head, len(int_part), grouping)])
    return sign + int_part + (decimal_sep + dec_part if dec_part else "")


def _number_text(number: Decimal, places: int, keep_zeros: bool, separators: tuple) -> str:
    number = rounded(number, places)
    if not keep_zeros:
        number = number.to_integral_value() if number == number.to_integral_value() else number.normalize()
    return _grouped(number, separators)


def format_number(value, places: int = 2, *, keep_zeros: bool = False) -> str:
    """A bare number in the reader's language (« 1 234,5 », « 1,234.5 »), rounded to
    ``places`` and, unless ``keep_zeros``, without trailing zeros."""
    number = as_number(value)
    if number is None:
        return DASH
    return _number_text(number, places, keep_zeros, _separators(translation.get_language()))


def unit_text(fmt: ValueFormat) -> str:
    """The unit as a reader sees it next to a number: « % », « $ », « ‰ », the counted thing."""
    if fmt.value_type == "percentage":
        return "%"
    if fmt.value_type == "amount":
        return "$"
    if fmt.value_type == "rate":
        return "‰"
    if fmt.value_type in ("yes_no", "scale"):
        return ""
    return (fmt.unit_en or fmt.unit) if _english() else fmt.unit


def format_value(value, source, *, places: int | None = None) -> str:
    """``value`` of an indicator (``source``: an Indicator, a frozen report's dict or a
    ValueFormat) with its unit, in the reader's language; a dash when it is not a number."""
    return value_formatter(source, places=places)(value)


def value_formatter(source, *, places: int | None = None) -> Callable[[object], str]:
    """``format_value`` for ``source``, prepared once in the active language: a function of
    the value. A chart or a report writes hundreds of values of one indicator with it."""
    fmt = ValueFormat.of(source)
    kind = fmt.value_type
    english = _english()
    separators = _separators(translation.get_language())
    places = PLACES.get(kind, 2) if places is None else places

    if kind == "yes_no":
        yes, no, half = _("Yes"), _("No"), Decimal("0.5")

        def yes_no(value) -> str:
            number = as_number(value)
            return DASH if number is None else (yes if number >= half else no)
        return yes_no
    if kind == "amount":
        def amount(value) -> str:
            number = as_number(value)
            if number is None:
                return DASH
            text = _number_text(abs(number), places, True, separators)
            sign = "-" if rounded(number, places) < 0 else ""
            return f"{sign}${text}" if english else f"{sign}{text}{NBSP}$"
        return amount
    if kind == "scale":
        levels = fmt.levels

        def scale(value) -> str:
            number = as_number(value)
            if number is None:
                return DASH
            text = _number_text(number, places, False, separators)
            index = int(number.to_integral_value()) if abs(number) < 10**6 else 0
            label = levels[index - 1] if 1 <= index <= len(levels) else ""
            return f"{text} ({label})" if label else text
        return scale
    unit = unit_text(fmt)
    if not unit:
        suffix = ""
    elif unit in ("%", "‰"):
        suffix = unit if english else f"{NBSP}{unit}"
    else:
        suffix = f"{NBSP}{unit}"

    def plain(value) -> str:
        number = as_number(value)
        return DASH if number is None else _number_text(number, places, False, separators) + suffix
    return plain


def format_tick(value, source) -> str:
    """A chart axis label: the number, with « % » or « $ » for percentages and amounts."""
    return tick_formatter(source)(value)


def tick_formatter(source) -> Callable[[object], str]:
    """``format_tick`` for ``source``, prepared once (see ``value_formatter``)."""
    fmt = ValueFormat.of(source)
    if fmt.value_type in ("percentage", "amount", "rate"):
        return value_formatter(fmt, places=0 if fmt.value_type == "amount" else 1)
    return _bare(2)


def _bare(places: int) -> Callable[[object], str]:
    separators = _separators(translation.get_language())

    def bare(value) -> str:
        number = as_number(value)
        return DASH if number is None else _number_text(number, places, False, separators)
    return bare


def partial_note(reported: int, expected: int) -> str:
    """« partiel : 1 organisme sur 3 »: how far the reporting of a partial period is."""
    return ngettext("partial: %(n)s organization of %(m)s", "partial: %(n)s organizations of %(m)s",
                    reported) % {"n": reported, "m": expected}
