"""Personal access tokens: created on the person's page and shown once, stored as a hash,
refused once revoked, expired, of another coalition or of a deactivated member; the API's
errors are problem details in the person's language; each token has its own request budget."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions.models import ApiToken, Membership, hash_token
from coalitions.services import membership_deactivate

from .helpers import api_url, bearer, token_for


def _page(world):
    return reverse("coalitions:api_tokens", args=[world.coalition.slug])


def test_it_shows_a_new_token_once_and_keeps_only_its_hash(client, world):
    client.force_login(world.partner)
    response = client.post(_page(world), {"name": "Notre CRM", "access": "write", "lifetime_days": "90"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = response.context["secret"]
    assert secret.startswith("cct_") and secret in response.content.decode()
    with scopes_disabled():
        token = ApiToken.objects.get()
    assert token.token_hash == hash_token(secret) and token.can_write and token.name == "Notre CRM"
    assert secret not in {getattr(token, f.attname) for f in ApiToken._meta.concrete_fields}
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    again = client.get(_page(world)).content.decode()
    assert "Notre CRM" in again and secret not in again and token.token_start in again


def test_a_funder_creates_read_only_tokens_only(client, world):
    client.force_login(world.funder)
    page = client.get(_page(world))
    assert "access" not in page.context["form"].fields
    client.post(_page(world), {"name": "Power BI", "access": "write", "lifetime_days": "30"})
    with scopes_disabled():
        assert ApiToken.objects.get().can_write is False


def test_it_refuses_a_token_without_name_or_with_an_unknown_lifetime(client, world):
    client.force_login(world.partner)
    response = client.post(_page(world), {"name": "  ", "access": "read", "lifetime_days": "9999"})
    assert response.status_code == 200 and response.context["secret"] is None
    assert set(response.context["form"].errors) == {"name", "lifetime_days"}
    with scopes_disabled():
        assert not ApiToken.objects.exists()


def test_it_revokes_after_confirmation_and_the_token_stops_working(client, world):
    secret = token_for(world.partner, world.coalition)
    with scopes_disabled():
        token = ApiToken.objects.get()
    client.force_login(world.partner)
    url = reverse("coalitions:api_token_revoke", args=[world.coalition.slug, token.pk])
    assert "Revoke the token" in client.get(url).content.decode() or client.get(url).status_code == 200
    with scopes_disabled():
        assert ApiToken.objects.get().revoked_at is None  # GET only asks
    assert client.post(url).status_code == 302
    with scopes_disabled():
        assert ApiToken.objects.get().revoked_at is not None
    client.logout()
    response = client.get(api_url(world.coalition), **bearer(secret))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_someone_elses_token_is_not_found(client, world):
    token_for(world.coordinator, world.coalition)
    with scopes_disabled():
        token = ApiToken.objects.get()
    client.force_login(world.partner)
    url = reverse("coalitions:api_token_revoke", args=[world.coalition.slug, token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    with scopes_disabled():
        assert ApiToken.objects.get().revoked_at is None


def test_a_valid_token_reads_its_coalition_and_records_its_use(client, world):
    secret = token_for(world.funder, world.coalition, can_write=False)
    response = client.get(api_url(world.coalition), **bearer(secret))
    assert response.status_code == 200
    assert response.json()["slug"] == world.coalition.slug and response.json()["role"] == "funder"
    with scopes_disabled():
        assert ApiToken.objects.get().last_used_at is not None


def test_an_expired_token_is_refused(client, world):
    secret = token_for(world.partner, world.coalition)
    with scopes_disabled():
        ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(api_url(world.coalition), **bearer(secret))
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_dies_with_its_membership(client, world):
    secret = token_for(world.partner, world.coalition)
    with scopes_disabled():
        membership = Membership.objects.get(user=world.partner)
        membership_deactivate(actor=world.coordinator, membership=membership)
        assert ApiToken.objects.get().revoked_at is not None
    assert client.get(api_url(world.coalition), **bearer(secret)).status_code == 401
    with scopes_disabled():
        membership.delete()
        assert not ApiToken.objects.exists()


def test_a_token_of_another_coalition_gets_404(client, world):
    secret = token_for(world.other_member, world.other_coalition)
    response = client.get(api_url(world.coalition), **bearer(secret))
    assert response.status_code == 404 and response.json()["status"] == 404


@pytest.mark.parametrize("header", ["Bearer", "Bearer cct_nope", "Bearer a b", "Bearer \u00e9t\u00e9"])
def test_a_malformed_or_unknown_token_is_refused(client, world, header):
    response = client.get(api_url(world.coalition), HTTP_AUTHORIZATION=header.encode().decode("latin-1"))
    assert response.status_code == 401


def test_without_credentials_it_answers_401_as_problem_details(client, world):
    response = client.get(api_url(world.coalition))
    assert response.status_code == 401
    body = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert set(body) >= {"type", "title", "status", "detail", "instance"} and body["status"] == 401
    assert body["instance"] == api_url(world.coalition)


def test_an_unknown_address_under_the_api_is_problem_details(client, world):
    for path in ("/api/v1/nope", f"/api/v1/c/{world.coalition.slug}/values/-1/", "/api/v1/c/x/values/abc/"):
        response = client.post(path)
        assert response.status_code == 404 and response["Content-Type"] == "application/problem+json", path


def test_errors_speak_the_persons_language(client, world):
    secret = token_for(world.partner, world.coalition)
    french = client.get(api_url(world.coalition, "nope/"), **bearer(secret))
    with scopes_disabled():
        world.partner.language = "en"
        world.partner.save()
    other = token_for(world.other_member, world.other_coalition)
    body_fr = client.get(api_url(world.coalition), **bearer(other)).json()
    assert body_fr["title"] == "Introuvable."
    world.other_member.language = "en"
    world.other_member.save()
    body_en = client.get(api_url(world.coalition), **bearer(other)).json()
    assert body_en["title"] == "Not found."
    assert french.status_code == 404


def test_the_session_works_and_unsafe_methods_need_csrf(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.partner)
    assert client.get(api_url(world.coalition)).status_code == 200
    response = client.post(api_url(world.coalition), {}, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


def test_a_member_of_another_coalition_with_a_session_gets_404(client, world):
    client.force_login(world.other_member)
    assert client.get(api_url(world.coalition)).status_code == 404


def test_each_token_has_its_own_budget(client, world, settings):
    settings.API_RATE_LIMIT = "2/min"
    first = token_for(world.partner, world.coalition, name="Un")
    second = token_for(world.partner, world.coalition, name="Deux")
    for _ in range(2):
        assert client.get(api_url(world.coalition), **bearer(first)).status_code == 200
    refused = client.get(api_url(world.coalition), **bearer(first))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["status"] == 429
    assert client.get(api_url(world.coalition), **bearer(second)).status_code == 200


def test_reads_carry_an_etag_and_honour_if_none_match(client, world):
    secret = token_for(world.funder, world.coalition, can_write=False)
    first = client.get(api_url(world.coalition), **bearer(secret))
    tag = first["ETag"]
    again = client.get(api_url(world.coalition), HTTP_IF_NONE_MATCH=tag, **bearer(secret))
    assert again.status_code == 304 and again["ETag"] == tag and again.content == b""
    assert client.get(api_url(world.coalition), HTTP_IF_NONE_MATCH='"other"', **bearer(secret)).status_code == 200


def test_the_schema_and_its_reference_page_are_served_without_inline_script(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    spec = schema.json()
    assert spec["openapi"].startswith("3.") and "tokenAuth" in spec["components"]["securitySchemes"]
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "<script>" not in html and "<style" not in html and "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/" in html
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_the_form_sent_twice_makes_one_token_whose_secret_is_the_one_shown_last(client, world):
    """A double click: the browser shows the answer to the second request only. One token, and
    the secret on the screen opens it (the first answer's, never seen, no longer does)."""
    client.force_login(world.partner)
    form = client.get(_page(world)).context["form"]
    sent = {"name": "Notre CRM", "access": "write", "lifetime_days": "90",
            "submission": form["submission"].initial}
    first = client.post(_page(world), sent).context["secret"]
    second = client.post(_page(world), sent)
    assert second.status_code == 200 and second.context["secret"]
    with scopes_disabled():
        [token] = ApiToken.objects.all()
    assert token.token_hash == hash_token(second.context["secret"]) != hash_token(first)
    assert client.get(api_url(world.coalition), **bearer(second.context["secret"])).status_code == 200
    assert client.get(api_url(world.coalition), **bearer(first)).status_code == 401
    # The page after a creation carries a new form: the next token is another one
    assert second.context["form"]["submission"].initial != sent["submission"]


def test_the_form_sent_again_once_its_token_is_in_use_is_refused_and_the_token_kept(client, world):
    client.force_login(world.partner)
    sent = {"name": "Notre CRM", "access": "read", "lifetime_days": "30", "submission": "s" * 32}
    secret = client.post(_page(world), sent).context["secret"]
    assert client.get(api_url(world.coalition), **bearer(secret)).status_code == 200  # a tool uses it
    again = client.post(_page(world), sent)
    assert again.context["secret"] is None and "déjà été envoyé" in str(again.context["form"].errors)
    with scopes_disabled():
        assert ApiToken.objects.count() == 1
    assert client.get(api_url(world.coalition), **bearer(secret)).status_code == 200


def test_another_persons_form_token_creates_nothing(client, world):
    client.force_login(world.partner)
    sent = {"name": "Notre CRM", "access": "read", "lifetime_days": "30", "submission": "t" * 32}
    client.post(_page(world), sent)
    client.force_login(world.coordinator)
    assert client.post(_page(world), sent).context["secret"] is None
    with scopes_disabled():
        assert ApiToken.objects.count() == 1
