"""Settings that django-stubs' mypy plugin loads (pyproject.toml, [tool.django-stubs]): the test
settings, whatever the environment says, so `mypy` runs the same everywhere. The database address
is never connected to; it only keeps the embedded PostgreSQL from starting."""

import os

os.environ["DEBUG"] = "1"
os.environ["DATABASE_URL"] = "postgres://typecheck@127.0.0.1:5432/never_connected"

from config.settings_test import *  # noqa: E402, F403
