"""The coalition's privacy page (Law 25): the person in charge, set by a coordinator, shown to
every member, in French and in English; linked from the footer of the coalition's pages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions import privacy
from coalitions.concurrency import EditConflict
from coalitions.models import PrivacySettings


def _settings_url(world):
    return reverse("coalitions:privacy_settings", args=[world.coalition.slug])


def _page_url(world):
    return reverse("coalitions:privacy", args=[world.coalition.slug])


def test_it_shows_the_person_in_charge_set_by_a_coordinator_to_every_member(client, world):
    client.force_login(world.coordinator)
    response = client.post(_settings_url(world), {
        "officer_name": "Direction générale", "officer_email": "vie-privee@exemple.org",
        "officer_phone": "418 555-0101", "officer_other": "12, rue Principale",
    })
    assert response.status_code == 302
    for actor in ("partner", "funder"):
        client.force_login(world.user(actor))
        page = client.get(_page_url(world)).content.decode()
        assert "Direction générale" in page and "mailto:vie-privee@exemple.org" in page
        assert "418 555-0101" in page and "12, rue Principale" in page
        assert "Change the privacy settings" not in page and "Modifier les paramètres" not in page


def test_before_anyone_is_named_it_says_who_holds_the_role_by_default(client, world):
    client.force_login(world.partner)
    page = client.get(_page_url(world), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "la personne ayant la plus haute autorité" in page
    with scopes_disabled():
        assert not PrivacySettings.objects.exists()  # reading never writes


def test_the_page_reads_in_english_too(client, world):
    client.force_login(world.partner)
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(_page_url(world)).content.decode()
    assert "Who sees what inside the coalition" in page
    assert "Commission d'accès à l'information du Québec" in page


def test_the_page_is_in_french_by_default(client, world):
    client.force_login(world.funder)
    page = client.get(_page_url(world)).content.decode()
    assert "Qui voit quoi dans le regroupement" in page
    assert "Exercer vos droits" in page


def test_the_footer_of_a_coalition_page_links_to_it(client, world):
    client.force_login(world.partner)
    page = client.get(reverse("coalitions:organizations", args=[world.coalition.slug])).content.decode()
    assert f'href="{_page_url(world)}"' in page


def test_a_bad_email_is_refused_next_to_its_field_and_the_input_is_kept(client, world):
    client.force_login(world.coordinator)
    response = client.post(_settings_url(world), {"officer_name": "Marie Tremblay", "officer_email": "pas un courriel"})
    assert response.status_code == 200
    assert "Marie Tremblay" in response.content.decode()
    assert response.context["form"].errors["officer_email"]


def test_a_second_editor_does_not_overwrite_the_first(world):
    with scope(coalition=world.coalition):
        start = privacy.privacy_settings(world.coalition)
        from coalitions.concurrency import version_of

        version = version_of(start, PrivacySettings.EDIT_FIELDS)
        privacy.privacy_settings_update(actor=world.coordinator, coalition=world.coalition, version=version,
                                        officer_name="Première")
        with pytest.raises(EditConflict):
            privacy.privacy_settings_update(actor=world.coordinator, coalition=world.coalition, version=version,
                                            officer_name="Seconde")
        assert privacy.privacy_settings(world.coalition).officer_name == "Première"


def test_only_a_coordinator_may_change_it(world):
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        privacy.privacy_settings_update(actor=world.partner, coalition=world.coalition, officer_name="Moi")


def test_changes_are_in_the_audit_trail(client, world):
    client.force_login(world.coordinator)
    client.post(_settings_url(world), {"officer_name": "Responsable PRP"})
    page = client.get(reverse("coalitions:audit", args=[world.coalition.slug])).content.decode()
    assert "Responsable PRP" in page
