"""The import of values from a file: upload, check (in the request for a small file, by a job
with a progress bar for a large one), preview with every error on its row and column, confirm,
save all or nothing, then a summary that explains every count (services/import_jobs.py)."""

from decimal import Decimal

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coalitions.models import Organization
from coalitions.permissions import object_for, requires
from coalitions.web import parse_int, redirect_with_message

from .. import tasks
from .. import transfer as transfer_files
from ..forms import ImportForm
from ..models import ImportStatus, Indicator, Period, ValueImport
from ..permissions import VALUES_IMPORT, acts_for_every_organization
from ..services import import_jobs
from .entry import entry_organization


@requires(VALUES_IMPORT)
def transfer(request):
    """Upload a file (POST file) or confirm a checked one (POST payload = the import's id)."""
    form, job = ImportForm(), None
    if request.method == "POST" and request.POST.get("payload"):
        job = _own_import(request, request.POST["payload"])
        if job is None:
            messages.error(request, _("The preview expired. Upload the file again."))
            return redirect("indicators:transfer", request.coalition.slug)
        import_jobs.import_confirm(actor=request.user, value_import=job)
        job.refresh_from_db()
        if job.status == ImportStatus.SAVING and not import_jobs.runs_inline(job):
            return _queued(request, tasks.save_import, job)
        job = import_jobs.import_save(import_id=job.pk)
        if job.status == ImportStatus.DONE:
            return redirect_with_message(request, "indicators:import_status", job.pk,
                                         success=import_jobs.summary(job))
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = import_jobs.import_start(actor=request.user, coalition=request.coalition,
                                               upload=form.cleaned_data["file"])
            except transfer_files.FileUnreadable as unreadable:
                form.add_error("file", str(unreadable))
            else:
                if not import_jobs.runs_inline(job):
                    return _queued(request, tasks.check_import, job)
                job = import_jobs.import_check(import_id=job.pk)
                if job.refusal:
                    form.add_error("file", job.refusal)
                    job = None
    organization = entry_organization(request)
    return render(request, "indicators/transfer.html", {
        "form": form, "job": job, **_shown(job), "organization": organization,
        "organizations": Organization.objects.filter(coalition=request.coalition).order_by("name")
        if acts_for_every_organization(request.membership) else [],
    })


@require_GET
@requires(VALUES_IMPORT)
def import_status(request, pk: int):
    """One import: its progress while a job checks or saves it (the page polls this partial
    with htmx, or reloads itself without JavaScript), then its preview, errors or summary.
    A partner sees its own imports; the coordination team sees every import of the coalition
    (only the person who uploaded a file confirms it)."""
    imports = ValueImport.objects.defer("upload", "checked")
    if not acts_for_every_organization(request.membership):  # a partner sees its own imports
        imports = imports.filter(created_by=request.user)
    job = object_for(request, imports, pk=pk)
    template = "indicators/import_status.html#import" if request.htmx else "indicators/import_status.html"
    return render(request, template, {"job": job, **_shown(job)})


def _own_import(request, text: str) -> ValueImport | None:
    pk = parse_int(text)
    if pk is None:
        return None
    return ValueImport.objects.defer("upload", "checked").filter(pk=pk, created_by=request.user).first()


def _queued(request, task, job: ValueImport):
    coalition_id, job_id = request.coalition.pk, job.pk
    transaction.on_commit(lambda: task.delay(coalition_id, job_id))
    return redirect("indicators:import_status", request.coalition.slug, job.pk)


def _shown(job: ValueImport | None) -> dict:
    """What the page shows of an import: the preview rows with their indicator and period
    (two queries), the errors, the summary, the confirmation's payload."""
    if job is None:
        return {"preview": None, "errors": None, "payload": ""}
    preview = None
    if job.status == ImportStatus.READY:
        indicators = Indicator.objects.in_bulk({item["indicator"] for item in job.preview})
        periods = Period.objects.in_bulk({item["period"] for item in job.preview})
        preview = [{**item, "indicator": indicators[item["indicator"]], "period": periods[item["period"]],
                    "value": _number(item["value"]),
                    "breakdown": [(column, _number(number)) for column, number in item["breakdown"]]}
                   for item in job.preview if item["indicator"] in indicators and item["period"] in periods]
        for item in preview:
            item["period"].indicator = item["indicator"]
    errors = ([(row, transfer_files.column_label(column), message) for row, column, message in job.errors]
              if job.status == ImportStatus.REJECTED else None)
    return {"preview": preview, "errors": errors, "payload": str(job.pk) if preview is not None else "",
            "summary": import_jobs.summary(job)}


def _number(text):
    return None if text is None else Decimal(text)
