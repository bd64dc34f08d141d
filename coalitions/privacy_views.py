"""The coalition's privacy pages (Law 25): the privacy page every member reads, and the privacy
settings its coordinators keep."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import privacy
from .forms import PrivacySettingsForm
from .permissions import PRIVACY_VIEW, SETTINGS_MANAGE, requires
from .web import call_service, redirect_with_message

# The platform's own privacy page (issue 15, "for each person") is a site-wide page; until it
# exists the coalition page says where to write instead of linking to it.
PLATFORM_PRIVACY_URL_NAME = "privacy"


def platform_privacy_url() -> str | None:
    try:
        return reverse(PLATFORM_PRIVACY_URL_NAME)
    except NoReverseMatch:
        return None


@require_GET
@requires(PRIVACY_VIEW)
def privacy_page(request):
    coalition = request.coalition
    return render(request, "coalitions/privacy.html", {
        "settings": privacy.privacy_settings(coalition),
        "platform_privacy_url": platform_privacy_url(),
    })


@requires(SETTINGS_MANAGE)
def privacy_settings(request):
    coalition = request.coalition
    form = PrivacySettingsForm(request.POST or None, instance=privacy.privacy_settings(coalition))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if call_service(form, privacy.privacy_settings_update, actor=request.user, coalition=coalition,
                        version=form.cleaned_data.get("version"), **data):
            return redirect_with_message(request, "coalitions:privacy_settings",
                                         success=_("The privacy settings are saved."))
    return render(request, "coalitions/privacy_settings.html", {
        "form": form, "privacy_url": reverse("coalitions:privacy", args=[coalition.slug]),
    })
