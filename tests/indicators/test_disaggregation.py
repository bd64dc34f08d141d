"""Disaggregation: dimensions and categories, the breakdown of a value, rollups per category."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from indicators import rollups
from indicators.models import Category, IndicatorRollup, IndicatorValue, ValueStatus
from indicators.services import breakdown, framework, review, values

from ..helpers import body
from .factories import CategoryFactory, IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign
from .helpers import post_value

pytestmark = pytest.mark.django_db


def categories_url(world, indicator):
    return reverse("indicators:indicator_categories", args=[world.coalition.slug, indicator.pk])


def test_a_coordinator_adds_dimensions_and_categories(client, world, measure):
    client.force_login(world.coordinator)
    url = categories_url(world, measure.indicator)
    assert "Aucune dimension pour le moment" in client.get(url).content.decode()
    for dimension, label in [("Groupe d'âge des enfants", "0-2 ans"), ("groupe d'âge des enfants", "3-5 ans"),
                             ("Territoire", "Forestville")]:
        assert client.post(url, {"dimension": dimension, "label": label}).status_code == 302
    with scopes_disabled():
        rows = list(Category.objects.filter(indicator=measure.indicator).values_list("dimension", "label"))
    assert sorted(rows) == [("Groupe d'âge des enfants", "0-2 ans"), ("Groupe d'âge des enfants", "3-5 ans"),
                            ("Territoire", "Forestville")]
    page = client.get(url).content.decode()
    assert "Groupe d&#x27;âge des enfants" in page and "Forestville" in page


def test_a_blank_category_gets_an_error_on_its_field_and_nothing_is_saved(client, world, measure):
    client.force_login(world.coordinator)
    response = client.post(categories_url(world, measure.indicator), {"dimension": "Territoire", "label": " "})
    assert response.status_code == 200
    assert "label" in response.context["form"].errors
    with scopes_disabled():
        assert not Category.objects.exists()


def test_a_partner_cannot_manage_categories(world, measure):
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        breakdown.category_add(actor=world.partner, indicator=measure.indicator, dimension="Territoire", label="X")


def test_a_category_with_values_is_not_deleted(client, world, measure, ages):
    young = ages[0]
    IndicatorValueFactory(period=measure.period, organization=world.organization, category=young, value=3)
    client.force_login(world.coordinator)
    client.post(reverse("indicators:category_delete", args=[world.coalition.slug, young.pk]))
    client.post(reverse("indicators:category_delete", args=[world.coalition.slug, ages[2].pk]))
    with scopes_disabled():
        assert Category.objects.filter(pk=young.pk).exists()
        assert not Category.objects.filter(pk=ages[2].pk).exists()


def test_the_entry_form_has_one_input_per_category(client, world, measure, ages):
    client.force_login(world.partner)
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    for category in ages:
        assert f'name="c{measure.period.pk}-{world.organization.pk}-category_{category.pk}"' in page
    assert "Groupe d&#x27;âge des enfants — 0-2 ans" in page


def _breakdown(ages, *numbers):
    return {f"category_{c.pk}": str(n) for c, n in zip(ages, numbers, strict=True)}


def test_categories_that_do_not_add_up_are_refused_with_the_input_kept(client, world, measure, ages):
    client.force_login(world.partner)
    response = post_value(client, world, measure.period, world.organization, value="10",
                          **_breakdown(ages, 4, 5, 6, 4))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Les catégories de «\u00a0Groupe d&#x27;âge des enfants\u00a0» doivent totaliser la valeur (10)" in html
    assert 'value="5"' in html and 'value="10"' in html
    form = response.context["cell"].form
    assert f"category_{ages[0].pk}" in form.errors and f"category_{ages[2].pk}" not in form.errors
    with scopes_disabled():
        assert not IndicatorValue.objects.exists()


def test_a_missing_category_is_refused_when_the_total_is_required(world, measure, ages):
    with scope(coalition=world.coalition), pytest.raises(ValidationError) as error:
        values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                            organization=world.organization, value=10,
                            categories={ages[0].pk: "4", ages[1].pk: "", ages[2].pk: "6", ages[3].pk: "4"})
    assert f"category_{ages[0].pk}" in error.value.error_dict
    with scopes_disabled():
        assert not IndicatorValue.objects.exists()


def test_a_negative_or_fractional_category_count_is_refused(world, measure, ages):
    with scope(coalition=world.coalition), pytest.raises(ValidationError) as error:
        values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                            organization=world.organization, value=10,
                            categories={ages[0].pk: "-1", ages[1].pk: "2.5", ages[2].pk: "6", ages[3].pk: "4"})
    assert {f"category_{ages[0].pk}", f"category_{ages[1].pk}"} <= set(error.value.error_dict)


def test_a_category_of_another_indicator_is_refused(world, measure, ages):
    foreign = CategoryFactory(indicator=IndicatorFactory(coalition=world.coalition))
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                            organization=world.organization, value=10, categories={foreign.pk: "10"})
    with scopes_disabled():
        assert not IndicatorValue.objects.exists()


def test_categories_need_not_add_up_unless_the_indicator_says_so(world, measure, ages):
    with scopes_disabled():
        measure.indicator.requires_category_total = False
        measure.indicator.save()
    with scope(coalition=world.coalition):
        values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                            organization=world.organization, value=10, categories={ages[0].pk: "3"})
    with scopes_disabled():
        assert IndicatorValue.objects.filter(category=ages[0], value=3).exists()


def test_a_breakdown_is_reviewed_with_its_value_and_rolled_up_per_category(client, world, measure, ages):
    client.force_login(world.partner)
    assert post_value(client, world, measure.period, world.organization, value="10",
                      **_breakdown(ages, 4, 6, 7, 3)).status_code == 302
    client.force_login(measure.other_partner)
    assert post_value(client, world, measure.period, measure.other_org, value="5",
                      **_breakdown(ages, 5, 0, 1, 4)).status_code == 302
    with scopes_disabled():
        parents = list(IndicatorValue.objects.filter(category__isnull=True))
        assert IndicatorValue.objects.filter(category__isnull=False, status=ValueStatus.SUBMITTED).count() == 8
    client.force_login(world.coordinator)
    review_page = client.get(reverse("indicators:review", args=[world.coalition.slug]))
    assert len(review_page.context["page_obj"].object_list) == 2  # the categories are not reviewed apart
    with scope(coalition=world.coalition):
        review.values_approve(actor=world.coordinator, coalition=world.coalition, ids=[p.pk for p in parents])
    rollups.recompute(world.coalition.pk)
    with scopes_disabled():
        assert IndicatorValue.objects.filter(status=ValueStatus.APPROVED).count() == 10
        by_category = dict(IndicatorRollup.objects.filter(category__isnull=False).values_list("category_id", "value"))
        total = IndicatorRollup.objects.get(category__isnull=True)
    assert total.value == 15
    assert by_category == {ages[0].pk: 9, ages[1].pk: 6, ages[2].pk: 8, ages[3].pk: 7}
    client.force_login(world.funder)
    html = client.get(reverse("indicators:indicator_detail", args=[world.coalition.slug, measure.indicator.pk]))
    html = html.content.decode()
    assert "Par catégorie" in html and "Les Escoumins" in html and "0-2 ans" in html
    # Returning the value takes its categories out of the coalition value.
    own = next(p for p in parents if p.organization_id == world.organization.pk)
    with scope(coalition=world.coalition):
        review.value_return(actor=world.coordinator, value=own, note="Vérifier le total.")
    rollups.recompute(world.coalition.pk)
    with scopes_disabled():
        assert IndicatorValue.objects.filter(organization=world.organization, status="returned").count() == 5
        assert IndicatorRollup.objects.get(category=ages[0]).value == 5  # the other organisation's only


def test_saving_the_same_breakdown_again_changes_nothing(world, measure, ages):
    kwargs = {"actor": world.partner, "indicator": measure.indicator, "period": measure.period,
              "organization": world.organization, "value": 10,
              "categories": {ages[0].pk: "4", ages[1].pk: "6", ages[2].pk: "7", ages[3].pk: "3"}}
    with scope(coalition=world.coalition):
        values.value_save(**kwargs)
    with scopes_disabled():
        before = sorted(IndicatorValue.objects.values_list("pk", "updated_at"))
    with scope(coalition=world.coalition):
        values.value_save(**kwargs)
    with scopes_disabled():
        assert sorted(IndicatorValue.objects.values_list("pk", "updated_at")) == before


def test_the_exports_have_one_row_per_category(client, world, measure, ages):
    IndicatorValueFactory(period=measure.period, organization=world.organization, value=10, status="approved")
    IndicatorValueFactory(period=measure.period, organization=world.organization, category=ages[2], value=7,
                          status="approved")
    rollups.recompute(world.coalition.pk)
    client.force_login(world.coordinator)
    for name in ("export_values", "export_rollups"):
        text = body(client.get(reverse(f"indicators:{name}", args=[world.coalition.slug]))).decode("utf-8-sig")
        assert any("Territoire: Forestville" in line and ",7" in line for line in text.splitlines())


@pytest.fixture
def answers(world, measure):
    """A yes/no indicator and a scale, each broken down by territory, reported by two organisations."""
    answer = IndicatorFactory(coalition=world.coalition, code="PE-05", value_type="yes_no", aggregation="average")
    level = IndicatorFactory(coalition=world.coalition, code="PE-06", value_type="scale", aggregation="average",
                             scale_labels="Faible\nMoyen\nFort")
    for indicator in (answer, level):
        PeriodFactory(indicator=indicator)
        assign(indicator, world.organization, measure.other_org)
    with scope(coalition=world.coalition):
        for indicator in (answer, level):
            for town in ("Forestville", "Les Escoumins"):
                breakdown.category_add(actor=world.coordinator, indicator=indicator, dimension="Territoire", label=town)
    return answer, level


def _categories(indicator, *numbers):
    with scopes_disabled():
        pks = list(Category.objects.filter(indicator=indicator).order_by("label").values_list("pk", flat=True))
    return {pk: str(n) for pk, n in zip(pks, numbers, strict=True)}


def test_yes_no_and_scale_values_are_broken_down_without_adding_up(world, measure, answers):
    answer, level = answers
    with scope(coalition=world.coalition):
        values.value_save(actor=world.partner, indicator=answer, period=answer.periods.get(),
                            organization=world.organization, value=1, categories=_categories(answer, 1, 1))
        values.value_save(actor=world.partner, indicator=level, period=level.periods.get(),
                            organization=world.organization, value=2, categories=_categories(level, 3, 1))
        for indicator, wrong in ((answer, 2), (level, 4)):
            with pytest.raises(ValidationError) as error:
                values.value_save(actor=world.partner, indicator=indicator, period=indicator.periods.get(),
                                    organization=world.organization, value=1,
                                    categories=_categories(indicator, wrong, 1))
            assert list(error.value.error_dict) == [f"category_{min(_categories(indicator, 0, 0))}"]
    with scopes_disabled():
        assert IndicatorValue.objects.filter(indicator=answer, category__isnull=False, value=1).count() == 2
        assert sorted(IndicatorValue.objects.filter(indicator=level, category__isnull=False)
                      .values_list("value", flat=True)) == [1, 3]


def test_yes_no_categories_roll_up_by_the_indicators_method(world, measure, answers):
    answer = answers[0]
    with scope(coalition=world.coalition):
        period = answer.periods.get()
        for user, organization, numbers in ((world.partner, world.organization, (1, 0)),
                                            (measure.other_partner, measure.other_org, (0, 0))):
            value = values.value_save(actor=user, indicator=answer, period=period, organization=organization,
                                        value=1, categories=_categories(answer, *numbers))
            review.value_approve(actor=world.coordinator, value=value)
    rollups.recompute(world.coalition.pk)
    with scopes_disabled():
        by_town = dict(IndicatorRollup.objects.filter(indicator=answer, category__isnull=False)
                       .values_list("category__label", "value"))
    assert by_town == {"Forestville": Decimal("0.5"), "Les Escoumins": 0}


def test_an_answer_per_category_cannot_be_asked_to_add_up(world, answers):
    with scope(coalition=world.coalition), pytest.raises(ValidationError) as error:
        framework.indicator_update(actor=world.coordinator, indicator=answers[0], requires_category_total=True)
    assert "requires_category_total" in error.value.error_dict


def test_the_entry_form_offers_yes_and_no_for_each_category(client, world, measure, answers):
    client.force_login(world.partner)
    with scopes_disabled():
        period = answers[0].periods.get()
        town = Category.objects.get(indicator=answers[0], label="Forestville")
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    assert f'<select name="c{period.pk}-{world.organization.pk}-category_{town.pk}"' in page
