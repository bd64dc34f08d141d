"""Import and export files: the import (upload, preview with every error on its row and
column, then save all or nothing), its template, and the exports of values and rollups. The
columns and what goes in them are indicators/transfer.py's."""

import itertools
from datetime import date, timedelta

from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coalitions.dates import local_today
from coalitions.models import Organization
from coalitions.permissions import requires
from coalitions.spreadsheets import Sheet, spreadsheet_response
from coalitions.web import redirect_with_message

from .. import transfer as files
from ..forms import ImportForm
from ..permissions import INDICATORS_VIEW, VALUES_EXPORT, VALUES_IMPORT, acts_for_every_organization, sees_comment
from ..selectors import files as selector_files
from ..services import imports
from .entry import entry_organization


def _file_response(request, name: str, header: list[str], rows, notes: tuple[str, list] | None = None):
    """``rows`` under ``header`` as CSV or XLSX (``?format=``); ``notes`` (title, rows) on a
    second Excel sheet (the importer reads only the first)."""
    sheets = [Sheet(name, itertools.chain([header], rows))] + ([Sheet(*notes)] if notes else [])
    filename = f"{name}-{local_today(request.coalition).isoformat()}"
    return spreadsheet_response(request.GET.get("format", "csv"), sheets, filename)


def _date_param(request, name: str, default):
    try:
        return date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return default


@require_GET
@requires(VALUES_IMPORT)
def import_template(request):
    organization = entry_organization(request)
    today = local_today(request.coalition)
    first, last = _date_param(request, "start", today - timedelta(days=365)), _date_param(request, "end", today)
    template = selector_files.import_template(request.coalition, request.membership, organization, first, last)
    header = files.template_header(template.categories)
    rows = ([files.notes_row(template.categories)] if template.categories else []) + template.rows
    return _file_response(request, "concerto-modele", header, [[row.get(h) for h in header] for row in rows],
                          notes=(_("Notes"), files.template_notes(template.categories)))


@require_GET
@requires(VALUES_EXPORT)
def export_values(request):
    rows = selector_files.value_rows(request.coalition, request.membership, indicator=request.GET.get("indicator", ""),
                                status=request.GET.get("status", ""))
    data = (files.value_row(v, with_comment=sees_comment(request.membership, v))
            for v in rows.iterator(chunk_size=2000))
    return _file_response(request, "concerto-donnees", files.VALUE_COLUMNS, data)


@require_GET
@requires(INDICATORS_VIEW)
def export_rollups(request):
    rows = selector_files.rollup_rows(request.coalition, indicator=request.GET.get("indicator", ""))
    data = (files.rollup_row(r) for r in rows.iterator(chunk_size=2000))
    return _file_response(request, "concerto-agregations", files.ROLLUP_COLUMNS, data)


@requires(VALUES_IMPORT)
def transfer(request):
    """Import (upload, preview with every error on its row and column, then save all or
    nothing) and the export links."""
    form, preview, errors, payload = ImportForm(), None, None, ""
    if request.method == "POST" and request.POST.get("payload"):
        try:
            rows = signing.loads(request.POST["payload"], salt="indicators-import", max_age=3600)
        except signing.BadSignature:
            return redirect_with_message(request, "indicators:transfer",
                                         error=_("The preview expired. Upload the file again."))
        try:
            changed = imports.values_import(actor=request.user, coalition=request.coalition, rows=rows)
        except imports.ImportRejected as rejected:
            errors = rejected.errors
        else:
            return redirect_with_message(request, "indicators:transfer", success=_(
                "Import done: %(count)s value(s) saved and submitted for review.") % {"count": changed})
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = files.read_rows(form.cleaned_data["file"], files.IMPORT_COLUMNS)
                preview = imports.values_check_import(actor=request.user, coalition=request.coalition, rows=rows)
                payload = signing.dumps(rows, salt="indicators-import", compress=True)
            except files.FileUnreadable as unreadable:
                form.add_error("file", str(unreadable))
            except imports.ImportRejected as rejected:
                errors = rejected.errors
    organization = entry_organization(request)
    return render(request, "indicators/transfer.html", {
        "form": form, "preview": preview, "errors": errors, "payload": payload, "organization": organization,
        "organizations": Organization.objects.filter(coalition=request.coalition).order_by("name")
        if acts_for_every_organization(request.membership) else [],
    })
