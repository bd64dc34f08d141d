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


def test_its_author_edits_an_announcement_and_the_audit_trail_keeps_the_earlier_text(client, world, for_partners):
    client.force_login(world.coordinator)
    edit = url(world, "coordination:announcement_edit", for_partners.pk)
    form = client.get(edit).context["form"]
    response = client.post(edit, {"title": "Atelier des partenaires", "body": "Inscriptions ouvertes\r\njusqu'au 5.",
                                  "audience": "all", "version": form["version"].value()}, follow=True)
    assert "L’annonce est enregistrée." in response.content.decode()
    with scopes_disabled():
        for_partners.refresh_from_db()
        history = list(Announcement.pgh_event_model.objects.filter(pgh_obj_id=for_partners.pk)
                       .order_by("pgh_id").values_list("title", flat=True))
    assert for_partners.body == "Inscriptions ouvertes\njusqu'au 5." and for_partners.audience == "all"
    assert history == ["Atelier réservé aux partenaires", "Atelier des partenaires"]


def test_its_author_deletes_an_announcement_after_confirming(client, world, for_partners):
    client.force_login(world.coordinator)
    delete = url(world, "coordination:announcement_delete", for_partners.pk)
    page = client.get(delete).content.decode()
    assert "seront supprimés pour toutes les personnes" in page and "Supprimer l’annonce" in page
    with scopes_disabled():
        assert Announcement.objects.filter(pk=for_partners.pk).exists()  # asking deletes nothing
    response = client.post(delete, follow=True)
    assert "L’annonce est supprimée." in response.content.decode()
    with scopes_disabled():
        assert not Announcement.objects.filter(pk=for_partners.pk).exists()
    assert client.post(delete).status_code == 404  # a second click finds nothing


def test_another_coordinator_cannot_edit_or_delete_it(client, world, for_partners):
    from coalitions.models import Role

    from ..factories import MembershipFactory

    other = MembershipFactory(coalition=world.coalition, role=Role.COORDINATOR).user
    client.force_login(other)
    assert client.get(url(world, "coordination:announcement_edit", for_partners.pk)).status_code == 403
    assert client.post(url(world, "coordination:announcement_delete", for_partners.pk)).status_code == 403
    page = client.get(url(world, "coordination:announcement", for_partners.pk)).content.decode()
    assert url(world, "coordination:announcement_edit", for_partners.pk) not in page
    with scopes_disabled():
        assert Announcement.objects.filter(pk=for_partners.pk).exists()
