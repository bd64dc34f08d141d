"""The URL x role matrix of the REST API: every endpoint, every method, as every kind of caller.

Anonymous -> 401; a token of another coalition, or the session of someone who is not a member
-> 404; a member without the permission the web view asks -> 403; a method the endpoint does not
serve -> 405; an allowed role -> 200 on GET and the declared status on an empty write. A
read-only token is refused (403) every write its role could otherwise make."""

import pytest

from ..url_map import API_EXPECTED, API_PATTERNS, build_url, object_kwargs
from .helpers import bearer, token_for

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
ACTORS = ["anonymous", "outsider", "other_member", "funder", "partner", "coordinator", "read_only_partner"]


def expected(actor, rules, method):
    allowed = rules.get(method)
    if actor == "anonymous":
        return 401
    if actor in ("outsider", "other_member"):
        return 404
    if allowed is None:
        return 405
    roles, status = allowed if isinstance(allowed, tuple) else (allowed, 200)
    role = "partner" if actor == "read_only_partner" else actor
    if role not in roles:
        return 403
    if actor == "read_only_partner" and method != "GET":
        return 403
    return status


def credentials(world, actor):
    if actor == "anonymous":
        return {}
    if actor == "outsider":
        return {"session": world.outsider}
    if actor == "other_member":
        return bearer(token_for(world.other_member, world.other_coalition))
    if actor == "read_only_partner":
        return bearer(token_for(world.partner, world.coalition, can_write=False))
    return bearer(token_for(world.user(actor), world.coalition, can_write=actor != "funder"))


@pytest.mark.parametrize("name,route", API_PATTERNS, ids=[n for n, _ in API_PATTERNS])
@pytest.mark.parametrize("actor", ACTORS)
def test_api_url_matrix(client, world, name, route, actor):
    url = build_url(name, route, object_kwargs(world), world.coalition.slug)
    extra = credentials(world, actor)
    if "session" in extra:
        client.force_login(extra.pop("session"))
    for method in METHODS:
        response = client.generic(method, url, "{}", content_type="application/json", **extra)
        want = expected(actor, API_EXPECTED[name], method)
        got = response.status_code
        assert got == want, f"{method} {url} as {actor}: {got} {response.content[:300]}"
        if response.status_code >= 400:
            assert response["Content-Type"] == "application/problem+json", f"{method} {url} as {actor}"


def test_every_api_url_is_in_the_matrix():
    assert {name for name, _ in API_PATTERNS} == set(API_EXPECTED)
