"""bench_load's users: the locustfile logs in each role through the real form of a live server
and browses; the command's summary reads locust's statistics. A benchmark: no timing asserted."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from dashboards.management.commands.bench_load import LOCUSTFILE, format_summary, summary_rows

LOCUST = Path(sys.executable).parent / "locust"
PASSWORD = "mot-de-passe-de-charge"


def run_locust(world, url: str, prefix: Path, *, users: int, password: str, seconds: int) -> dict[str, dict]:
    logins = {f"CONCERTO_{role.upper()}": world.user(role).email for role in ("coordinator", "partner", "funder")}
    subprocess.run(
        [LOCUST, "-f", LOCUSTFILE, "--headless", "--only-summary", "--users", str(users),
         "--spawn-rate", str(users), "--run-time", f"{seconds}s", "--stop-timeout", "10", "--host", url,
         "--csv", prefix, "--loglevel", "ERROR"],
        env={**os.environ, **logins, "CONCERTO_SLUG": world.coalition.slug, "CONCERTO_PASSWORD": password},
        capture_output=True, timeout=120,
    )
    return {row["name"]: row for row in summary_rows(Path(f"{prefix}_stats.csv"))}


@pytest.mark.django_db(transaction=True)
def test_each_role_logs_in_through_the_form_and_browses_without_errors(world, live_server, tmp_path):
    with scopes_disabled():
        for role in ("coordinator", "partner", "funder"):
            world.user(role).set_password(PASSWORD)
            world.user(role).save()
    rows = run_locust(world, live_server.url, tmp_path / "ok", users=3, password=PASSWORD, seconds=15)

    # One coordinator, partner and funder (locust's weights pick each once); on a busy machine
    # not all may have logged in before the end, but none was refused.
    assert rows["login"]["requests"] >= 1 and rows["login"]["failures"] == 0
    pages = {name for name, row in rows.items() if row["requests"]} - {"login", "login form", "Aggregated"}
    assert pages and rows["Aggregated"]["failures"] == 0
    lines = format_summary(list(rows.values()))
    assert lines[0].split()[:2] == ["page", "requests"] and lines[-1].endswith("errors: 0")

    refused = run_locust(world, live_server.url, tmp_path / "refused", users=1, password="pas-le-bon", seconds=6)
    assert refused["login"]["failures"] == refused["login"]["requests"] == 1
    # Pages reached without a session count as errors, not as the login page's timing.
    assert refused["Aggregated"]["failures"] > 1
