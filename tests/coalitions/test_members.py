import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions import services
from coalitions.models import Membership, Role

from ..factories import MembershipFactory


def membership_of(world, user):
    with scopes_disabled():
        return Membership.objects.select_related("coalition").get(coalition=world.coalition, user=user)


def test_the_last_active_coordinator_cannot_be_demoted(world):
    mine = membership_of(world, world.coordinator)
    with scope(coalition=world.coalition), pytest.raises(ValidationError):
        services.membership_change_role(
            actor=world.coordinator, membership=mine, role=Role.PARTNER, organization=world.organization
        )
    mine.refresh_from_db()
    assert mine.role == Role.COORDINATOR


def test_the_last_active_coordinator_cannot_be_deactivated_from_the_page(client, world):
    mine = membership_of(world, world.coordinator)
    client.force_login(world.coordinator)
    response = client.post(reverse("coalitions:member_deactivate", args=[world.coalition.slug, mine.pk]), follow=True)
    assert "au moins un·e coordonnateur·trice" in response.content.decode()
    mine.refresh_from_db()
    assert mine.is_active


def test_a_coordinator_can_step_down_once_another_exists(world):
    MembershipFactory(coalition=world.coalition, role=Role.COORDINATOR)
    mine = membership_of(world, world.coordinator)
    with scope(coalition=world.coalition):
        services.membership_deactivate(actor=world.coordinator, membership=mine)
    mine.refresh_from_db()
    assert not mine.is_active


def test_changing_a_role_moves_the_person_between_organization_groups(client, world):
    partner = membership_of(world, world.partner)
    other_org = MembershipFactory(coalition=world.coalition, role=Role.FUNDER).organization
    client.force_login(world.coordinator)
    url = reverse("coalitions:member_edit", args=[world.coalition.slug, partner.pk])
    response = client.post(url, {"role": "funder", "organization": other_org.pk})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.role == Role.FUNDER and partner.organization == other_org
    assert list(Group.objects.filter(user=world.partner)) == [other_org.group]


def test_a_deactivated_member_loses_access_at_once(client, world):
    partner = membership_of(world, world.partner)
    with scope(coalition=world.coalition):
        services.membership_deactivate(actor=world.coordinator, membership=partner)
    client.force_login(world.partner)
    assert client.get(reverse("coalitions:home", args=[world.coalition.slug])).status_code == 404


def test_services_recheck_the_actor_whatever_the_view_did(world):
    """A partner calling a coordinator service directly is refused: the view is not the only guard."""
    funder = membership_of(world, world.funder)
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        services.membership_deactivate(actor=world.partner, membership=funder)
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        services.organization_create(
            actor=world.other_member, coalition=world.coalition, name="X", sector="other", kind="other"
        )


def test_the_member_list_filters_by_role_and_paginates(client, world, settings):
    settings.PAGE_SIZE = 2
    client.force_login(world.coordinator)
    url = reverse("coalitions:members", args=[world.coalition.slug])
    page = client.get(url, {"role": "partner"}).content.decode()
    assert world.partner.email in page and world.funder.email not in page
    first = client.get(url).context["page_obj"]
    assert first.paginator.count == 3 and len(first.object_list) == 2


def test_the_member_list_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    url = reverse("coalitions:members", args=[world.coalition.slug])
    client.get(url)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
    MembershipFactory.create_batch(20, coalition=world.coalition)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
