"""Partners' activities under the actions of the plan, and the contribution matrix."""

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coalitions.dates import local_today
from coalitions.export_views import xlsx_export
from coalitions.models import DownloadKind, Organization
from coalitions.permissions import has_permission, object_for, requires
from coalitions.privacy import record_download
from coalitions.web import call_service, paginate, redirect_with_message, render_list

from .. import export_kinds, exports, selectors
from ..forms import ActivityFilterForm, ActivityForm, PeriodForm
from ..models import Activity
from ..permissions import (
    ACTIVITIES_LOG,
    ACTIVITIES_VIEW,
    ATTACHMENTS_VIEW,
    MATRIX_VIEW,
    may_edit_activity,
    may_edit_activity_of,
    may_see_attachments,
    sees_drafts,
    sees_people_counts,
)
from ..services import activities as activities_services


def with_edit_rights(request, page):
    """Mark each activity of the page with ``can_edit``, the object rule the edit view applies."""
    for activity in page.object_list:
        activity.can_edit = may_edit_activity_of(request.membership, activity.organization_id)
    return page


def _activity_filters(request):
    form = ActivityFilterForm(request.GET or None, coalition=request.coalition)
    return form, form.filters()


@require_GET
@requires(ACTIVITIES_VIEW)
def activity_list(request):
    form, filters = _activity_filters(request)
    activities = selectors.activity_list(request.coalition, **filters)
    page = with_edit_rights(request, paginate(request, activities))
    return render_list(request, "conditions/activity_list.html", {
        "filter_form": form, "page_obj": page, "totals": selectors.activity_totals(activities),
        "can_log": has_permission(request.membership, ACTIVITIES_LOG),
        "sees_attachments": may_see_attachments(request.membership),
        "sees_counts": sees_people_counts(request.membership),
    })


# GET: the file (a large Excel file: an offer to prepare it); POST: prepare the Excel file
# in the background (coalitions.export_views, which logs the download too).
@require_http_methods(["GET", "POST"])
@requires(ACTIVITIES_VIEW)
def activity_export(request):
    if request.method == "POST" or request.GET.get("format") == "xlsx":
        return xlsx_export(request, export_kinds.ACTIVITIES.key)
    _form, filters = _activity_filters(request)
    activities = selectors.activity_list(request.coalition, **filters).prefetch_related("action__priorities")
    record_download(request, DownloadKind.ACTIVITIES, detail="CSV")
    return exports.activities_response(request.coalition, activities, kind="csv",
                                       people_counts=sees_people_counts(request.membership))


def _activity_organizations(request):
    organizations = Organization.objects.filter(coalition=request.coalition).order_by("name")
    if not sees_drafts(request.membership):  # a partner logs for its own organisation only
        organizations = organizations.filter(pk=request.membership.organization_id)
    return organizations


def _uploaded(value):
    return value if isinstance(value, UploadedFile) else None


@requires(ACTIVITIES_LOG)
def activity_create(request):
    initial = {"action": request.GET.get("action"), "organization": request.membership.organization_id,
               "date": local_today(request.coalition)}
    form = ActivityForm(request.POST or None, request.FILES or None, coalition=request.coalition,
                        organizations=_activity_organizations(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "attachment": _uploaded(form.cleaned_data.get("attachment"))}
        activity = call_service(form, activities_services.activity_create, actor=request.user,
                                coalition=request.coalition, **data)
        if activity:
            return redirect_with_message(request, "conditions:action", activity.action_id,
                                         success=_("The activity is saved. Thank you!"))
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Log an activity"), "multipart": True, "submit_label": _("Save the activity"),
        "intro": _("Say what your organization did under an action of the plan: one activity, or a series over a "
                   "few days."),
        "cancel_url": reverse("conditions:activities", args=[request.coalition.slug]),
    })


def _own_activity(request, pk: int) -> Activity:
    """Every member sees every activity; a partner changes only its own organisation's (403)."""
    return object_for(request, Activity.objects.select_related("action", "organization"), pk=pk,
                      may=may_edit_activity)


@requires(ACTIVITIES_LOG)
def activity_edit(request, pk: int):
    activity = _own_activity(request, pk)
    form = ActivityForm(request.POST or None, request.FILES or None, instance=activity, coalition=request.coalition,
                        organizations=_activity_organizations(request))
    if request.method == "POST" and form.is_valid():
        fresh = _own_activity(request, pk)
        attachment = form.cleaned_data.get("attachment")
        data = {**form.cleaned_data, "attachment": _uploaded(attachment), "clear_attachment": attachment is False}
        if call_service(form, activities_services.activity_update, actor=request.user, activity=fresh, **data):
            return redirect_with_message(request, "conditions:action", fresh.action_id,
                                         success=_("The activity is saved."))
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Edit the activity"), "multipart": True,
        "cancel_url": reverse("conditions:action", args=[request.coalition.slug, activity.action_id]),
        "delete_url": reverse("conditions:activity_delete", args=[request.coalition.slug, pk]),
    })


@requires(ACTIVITIES_LOG)
def activity_delete(request, pk: int):
    activity = _own_activity(request, pk)
    if request.method == "POST":
        activities_services.activity_delete(actor=request.user, activity=activity)
        return redirect_with_message(request, "conditions:action", activity.action_id,
                                     success=_("The activity is deleted."))
    return render(request, "coalitions/confirm.html", {
        "title": _("Delete this activity?"),
        "consequence": _("The activity of %(date)s and its attachment will be deleted. Its history stays in the "
                         "audit trail.") % {"date": activity.date.isoformat()},
        "confirm_label": _("Delete the activity"),
        "cancel_url": reverse("conditions:action", args=[request.coalition.slug, activity.action_id]),
    })


@require_GET
@requires(ATTACHMENTS_VIEW)
def activity_attachment(request, pk: int):
    """Attachments live under MEDIA_ROOT and are served only here, to coordinators and partners."""
    activity = object_for(request, Activity, pk=pk)
    if not activity.attachment:
        raise Http404
    try:
        handle = activity.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = activity.attachment.name.rsplit("/", 1)[-1]
    record_download(request, DownloadKind.ATTACHMENT, detail=name)
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Contribution matrix -----------------------------------------------------------------


@require_GET
@requires(MATRIX_VIEW)
def contribution_matrix(request):
    form = PeriodForm(request.GET or None, coalition=request.coalition)
    return render(request, "conditions/matrix.html", {
        "form": form, "matrix": selectors.contribution_matrix(request.coalition, **form.filters()),
    })


@require_GET
@requires(MATRIX_VIEW)
def matrix_export(request):
    form = PeriodForm(request.GET or None, coalition=request.coalition)
    matrix = selectors.contribution_matrix(request.coalition, **form.filters())
    return exports.matrix_response(request.coalition, matrix)
