from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # A new person keeps the language they signed up in, for the pages and the emails.
        user.language = translation.get_language() or ""
        return super().save_user(request, user, form, commit)
