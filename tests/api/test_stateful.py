"""Schemathesis' stateful tests, as each role: scenarios that follow the schema's OpenAPI links
(api/schema.py LINKS), e.g. list the indicators, open one, list its periods, create a value for
the first, then read, update, submit, approve or return it, with the ids of the answers. Every
answer must be no server error, documented by the schema and hold nothing of the other
coalition. Bounded (a fixed number of scenarios of a few steps) so that it stays fast."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings

from .helpers import token_for
from .test_schema_fuzz import CHECKS

SCENARIOS_PER_ROLE = 15
STEPS_PER_SCENARIO = 8


def one_coalition(schema: dict, slug: str, organization: int) -> dict:
    """The schema as a client of one coalition sees it: its slug in the paths, instead of a
    parameter the scenarios would otherwise fill with random text (and 404s); and a value that
    can be saved (a number, for the caller's organisation) where a link creates one, so that the
    scenarios go on to read, change and submit it."""
    paths = {}
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            operation["parameters"] = [p for p in operation.get("parameters", []) if p["name"] != "coalition_slug"]
            for response in operation["responses"].values():
                for link in response.get("links", {}).values():
                    link["parameters"].pop("coalition_slug", None)
                    if "requestBody" in link:
                        link["requestBody"].update(value="12", organization=organization)
        paths[path.replace("{coalition_slug}", slug)] = methods
    return {**schema, "paths": paths}


@pytest.fixture
def coalition_schema(client, world):
    """The live schema of world's coalition; its calls go through WSGI in this thread so that
    they share the test's transaction (as Django's test client does, no request closes it)."""
    raw = one_coalition(json.loads(client.get("/api/v1/schema/?format=json").content), world.coalition.slug,
                        world.organization.pk)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_dict(raw)
        schema.app = get_wsgi_application()
        # Only the links the schema declares: the inferred ones would spread the few scenarios thin
        schema.config.phases.stateful.inference.algorithms = []
        yield schema
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", ["coordinator", "partner", "funder"])
def test_linked_calls_answer_as_documented_and_stay_in_the_coalition(coalition_schema, world, data, role, settings_):
    secret = token_for(world.user(role), world.coalition, can_write=role != "funder")
    api_schema = coalition_schema
    api_schema.config.update(headers={"Authorization": f"Bearer {secret}"})
    foreign = {world.other_coalition.slug, data.foreign_indicator.code, world.other_coalition.name}
    calls: list[tuple[str, int]] = []

    class Scenario(api_schema.as_state_machine()):
        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS)
            calls.append((case.operation.label, response.status_code))
            text = response.text if "json" in response.headers.get("Content-Type", [""])[0] else ""
            assert not any(mark in text for mark in foreign), f"{case.method} {case.formatted_path}: {text[:300]}"

    Scenario.run(settings=settings(
        max_examples=SCENARIOS_PER_ROLE, stateful_step_count=STEPS_PER_SCENARIO, phases=[Phase.generate],
        deadline=None, derandomize=True, database=None, print_blob=False, suppress_health_check=list(HealthCheck)))

    followed = {label for label, status in calls if status < 300}
    # The links were followed: an id of an answer was used by the next call, and worked
    assert f"GET /api/v1/c/{world.coalition.slug}/indicators/{{id}}/" in followed, sorted(set(calls))
    if role != "funder":
        assert f"GET /api/v1/c/{world.coalition.slug}/values/{{id}}/" in followed, sorted(set(calls))
