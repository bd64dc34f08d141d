"""Indicators linked to the plan: priorities of the agenda and actions of the plan."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from indicators.models import Indicator
from indicators.services import framework
from tests.conditions.factories import ActionFactory, ActionPlanFactory, PriorityFactory
from tests.conditions.test_agenda import publish

from .factories import IndicatorFactory, IndicatorRollupFactory, PeriodFactory, TargetFactory
from .helpers import indicator_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_items(world):
    priority = PriorityFactory(coalition=world.coalition, title="Soutenir les parents")
    action = ActionFactory(plan=ActionPlanFactory(coalition=world.coalition), title="Visites à domicile",
                           priorities=[priority])
    foreign_priority = PriorityFactory(coalition=world.other_coalition, title="Sécurité alimentaire")
    foreign_action = ActionFactory(plan=ActionPlanFactory(coalition=world.other_coalition))
    return priority, action, foreign_priority, foreign_action


def test_it_links_an_indicator_to_priorities_and_actions_in_its_form(client, world, plan_items):
    priority, action, _fp, _fa = plan_items
    client.force_login(world.coordinator)
    response = client.post(reverse("indicators:indicator_create", args=[world.coalition.slug]),
                           indicator_post(priorities=[priority.pk], actions=[action.pk]))
    assert response.status_code == 302
    with scopes_disabled():
        indicator = Indicator.objects.get(code="PE-02")
        assert list(indicator.priorities.all()) == [priority]
        assert list(indicator.actions.all()) == [action]
    detail = reverse("indicators:indicator_detail", args=[world.coalition.slug, indicator.pk])
    page = client.get(detail).content.decode()
    assert "Liens avec le plan" in page
    assert "Soutenir les parents" in page and "Visites à domicile" in page


def test_the_edit_form_unlinks_what_is_unticked(client, world, plan_items):
    priority, action, _fp, _fa = plan_items
    indicator = IndicatorFactory(coalition=world.coalition, code="PE-02")
    with scopes_disabled():
        indicator.priorities.set([priority])
        indicator.actions.set([action])
    client.force_login(world.coordinator)
    response = client.post(reverse("indicators:indicator_edit", args=[world.coalition.slug, indicator.pk]),
                           indicator_post(value_type="count", priorities=[priority.pk]))
    assert response.status_code == 302
    with scopes_disabled():
        assert list(indicator.priorities.all()) == [priority]
        assert not indicator.actions.exists()


@pytest.mark.parametrize("field", ["priorities", "actions"])
def test_another_coalitions_ids_posted_by_hand_get_a_field_error(client, world, plan_items, field):
    priority, action, foreign_priority, foreign_action = plan_items
    foreign = foreign_priority if field == "priorities" else foreign_action
    client.force_login(world.coordinator)
    response = client.post(reverse("indicators:indicator_create", args=[world.coalition.slug]),
                           indicator_post(**{field: [foreign.pk]}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    with scopes_disabled():
        assert not Indicator.objects.filter(code="PE-02").exists()


@pytest.mark.parametrize("field", ["priorities", "actions"])
def test_the_service_refuses_another_coalitions_priority_or_action(world, plan_items, field):
    priority, action, foreign_priority, foreign_action = plan_items
    foreign = foreign_priority if field == "priorities" else foreign_action
    indicator = IndicatorFactory(coalition=world.coalition)
    with scope(coalition=world.coalition), pytest.raises(ValidationError) as error:
        framework.indicator_links_set(actor=world.coordinator, indicator=indicator, **{field: [foreign.pk]})
    assert field in error.value.error_dict
    with scope(coalition=world.coalition), pytest.raises(ValidationError):
        framework.indicator_create(actor=world.coordinator, coalition=world.coalition, code="X-1", name_fr="Nom",
                                  reporting_start=date(2025, 1, 1), **{field: [foreign]})
    with scopes_disabled():
        assert not indicator.priorities.exists() and not indicator.actions.exists()
        assert not Indicator.objects.filter(code="X-1").exists()


def _linked(world, action, priority, n):
    with scopes_disabled():
        for _i in range(n):
            indicator = IndicatorFactory(coalition=world.coalition)
            period = PeriodFactory(indicator=indicator, start=date(2025, 1, 1))
            IndicatorRollupFactory(period=period, value=42)
            TargetFactory(indicator=indicator, value=40)
            indicator.actions.add(action)
            indicator.priorities.add(priority)
        return indicator


@pytest.mark.parametrize("role", ["coordinator", "partner", "funder"])
def test_the_action_page_shows_the_indicators_it_contributes_to(client, world, plan_items, role):
    priority, action, _fp, _fa = plan_items
    indicator = _linked(world, action, priority, 1)
    client.force_login(getattr(world, role))
    page = client.get(reverse("conditions:action", args=[world.coalition.slug, action.pk])).content.decode()
    assert "Les indicateurs auxquels cette action contribue" in page
    assert indicator.code in page and "42" in page
    assert "En bonne voie" in page


def test_the_action_page_says_when_no_indicator_is_linked(client, world, plan_items):
    _p, action, _fp, _fa = plan_items
    client.force_login(world.coordinator)
    page = client.get(reverse("conditions:action", args=[world.coalition.slug, action.pk])).content.decode()
    assert "Aucun indicateur n’est encore lié à cette action." in page


def test_the_agenda_shows_the_indicators_of_each_priority(client, world, plan_items):
    priority, action, _fp, _fa = plan_items
    publish(world)
    indicator = _linked(world, action, priority, 1)
    client.force_login(world.funder)
    page = client.get(reverse("conditions:agenda", args=[world.coalition.slug])).content.decode()
    assert "Mesurée par\u00a0:" in page and indicator.code in page


@pytest.mark.parametrize("name,queries", [("action", 16), ("indicator", 14), ("agenda", 17)])
def test_pages_with_links_run_a_fixed_number_of_queries(client, world, plan_items, django_assert_num_queries,
                                                         name, queries):
    priority, action, _fp, _fa = plan_items
    publish(world)
    client.force_login(world.coordinator)

    def address(indicator):
        if name == "action":
            return reverse("conditions:action", args=[world.coalition.slug, action.pk])
        if name == "indicator":
            return reverse("indicators:indicator_detail", args=[world.coalition.slug, indicator.pk])
        return reverse("conditions:agenda", args=[world.coalition.slug])

    first = _linked(world, action, priority, 1)
    client.get(address(first))
    indicator = _linked(world, action, priority, 2)
    extra = [ActionFactory(plan=action.plan, priorities=[priority]) for _i in range(2)]
    with scopes_disabled():
        indicator.actions.add(*extra)
    with django_assert_num_queries(queries):
        client.get(address(indicator))
    indicator = _linked(world, action, priority, 10)
    extra = [ActionFactory(plan=action.plan, priorities=[priority]) for _i in range(10)]
    with scopes_disabled():
        indicator.actions.add(*extra)
        indicator.priorities.add(*[PriorityFactory(coalition=world.coalition) for _i in range(5)])
    with django_assert_num_queries(queries):
        response = client.get(address(indicator))
    assert response.status_code == 200
