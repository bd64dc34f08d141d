"""The project's URL map as the tests see it: every named pattern from the resolver, who may
open it (tests/<app>/matrix.py) and the objects to reverse it with. Shared by the URL x role
matrix and the URL-wide fuzz test."""

from importlib import import_module

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

APP_MATRICES = [
    import_module(f"tests.{app}.matrix") for app in ("coalitions", "conditions", "indicators", "coordination",
                                                      "dashboards", "api")
]

# url name -> (roles allowed, methods served[, status of an allowed role's empty POST]), under /c/<slug>/
EXPECTED = {}
# url name -> roles that hold the view's permission but may not see its object (someone else's):
# 404 for them, not 403, so that the object's existence does not leak (coalitions.permissions.object_for)
HIDDEN = {}
# REST API url name -> {method: roles allowed}, under /api/v1/c/<slug>/ (tests/api/matrix.py)
API_EXPECTED = {}
for _matrix in APP_MATRICES:
    EXPECTED.update(_matrix.EXPECTED)
    HIDDEN.update(getattr(_matrix, "HIDDEN", {}))
    API_EXPECTED.update(getattr(_matrix, "API_EXPECTED", {}))

THIRD_PARTY_NAMESPACES = ("admin",)  # allauth's URLs carry no namespace; see is_third_party


def object_kwargs(world) -> dict:
    """URL name -> the arguments it needs; a pattern with arguments missing here fails the matrix."""
    kwargs = {}
    with scopes_disabled():
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
API_PREFIX = "api/v1/c/<slug:coalition_slug>/"
API_PATTERNS = [(n, route) for n, route, _cb in ALL_PATTERNS if route.startswith(API_PREFIX)]
SITE_PATTERNS = [(n, route) for n, route, _cb in ALL_PATTERNS
                 if not route.startswith("c/") and not route.startswith(API_PREFIX)]


def build_url(name, route, kwargs_by_name, slug):
    kwargs = {"coalition_slug": slug} if "coalition_slug" in route else {}
    if "<" in route.replace("<slug:coalition_slug>", ""):
        assert name in kwargs_by_name, f"Give {name} its URL arguments in url_kwargs() of its matrix"
        kwargs.update(kwargs_by_name[name])
    return reverse(name, kwargs=kwargs)
