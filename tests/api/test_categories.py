"""Values broken down by category through the API: written by the entry page's service
(value_save), with its checks per category (the breakdown adds up to the total when the
indicator requires it), and read back as the rows of each category."""

import json
from datetime import date

import pytest
from django_scopes import scopes_disabled

from indicators.models import IndicatorValue
from tests.indicators.factories import CategoryFactory, IndicatorFactory, PeriodFactory, assign

from .helpers import api_url, bearer, token_for


def send(client, world, secret, method, path, body):
    return getattr(client, method)(api_url(world.coalition, path), json.dumps(body), content_type="application/json",
                                   **bearer(secret))


@pytest.fixture
def ages(world, data):
    """An indicator broken down by age group, whose groups must add up to the total."""
    with scopes_disabled():
        indicator = IndicatorFactory(coalition=world.coalition, code="PE-02", requires_category_total=True)
        period = PeriodFactory(indicator=indicator, start=date(2025, 1, 1))
        assign(indicator, world.organization)
        young, old = (CategoryFactory(indicator=indicator, dimension="Âge", label=label) for label in ("0-2", "3-5"))
    return indicator, period, young, old


def value(world, ages, total, *parts):
    indicator, period, young, old = ages
    return {"indicator": indicator.pk, "period": period.pk, "organization": world.organization.pk, "value": total,
            "categories": [{"category": c.pk, "value": v} for c, v in zip((young, old), parts, strict=False)]}


def test_a_partner_writes_a_breakdown_and_reads_it_back_as_rows_by_category(client, world, ages):
    secret = token_for(world.partner, world.coalition)
    created = send(client, world, secret, "post", "values/", value(world, ages, "10", "4", "6"))
    assert created.status_code == 201, created.content
    indicator, _period, young, old = ages
    rows = client.get(api_url(world.coalition, "values/"), {"indicator": indicator.pk}, **bearer(secret)).json()
    by_category = {row["category"]: row["value"] for row in rows["results"]}
    assert by_category == {None: "10.0000", young.pk: "4.0000", old.pk: "6.0000"}
    # A change of the breakdown through PATCH, the same service: the rows follow, the total too
    changed = send(client, world, secret, "patch", f"values/{created.json()['id']}/",
                   {"value": "12", "categories": [{"category": young.pk, "value": "5"},
                                                  {"category": old.pk, "value": "7"}]})
    assert changed.status_code == 200, changed.content
    with scopes_disabled():
        parts = dict(IndicatorValue.objects.filter(indicator=indicator, category__isnull=False)
                     .values_list("category_id", "value"))
    assert parts == {young.pk: 5, old.pk: 7}


def test_a_breakdown_that_does_not_add_up_is_refused_naming_the_category(client, world, ages):
    secret = token_for(world.partner, world.coalition)
    response = send(client, world, secret, "post", "values/", value(world, ages, "10", "4", "5"))
    assert response.status_code == 400
    _indicator, _period, young, _old = ages
    [message] = response.json()["errors"][f"category_{young.pk}"]
    assert "10" in message and "9" in message  # the total and what the categories add up to
    # A category left out is empty: the sum falls short, as on the entry page
    short = send(client, world, secret, "post", "values/", value(world, ages, "10", "4"))
    assert short.status_code == 400 and f"category_{young.pk}" in short.json()["errors"]
    # A category that is not a number is refused on its own field
    wrong = send(client, world, secret, "post", "values/", value(world, ages, "10", "quatre", "6"))
    assert wrong.json()["errors"][f"category_{young.pk}"] == ["Entrez un nombre."]
    with scopes_disabled():
        assert not IndicatorValue.objects.filter(indicator=ages[0]).exists()


def test_a_new_total_without_its_breakdown_is_checked_against_the_saved_one(client, world, ages):
    secret = token_for(world.partner, world.coalition)
    created = send(client, world, secret, "post", "values/", value(world, ages, "10", "4", "6")).json()
    response = send(client, world, secret, "patch", f"values/{created['id']}/", {"value": "11"})
    assert response.status_code == 400 and f"category_{ages[2].pk}" in response.json()["errors"]


def test_a_category_of_another_indicator_is_a_400_not_a_403(client, world, data, ages):
    secret = token_for(world.partner, world.coalition)
    with scopes_disabled():
        foreign = CategoryFactory(indicator=data.indicator)
    body = value(world, ages, "10", "4", "6")
    body["categories"].append({"category": foreign.pk, "value": "1"})
    response = send(client, world, secret, "post", "values/", body)
    assert response.status_code == 400 and str(foreign.pk) in response.json()["errors"]["categories"][0]
