"""Settings of the test suite (pytest's DJANGO_SETTINGS_MODULE, in pyproject.toml): the
development settings, plus what only tests want. config/settings.py knows nothing of tests."""

import os

# The development defaults (throwaway key, local hosts, no HTTPS redirect) unless the caller
# chose; Django's test runner turns DEBUG itself off while the tests run.
os.environ.setdefault("DEBUG", "1")

from config.env import env_bool  # noqa: E402
from config.settings import *  # noqa: E402, F403
from config.settings import REDIS_URL  # noqa: E402

# Hashing speed is not under test.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tasks run inline, so a test sees their effect; tests of the worker itself turn this off.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", True)

if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER"):
    # Parallel test workers each get their own Redis database: clearing one worker's cache
    # (rate-limit counters) must not wipe another's mid-test.
    from urllib.parse import urlsplit, urlunsplit

    _parts = urlsplit(REDIS_URL)
    _base_db = int(_parts.path.strip("/") or 0)
    _worker = int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw"))
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": urlunsplit(_parts._replace(path=f"/{(_base_db - _worker) % 16}")),
        }
    }
