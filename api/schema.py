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
