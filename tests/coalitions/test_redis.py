"""What runs on Redis in production and CI: the cache (rate limits) and the Celery broker."""

import pytest

from .. import conftest

pytestmark = pytest.mark.redis


def test_the_broker_and_cache_are_redis_when_redis_url_is_set(settings):
    assert settings.CELERY_BROKER_URL == conftest.REDIS_URL
    assert "redis" in settings.CACHES["default"]["BACKEND"].lower()


def test_the_health_check_reaches_the_redis_broker(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["broker"] == "ok"


def test_rate_limit_counters_are_shared_through_redis(db):
    from django.core.cache import cache

    cache.set("concerto-test-key", 41)
    assert cache.incr("concerto-test-key") == 42
