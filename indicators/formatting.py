"""The one place an indicator's value becomes text, in the reader's language.

Every page, export, email and frozen report shows a value through ``format_value`` (templates
through the ``measure`` filter): « 28,4 % », « 1 234,50 $ », « 45 familles » in French,
« 28.4% », « $1,234.50 », « 45 families » in English (the unit's English label when the
indicator has one, else the unit as written). Anything that is not a finite number shows as a
dash, so a page never fails on a missing value. A rule that hides or rounds a value for
everyone (e.g. small-number suppression) belongs here, and only here.

What is formatted is described by a ``ValueFormat``: made from an ``Indicator`` or from the
dict a frozen report keeps for each indicator (``ValueFormat.of``)."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
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


_SEPARATORS: dict[str | None, tuple] = {}


def _separators() -> tuple:
    """(decimal separator, grouping, thousand separator) of the active language, as
    ``number_format`` reads them, looked up once per language: a page formats hundreds of
    values (twelve charts of twelve periods), and each lookup of the three costs more than the
    formatting itself. The formats of a language do not change while the process runs."""
    lang = translation.get_language()
    found = _SEPARATORS.get(lang)
    if found is None:
        found = _SEPARATORS[lang] = (get_format("DECIMAL_SEPARATOR", lang, use_l10n=True),
                                     get_format("NUMBER_GROUPING", lang, use_l10n=True),
                                     get_format("THOUSAND_SEPARATOR", lang, use_l10n=True))
    return found


@receiver(setting_changed)
def _forget_separators(**kwargs) -> None:
    """As Django forgets its own formats' cache when a test changes a setting."""
    _SEPARATORS.clear()
    _formatted.cache_clear()


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


def format_number(value, places: int = 2, *, keep_zeros: bool = False) -> str:
    """A bare number in the reader's language (« 1 234,5 », « 1,234.5 »), rounded to
    ``places`` and, unless ``keep_zeros``, without trailing zeros."""
    number = as_number(value)
    if number is None:
        return DASH
    number = rounded(number, places)
    if not keep_zeros:
        number = number.to_integral_value() if number == number.to_integral_value() else number.normalize()
    decimal_sep, grouping, thousand_sep = _separators()  # number_format(number, force_grouping=True)
    return numberformat.format(number, decimal_sep, None, grouping, thousand_sep, force_grouping=True, use_l10n=True)


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
    number = as_number(value)
    if number is None:
        return DASH
    return _formatted(ValueFormat.of(source), str(number), places, translation.get_language())


@lru_cache(maxsize=8192)
def _formatted(fmt: ValueFormat, digits: str, places: int | None, language: str | None) -> str:
    """format_value of a number (written exactly, ``str(Decimal)``), remembered per format and
    language: a home's chart writes each value in its dot, its table row and its summary."""
    number = Decimal(digits)
    kind = fmt.value_type
    english = (language or "").startswith("en")
    places = PLACES.get(kind, 2) if places is None else places
    if kind == "yes_no":
        return _("Yes") if number >= Decimal("0.5") else _("No")
    if kind == "amount":
        text = format_number(abs(number), places, keep_zeros=True)
        sign = "-" if rounded(number, places) < 0 else ""
        return f"{sign}${text}" if english else f"{sign}{text}{NBSP}$"
    text = format_number(number, places)
    if kind == "scale":
        index = int(number.to_integral_value()) if abs(number) < 10**6 else 0
        label = fmt.levels[index - 1] if 1 <= index <= len(fmt.levels) else ""
        return f"{text} ({label})" if label else text
    unit = unit_text(fmt)
    if not unit:
        return text
    if unit in ("%", "‰"):
        return f"{text}{unit}" if english else f"{text}{NBSP}{unit}"
    return f"{text}{NBSP}{unit}"


def format_tick(value, source) -> str:
    """A chart axis label: the number, with « % » or « $ » for percentages and amounts."""
    fmt = ValueFormat.of(source)
    if fmt.value_type in ("percentage", "amount", "rate"):
        return format_value(value, fmt, places=0 if fmt.value_type == "amount" else 1)
    return format_number(value, 2)


def partial_note(reported: int, expected: int) -> str:
    """« partiel : 1 organisme sur 3 »: how far the reporting of a partial period is."""
    return ngettext("partial: %(n)s organization of %(m)s", "partial: %(n)s organizations of %(m)s",
                    reported) % {"n": reported, "m": expected}
