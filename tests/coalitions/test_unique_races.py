"""Issue 10, point 8: two people creating the same unique thing at once. Both pass the service's
pre-check; the database's unique constraint stops the second, whose form then says so next to the
field (coalitions.concurrency.refusing_duplicates) instead of answering 500."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions import services
from coalitions.models import Coalition, Invitation, Organization, Role
from conditions.models import Priority

from ..conditions.factories import PriorityFactory
from ..coordination.parallel import run_in_parallel
from ..factories import OrganizationFactory


@pytest.fixture
def pre_check_misses(monkeypatch):
    """The other request commits its row between this request's pre-check and its insert: the
    pre-check (an ``exists()`` on the model) sees nothing, the insert meets the duplicate."""

    def miss(model):
        real = QuerySet.exists
        monkeypatch.setattr(QuerySet, "exists", lambda qs: False if qs.model is model else real(qs))

    return miss


def test_an_organization_added_meanwhile_under_the_same_name_is_an_error_on_the_name(client, world,
                                                                                    pre_check_misses):
    OrganizationFactory(coalition=world.coalition, name="CLSC des Rivières")
    pre_check_misses(Organization)
    client.force_login(world.coordinator)
    response = client.post(reverse("coalitions:organization_create", args=[world.coalition.slug]), {
        "name": "clsc des rivières", "sector": "health", "kind": "public",
    })
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Un organisme porte déjà ce nom dans le regroupement."]
    with scopes_disabled():
        assert Organization.objects.filter(coalition=world.coalition, name__iexact="clsc des rivières").count() == 1


def test_a_priority_added_meanwhile_under_the_same_title_is_an_error_on_the_title(client, world, pre_check_misses):
    PriorityFactory(coalition=world.coalition, title="Maturité scolaire")
    pre_check_misses(Priority)
    client.force_login(world.coordinator)
    response = client.post(reverse("conditions:priorities", args=[world.coalition.slug]),
                           {"title": "Maturité scolaire", "description": ""})
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    with scopes_disabled():
        assert Priority.objects.filter(coalition=world.coalition).count() == 1


def test_a_web_address_taken_meanwhile_is_an_error_on_the_address(world, pre_check_misses):
    pre_check_misses(Coalition)
    with pytest.raises(ValidationError) as refused:
        services.coalition_create(actor=world.coordinator, name="Autre", slug=world.coalition.slug,
                                  territory="MRC")
    assert list(refused.value.message_dict) == ["slug"]


def test_another_integrity_error_is_not_dressed_up_as_a_field_error(world):
    from django.db import IntegrityError

    from coalitions.concurrency import refusing_duplicates

    with scopes_disabled(), pytest.raises(IntegrityError):
        with refusing_duplicates({"priority_unique_title": ("title", "pris")}):
            OrganizationFactory(coalition=world.coalition, name=world.organization.name.upper())


class _BothPastThePreCheck:
    """Stands in for ``coalitions.services.timezone``: its first ``now()`` in each thread, which
    the invitation service calls just before its insert, waits until both threads are there."""

    def __init__(self):
        self.barrier, self.seen = threading.Barrier(2), threading.local()

    def now(self):
        if not getattr(self.seen, "waited", False):
            self.seen.waited = True
            self.barrier.wait(timeout=10)
        return timezone.now()


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_inviting_the_same_address_at_once_send_one_invitation(world, monkeypatch):
    monkeypatch.setattr(services, "timezone", _BothPastThePreCheck())

    def invite():
        try:
            with scopes_disabled():
                return services.invitation_create(actor=world.coordinator, coalition=world.coalition,
                                                  email="lea@exemple.org", role=Role.COORDINATOR).pk
        except ValidationError as error:
            return list(error.message_dict)

    results, errors = run_in_parallel(invite)

    assert errors == []
    assert len([r for r in results if isinstance(r, int)]) == 1
    assert [r for r in results if not isinstance(r, int)] == [["email"]]
    with scopes_disabled():
        assert Invitation.objects.filter(coalition=world.coalition, email="lea@exemple.org").count() == 1
