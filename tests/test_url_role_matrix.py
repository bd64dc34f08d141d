"""The URL x role matrix (after pretix's test_permissions.py).

Every URL pattern of the project is collected from the resolver (tests/url_map.py). Each must
have an entry in its app's tests/<app>/matrix.py, or in SITE_WIDE below, or the suite fails:
a new page cannot ship without saying who may open it.
Under /c/<slug>/: anonymous -> login redirect; outsider and member of another coalition -> 404;
a role without the permission -> 403 (404 where the row's object is not the role's to see, see
HIDDEN); an allowed role -> 200 on GET, and on an empty POST the
exact status its row declares (200: the form with its errors; 302: the action, or a redirect).
"""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from .url_map import (
    ALL_PATTERNS,
    API_EXPECTED,
    COALITION_PATTERNS,
    EXPECTED,
    HIDDEN,
    SITE_PATTERNS,
    build_url,
    object_kwargs,
)

# URLs outside any coalition: name -> (GET as anonymous, GET as the partner of `world`)
SITE_WIDE = {
    "home": ("login", 302),  # one coalition: straight to it
    "healthz": (200, 200),
    "set_language": (405, 405),  # POST only
    "coalition_create": ("login", 200),
    "invitation_accept": (200, 403),  # the invitation was sent to someone else
    "share_link": (200, 200),  # a report snapshot's share link: no login, same for everyone
    "calendar_feed_ics": (200, 200),  # a member's calendar feed: its signed token is the only key
    "api:schema": (200, 200),  # the REST API's OpenAPI schema and its reference page: public
    "api:docs": (200, 200),
    "api:not_found": (404, 404),  # any other address under /api/v1/: problem details, not the HTML page
    "privacy": (200, 200),  # the platform's privacy policy: public
    "privacy_consent": ("login", 302),  # the partner agreed to the policy in force: sent on
    "profile": ("login", 200),
    "profile_download": ("login", 200),  # « Télécharger mes données »: one's own only
    "account_delete": ("login", 200),  # the confirmation; the POST starts the grace period
}


def test_every_url_has_a_declared_expectation():
    names = {name for name, _route, _cb in ALL_PATTERNS}
    declared = set(EXPECTED) | set(SITE_WIDE) | set(API_EXPECTED)  # API_EXPECTED: tests/api/matrix.py
    missing = sorted(names - declared)
    assert not missing, f"Declare who may open these URLs in the matrix: {missing}"
    stale = sorted(declared - names)
    assert not stale, f"These expectations name URLs that no longer exist: {stale}"


def test_every_url_that_takes_a_post_declares_the_status_of_an_empty_one():
    def declared(methods, status):
        return status in ([200], [302]) if "POST" in methods else status == []

    undeclared = sorted(name for name, (_roles, methods, *status) in EXPECTED.items() if not declared(methods, status))
    assert not undeclared, f"Give these rows the status of an allowed empty POST (200 or 302): {undeclared}"


def test_every_coalition_view_declares_a_permission():
    undeclared = [
        name for name, route, cb in ALL_PATTERNS if route.startswith("c/") and not hasattr(cb, "coalition_permission")
    ]
    assert not undeclared


ACTORS = ["anonymous", "outsider", "other_member", "funder", "partner", "coordinator"]


def expected_status(actor, expectation, method, hidden_from=frozenset()):
    allowed_roles, methods, *post_status = expectation
    if actor == "anonymous":
        return "login"
    if actor in ("outsider", "other_member") or actor in hidden_from:
        return 404
    if actor not in allowed_roles:
        return 403
    if method not in methods:
        return 405
    return 200 if method == "GET" else post_status[0]


@pytest.mark.parametrize("name,route", COALITION_PATTERNS, ids=[n for n, _ in COALITION_PATTERNS])
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("actor", ACTORS)
def test_coalition_url_matrix(client, world, name, route, method, actor):
    url = build_url(name, route, object_kwargs(world), world.coalition.slug)
    if actor != "anonymous":
        client.force_login(world.user(actor))
    response = client.get(url) if method == "GET" else client.post(url, {})
    want = expected_status(actor, EXPECTED[name], method, HIDDEN.get(name, frozenset()))
    if want == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == want, f"{method} {url} as {actor}: {response.status_code}"


@pytest.mark.parametrize("name,route", SITE_PATTERNS, ids=[n for n, _ in SITE_PATTERNS])
def test_site_wide_url_matrix(client, world, name, route):
    url = build_url(name, route, object_kwargs(world), world.coalition.slug)
    as_anonymous, as_partner = SITE_WIDE[name]
    response = client.get(url)
    if as_anonymous == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == as_anonymous
    client.force_login(world.partner)
    assert client.get(url).status_code == as_partner


def test_an_object_of_another_coalition_is_not_found_through_ones_own(client, world):
    """Tampering with the id in the URL cannot reach another coalition's rows."""
    client.force_login(world.other_member)
    url = reverse("coalitions:organization_edit", args=[world.other_coalition.slug, world.organization.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Piraté", "sector": "other", "kind": "other"}).status_code == 404
    with scopes_disabled():
        world.organization.refresh_from_db()
    assert world.organization.name == "Maison de la famille"
