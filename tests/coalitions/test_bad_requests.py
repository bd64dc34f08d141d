"""Malformed requests get a clean, translated 400 page, never a 500 (issue 10, point 11)."""

import html

import pytest
from django.conf import settings
from django.urls import reverse
from django_scopes import scopes_disabled

from coalitions.models import Organization
from coalitions.web import parse_int
from coordination.models.backbone import AssessmentQuestion

from ..url_map import COALITION_PATTERNS, build_url, object_kwargs


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


# url name, method, parameters, role: each once read "²" (str.isdigit() accepts it) with int()
SUPERSCRIPT_TWO = [
    ("indicators:review", "get", {"indicator": "²"}, "coordinator"),
    ("indicators:export_values", "get", {"indicator": "²"}, "coordinator"),
    ("indicators:entry", "get", {"organization": "²"}, "coordinator"),
    ("indicators:review_approve", "post", {"values": ["²", "1"]}, "coordinator"),
    ("coordination:tasks", "get", {"owner": "²"}, "coordinator"),
    ("coordination:library", "get", {"condition": "²"}, "coordinator"),
    ("coordination:notification_read", "post", {"id": "²"}, "partner"),
    ("coordination:assessment_answer", "post", {"score_{question}": "²"}, "partner"),
]


@pytest.mark.parametrize("name,method,data,role", SUPERSCRIPT_TWO, ids=[row[0] for row in SUPERSCRIPT_TWO])
def test_a_number_that_is_not_plain_digits_is_ignored_not_a_500(client, world, name, method, data, role):
    kwargs = object_kwargs(world)
    url = build_url(name, dict(COALITION_PATTERNS)[name], kwargs, world.coalition.slug)
    if name == "coordination:assessment_answer":
        with scopes_disabled():
            question = AssessmentQuestion.objects.get(round_id=kwargs[name]["pk"])
        data = {key.format(question=question.pk): value for key, value in data.items()}
    client.force_login(world.user(role))
    response = getattr(client, method)(url, data)
    assert response.status_code in (200, 302)


def test_a_version_number_that_is_not_plain_digits_is_not_found(client, world):
    client.force_login(world.coordinator)
    assert client.get(reverse("conditions:agenda_version", args=[world.coalition.slug, "²"])).status_code == 404


@pytest.mark.parametrize("text,number", [("12", 12), ("007", 7), ("²", None), ("٣", None), ("-1", None), ("1.0", None),
                                         (" 1", None), ("", None), (None, None), ("9" * 19, None), (["1"], None)])
def test_parse_int_reads_plain_digits_only(text, number):
    assert parse_int(text) == number
