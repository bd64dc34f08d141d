from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as core_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.utils import translation

from .emails import send_email
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

    def send_mail(self, template_prefix, email, context):
        # Through the project's one sender, like every email: in the language its rule gives
        # (the account's with that address, else the page's), one-line subject, HTML part.
        request = core_context.request
        context = {"email": email, "request": request, "current_site": get_current_site(request), **context}
        send_email(to=email, template=f"{template_prefix}_message", context=context,
                   subject_template=f"{template_prefix}_subject.txt", subject_prefix=self.format_email_subject(""))
