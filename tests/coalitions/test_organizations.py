from django.urls import reverse
from django_scopes import scopes_disabled

from coalitions.models import Organization

from ..factories import MembershipFactory, OrganizationFactory


def test_a_coordinator_adds_an_organization(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:organization_create", args=[world.coalition.slug])
    response = client.post(url, {"name": "CPE Les Petits Pas", "sector": "childcare", "kind": "community",
                                 "website": "https://cpe.exemple.org", "description": "", "representative": ""})
    assert response.status_code == 302
    with scopes_disabled():
        organization = Organization.objects.get(name="CPE Les Petits Pas")
    assert organization.coalition == world.coalition and organization.group.name == f"organization:{organization.pk}"


def test_a_duplicate_name_is_refused_next_to_the_field_and_the_input_is_kept(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:organization_create", args=[world.coalition.slug])
    response = client.post(url, {"name": "maison de la FAMILLE", "sector": "family", "kind": "community"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert 'value="maison de la FAMILLE"' in response.content.decode()
    with scopes_disabled():
        assert Organization.objects.filter(coalition=world.coalition).count() == 2  # the partner's and the funder's


def test_the_same_name_is_fine_in_another_coalition(client, world):
    client.force_login(world.other_member)
    url = reverse("coalitions:organization_create", args=[world.other_coalition.slug])
    response = client.post(url, {"name": "Maison de la famille", "sector": "family", "kind": "community"})
    assert response.status_code == 302


def test_a_representative_must_be_a_member(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:organization_edit", args=[world.coalition.slug, world.organization.pk])
    response = client.post(url, {"name": "Maison de la famille", "sector": "family", "kind": "community",
                                 "representative": world.other_member.pk})
    assert response.status_code == 200 and response.context["form"].errors["representative"]


def test_an_organization_with_members_is_not_deleted(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:organization_delete", args=[world.coalition.slug, world.organization.pk])
    assert "Supprimer" in client.get(url).content.decode()  # asks for confirmation first
    client.post(url)
    with scopes_disabled():
        assert Organization.objects.filter(pk=world.organization.pk).exists()


def test_an_empty_organization_is_deleted_after_confirmation(client, world):
    empty = OrganizationFactory(coalition=world.coalition)
    client.force_login(world.coordinator)
    client.post(reverse("coalitions:organization_delete", args=[world.coalition.slug, empty.pk]))
    with scopes_disabled():
        assert not Organization.objects.filter(pk=empty.pk).exists()


def test_the_organization_list_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    url = reverse("coalitions:organizations", args=[world.coalition.slug])
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
    for _ in range(15):
        MembershipFactory(coalition=world.coalition, organization=OrganizationFactory(coalition=world.coalition))
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
