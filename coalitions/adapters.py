from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.utils import translation

from .web import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # A new person keeps the language they signed up in, for the pages and the emails.
        user.language = translation.get_language() or ""
        return super().save_user(request, user, form, commit)

    def get_client_ip(self, request):
        # allauth keys its per-address rate limits on this: the project's one rule for the
        # visitor's address (TRUSTED_PROXY_COUNT), not REMOTE_ADDR, which behind a reverse proxy
        # is the proxy's and would let one visitor's failures lock everyone out.
        ip = client_ip(request)
        if ip is None:  # as allauth does: no limit can be kept for an unknown address
            raise PermissionDenied("Unable to determine client IP address")
        return ip
