"""A person's own pages, outside any coalition: the platform's privacy policy, the consent to a
new policy, the profile (rectification and optional purposes), « Télécharger mes données » and
« Supprimer mon compte »."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import rights, selectors
from .forms import ConsentForm, ProfileForm
from .models import ConsentPurpose, ConsentSource
from .personal_data import export_zip
from .web import call_service


def _coalition_privacy_url(slug: str) -> str:
    """The coalition's own privacy page (its person in charge, its retention periods) when the
    project has one, else the coalition's home."""
    try:
        return reverse("coalitions:privacy", args=[slug])
    except NoReverseMatch:
        return reverse("coalitions:home", args=[slug])


@require_GET
def privacy_page(request):
    memberships = list(selectors.memberships_of(request.user))
    return render(request, "coalitions/platform_privacy.html", {
        "officer_name": settings.PRIVACY_OFFICER_NAME,
        "officer_email": settings.PRIVACY_OFFICER_EMAIL,
        "hosting": settings.PRIVACY_HOSTING,
        "policy_version": settings.PRIVACY_POLICY_VERSION,
        "grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
        "coalition_pages": [(m.coalition, _coalition_privacy_url(m.coalition.slug)) for m in memberships],
    })


def _safe_next(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                    require_https=request.is_secure()):
        return target
    return reverse(default)


@login_required
def privacy_consent(request):
    """A new policy version (or an account from before consents): agree to go on."""
    if not rights.needs_policy_consent(request.user):
        return HttpResponseRedirect(_safe_next(request))
    in_force = rights.consents_in_force(request.user)
    form = ConsentForm(request.POST or None, initial={
        "weekly_summary": in_force[ConsentPurpose.WEEKLY_SUMMARY], "directory": in_force[ConsentPurpose.DIRECTORY],
    })
    if request.method == "POST" and form.is_valid():
        if call_service(form, rights.consent_record, user=request.user, choices=form.choices(),
                        source=ConsentSource.NEW_POLICY) is not None:
            messages.success(request, _("Thank you: your choices are saved."))
            return HttpResponseRedirect(_safe_next(request))
    return render(request, "coalitions/privacy_consent.html", {
        "form": form, "next": _safe_next(request), "policy_version": settings.PRIVACY_POLICY_VERSION,
    })


@login_required
def profile(request):
    user = request.user
    in_force = rights.consents_in_force(user)
    form = ProfileForm(request.POST or None, initial={
        "first_name": user.first_name, "last_name": user.last_name, "organization_role": user.organization_role,
        "language": user.language, "time_zone": user.time_zone,
        "weekly_summary": in_force[ConsentPurpose.WEEKLY_SUMMARY], "directory": in_force[ConsentPurpose.DIRECTORY],
    })
    if request.method == "POST" and form.is_valid():
        if call_service(form, rights.profile_update, user=user, **form.cleaned_data):
            messages.success(request, _("Your profile is saved."))
            response = redirect("profile")
            if form.cleaned_data["language"]:
                response.set_cookie(settings.LANGUAGE_COOKIE_NAME, form.cleaned_data["language"],
                                    samesite="Lax", secure=request.is_secure())
            return response
    return render(request, "coalitions/profile.html", {
        "form": form, "memberships": selectors.memberships_of(user), "consents": user.consents.all()[:20],
    })


@never_cache
@require_GET
@login_required
def profile_download(request):
    """« Télécharger mes données »: everything held about the person, at once, as a ZIP."""
    content = export_zip(request.user)
    response = HttpResponse(content, content_type="application/zip")
    name = f"concerto-mes-donnees-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def account_delete(request):
    """« Supprimer mon compte »: confirm, then the grace period starts and the person is signed out."""
    erase_on = timezone.localdate() + rights.grace_period()
    if request.method == "POST":
        with transaction.atomic():
            rights.deletion_request(user=request.user)
        logout(request)
        messages.success(request, _(
            "Your account will be deleted on %(date)s. To keep it, simply sign in again before then."
        ) % {"date": erase_on.isoformat()})
        return redirect("account_login")
    alone = selectors.coalitions_only_coordinated_by(request.user)
    warning = _("You are the only coordinator of %(coalitions)s: name another coordinator first, or nobody "
                "will manage it. ") % {"coalitions": ", ".join(alone)} if alone else ""
    return render(request, "coalitions/confirm.html", {
        "title": _("Delete my account?"),
        "consequence": warning + _(
            "Your account will be deleted in %(days)s days, on %(date)s: until then, signing in again cancels it. "
            "Afterwards your name and email address are erased everywhere, the audit trail included, and you "
            "lose access to every coalition. What you wrote for your coalitions (comments, values, minutes) "
            "stays, signed « removed person ». Download your data first if you want a copy."
        ) % {"days": settings.ACCOUNT_DELETION_GRACE_DAYS, "date": erase_on.isoformat()},
        "confirm_label": _("Delete my account"),
        "cancel_url": reverse("profile"),
    })

