"""A percentage broken down by category: a numerator and a denominator per category, checked
like the total's, adding up to it when asked, rolled up as sum(numerators) / sum(denominators)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators import rollups
from indicators.models import IndicatorRollup, IndicatorValue
from indicators.services import review, values
from tests.factories import OrganizationFactory

from .factories import CategoryFactory, IndicatorFactory, PeriodFactory
from .helpers import post_value

pytestmark = pytest.mark.django_db


def _period(indicator):
    with scopes_disabled():
        return indicator.periods.get()


def _fields(towns, *pairs):
    data = {}
    for town, (numerator, denominator) in zip(towns, pairs, strict=True):
        data[f"category_{town.pk}_numerator"] = str(numerator)
        data[f"category_{town.pk}_denominator"] = str(denominator)
    return data


def _save(world, indicator, categories, numerator=10, denominator=40, actor=None, organization=None):
    with scope(coalition=world.coalition):
        return values.value_save(actor=actor or world.partner, indicator=indicator, period=_period(indicator),
                                   organization=organization or world.organization, numerator=numerator,
                                   denominator=denominator, categories=categories)


def test_a_percentage_can_be_broken_down_and_its_page_says_how(client, world, share):
    indicator, towns = share
    assert len(towns) == 2
    client.force_login(world.coordinator)
    html = client.get(reverse("indicators:indicator_categories", args=[world.coalition.slug, indicator.pk]))
    html = html.content.decode()
    assert "un numérateur et un dénominateur par catégorie" in html
    assert "Les numérateurs de chaque dimension doivent totaliser le numérateur déclaré" in html


def test_the_entry_form_has_a_labelled_numerator_and_denominator_per_category(client, world, share):
    indicator, towns = share
    client.force_login(world.partner)
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    prefix = f"c{_period(indicator).pk}-{world.organization.pk}"
    for town in towns:
        for part in ("numerator", "denominator"):
            name = f"{prefix}-category_{town.pk}_{part}"
            assert f'name="{name}"' in page and f'for="id_{name}"' in page
    assert "Territoire — Forestville — numérateur" in page
    assert "Territoire — Les Escoumins — dénominateur" in page


def test_a_breakdown_is_saved_with_its_percentages_and_saving_it_again_changes_nothing(client, world, share):
    indicator, towns = share
    client.force_login(world.partner)
    response = post_value(client, world, _period(indicator), world.organization, numerator="10",
                          denominator="40", **_fields(towns, (4, 10), (6, 30)))
    assert response.status_code == 302
    with scopes_disabled():
        rows = {v.category_id: v for v in IndicatorValue.objects.filter(indicator=indicator, category__isnull=False)}
        stamps = {pk: v.updated_at for pk, v in rows.items()}
    assert (rows[towns[0].pk].numerator, rows[towns[0].pk].denominator, rows[towns[0].pk].value) == (4, 10, 40)
    assert rows[towns[1].pk].value == Decimal("20")
    # The entry form shows the breakdown again.
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    assert 'value="30"' in page
    _save(world, indicator, {towns[0].pk: ("4", "10"), towns[1].pk: ("6", "30")})
    with scopes_disabled():
        assert {v.category_id: v.updated_at for v in IndicatorValue.objects.filter(
            indicator=indicator, category__isnull=False)} == stamps


@pytest.mark.parametrize(("pair", "field", "message"), [
    (("4", ""), "denominator", "Entrez aussi le dénominateur de cette catégorie, ou laissez les deux vides."),
    (("", "10"), "numerator", "Entrez aussi le numérateur de cette catégorie, ou laissez les deux vides."),
    (("-1", "10"), "numerator", "Le numérateur est un nombre entier, zéro ou plus."),
    (("4", "0"), "denominator", "Le dénominateur est un nombre entier plus grand que zéro."),
    (("12", "10"), "numerator", "Le numérateur ne peut pas dépasser le dénominateur."),
    (("x", "10"), "numerator", "Entrez un nombre."),
])
def test_each_category_is_checked_and_the_error_is_next_to_its_field(client, world, share, pair, field, message):
    indicator, towns = share
    with scopes_disabled():
        indicator.requires_category_total = False
        indicator.save()
    client.force_login(world.partner)
    response = post_value(client, world, _period(indicator), world.organization, numerator="10",
                          denominator="40", **_fields(towns, pair, ("", "")))
    assert response.status_code == 200
    form = response.context["cell"].form
    assert list(form.errors) == [f"category_{towns[0].pk}_{field}"]
    assert form.errors[f"category_{towns[0].pk}_{field}"] == [message]
    with scopes_disabled():
        assert not IndicatorValue.objects.filter(indicator=indicator).exists()


def test_numerators_and_denominators_must_add_up_to_the_total(client, world, share):
    indicator, towns = share
    client.force_login(world.partner)
    response = post_value(client, world, _period(indicator), world.organization, numerator="10",
                          denominator="40", **_fields(towns, (4, 10), (5, 31)))
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Les numérateurs de «\u00a0Territoire\u00a0» doivent totaliser le numérateur (10). "
            "Leur somme est 9.") in html
    assert "Les dénominateurs de «\u00a0Territoire\u00a0» doivent totaliser le dénominateur (40)" in html
    assert 'value="31"' in html  # the input is kept
    assert set(response.context["cell"].form.errors) == {f"category_{towns[0].pk}_numerator",
                                                         f"category_{towns[0].pk}_denominator"}
    with pytest.raises(ValidationError) as error:  # a missing category, too
        _save(world, indicator, {towns[0].pk: ("10", "40"), towns[1].pk: ("", "")})
    assert set(error.value.error_dict) == {f"category_{towns[0].pk}_numerator",
                                           f"category_{towns[0].pk}_denominator"}
    with scopes_disabled():
        assert not IndicatorValue.objects.filter(indicator=indicator).exists()


def test_categories_need_not_add_up_unless_the_indicator_says_so(world, share):
    indicator, towns = share
    with scopes_disabled():
        indicator.requires_category_total = False
        indicator.save()
    _save(world, indicator, {towns[0].pk: ("1", "3"), towns[1].pk: ("", "")})
    with scopes_disabled():
        assert IndicatorValue.objects.filter(category__isnull=False).count() == 1


def reference(rows: list[tuple]) -> Decimal | None:
    """The coalition percentage of a category, in plain Python: sum of numerators over sum of denominators."""
    denominator = sum(d for _n, d in rows)
    return 100 * sum(n for n, _d in rows) / denominator if denominator else None


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(st.integers(0, 500), st.integers(1, 500), st.integers(0, 500), st.integers(1, 500)),
                      min_size=1, max_size=4))
def test_each_category_rolls_up_as_the_sum_of_numerators_over_the_sum_of_denominators(world, pairs):
    with scopes_disabled():
        IndicatorRollup.objects.all().delete()
        IndicatorValue.objects.all().delete()
        indicator = IndicatorFactory(coalition=world.coalition, value_type="percentage", aggregation="average")
        period = PeriodFactory(indicator=indicator)
        towns = [CategoryFactory(indicator=indicator, dimension="Territoire", label=f"T{i}") for i in range(2)]
        expected = {towns[0].pk: [], towns[1].pk: []}
        for i, (n1, d1, n2, d2) in enumerate(pairs):
            organization = OrganizationFactory(coalition=world.coalition)
            n1, n2 = min(n1, d1), min(n2, d2)
            for category, (n, d) in ((None, (n1 + n2, d1 + d2)), (towns[0], (n1, d1)), (towns[1], (n2, d2))):
                IndicatorValue.objects.create(
                    coalition=world.coalition, indicator=indicator, period=period, organization=organization,
                    category=category, numerator=n, denominator=d, value=Decimal(100 * n / d).quantize(
                        Decimal("0.0001")), status="approved" if i % 3 != 2 else "submitted")
                if category is not None and i % 3 != 2:
                    expected[category.pk].append((Decimal(n), Decimal(d)))
    rollups.recompute(world.coalition.pk)
    with scopes_disabled():
        got = {r.category_id: r for r in IndicatorRollup.objects.filter(indicator=indicator, category__isnull=False)}
    for pk, rows in expected.items():
        if not rows:
            assert pk not in got
            continue
        assert got[pk].numerator == sum(n for n, _d in rows) and got[pk].denominator == sum(d for _n, d in rows)
        # Stored with four decimals, PostgreSQL's rounding of the division may differ by one unit there.
        assert abs(got[pk].value - reference(rows)) <= Decimal("0.0001")


def test_the_indicator_page_shows_a_percentage_per_category(client, world, measure, share):
    indicator, towns = share
    for actor, organization, pairs in ((world.partner, world.organization, ((4, 10), (6, 30))),
                                       (measure.other_partner, measure.other_org, ((1, 10), (0, 10)))):
        numerator = sum(n for n, _d in pairs)
        denominator = sum(d for _n, d in pairs)
        value = _save(world, indicator, {t.pk: (str(n), str(d)) for t, (n, d) in zip(towns, pairs, strict=True)},
                      numerator=numerator, denominator=denominator, actor=actor, organization=organization)
        with scope(coalition=world.coalition):
            review.value_approve(actor=world.coordinator, value=value)
    rollups.recompute(world.coalition.pk)
    with scopes_disabled():
        by_town = dict(IndicatorRollup.objects.filter(indicator=indicator, category__isnull=False)
                       .values_list("category__label", "value"))
    assert by_town == {"Forestville": 25, "Les Escoumins": 15}  # 5/20 and 6/40
    client.force_login(world.funder)
    html = client.get(reverse("indicators:indicator_detail", args=[world.coalition.slug, indicator.pk]))
    html = html.content.decode()
    assert "Territoire: Forestville</td><td>25\u00a0% <span class=\"muted\">(5 / 20)</span>" in html
    assert "15\u00a0% <span class=\"muted\">(6 / 40)</span>" in html
