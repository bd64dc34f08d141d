import os
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation
from django_scopes import scopes_disabled

from coalitions.models import Role

from .factories import CoalitionFactory, MembershipFactory, OrganizationFactory, UserFactory

REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_unreachable_reason() -> str:
    if not REDIS_URL:
        return "REDIS_URL is not set: no Redis server to test against"
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as error:  # noqa: BLE001
        return f"Redis at {REDIS_URL} is unreachable ({error.__class__.__name__})"
    return ""


def pytest_collection_modifyitems(config, items):
    reason = redis_unreachable_reason() if any("redis" in item.keywords for item in items) else ""
    for item in items:
        if reason and "redis" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request made by an earlier test in English
    leaves English active in the thread (LocaleMiddleware does not restore it)."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache; one test's attempts must not count against the next."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads of every test go to its own temporary directory, never to the project's .data/media;
    a test that reads its files back asks for this fixture by name."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def unscoped():
    with scopes_disabled():
        yield


@dataclass
class World:
    coalition: object
    other_coalition: object
    organization: object
    coordinator: object
    partner: object
    funder: object
    outsider: object
    other_member: object

    def user(self, actor: str):
        return getattr(self, actor)


@pytest.fixture
def world(db):
    """Two coalitions; in the first a coordinator, a partner and a funder; an outsider with no
    membership; and a coordinator of the second coalition only."""
    coalition = CoalitionFactory(name="Regroupement Petite enfance", slug="petite-enfance")
    other = CoalitionFactory(name="Table alimentaire", slug="table-alimentaire")
    organization = OrganizationFactory(coalition=coalition, name="Maison de la famille")
    coordinator = MembershipFactory(coalition=coalition, role=Role.COORDINATOR).user
    partner = MembershipFactory(coalition=coalition, role=Role.PARTNER, organization=organization).user
    funder = MembershipFactory(coalition=coalition, role=Role.FUNDER).user
    other_member = MembershipFactory(coalition=other, role=Role.COORDINATOR).user
    outsider = UserFactory()
    return World(coalition, other, organization, coordinator, partner, funder, outsider, other_member)
