from datetime import date

import pytest
from django_scopes import scopes_disabled

from conditions.models import Action, ActionPlan
from conditions.services import plan as plan_services

from ..factories import CoalitionFactory, OrganizationFactory
from ..helpers import url
from .factories import ActionFactory, ActionPlanFactory, ActivityFactory, PriorityFactory


@pytest.fixture
def plan(world):
    with scopes_disabled():
        return ActionPlanFactory(coalition=world.coalition, title="Plan d'action 2025-2028")


@pytest.fixture
def priority(world):
    with scopes_disabled():
        return PriorityFactory(coalition=world.coalition, title="Maturité scolaire")


def action_data(world, plan, priority, **changes):
    return {
        "plan": plan.pk, "title": "Ateliers parent-enfant", "description": "", "priorities": [priority.pk],
        "lead_organization": world.organization.pk, "contributing_organizations": [],
        "start_date": "2025-09-01", "end_date": "2026-06-30", "status": "planned", "planned_budget": "12000",
        "spent_budget": "0", "expected_results": "120 familles rejointes", "progress": "0", **changes,
    }


def test_a_coordinator_creates_a_plan_for_a_period(client, world):
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:plan_create"), {"title": "Plan 2025-2028", "start_date": "2025-04-01",
                                                       "end_date": "2028-03-31"})
    assert response.status_code == 302
    assert "Plan 2025-2028" in client.get(response["Location"]).content.decode()


def test_a_plan_that_ends_before_it_starts_is_refused_on_the_field(client, world):
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:plan_create"), {"title": "Plan", "start_date": "2025-04-01",
                                                       "end_date": "2024-03-31"})
    assert "La date de fin ne peut pas précéder la date de début" in str(response.context["form"].errors["end_date"])
    with scopes_disabled():
        assert not ActionPlan.objects.exists()


def test_a_coordinator_adds_an_accepted_action(client, world, plan, priority):
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:action_create"), action_data(world, plan, priority))
    assert response.status_code == 302
    with scopes_disabled():
        action = Action.objects.get()
        assert action.review_status == "accepted" and list(action.priorities.all()) == [priority]
    page = client.get(url(world, "conditions:plan")).content.decode()
    assert "Ateliers parent-enfant" in page and "Maturité scolaire" in page


@pytest.mark.parametrize("field,value,message", [
    ("end_date", "2025-01-01", "La date de fin ne peut pas précéder la date de début"),
    ("planned_budget", "-5", ""),
    ("spent_budget", "250000000", ""),
    ("progress", "101", ""),
])
def test_bad_action_input_is_refused_on_the_field_and_nothing_is_saved(client, world, plan, priority, field, value,
                                                                       message):
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:action_create"), action_data(world, plan, priority, **{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert message in str(response.context["form"].errors[field])
    with scopes_disabled():
        assert not Action.objects.exists()


def test_a_priority_of_another_coalition_posted_by_hand_is_refused(client, world, plan, priority):
    foreign = PriorityFactory(coalition=CoalitionFactory(), title="Ailleurs")
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:action_create"),
                           action_data(world, plan, priority, priorities=[foreign.pk]))
    assert response.context["form"].errors["priorities"]
    with scopes_disabled():
        assert not Action.objects.exists()
        with pytest.raises(Exception) as error:
            plan_services.action_create(actor=world.coordinator, coalition=world.coalition, plan=plan,
                                   priorities=[foreign], lead_organization=world.organization, title="X",
                                   start_date=date(2025, 1, 1), end_date=date(2025, 2, 1), status="planned")
        assert "priorities" in error.value.message_dict


def test_a_partner_proposes_and_a_coordinator_declines_with_a_note(client, world, plan, priority):
    client.force_login(world.partner)
    response = client.post(url(world, "conditions:action_create"), action_data(world, plan, priority))
    assert response.status_code == 302
    with scopes_disabled():
        action = Action.objects.get()
    assert action.review_status == "proposed" and action.proposed_by == world.partner
    client.force_login(world.funder)
    # funders see the plan, not proposals
    assert client.get(url(world, "conditions:action", action.pk)).status_code == 404
    client.force_login(world.coordinator)
    # waiting for a decision
    assert "Ateliers parent-enfant" in client.get(url(world, "conditions:plan")).content.decode()
    response = client.post(url(world, "conditions:action_review", action.pk), {"decision": "declined", "note": ""})
    assert response.context["form"].errors["note"]
    client.post(url(world, "conditions:action_review", action.pk),
                {"decision": "declined", "note": "Déjà couvert par le CPE"})
    with scopes_disabled():
        action.refresh_from_db()
    assert action.review_status == "declined" and action.review_note == "Déjà couvert par le CPE"


def test_a_coordinator_accepts_a_proposal(client, world, plan, priority):
    action = ActionFactory(plan=plan, lead_organization=world.organization, review_status="proposed",
                           priorities=[priority])
    client.force_login(world.coordinator)
    client.post(url(world, "conditions:action_review", action.pk), {"decision": "accepted", "note": "Bienvenue"})
    with scopes_disabled():
        action.refresh_from_db()
    assert action.review_status == "accepted"
    client.force_login(world.funder)
    assert client.get(url(world, "conditions:action", action.pk)).status_code == 200


def test_the_action_page_shows_its_organizations_activities_and_history(client, world, plan, priority):
    helper = OrganizationFactory(coalition=world.coalition, name="Bibliothèque de Forestville")
    with scopes_disabled():
        action = plan_services.action_create(
            actor=world.coordinator, coalition=world.coalition, plan=plan, priorities=[priority],
            lead_organization=world.organization, contributing_organizations=[helper], title="Heure du conte",
            start_date=date(2025, 9, 1), end_date=date(2026, 6, 30), status="planned",
        )
    ActivityFactory(action=action, organization=helper, description="Conte en famille au parc")
    client.force_login(world.coordinator)
    client.post(url(world, "conditions:action_edit", action.pk), action_data(
        world, plan, priority, title="Heure du conte", status="in_progress", progress="40",
        contributing_organizations=[helper.pk]))
    page = client.get(url(world, "conditions:action", action.pk)).content.decode()
    assert "Bibliothèque de Forestville" in page and "Conte en famille au parc" in page
    assert "Historique" in page and "Modification" in page and "in_progress" in page
    assert "40 %" in page


def _fill(world, plan, organizations):
    priorities = [PriorityFactory(coalition=world.coalition) for _ in range(3)]
    orgs = [OrganizationFactory(coalition=world.coalition) for _ in range(organizations)]
    for i, org in enumerate(orgs):
        action = ActionFactory(plan=plan, lead_organization=org, priorities=priorities[: 1 + i % 3],
                               contributors=orgs[i + 1: i + 3])
        ActivityFactory(action=action, organization=org)
    with scopes_disabled():
        return action


@pytest.mark.parametrize("name,queries", [("plan", 10), ("action", 16)])
def test_plan_pages_run_a_fixed_number_of_queries(client, world, plan, django_assert_num_queries, name, queries):
    client.force_login(world.coordinator)
    # A first request leaves pghistory's context (the actor) on the test's transaction: rows made after
    # it carry an actor in their history, at both sizes alike.
    first = _fill(world, plan, 1)
    client.get(url(world, f"conditions:{name}", *([first.pk] if name == "action" else [])))
    action = _fill(world, plan, 5)
    args = [action.pk] if name == "action" else []
    with django_assert_num_queries(queries):
        client.get(url(world, f"conditions:{name}", *args))
    action = _fill(world, plan, 50)
    args = [action.pk] if name == "action" else []
    with django_assert_num_queries(queries):
        assert client.get(url(world, f"conditions:{name}", *args)).status_code == 200
