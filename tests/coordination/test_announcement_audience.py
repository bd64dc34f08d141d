"""Issue 13, point 9 (first part): the coordination team sees every announcement with its
audience, the « Partenaires » one its author wrote included; others see their audience's."""

import pytest
from django_scopes import scopes_disabled

from coordination.models.communication import Announcement

from ..helpers import url


@pytest.fixture
def for_partners(world):
    with scopes_disabled():
        return Announcement.objects.create(coalition=world.coalition, title="Atelier réservé aux partenaires",
                                           body="Inscriptions ouvertes.", audience="partner",
                                           author=world.coordinator)


def test_its_coordinator_author_lists_and_opens_an_announcement_for_partners(client, world, for_partners):
    client.force_login(world.coordinator)
    html = client.get(url(world, "coordination:announcements")).content.decode()
    assert "Atelier réservé aux partenaires" in html and "Partenaires" in html
    assert client.get(url(world, "coordination:announcement", for_partners.pk)).status_code == 200


@pytest.mark.parametrize("actor,sees", [("partner", True), ("funder", False)])
def test_others_see_only_their_audiences(client, world, for_partners, actor, sees):
    client.force_login(world.user(actor))
    html = client.get(url(world, "coordination:announcements")).content.decode()
    assert ("Atelier réservé aux partenaires" in html) is sees
    assert client.get(url(world, "coordination:announcement", for_partners.pk)).status_code == (200 if sees else 404)
