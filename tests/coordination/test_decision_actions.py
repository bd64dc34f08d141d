"""A meeting's decision changes an action's status or adds an action to the plan, through the
services of conditions."""

from datetime import date

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from conditions.models import Action
from coordination.models.meetings import Decision

from ..conditions.factories import ActionFactory, ActionPlanFactory, PriorityFactory
from ..helpers import url
from .factories import MeetingFactory


@pytest.fixture
def plan(world):
    meeting = MeetingFactory(coalition=world.coalition)
    plan = ActionPlanFactory(coalition=world.coalition, start_date=date(2025, 1, 1), end_date=date(2035, 12, 31))
    priority = PriorityFactory(coalition=world.coalition)
    action = ActionFactory(plan=plan, priorities=[priority], review_status="accepted", status="in_progress",
                           lead_organization=world.organization)
    return {"meeting": meeting, "plan": plan, "priority": priority, "action": action}


def test_a_decision_puts_an_action_on_hold(client, world, plan):
    client.force_login(world.coordinator)
    response = client.post(url(world, "coordination:decision_create", plan["meeting"].pk),
                           {"text": "Suspendre la halte-garderie",
                                                          "action": plan["action"].pk, "action_status": "on_hold"})
    assert response.status_code == 302
    with scopes_disabled():
        assert Action.objects.get(pk=plan["action"].pk).status == "on_hold"
        assert Decision.objects.get().text == "Suspendre la halte-garderie"


def test_a_decision_adds_an_action_to_the_plan(client, world, plan):
    client.force_login(world.coordinator)
    response = client.post(url(world, "coordination:decision_create", plan["meeting"].pk), {
        "text": "Lancer un café-rencontre", "new_action_title": "Café-rencontre des parents",
        "new_action_plan": plan["plan"].pk, "new_action_priority": plan["priority"].pk,
        "new_action_lead": world.organization.pk})
    assert response.status_code == 302
    with scopes_disabled():
        created = Action.objects.get(title="Café-rencontre des parents")
        priorities = list(created.priorities.all())
    assert (created.review_status, created.status, created.description) == ("accepted", "planned",
                                                                              "Lancer un café-rencontre")
    assert priorities == [plan["priority"]]


def test_an_incomplete_new_action_is_refused_on_its_fields_and_nothing_is_saved(client, world, plan):
    client.force_login(world.coordinator)
    response = client.post(url(world, "coordination:decision_create", plan["meeting"].pk), {"text": "Lancer un café",
                                                          "new_action_title": "Café-rencontre"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"new_action_plan", "new_action_priority", "new_action_lead"} <= set(errors)
    response = client.post(url(world, "coordination:decision_create", plan["meeting"].pk),
                           {"text": "Statut", "action": plan["action"].pk})
    assert "action_status" in response.context["form"].errors
    with scopes_disabled():
        assert not Decision.objects.exists() and Action.objects.count() == 1


def test_another_coalitions_action_cannot_be_changed_through_a_decision(world, plan):
    from django.core.exceptions import ValidationError

    from coordination.services import meetings

    foreign = ActionFactory(plan=ActionPlanFactory(coalition=world.other_coalition), status="in_progress")
    with scope(coalition=world.coalition), pytest.raises(ValidationError):
        meetings.decision_add(actor=world.coordinator, meeting=plan["meeting"], text="Intrus", action=foreign,
                              action_status="cancelled")
    with scopes_disabled():
        assert Action.objects.get(pk=foreign.pk).status == "in_progress" and not Decision.objects.exists()


def test_the_decision_keeps_the_action_it_changed_and_both_pages_show_the_link(client, world, plan):
    client.force_login(world.coordinator)
    client.post(url(world, "coordination:decision_create", plan["meeting"].pk), {"text": "Suspendre la halte-garderie",
                                               "action": plan["action"].pk, "action_status": "on_hold"})
    with scopes_disabled():
        decision = Decision.objects.get()
    assert decision.action_id == plan["action"].pk
    meeting_page = client.get(reverse("coordination:meeting", args=[world.coalition.slug, plan["meeting"].pk]))
    assert reverse("conditions:action", args=[world.coalition.slug, plan["action"].pk]) in meeting_page.content.decode()
    action_page = client.get(reverse("conditions:action", args=[world.coalition.slug, plan["action"].pk]))
    body = action_page.content.decode()
    assert "Suspendre la halte-garderie" in body
    assert f"#decision-{decision.number}" in body and plan["meeting"].title in body


def test_the_decision_keeps_the_action_it_added(client, world, plan):
    client.force_login(world.coordinator)
    client.post(url(world, "coordination:decision_create", plan["meeting"].pk), {
        "text": "Lancer un café-rencontre", "new_action_title": "Café-rencontre des parents",
        "new_action_plan": plan["plan"].pk, "new_action_priority": plan["priority"].pk,
        "new_action_lead": world.organization.pk})
    with scopes_disabled():
        assert Decision.objects.get().action == Action.objects.get(title="Café-rencontre des parents")


def test_a_decision_without_action_says_so_on_no_action_page(client, world, plan):
    client.force_login(world.coordinator)
    client.post(url(world, "coordination:decision_create", plan["meeting"].pk), {"text": "Remercier les bénévoles"})
    with scopes_disabled():
        assert Decision.objects.get().action is None
    body = client.get(reverse("conditions:action", args=[world.coalition.slug, plan["action"].pk])).content.decode()
    assert "Remercier les bénévoles" not in body and "Aucune décision de rencontre" in body
