"""Import and export files: the import (upload, preview with every error on its row and
column, then save all or nothing), its template, and the exports of values and rollups. The
columns and what goes in them are indicators/transfer.py's."""

import itertools
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coalitions.dates import local_today
from coalitions.permissions import has_permission, requires
from coalitions.spreadsheets import Sheet, spreadsheet_response

from .. import transfer as files
from ..permissions import INDICATORS_VIEW, SMALL_COUNTS_VIEW, VALUES_EXPORT, VALUES_IMPORT
from ..selectors import files as selector_files
from ..selectors import suppression
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


@require_GET
@requires(VALUES_EXPORT)
def export_values(request):
    data = selector_files.value_export_rows(request.coalition, request.membership,
                                            indicator=request.GET.get("indicator", ""),
                                            status=request.GET.get("status", ""))
    return _file_response(request, "concerto-donnees", files.VALUE_COLUMNS, data)


@require_GET
@requires(INDICATORS_VIEW)
def export_rollups(request):
    rows = selector_files.rollup_rows(request.coalition, indicator=request.GET.get("indicator", ""))
    if has_permission(request.membership, SMALL_COUNTS_VIEW):
        data = (files.rollup_row(r) for r in rows.iterator(chunk_size=2000))
    else:  # a funder's export: small counts of people hidden
        threshold = suppression.threshold_for(request.coalition)
        shown = suppression.suppress_rollups(request.coalition, rows.iterator(chunk_size=2000), threshold)
        data = (files.rollup_row(r, value) for r, value in shown)
    return _file_response(request, "concerto-agregations", files.ROLLUP_COLUMNS, data)

