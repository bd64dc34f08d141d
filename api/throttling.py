"""Per-token throttling: each token (or, for the session, each person) has its own budget of
requests a minute, counted in the shared cache (Redis in production), so that one runaway
script slows down alone."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from coalitions.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
