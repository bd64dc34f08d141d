"""The OpenAPI schema as the API answers: besides each endpoint's own answer, the refusals
every endpoint may give, as problem details (api/errors.py), so that a client (and the
schemathesis test) knows each status and its body."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

# status -> when; every endpoint may answer these
PROBLEMS = {
    "400": "The request is not valid: see errors.",
    "401": "No token, or a token that is unknown, expired or revoked.",
    "403": "Your role, or your read-only token, may not do this.",
    "404": "Not found in this coalition (or not yours to see).",
    "406": "The format asked for (Accept, ?format=) is not available here.",
    "415": "The body is not JSON.",
    "429": "Too many requests with this token: wait Retry-After seconds.",
}
WRITE_PROBLEMS = {
    "409": "A request with this Idempotency-Key is still running.",
    "422": "This Idempotency-Key was used for another request.",
}


class ProblemSerializer(serializers.Serializer):
    """An error, as RFC 9457 problem details, in the person's language."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False)
    errors = serializers.JSONField(required=False, help_text="The messages of each field, or of each item of a bulk.")


class ConcertoAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        problem = {"application/problem+json": {"schema": self.resolve_serializer(ProblemSerializer, direction).ref}}
        problems = {**PROBLEMS, **(WRITE_PROBLEMS if self.method == "POST" else {})}
        for code, description in problems.items():
            responses.setdefault(code, {"description": description, "content": problem})
        return responses


# OpenAPI links: how an answer's ids feed the next call, which drf-spectacular cannot infer.
# A client (and schemathesis' stateful test, tests/api/test_stateful.py) follows them, e.g. from
# a value just created to its update and submission. {operationId: {status: {name: link}}}
SLUG = {"coalition_slug": "$request.path.coalition_slug"}
FIRST = "$response.body#/results/0"


def _to(operation: str, **parameters) -> dict:
    return {"operationId": operation, "parameters": {**SLUG, **parameters}}


def _value_links(id_expression: str, *, review: bool = True) -> dict:
    links = {
        "GetValue": _to("c_values_retrieve", id=id_expression),
        "UpdateValue": _to("c_values_partial_update", id=id_expression),
        "SubmitValue": _to("c_values_submit_create", id=id_expression),
    }
    if review:
        links["ApproveValue"] = _to("c_values_approve_create", id=id_expression)
        links["ReturnValue"] = _to("c_values_return_create", id=id_expression)
    return links


LINKS = {
    "c_values_create": {"201": _value_links("$response.body#/id"), "200": _value_links("$response.body#/id")},
    "c_values_retrieve": {"200": {
        "GetIndicator": _to("c_indicators_retrieve", id="$response.body#/indicator"),
        **_value_links("$response.body#/id"),
    }},
    "c_values_partial_update": {"200": _value_links("$response.body#/id")},
    "c_values_submit_create": {"200": _value_links("$response.body#/id")},
    "c_values_list": {"200": _value_links(f"{FIRST}/id")},
    "c_values_bulk_create": {"200": _value_links(f"{FIRST}/id")},
    "c_indicators_list": {"200": {"GetIndicator": _to("c_indicators_retrieve", id=f"{FIRST}/id")}},
    "c_indicators_retrieve": {"200": {
        "ListValues": _to("c_values_list", **{"query.indicator": "$response.body#/id"}),
        "ListPeriods": _to("c_periods_list", **{"query.indicator": "$response.body#/id"}),
    }},
    "c_periods_list": {"200": {
        # A value for the first period of the list: the ids come from the answer, the rest is generated
        "CreateValue": {"operationId": "c_values_create", "parameters": SLUG,
                        "requestBody": {"indicator": f"{FIRST}/indicator", "period": f"{FIRST}/id"}},
        "ListValues": _to("c_values_list", **{"query.period": f"{FIRST}/id"}),
    }},
}


def add_links(result, generator, request, public):
    """drf-spectacular postprocessing hook: the links of LINKS on each operation's answers."""
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            for status, links in LINKS.get(operation.get("operationId"), {}).items():
                if status in operation.get("responses", {}):
                    operation["responses"][status]["links"] = links
    return result
