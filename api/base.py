"""What every endpoint under /api/v1/c/<slug>/ shares: the coalition, the person's membership,
the permission of the registry the view declares for each method, the scope, the language.

The rules are those of the web pages (coalitions.middleware.CoalitionMiddleware): a person who
is not a member, or a token of another coalition, gets 404 (the coalition's existence does not
leak); a member without the view's permission gets 403. A read-only token is refused every
unsafe method. Every query then runs inside ``scope(coalition=...)``, and writes go through the
services, which check the actor again.
"""

import hashlib
from contextlib import ExitStack

import pghistory
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django_scopes import scope
from rest_framework import exceptions, permissions
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from coalitions.middleware import preferred_language
from coalitions.models import ApiToken, Membership
from coalitions.permissions import API_WRITE, has_permission

from .authentication import BearerTokenAuthentication, SessionAuthentication
from .throttling import TokenRateThrottle

READ_ONLY_TOKEN = _("This token is read-only. Create a read-and-write token to change data.")


def membership_for(request, slug: str) -> Membership:
    """The membership the request acts as in the coalition ``slug``, or 404."""
    token = request.auth if isinstance(request.auth, ApiToken) else None
    if token is not None:
        if token.coalition.slug != slug:
            raise exceptions.NotFound()
        return token.membership
    membership = (
        Membership.objects.with_scopes_disabled().select_related("coalition", "organization")
        .filter(coalition__slug=slug, user=request.user, is_active=True).first()
    )
    if membership is None:
        raise exceptions.NotFound()
    return membership


class CoalitionAccess(permissions.BasePermission):
    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        translation.activate(preferred_language(request))  # a refusal below speaks the person's language
        membership = membership_for(request, view.kwargs.get("coalition_slug", ""))
        request.membership, request.coalition = membership, membership.coalition
        language = preferred_language(request, membership.coalition)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        permission = view.permission_for.get(method)
        if permission is None:
            if hasattr(view, method.lower()):
                raise ImproperlyConfigured(f"{type(view).__name__} declares no permission for {method}")
            return True  # DRF answers 405
        if not has_permission(membership, permission):
            raise exceptions.PermissionDenied()
        if method not in permissions.SAFE_METHODS:
            token = request.auth if isinstance(request.auth, ApiToken) else None
            if token is not None and not (token.can_write and has_permission(membership, API_WRITE)):
                raise exceptions.PermissionDenied(READ_ONLY_TOKEN)
        return True


class ProblemJSONRenderer(JSONRenderer):
    media_type = "application/problem+json"


class CoalitionAPIView(GenericAPIView):
    """Base of the coalition's endpoints. ``permission_for`` maps each method the view serves to
    the permission name of the registry it needs (the same names as the web views)."""

    authentication_classes = [BearerTokenAuthentication, SessionAuthentication]
    permission_classes = [CoalitionAccess]
    throttle_classes = [TokenRateThrottle]
    permission_for: dict[str, str] = {}
    etag = True  # GET answers carry an ETag and honour If-None-Match

    def dispatch(self, request, *args, **kwargs):
        with ExitStack() as stack:
            self.stack = stack
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.stack.enter_context(scope(coalition=request.coalition))
        token = request.auth if isinstance(request.auth, ApiToken) else None
        self.stack.enter_context(pghistory.context(user=request.user.pk, api_token=token.pk if token else None))

    @property
    def membership(self) -> Membership:
        return self.request.membership

    @property
    def coalition(self):
        return self.request.coalition

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(response, "is_problem", False):
            # A refusal is problem+json whatever format was asked for (CSV included).
            response.accepted_renderer = ProblemJSONRenderer()
            response.accepted_media_type = ProblemJSONRenderer.media_type
            response.renderer_context = self.get_renderer_context()
            return response
        if isinstance(response, Response):
            patch_vary_headers(response, ("Authorization", "Accept", "Accept-Language", "Cookie"))
        if (self.etag and request.method in ("GET", "HEAD") and isinstance(response, Response)
                and response.status_code == 200):
            response.render()
            tag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["ETag"] = tag
            if tag in [t.strip().removeprefix("W/") for t in request.headers.get("If-None-Match", "").split(",")]:
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = tag
                patch_vary_headers(not_modified, ("Authorization", "Accept", "Accept-Language", "Cookie"))
                return not_modified
        return response
