"""The pages of XLSX exports (coalitions.export_jobs): an app's export view hands its Excel
requests to ``xlsx_export``, which writes a small file at once and offers to prepare a large
one; then the job's page, polled with htmx while it runs, and its download.

A job is its requester's only: anyone else gets 404, as for another person's import. The
export's own permission is checked again at each step (403 once the person lost it), so the
download is guarded exactly as the export page is."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import export_jobs
from .models import ExportJob, ExportStatus
from .permissions import HOME_VIEW, has_permission, object_for, requires
from .privacy import privacy_settings, record_download
from .retention import KINDS_BY_KEY, days_for
from .spreadsheets import XLSX_CONTENT_TYPE, xlsx_response


def xlsx_export(request, key: str):
    """An app's export in XLSX: POST prepares it in the background (then its job's page); GET
    gives the file at once when it has at most XLSX_INLINE_ROWS rows, or else a page that
    explains and offers to prepare it. The app's view has checked the export's permission."""
    kind = export_jobs.kind_for(key)
    parameters = kind.clean(request.POST if request.method == "POST" else request.GET)
    coalition, membership = request.coalition, request.membership
    if request.method == "POST":
        job = export_jobs.export_request(actor=request.user, coalition=coalition, kind=key, parameters=parameters)
        return redirect("coalitions:export_status", coalition.slug, job.pk)
    if not export_jobs.is_large(kind, coalition, membership, parameters):
        if kind.download_kind:
            record_download(request, kind.download_kind, detail="XLSX")
        return xlsx_response(kind.sheets(coalition, membership, parameters), kind.file_name(coalition),
                             title=str(kind.label))
    return render(request, "coalitions/export_prepare.html", {
        "kind": kind, "parameters": sorted(parameters.items()), "limit": export_jobs.XLSX_INLINE_ROWS,
        "action": reverse(kind.url_name, args=[coalition.slug]),
        "csv_url": reverse(kind.url_name, args=[coalition.slug]) + "?" + urlencode({**parameters, "format": "csv"}),
        "job": export_jobs.latest_job(request.user, coalition, key, parameters), **_kept(request),
    })


def _own_job(request, pk: int) -> tuple[ExportJob, export_jobs.ExportKind]:
    """The person's own job (else 404, whatever the method: another's job does not show
    through a 405), and its kind, whose permission they must still hold (else 403)."""
    job = object_for(request, ExportJob.objects.filter(requested_by=request.user), pk=pk)
    try:
        kind = export_jobs.kind_for(job.kind)
    except LookupError:  # an app no longer offers this export
        raise Http404 from None
    if not has_permission(request.membership, kind.permission):
        raise PermissionDenied(kind.permission)
    return job, kind


def _kept(request) -> dict:
    """How many days a prepared file is kept (the coalition's retention period)."""
    return {"kept_days": days_for(privacy_settings(request.coalition).retention_days, KINDS_BY_KEY["export_files"])}


@requires(HOME_VIEW)
def export_status(request, pk: int):
    """One export job: its progress while it runs (the page polls this partial with htmx, or
    reloads itself without JavaScript), then its file, or what went wrong."""
    job, kind = _own_job(request, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    context = {"job": job, "kind": kind, "progress": export_jobs.progress_of(job), **_kept(request)}
    template = "coalitions/export_status.html#export" if request.htmx else "coalitions/export_status.html"
    return render(request, template, context)


@requires(HOME_VIEW)
def export_download(request, pk: int):
    """The prepared file; each download of personal information is logged, as the export's own."""
    job, kind = _own_job(request, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if job.status != ExportStatus.READY or not job.file:
        raise Http404(_("This file is not ready."))
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:  # deleted by the retention job since the page was shown
        raise Http404 from None
    if kind.download_kind:
        record_download(request, kind.download_kind, detail="XLSX", row_count=job.row_count)
    return FileResponse(handle, as_attachment=True, filename=f"{kind.file_name(request.coalition)}.xlsx",
                        content_type=XLSX_CONTENT_TYPE)
