"""The coalition's privacy pages (Law 25): the privacy page every member reads, the privacy
settings its coordinators keep, and their register of confidentiality incidents."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import incidents, privacy, retention
from .forms import IncidentForm, PrivacySettingsForm
from .models import ConfidentialityIncident, DownloadKind
from .permissions import AUDIT_VIEW, INCIDENTS_MANAGE, PRIVACY_VIEW, SETTINGS_MANAGE, object_for, requires
from .privacy import record_download
from .spreadsheets import spreadsheet_response
from .web import call_service, paginate, redirect_with_message, render_list

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
    settings = privacy.privacy_settings(coalition)
    return render(request, "coalitions/privacy.html", {
        "settings": settings, "retention_periods": retention.periods(settings),
        "platform_privacy_url": platform_privacy_url(),
    })


@requires(SETTINGS_MANAGE)
def privacy_settings(request):
    coalition = request.coalition
    form = PrivacySettingsForm(request.POST or None, instance=privacy.privacy_settings(coalition))
    if request.method == "POST" and form.is_valid():
        if call_service(form, privacy.privacy_settings_update, actor=request.user, coalition=coalition,
                        version=form.cleaned_data.get("version"), **form.service_data()):
            return redirect_with_message(request, "coalitions:privacy_settings",
                                         success=_("The privacy settings are saved."))
    return render(request, "coalitions/privacy_settings.html", {
        "form": form, "privacy_url": reverse("coalitions:privacy", args=[coalition.slug]),
        "runs": retention.recent_runs(coalition),
    })


# The register of confidentiality incidents ----------------------------------------------------


@require_GET
@requires(INCIDENTS_MANAGE)
def incident_list(request):
    page = paginate(request, incidents.incident_list(request.coalition))
    return render_list(request, "coalitions/incident_list.html", {"page_obj": page})


@requires(INCIDENTS_MANAGE)
def incident_create(request):
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, incidents.incident_create, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return redirect_with_message(request, "coalitions:incidents",
                                         success=_("The incident is recorded in the register."))
    return render(request, "coalitions/incident_form.html", {"form": form})


@requires(INCIDENTS_MANAGE)
def incident_edit(request, pk: int):
    incident = object_for(request, ConfidentialityIncident, pk=pk)
    form = IncidentForm(request.POST or None, instance=incident)
    if request.method == "POST" and form.is_valid():
        fresh = object_for(request, ConfidentialityIncident, pk=pk)  # the form mutated `incident`
        if call_service(form, incidents.incident_update, actor=request.user, incident=fresh, **form.cleaned_data):
            return redirect_with_message(request, "coalitions:incidents", success=_("The incident is saved."))
    return render(request, "coalitions/incident_form.html", {"form": form, "incident": incident})


@require_GET
@requires(INCIDENTS_MANAGE)
def incident_export(request):
    coalition = request.coalition
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    record_download(request, DownloadKind.INCIDENTS, detail=file_format.upper())
    return spreadsheet_response(file_format, [incidents.register_sheet(coalition)],
                                incidents.register_filename(coalition))


# Who saw what ------------------------------------------------------------------------------


@require_GET
@requires(AUDIT_VIEW)
def download_log(request):
    """The downloads of personal information, newest first: the audit page's second tab."""
    page = paginate(request, privacy.download_log(request.coalition))
    return render_list(request, "coalitions/download_log.html", {"page_obj": page})
