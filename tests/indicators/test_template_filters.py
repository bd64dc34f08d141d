"""The number filters never raise: a missing value ('' from a template lookup on None, text,
a non-finite number) shows as a dash, whatever the indicator's type (issue 10, point 11)."""

from datetime import date

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from indicators.models import ValueType
from indicators.templatetags.measurement import measure, num

from .factories import IndicatorFactory, PeriodFactory


@pytest.mark.parametrize("kind", ValueType.values)
@pytest.mark.parametrize("value", [None, "", "abc", "NaN", "Infinity", "-Infinity", [], object()])
def test_measure_shows_a_dash_for_what_is_not_a_number(kind, value):
    indicator = IndicatorFactory.build(value_type=kind, scale_labels="Faible\nMoyen\nFort")
    assert measure(value, indicator) == "—"


@pytest.mark.parametrize("value", [None, "", "abc", "NaN", "Infinity", {}])
def test_num_shows_a_dash_for_what_is_not_a_number(value):
    assert num(value) == "—"


def test_a_number_too_long_to_round_is_still_shown():
    assert num("1e30") == "1\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000"
    assert measure("1e999", IndicatorFactory.build(value_type="amount")) == "1e+999\u00a0$"


def test_measure_still_formats_numbers():
    amount = IndicatorFactory.build(value_type="amount")
    assert measure("1234.5", amount) == "1\u00a0234,50\u00a0$"
    assert measure(2, IndicatorFactory.build(value_type="count", unit="familles")) == "2\u00a0familles"


def test_the_page_of_an_amount_indicator_with_a_period_without_value_shows(client, world):
    with scopes_disabled():
        indicator = IndicatorFactory(coalition=world.coalition, value_type="amount", unit="$")
        PeriodFactory(indicator=indicator, start=date(2025, 1, 1))
    client.force_login(world.coordinator)
    response = client.get(reverse("indicators:indicator_detail", args=[world.coalition.slug, indicator.pk]))
    assert response.status_code == 200
