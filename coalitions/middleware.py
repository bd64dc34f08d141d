import re

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.utils import translation
from django_scopes import scope

from .models import Membership
from .permissions import has_permission

COALITION_PATH = re.compile(r"^/c/(?P<slug>[-a-zA-Z0-9_]+)/")
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def preferred_language(request, coalition=None) -> str:
    """The person's explicit choice (cookie, then profile), else the coalition's, else French."""
    for candidate in (
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
        getattr(getattr(request, "user", None), "language", None),
        coalition.default_language if coalition else None,
    ):
        if candidate in LANGUAGES:
            return candidate
    return settings.LANGUAGE_CODE


class PermissionsPolicyMiddleware:
    """Django's SecurityMiddleware sets the other security headers from settings but has no
    Permissions-Policy: this adds ``settings.PERMISSIONS_POLICY`` to every response, so an
    injected script or a framed page cannot reach the camera, the microphone or the location."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def has_null_character(request) -> bool:
    """A NUL byte anywhere in the path, the query string, the form fields or the cookies.
    PostgreSQL refuses NUL in text, and no person types one: such a request is malformed."""
    texts = [request.path]
    for data in (request.GET, request.POST, request.COOKIES):
        items = data.lists() if hasattr(data, "lists") else ((k, [v]) for k, v in data.items())
        for key, values in items:
            texts.append(key)
            texts.extend(values)
    return any("\x00" in text for text in texts)


class RejectNullCharactersMiddleware:
    """Answer 400 to a request carrying a NUL byte, before a view, a session lookup or a raw
    request.GET read can hand it to the database (and fail with a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_null_character(request):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = preferred_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class CoalitionMiddleware:
    """Resolve /c/<slug>/ to request.coalition and request.membership and run the view
    inside the coalition's scope. Non-members get 404 so a coalition's existence does
    not leak; members lacking the view's declared permission get 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.coalition = None
        request.membership = None
        match = COALITION_PATH.match(request.path_info)
        if not match:
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = (
            Membership.objects.with_scopes_disabled()
            .select_related("coalition", "organization")
            .filter(coalition__slug=match["slug"], user=request.user, is_active=True)
            .first()
        )
        if membership is None:
            raise Http404
        request.coalition = membership.coalition
        request.membership = membership
        language = preferred_language(request, request.coalition)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        with scope(coalition=request.coalition):
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.coalition is None:
            return None
        view_kwargs.pop("coalition_slug", None)  # views read request.coalition instead
        permission = getattr(view_func, "coalition_permission", None)
        if permission is None:
            raise ImproperlyConfigured(f"{view_func.__module__}.{view_func.__name__} declares no permission")
        if not has_permission(request.membership, permission):
            raise PermissionDenied(permission)
        return None


class PrivacyConsentMiddleware:
    """A signed-in person who has not agreed to the privacy policy in force (a new version, or an
    account from before consents were recorded) is asked on their next page, then sent back
    where they were going. The consent page itself, the policy, signing out, the language
    switch and allauth's pages (email confirmation, two-factor steps) stay open: no loop."""

    OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/share/", "/calendar/", "/admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .rights import needs_policy_consent

        user = getattr(request, "user", None)
        if user is not None and needs_policy_consent(user) and not self._is_open(request.path_info):
            from django.shortcuts import redirect
            from django.urls import reverse
            from django.utils.http import urlencode

            url = reverse("privacy_consent")
            if request.method == "GET":
                url += "?" + urlencode({"next": request.get_full_path()})
            response = redirect(url)
            if request.headers.get("HX-Request"):
                response.headers["HX-Redirect"] = url
            return response
        return self.get_response(request)

    def _is_open(self, path: str) -> bool:
        from django.urls import reverse

        open_paths = {reverse(name) for name in ("privacy", "privacy_consent", "set_language", "profile_download",
                                                      "account_delete")}
        return path in open_paths or path.startswith(self.OPEN_PREFIXES)
