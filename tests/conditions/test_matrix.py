from datetime import date

import pytest

from ..factories import OrganizationFactory
from ..helpers import body, url
from .factories import ActionFactory, ActivityFactory, PriorityFactory


@pytest.fixture
def setup(world):
    school = PriorityFactory(coalition=world.coalition, title="Maturité scolaire", position=1)
    parents = PriorityFactory(coalition=world.coalition, title="Bien-être des parents", position=2)
    library = OrganizationFactory(coalition=world.coalition, name="Bibliothèque")
    OrganizationFactory(coalition=world.coalition, name="Club de l'âge d'or")
    workshops = ActionFactory(plan__coalition=world.coalition, lead_organization=world.organization,
                              contributors=[library], priorities=[school], title="Ateliers d'éveil")
    visits = ActionFactory(plan=workshops.plan, lead_organization=world.organization, priorities=[parents],
                           title="Visites à domicile")
    ActivityFactory(action=visits, organization=world.organization, date=date(2025, 2, 1), people_reached=5)
    ActivityFactory(action=visits, organization=world.organization, date=date(2025, 10, 1), people_reached=8)
    return school, parents


def test_it_shows_who_leads_and_contributes_to_each_priority_and_flags_the_gaps(client, world, setup):
    client.force_login(world.funder)
    response = client.get(url(world, "conditions:matrix"), {"date_from": "2025-09-01"})
    matrix = response.context["matrix"]
    rows = {r["organization"].name: r for r in matrix["rows"]}
    school_cell, parents_cell = rows["Maison de la famille"]["cells"]
    assert [a["title"] for a in school_cell["leads"]] == ["Ateliers d'éveil"]
    assert parents_cell["activities"] == 1 and parents_cell["people"] == 8  # only the period's activities
    assert [a["title"] for a in rows["Bibliothèque"]["cells"][0]["contributes"]] == ["Ateliers d'éveil"]
    assert [p.title for p in matrix["single_carried"]] == ["Bien-être des parents"]
    assert "Club de l'âge d'or" in [o.name for o in matrix["non_contributing"]]
    page = response.content.decode()
    assert "Priorités portées par un seul organisme" in page and "Ne contribue à aucune" in page


def test_it_exports_the_matrix_to_csv(client, world, setup):
    client.force_login(world.partner)
    lines = body(client.get(url(world, "conditions:matrix_export"))).decode().lstrip("\ufeff").splitlines()
    assert lines[0] == "Organisme,Maturité scolaire,Bien-être des parents,Contribue à une priorité"
    assert any(line.startswith("Bibliothèque,contribue\u00a0: Ateliers d'éveil") for line in lines)


def _fill(world, organizations):
    priorities = [PriorityFactory(coalition=world.coalition) for _ in range(max(2, organizations // 5))]
    orgs = [OrganizationFactory(coalition=world.coalition) for _ in range(organizations)]
    for i, org in enumerate(orgs):
        action = ActionFactory(plan__coalition=world.coalition, lead_organization=org,
                               priorities=priorities[i % len(priorities):][:2], contributors=orgs[i + 1: i + 3])
        ActivityFactory(action=action, organization=org)


def test_the_matrix_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    queries = 12
    _fill(world, 5)
    with django_assert_num_queries(queries):
        client.get(url(world, "conditions:matrix"))
    _fill(world, 50)
    with django_assert_num_queries(queries):
        assert client.get(url(world, "conditions:matrix")).status_code == 200
