"""``Idempotency-Key`` on POST: the same key sent again (a retry after a timeout, a network
error) gets the first answer back, and nothing is written twice.

The first answer is kept in the shared cache (Redis in production) for a day, under the
caller (token or person), the path and the key. The same key with another body is refused
(422); while the first request runs, a second one with its key gets 409. The services are
safe to retry on their own (saving the same value again changes nothing); the key makes the
answer the same too, e.g. 201 Created and not 200 the second time.
"""

import hashlib
import json
from functools import wraps

from django.core.cache import cache
from django.utils.translation import gettext as _
from rest_framework.response import Response

from coalitions.models import ApiToken

from .errors import problem

KEEP_SECONDS = 24 * 3600
RUNNING_SECONDS = 60
MAX_KEY_LENGTH = 200


def _caller(request) -> str:
    if isinstance(request.auth, ApiToken):
        return f"token-{request.auth.pk}"
    return f"user-{request.user.pk}"


def idempotent(handler):
    @wraps(handler)
    def post(view, request, *args, **kwargs):
        key = request.headers.get("Idempotency-Key", "")
        if not key:
            return handler(view, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH or not key.isprintable():
            return problem(400, detail=_("Send an Idempotency-Key of at most 200 printable characters."),
                           instance=request.path)
        digest = hashlib.sha256(f"{_caller(request)}\n{request.path}\n{key}".encode()).hexdigest()
        body = hashlib.sha256(request.body).hexdigest()
        name = f"api:idempotency:{digest}"
        kept = cache.get(name)
        if kept is None and not cache.add(f"{name}:running", 1, RUNNING_SECONDS):
            return problem(409, detail=_("A request with this Idempotency-Key is still running. Retry in a moment."),
                           instance=request.path)
        if kept is None:
            try:
                response = handler(view, request, *args, **kwargs)
                if isinstance(response, Response) and 200 <= response.status_code < 300:
                    cache.set(name, {"body": body, "status": response.status_code,
                                     "data": json.loads(json.dumps(response.data, default=str))}, KEEP_SECONDS)
                return response
            finally:
                cache.delete(f"{name}:running")
        if kept["body"] != body:
            return problem(422, detail=_("This Idempotency-Key was already used for another request. "
                                         "Use a new key for each new request."), instance=request.path)
        response = Response(kept["data"], status=kept["status"])
        response["Idempotent-Replayed"] = "true"
        return response

    return post
