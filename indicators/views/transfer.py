"""Import and export files: the import (upload, preview with every error on its row and
column, then save all or nothing), its template, and the exports of values and rollups. The
columns and what goes in them are indicators/transfer.py's."""

import itertools
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coalitions.dates import local_today
from coalitions.export_views import xlsx_export
from coalitions.permissions import requires
from coalitions.spreadsheets import Sheet, spreadsheet_response

from .. import export_kinds
from .. import transfer as files
from ..permissions import INDICATORS_VIEW, VALUES_EXPORT, VALUES_IMPORT
from ..selectors import files as selector_files
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
    columns = files.template_columns(template.categories)
    rows = ([files.notes_row(template.categories)] if template.categories else []) + template.rows
    return _file_response(request, "concerto-modele", files.template_header(template.categories),
                          [[row.get(column) for column in columns] for row in rows],
                          notes=(_("Notes"), files.template_notes(template.categories)))


# GET: the file (a large Excel file: an offer to prepare it); POST: prepare the Excel file
# in the background (coalitions.export_views).
@require_http_methods(["GET", "POST"])
@requires(VALUES_EXPORT)
def export_values(request):
    if request.method == "POST" or request.GET.get("format") == "xlsx":
        return xlsx_export(request, export_kinds.VALUES.key)
    data = selector_files.value_export_rows(request.coalition, request.membership,
                                            indicator=request.GET.get("indicator", ""),
                                            status=request.GET.get("status", ""))
    return _file_response(request, "concerto-donnees", files.VALUE_COLUMNS, data)


@require_http_methods(["GET", "POST"])
@requires(INDICATORS_VIEW)
def export_rollups(request):
    if request.method == "POST" or request.GET.get("format") == "xlsx":
        return xlsx_export(request, export_kinds.ROLLUPS.key)
    data = export_kinds.rollup_export_rows(request.coalition, request.membership,
                                           indicator=request.GET.get("indicator", ""))
    return _file_response(request, "concerto-agregations", files.ROLLUP_COLUMNS, data)
