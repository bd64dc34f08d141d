"""Small helpers every test package shares (fixtures live in conftest.py)."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse


def url(world, name: str, *args) -> str:
    """The URL ``name`` ("app:page") in world's first coalition, with ``args`` after its slug."""
    return reverse(name, args=[world.coalition.slug, *args])


def current_code(secret: str) -> str:
    """The TOTP code an authenticator app shows now for ``secret``."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def body(response) -> bytes:
    """The whole body of a response, streamed (CSV exports) or not."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


# What the sign-up form asks besides the email and password: the name, and the consent to the
# privacy policy (the optional purposes stay off).
SIGNUP_NAME_AND_CONSENT = {"first_name": "Nadia", "last_name": "Ouellet", "privacy": "on"}


# The tables of the queries whose plans the EXPLAIN tests check. ANALYZE writes a table's size
# in place, outside the test's transaction, and seed_scale analyses every table: which statistics
# the planner holds depends on what ran before. A test that explains a query analyses these
# first, so that the plan follows from its own rows only.
PLANNED_TABLES = ("indicators_indicatorvalue", "indicators_period", "indicators_indicator", "indicators_category",
                  "coalitions_organization", "indicators_indicatorgroupobjectpermission")


def analyse_planned_tables(cursor) -> None:
    cursor.execute("ANALYZE " + ", ".join(PLANNED_TABLES))
