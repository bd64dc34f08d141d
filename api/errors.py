"""Errors as RFC 9457 problem details (``application/problem+json``), in the person's language.

Every refusal of the API goes through ``problem_handler`` (DRF's EXCEPTION_HANDLER): the body
holds ``type``, ``title``, ``status``, ``detail`` and ``instance``, and for invalid input
``errors``, the messages of each field (``{"field": ["message"]}``; ``"non_field_errors"`` for the
request as a whole). Validation errors of the services (Django's ValidationError) and their
refusals (PermissionDenied) answer like DRF's own.
"""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from coalitions.concurrency import EditConflict

PROBLEM_TYPE = "application/problem+json"


def titles() -> dict[int, str]:
    """Short, translated summaries of each status (RFC 9457 ``title``)."""
    return {
        400: pgettext("API problem", "The request is not valid."),
        401: pgettext("API problem", "Authentication is needed."),
        403: pgettext("API problem", "You may not do this."),
        404: pgettext("API problem", "Not found."),
        405: pgettext("API problem", "This method is not allowed here."),
        406: pgettext("API problem", "This format is not available."),
        409: pgettext("API problem", "Someone changed this in the meantime."),
        412: pgettext("API problem", "The resource changed."),
        415: pgettext("API problem", "This content type is not supported."),
        422: pgettext("API problem", "The request cannot be processed."),
        429: pgettext("API problem", "Too many requests."),
        500: pgettext("API problem", "Something went wrong on our side."),
    }


def field_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
                for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def flatten(detail) -> dict[str, list]:
    """DRF's ``exc.detail`` as ``errors``: field -> messages (nested errors kept as they are)."""
    if isinstance(detail, dict):
        return {key: (value if isinstance(value, list | dict) else [value]) for key, value in detail.items()}
    if isinstance(detail, list):
        return {"non_field_errors": detail}
    return {"non_field_errors": [detail]}


def problem_body(status_code: int, *, detail: str = "", errors=None, instance: str = "") -> dict:
    body = {
        "type": "about:blank",
        "title": titles().get(status_code) or HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": str(detail or titles().get(status_code) or HTTPStatus(status_code).phrase),
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    return body


def problem(status_code: int, *, detail: str = "", errors=None, instance: str = "", headers=None) -> Response:
    body = problem_body(status_code, detail=detail, errors=errors, instance=instance)
    response = Response(body, status=status_code, headers=headers, content_type=PROBLEM_TYPE)
    response.is_problem = True  # type: ignore[attr-defined]
    return response


def problem_handler(exc, context):
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, EditConflict):
        return problem(409, detail=_("Someone else saved this in the meantime. Read it again, then retry."),
                       instance=instance)
    if isinstance(exc, DjangoValidationError):
        errors = field_errors(exc)
        first = next(iter(errors.values()))[0]
        return problem(400, detail=first, errors=errors, instance=instance)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's 500 page and its logging
    headers = {key: value for key, value in response.items() if key in ("WWW-Authenticate", "Retry-After", "Allow")}
    detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten(exc.detail)
        return problem(status.HTTP_400_BAD_REQUEST, detail=_("Some fields need corrections."), errors=errors,
                       instance=instance, headers=headers)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        detail = _("Too many requests with this token. Try again in %(seconds)d seconds.") % {
            "seconds": int(exc.wait)}
    return problem(response.status_code, detail=detail if isinstance(detail, str) else "", instance=instance,
                   headers=headers)


def bad_request(request, exception):
    """Django's handler400 (config/urls.py): a request refused before any view (a NUL byte,
    coalitions.middleware) answers problem details under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(problem_body(400, instance=request.path), status=400, content_type=PROBLEM_TYPE)
    return defaults.bad_request(request, exception)
