"""One formatting function for a value of any indicator type, in French and English (issue 13,
point 2): the unit is never lost (« 28,4 % », not « 28,38 »), money and percentages follow each
language's typography, and a frozen report formats its values the same way."""

import pytest
from django.utils import translation

from indicators.formatting import ValueFormat, format_tick, format_value, unit_text

from .factories import IndicatorFactory

NB = "\u00a0"


def indicator(**fields):
    return IndicatorFactory.build(**{"unit": "", "unit_en": "", **fields})


@pytest.mark.parametrize(("kind", "unit", "unit_en", "value", "french", "english"), [
    ("percentage", "", "", "28.3784", f"28,4{NB}%", "28.4%"),
    ("percentage", "", "", 24, f"24{NB}%", "24%"),
    ("amount", "", "", "1234.5", f"1{NB}234,50{NB}$", "$1,234.50"),
    ("amount", "$", "", "-1234.5", f"-1{NB}234,50{NB}$", "-$1,234.50"),
    ("count", "familles", "families", 45, f"45{NB}familles", f"45{NB}families"),
    ("count", "familles", "", 45, f"45{NB}familles", f"45{NB}familles"),
    ("count", "", "", "1234.5", f"1{NB}234,5", "1,234.5"),
    ("rate", "", "", "12.34", f"12,3{NB}‰", "12.3‰"),
    ("yes_no", "", "", 1, "Oui", "Yes"),
])
def test_a_value_is_written_in_the_readers_language_with_its_unit(kind, unit, unit_en, value, french, english):
    shown = indicator(value_type=kind, unit=unit, unit_en=unit_en)
    with translation.override("fr"):
        assert format_value(value, shown) == french
    with translation.override("en"):
        assert format_value(value, shown) == english


def test_a_scale_value_names_its_level():
    shown = indicator(value_type="scale", scale_labels="Faible\nMoyen\nFort")
    assert format_value(2, shown) == "2 (Moyen)"
    assert format_value(9, shown) == "9"


def test_a_frozen_report_item_formats_like_its_indicator():
    live = indicator(value_type="percentage")
    frozen = {"code": "PE-02", "unit": "", **ValueFormat.of(live).as_dict()}
    with translation.override("fr"):
        assert format_value(28.38, frozen) == format_value(28.38, live) == f"28,4{NB}%"


def test_a_report_frozen_before_it_kept_the_type_shows_its_unit_as_written():
    with translation.override("fr"):
        assert format_value(45.0, {"unit": "familles"}) == f"45{NB}familles"


def test_units_and_axis_ticks_carry_the_symbol():
    percentage = indicator(value_type="percentage")
    with translation.override("fr"):
        assert unit_text(ValueFormat.of(percentage)) == "%"
        assert format_tick(25, percentage) == f"25{NB}%"
        assert format_tick(250000, indicator(value_type="amount")) == f"250{NB}000{NB}$"
        assert format_tick(20, indicator(value_type="count", unit="familles")) == "20"
    with translation.override("en"):
        assert unit_text(ValueFormat.of(indicator(unit="familles", unit_en="families"))) == "families"


@pytest.mark.parametrize("value", [None, "", "abc", "NaN", "Infinity", [], True])
def test_what_is_not_a_number_is_a_dash(value):
    assert format_value(value, indicator(value_type="percentage")) == "—"
