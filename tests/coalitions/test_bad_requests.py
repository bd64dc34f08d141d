"""Malformed requests get a clean, translated 400 page, never a 500 (issue 10, point 11)."""

import html

from django.conf import settings
from django.urls import reverse
from django_scopes import scopes_disabled

from coalitions.models import Organization


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_a_nul_byte_in_the_library_search_is_a_french_400_page(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("coordination:library", args=[world.coalition.slug]), {"q": "\x00"})
    assert response.status_code == 400
    assert '<html lang="fr"' in page(response) and "Demande incompréhensible" in page(response)


def test_the_400_page_speaks_the_language_the_person_chose(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("home"), {"next": "a\x00b"})
    assert response.status_code == 400 and "Request not understood" in page(response)


def test_a_nul_byte_in_a_form_field_writes_nothing(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:organization_create", args=[world.coalition.slug])
    response = client.post(url, {"name": "Maison\x00", "sector": "other", "kind": "other"})
    assert response.status_code == 400
    with scopes_disabled():
        assert not Organization.objects.filter(name__startswith="Maison\x00"[:6], coalition=world.coalition)\
            .exclude(pk=world.organization.pk).exists()


def test_a_nul_byte_in_a_secret_token_of_the_path_is_a_400(client, db):
    assert client.get("/share/%00/").status_code == 400
    assert client.get("/invitations/abc%00def/").status_code == 400


def test_a_nul_byte_in_the_session_cookie_is_a_400(client, world):
    cookie = f'{settings.SESSION_COOKIE_NAME}="abcdefgh\\000"'  # an octal escape in a quoted cookie
    assert client.get(reverse("home"), HTTP_COOKIE=cookie).status_code == 400


def test_a_request_refused_before_authentication_is_a_translated_400(client, db):
    """An unknown Host is refused by CommonMiddleware, before anyone is authenticated."""
    response = client.get(reverse("home"), headers={"host": "piege.example"})
    assert response.status_code == 400 and "Demande incompréhensible" in page(response)
