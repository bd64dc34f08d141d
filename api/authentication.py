"""Who calls the API: a personal access token (``Authorization: Bearer cct_...``), or the
session of the app's own pages, with Django's CSRF check on every unsafe method."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework import authentication, exceptions

from coalitions.api_tokens import find_token, record_token_use


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as « Authorization: Bearer <token> »."))
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            secret = ""
        token = find_token(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("This token is unknown, expired or revoked, or its member no longer belongs to the coalition."))
        record_token_use(token)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


# The signed-in person of the app's pages; unsafe methods need the CSRF token, as a form does.
SessionAuthentication = authentication.SessionAuthentication


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """How the schema describes the token (drf-spectacular finds it by ``target_class``)."""

    target_class = BearerTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Bearer")
