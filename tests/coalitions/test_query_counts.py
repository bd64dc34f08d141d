"""A page's query count does not grow with the data: measured small, asserted big."""

import pghistory
import pytest
from django.urls import reverse
from django_scopes import scope

from coalitions import services
from coalitions.models import Organization

from ..factories import InvitationFactory, MembershipFactory, OrganizationFactory


def grow(world, n):
    for _ in range(n):
        organization = OrganizationFactory(coalition=world.coalition)
        MembershipFactory(coalition=world.coalition, organization=organization)
        InvitationFactory(coalition=world.coalition, organization=organization)
    with scope(coalition=world.coalition), pghistory.context(user=world.coordinator.pk):  # a known actor
        for organization in Organization.objects.filter(coalition=world.coalition):
            services.organization_update(actor=world.coordinator, organization=organization, website="https://x.org")


@pytest.mark.parametrize("url_name,queries", [("coalitions:home", 16), ("coalitions:invitations", 7),
                                              ("coalitions:audit", 8), ("coalitions:organizations", 7),
                                              ("coalitions:members", 7)])
def test_the_page_runs_a_fixed_number_of_queries(client, world, url_name, queries, django_assert_num_queries):
    client.force_login(world.coordinator)
    url = reverse(url_name, args=[world.coalition.slug])
    grow(world, 2)
    client.get(url)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    grow(world, 20)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
