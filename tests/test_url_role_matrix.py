"""The URL x role matrix (after pretix's test_permissions.py).

Every URL pattern of the project is collected from the resolver. Each must have an entry in
EXPECTED below, or the suite fails: a new page cannot ship without saying who may open it.
Under /c/<slug>/: anonymous -> login redirect; outsider and member of another coalition -> 404;
a role without the permission -> 403; an allowed role -> 200 on GET, and on an empty POST the
exact status its row declares (200: the form with its errors; 302: the action, or a redirect).
"""

from importlib import import_module

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from coalitions.models import Membership

from .factories import InvitationFactory
from .matrix_roles import ALL, BOTH, COORD, GET, POST

APP_MATRICES = [
    import_module(f"tests.{app}.matrix") for app in ("conditions", "indicators", "coordination", "dashboards")
]

# url name -> (roles allowed, methods served[, status of an allowed role's empty POST]): 200 where
# the form comes back with its errors, 302 for an action that needs no field (or redirects with a
# message). Each app adds its rows in tests/<app>/matrix.py.
EXPECTED = {
    "coalitions:home": (ALL, GET),
    "coalitions:settings": (COORD, BOTH, 200),
    "coalitions:organizations": (ALL, GET),
    "coalitions:organization_create": (COORD, BOTH, 200),
    "coalitions:organization_edit": (COORD, BOTH, 200),
    "coalitions:organization_delete": (COORD, BOTH, 302),
    "coalitions:members": (COORD, GET),
    "coalitions:member_edit": (COORD, BOTH, 200),
    "coalitions:member_deactivate": (COORD, BOTH, 302),
    "coalitions:member_reactivate": (COORD, POST, 302),
    "coalitions:invitations": (COORD, GET),
    "coalitions:invitation_create": (COORD, BOTH, 200),
    "coalitions:invitation_resend": (COORD, POST, 302),
    "coalitions:invitation_revoke": (COORD, POST, 302),
    "coalitions:audit": (COORD, GET),
}
for _matrix in APP_MATRICES:
    EXPECTED.update(_matrix.EXPECTED)

# URLs outside any coalition: name -> (GET as anonymous, GET as the partner of `world`)
SITE_WIDE = {
    "home": ("login", 302),  # one coalition: straight to it
    "healthz": (200, 200),
    "set_language": (405, 405),  # POST only
    "coalition_create": ("login", 200),
    "invitation_accept": (200, 403),  # the invitation was sent to someone else
    "share_link": (200, 200),  # a report snapshot's share link: no login, same for everyone
    "calendar_feed_ics": (200, 200),  # a member's calendar feed: its signed token is the only key
}
THIRD_PARTY_NAMESPACES = ("admin",)  # allauth's URLs carry no namespace; see is_third_party


def object_kwargs(world) -> dict:
    """URL name -> the arguments it needs; a pattern with arguments missing here fails the matrix."""
    with scopes_disabled():
        membership = Membership.objects.get(coalition=world.coalition, user=world.partner)
        invitation = InvitationFactory(coalition=world.coalition, organization=world.organization)
        kwargs = {
            "coalitions:organization_edit": {"pk": world.organization.pk},
            "coalitions:organization_delete": {"pk": world.organization.pk},
            "coalitions:member_edit": {"pk": membership.pk},
            "coalitions:member_deactivate": {"pk": membership.pk},
            "coalitions:member_reactivate": {"pk": membership.pk},
            "coalitions:invitation_resend": {"pk": invitation.pk},
            "coalitions:invitation_revoke": {"pk": invitation.pk},
            "invitation_accept": {"token": invitation.token},
        }
        for matrix in APP_MATRICES:
            kwargs.update(matrix.url_kwargs(world))
    return kwargs


def walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            full_ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), entry.callback


def is_third_party(name: str, callback) -> bool:
    module = callback.__module__
    return name.split(":")[0] in THIRD_PARTY_NAMESPACES or module.startswith(("allauth.", "django."))


ALL_PATTERNS = [(n, route, cb) for n, route, cb in walk(get_resolver().url_patterns) if not is_third_party(n, cb)]
COALITION_PATTERNS = [(n, route) for n, route, _cb in ALL_PATTERNS if route.startswith("c/<slug:coalition_slug>/")]


def test_every_url_has_a_declared_expectation():
    names = {name for name, _route, _cb in ALL_PATTERNS}
    missing = sorted(names - set(EXPECTED) - set(SITE_WIDE))
    assert not missing, f"Declare who may open these URLs in the matrix: {missing}"
    stale = sorted((set(EXPECTED) | set(SITE_WIDE)) - names)
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


def build_url(name, route, kwargs_by_name, slug):
    kwargs = {"coalition_slug": slug} if "coalition_slug" in route else {}
    if "<" in route.replace("<slug:coalition_slug>", ""):
        assert name in kwargs_by_name, f"Give {name} its URL arguments in url_kwargs() of its matrix"
        kwargs.update(kwargs_by_name[name])
    return reverse(name, kwargs=kwargs)


ACTORS = ["anonymous", "outsider", "other_member", "funder", "partner", "coordinator"]


def expected_status(actor, expectation, method):
    allowed_roles, methods, *post_status = expectation
    if actor == "anonymous":
        return "login"
    if actor in ("outsider", "other_member"):
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
    want = expected_status(actor, EXPECTED[name], method)
    if want == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == want, f"{method} {url} as {actor}: {response.status_code}"


SITE_PATTERNS = [(n, route) for n, route, _cb in ALL_PATTERNS if not route.startswith("c/")]


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
