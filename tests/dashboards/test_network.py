"""The network of partners (issue 16, part 3): links by shared actions and meetings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions.models import Organization, Role

from ..conditions.factories import ActionFactory
from ..coordination.factories import InviteeFactory, MeetingFactory
from ..factories import MembershipFactory, OrganizationFactory
from .data import assert_same_queries_at_two_sizes, grow

pytestmark = pytest.mark.django_db


def network(world):
    return reverse("dashboards:partner_network", args=[world.coalition.slug])


@pytest.mark.parametrize("actor", ["coordinator", "partner"])
def test_the_network_runs_the_same_queries_at_two_data_sizes(client, world, actor, django_assert_num_queries):
    client.force_login(world.user(actor))
    response = assert_same_queries_at_two_sizes(client, world, network(world), 9, django_assert_num_queries)
    assert len(response.context["edges"]) >= 10


def test_it_links_co_actors_and_co_attendees_and_flags_isolated_and_overloaded_partners(client, world):
    past = timezone.now() - timedelta(days=5)
    with scopes_disabled():
        hub = world.organization
        cpe, school, library, edge = (OrganizationFactory(coalition=world.coalition, name=name) for name in
                                      ("CPE Les Petits Pas", "École du Boisé", "Bibliothèque", "Ferme Lointaine"))
        ActionFactory(plan__coalition=world.coalition, lead_organization=hub, contributors=[cpe])
        for _ in range(3):
            ActionFactory(plan__coalition=world.coalition, lead_organization=hub)
        ActionFactory(plan__coalition=world.coalition, lead_organization=school, contributors=[hub])
        ActionFactory(plan__coalition=world.coalition, lead_organization=edge, contributors=[library],
                      review_status="proposed")  # a proposal links nobody
        meeting = MeetingFactory(coalition=world.coalition, starts_at=past)
        InviteeFactory(meeting=meeting, user=world.partner, attended=True)
        librarian = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=library).user
        InviteeFactory(meeting=meeting, user=librarian, attended=True)
        farmer = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=edge).user
        InviteeFactory(meeting=meeting, user=farmer, attended=False)  # invited, absent: no link
    client.force_login(world.partner)
    response = client.get(network(world))
    page = response.content.decode()
    nodes = {n["organization"].name: n for n in response.context["nodes"]}
    partners = {p["organization"].name: (p["actions"], p["meetings"]) for p in nodes[hub.name]["partners"]}
    assert partners == {"CPE Les Petits Pas": (1, 0), "École du Boisé": (1, 0), "Bibliothèque": (0, 1)}
    assert (nodes[hub.name]["led"], nodes[hub.name]["contributed"]) == (4, 1)
    assert "Ferme Lointaine" in response.context["isolated_names"] and hub.name not in response.context[
        "isolated_names"]
    assert response.context["overloaded_names"] == [hub.name]  # 5 actions, the median is below 1
    assert 'role="img"' in page and "<title" in page and "<desc" in page
    assert page.count("<line ") == 3
    assert "Isolé" in page and "Surchargé" in page


def test_the_drawing_is_the_same_on_each_visit(client, world):
    grow(world, 3)
    client.force_login(world.coordinator)
    def drawing():
        page = client.get(network(world)).content.decode()
        return page[page.index("<svg"):page.index("</table>")]

    assert drawing() == drawing()


def test_the_organizations_list_leads_members_to_the_network_but_not_funders(client, world):
    url = reverse("coalitions:organizations", args=[world.coalition.slug])
    client.force_login(world.partner)
    assert network(world) in client.get(url).content.decode()
    client.force_login(world.funder)
    assert network(world) not in client.get(url).content.decode()


def test_the_health_view_counts_the_partners_at_the_edge_of_the_network(client, world):
    with scopes_disabled():
        cpe = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
        OrganizationFactory(coalition=world.coalition, name="Ferme Lointaine")
        ActionFactory(plan__coalition=world.coalition, lead_organization=world.organization, contributors=[cpe])
        total = Organization.objects.filter(coalition=world.coalition).count()
    client.force_login(world.coordinator)
    response = client.get(reverse("coalitions:home", args=[world.coalition.slug]))
    panel = response.context["panels"][4]
    signal = next(s for s in panel.signals if s.label == "Partenaires isolés dans le réseau")
    assert signal.detail.startswith(f"{total - 2} / {total} · ") and "Ferme Lointaine" in signal.detail
    assert any("Ferme Lointaine" in item.text and item.url == network(world) for item in response.context["attention"])
