"""The partner card's shared practices (issue 16 parts 2 and 3): where the organisation stands
with each practice in use, adopted first, in a fixed number of queries."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from ..conditions.factories import PracticeAdoptionFactory, PracticeFactory
from ..factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def card(world, organization=None):
    return reverse("dashboards:partner_card", args=[world.coalition.slug, (organization or world.organization).pk])


def _titles(response) -> dict[str, list[str]]:
    return {g["status"]: [r["practice"].title for r in g["rows"]] for g in response.context["practices"]["groups"]}


def test_the_card_shows_each_practice_in_use_grouped_by_status_adopted_first(client, world):
    with scopes_disabled():
        practices = {title: PracticeFactory(coalition=world.coalition, title=title, kind=kind) for title, kind in (
            ("Fiche de référence commune", "referral"), ("Accueil en trois temps", "welcoming"),
            ("Message « Lire tous les jours »", "message"), ("Trousse d'éveil", "tool"),
            ("Suivi téléphonique", "support"))}
        for title, status, note in (
                ("Fiche de référence commune", "in_place", "Utilisée par les deux intervenantes."),
                ("Accueil en trois temps", "adapted", "Adaptée aux familles allophones."),
                ("Message « Lire tous les jours »", "planned", ""), ("Trousse d'éveil", "not_started", "")):
            PracticeAdoptionFactory(practice=practices[title], organization=world.organization, status=status,
                                    note=note, since=date(2026, 3, 14))
        archived = PracticeFactory(coalition=world.coalition, title="Ancien dépliant", archived_at=timezone.now())
        PracticeAdoptionFactory(practice=archived, organization=world.organization)
        PracticeFactory(coalition=world.other_coalition, title="Pratique d'une autre table")
        # another organisation's adoption does not show on this card
        PracticeAdoptionFactory(practice=practices["Suivi téléphonique"],
                                organization=OrganizationFactory(coalition=world.coalition))
    client.force_login(world.partner)
    response = client.get(card(world))
    page = response.content.decode()
    assert _titles(response) == {
        "in_place": ["Fiche de référence commune"], "adapted": ["Accueil en trois temps"],
        "planned": ["Message « Lire tous les jours »"],
        # nothing recorded counts as not started; by kind then title within a group, as on the board
        "not_started": ["Suivi téléphonique", "Trousse d'éveil"],
    }
    assert [g["status"] for g in response.context["practices"]["groups"]] == [
        "in_place", "adapted", "planned", "not_started"]
    assert (response.context["practices"]["adopted"], response.context["practices"]["count"]) == (2, 5)
    assert "Pratiques communes adoptées (en place ou adaptées)" in page and "sur 5" in page
    assert "En place" in page and "Adaptée" in page and "depuis le 14 mars 2026" in page
    assert "Adaptée aux familles allophones." in page and "rien d’inscrit" in page
    assert "Ancien dépliant" not in page and "Pratique d'une autre table" not in page
    # a funder sees the statuses, never the notes (free text)
    client.force_login(world.funder)
    page = client.get(card(world)).content.decode()
    assert "Fiche de référence commune" in page and "Adaptée aux familles allophones." not in page


def test_without_practices_the_card_says_what_to_do_next(client, world):
    client.force_login(world.coordinator)
    page = client.get(card(world)).content.decode()
    assert "Le regroupement ne partage encore aucune pratique." in page
    assert reverse("conditions:practice_create", args=[world.coalition.slug]) in page
    client.force_login(world.partner)
    page = client.get(card(world)).content.decode()
    assert "aucune pratique" in page and reverse("conditions:practice_create", args=[world.coalition.slug]) not in page
    with scopes_disabled():
        PracticeFactory(coalition=world.coalition, title="Fiche de référence commune")
    client.force_login(world.coordinator)
    response = client.get(card(world))
    page = response.content.decode()
    assert "Elle n’a encore inscrit aucune adoption." in page
    assert reverse("conditions:practice_board", args=[world.coalition.slug]) in page
    assert _titles(response) == {"not_started": ["Fiche de référence commune"]}


def test_a_funder_organization_has_no_practices_section(client, world):
    with scopes_disabled():
        funder = OrganizationFactory(coalition=world.coalition, kind="funder")
        PracticeFactory(coalition=world.coalition, title="Fiche de référence commune")
    client.force_login(world.coordinator)
    response = client.get(card(world, funder))
    assert response.status_code == 200 and response.context["practices"] is None
    assert "Fiche de référence commune" not in response.content.decode()


@pytest.mark.parametrize("actor,queries", [("coordinator", 20), ("funder", 18)])
def test_practices_and_adoptions_add_no_query(client, world, actor, queries, django_assert_num_queries):
    client.force_login(world.user(actor))
    client.get(card(world))  # warm the caches a first visit fills
    with django_assert_num_queries(queries):  # no practice at all
        assert client.get(card(world)).status_code == 200
    with scopes_disabled():
        for status in ("in_place", "adapted", "planned", "not_started"):
            PracticeAdoptionFactory(practice__coalition=world.coalition, organization=world.organization,
                                    status=status, note="Une note.")
        PracticeFactory.create_batch(3, coalition=world.coalition)
    with django_assert_num_queries(queries):
        response = client.get(card(world))
    assert len(response.context["practices"]["groups"]) == 4 and response.context["practices"]["count"] == 7
