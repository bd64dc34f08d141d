"""Settings that django-stubs' mypy plugin loads (pyproject.toml, [tool.django-stubs]): the test
settings, with a database address that is never connected to, so `mypy` needs no environment and
never starts the embedded PostgreSQL."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://typecheck@127.0.0.1:5432/never_connected")

from config.settings_test import *  # noqa: E402, F403
