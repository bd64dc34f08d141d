from dataclasses import dataclass

import pytest
from django_scopes import scopes_disabled

from coalitions.models import Role

from .factories import CoalitionFactory, MembershipFactory, OrganizationFactory, UserFactory


@pytest.fixture(autouse=True)
def _no_scope_leaks(settings):
    """Tests run outside any scope, like a fresh request; helpers open one when needed."""
    settings.LANGUAGE_CODE = "fr"
    yield


@pytest.fixture
def unscoped():
    with scopes_disabled():
        yield


@dataclass
class World:
    coalition: object
    other_coalition: object
    organization: object
    coordinator: object
    partner: object
    funder: object
    outsider: object
    other_member: object

    def user(self, actor: str):
        return getattr(self, actor)


@pytest.fixture
def world(db):
    """Two coalitions; in the first a coordinator, a partner and a funder; an outsider with no
    membership; and a coordinator of the second coalition only."""
    with scopes_disabled():
        coalition = CoalitionFactory(name="Regroupement Petite enfance", slug="petite-enfance")
        other = CoalitionFactory(name="Table alimentaire", slug="table-alimentaire")
        organization = OrganizationFactory(coalition=coalition, name="Maison de la famille")
        coordinator = MembershipFactory(coalition=coalition, role=Role.COORDINATOR).user
        partner = MembershipFactory(coalition=coalition, role=Role.PARTNER, organization=organization).user
        funder = MembershipFactory(coalition=coalition, role=Role.FUNDER).user
        other_member = MembershipFactory(coalition=other, role=Role.COORDINATOR).user
        outsider = UserFactory()
    return World(coalition, other, organization, coordinator, partner, funder, outsider, other_member)
