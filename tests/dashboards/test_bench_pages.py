"""bench_pages: it finds every page of the URL x role matrix and prints its figures. A benchmark:
no timing is asserted, only that it runs every page and reports in its format. The tests share
one small scale coalition (``scale``, seeded once for the module)."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction

from dashboards.management.commands.bench_pages import (
    ARGUMENTS,
    POST_ONLY,
    api_list_urls,
    coalition_urls,
    has_arguments,
)
from tests.test_url_role_matrix import COALITION_PATTERNS, EXPECTED

# One worker runs the module, so its scale seed runs once (`make test` runs `--dist loadgroup`).
pytestmark = pytest.mark.xdist_group("scale-seed")


@pytest.fixture(scope="module")
def scale(django_db_setup, django_db_blocker):
    """echelle-2, the smallest scale coalition, in a transaction rolled back after the module's
    tests (each test's own changes roll back after it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_scale", organisations=2, indicators=10, periods=2, stdout=io.StringIO())
        yield "echelle-2"
        transaction.set_rollback(True)


# A row of the table: a URL name, namespaced or not (api_guide), a role, the cells and the budget.
ROW = re.compile(
    r"^(?P<name>\S+)\s+(?P<role>coordinator|partner|funder)\s+\|(?P<cells>.*)\| (?P<budget>ok|OVER.*)$")


def test_it_knows_how_to_open_every_page_of_the_matrix():
    """A new page with arguments must say which object bench_pages opens; a POST-only URL, that it is none."""
    assert {name for name, _route, _permission in coalition_urls()} == {name for name, _route in COALITION_PATTERNS}
    assert POST_ONLY == {name for name, _route in COALITION_PATTERNS if "GET" not in EXPECTED[name][1]}
    with_arguments = {name for name, route in COALITION_PATTERNS if has_arguments(route)}
    assert set(ARGUMENTS) == with_arguments - POST_ONLY


@pytest.mark.django_db
def test_it_times_every_page_of_every_role_and_ends_with_the_pages_over_budget(scale):
    """Every page once: with --slow 0, each page's first request is over the threshold, so it is
    timed once (its queries counted there) and marked so. The repeated timing: the next tests."""
    out = io.StringIO()
    call_command("bench_pages", small=scale, small_only=True, runs=1, warmup=1, slow=0, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("bench_pages: 1 timed runs per page") and "small = echelle-2" in lines[0]
    rows = [ROW.match(line) for line in lines if ROW.match(line)]
    seen = {(row["name"], row["role"]) for row in rows}
    assert {("coalitions:home", role) for role in ("coordinator", "partner", "funder")} <= seen
    assert {("indicators:indicator_detail", "partner"), ("indicators:review", "coordinator"),
            ("indicators:export_values", "coordinator"), ("dashboards:report_download", "funder")} <= seen
    assert not seen & {(name, role) for name in POST_ONLY for role in ("coordinator", "partner", "funder")}
    # Every page answered: each cell holds its median, p95 and query count, none a status or an error.
    for row in rows:
        median, p95, queries = row["cells"].split()
        assert float(median) > 0 and float(p95.rstrip("*")) >= float(median) and int(queries) > 0, row.group(0)
        assert p95.endswith("*"), row.group(0)  # timed once
    assert "* timed once: its first request took more than 0 s." in lines
    over = sum(row["budget"].startswith("OVER") for row in rows)
    assert lines[-1] == f"pages over budget: {over}"


@pytest.mark.django_db
def test_it_compares_the_query_counts_of_both_sizes(scale):
    out = io.StringIO()
    call_command("bench_pages", small=scale, large=scale, page="indicators:index", runs=2, warmup=2, stdout=out)
    lines = out.getvalue().splitlines()
    assert "small median" in lines[1] and "large median" in lines[1]
    rows = [ROW.match(line) for line in lines if ROW.match(line)]
    assert {row["role"] for row in rows} == {"coordinator", "partner", "funder"}
    for row in rows:
        small, large = row["cells"].split("|")
        assert small.split()[2] == large.split()[2]  # the same coalition twice: the same queries
        assert "queries differ" not in row["budget"]
    assert re.fullmatch(r"pages over budget: \d+", lines[-1])


@pytest.mark.django_db
def test_api_mode_times_every_list_endpoint_a_page_of_100_as_each_role_that_reads_it(scale):
    out = io.StringIO()
    call_command("bench_pages", api=True, small=scale, small_only=True, runs=1, warmup=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("bench_pages --api: 1 timed runs per page")
    rows = [ROW.match(line) for line in lines if ROW.match(line)]
    seen = {(row["name"], row["role"]) for row in rows}
    lists = {name for name, _route, _permission in api_list_urls()}
    assert {"api:values", "api:rollups", "api:indicators", "api:organizations"} <= lists
    assert "api:value" not in lists and "api:coalition" not in lists  # details and writes are no lists
    assert {name for name, _role in seen} == lists
    assert ("api:values", "partner") in seen and ("api:values", "funder") not in seen  # as the API's permissions
    assert ("api:members", "coordinator") in seen and ("api:members", "partner") not in seen
    for row in rows:  # every endpoint answered 200: median, p95 and queries, no status
        median, p95, queries = row["cells"].split()
        assert float(median) > 0 and int(queries) > 0, row.group(0)
