"""The exports of shared measurement whose size grows with history, registered with
coalitions.export_jobs so that a large XLSX file is prepared in the background: the reported
values and the coalition values (rollups). Their rows are the CSV's: the same selectors, read
from a server-side cursor."""

import itertools

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalitions.export_jobs import ExportKind, register
from coalitions.permissions import has_permission
from coalitions.spreadsheets import Sheet

from . import transfer as files
from .permissions import INDICATORS_VIEW, SMALL_COUNTS_VIEW, VALUES_EXPORT
from .selectors import files as selector_files
from .selectors import suppression


def value_sheets(coalition, membership, parameters: dict) -> list[Sheet]:
    rows = selector_files.value_export_rows(coalition, membership, indicator=parameters.get("indicator", ""),
                                            status=parameters.get("status", ""))
    return [Sheet(_("Values"), itertools.chain([files.VALUE_COLUMNS], rows), bold_rows=1, freeze_header=True)]


def value_count(coalition, membership, parameters: dict, limit: int) -> int:
    rows = selector_files.value_rows(coalition, membership, indicator=parameters.get("indicator", ""),
                                     status=parameters.get("status", ""))
    return rows.order_by()[:limit].count()  # no order: the count stops at the limit


def rollup_export_rows(coalition, membership, *, indicator: str = ""):
    """The coalition values as rows under transfer.ROLLUP_COLUMNS; a funder's with the small
    counts of people hidden."""
    rows = selector_files.rollup_rows(coalition, indicator=indicator)
    if has_permission(membership, SMALL_COUNTS_VIEW):
        return (files.rollup_row(r) for r in rows.iterator(chunk_size=2000))
    threshold = suppression.threshold_for(coalition)
    shown = suppression.suppress_rollups(coalition, rows.iterator(chunk_size=2000), threshold)
    return (files.rollup_row(r, value) for r, value in shown)


def rollup_sheets(coalition, membership, parameters: dict) -> list[Sheet]:
    rows = rollup_export_rows(coalition, membership, indicator=parameters.get("indicator", ""))
    return [Sheet(_("Coalition values"), itertools.chain([files.ROLLUP_COLUMNS], rows), bold_rows=1,
                  freeze_header=True)]


def rollup_count(coalition, membership, parameters: dict, limit: int) -> int:
    return selector_files.rollup_rows(coalition, indicator=parameters.get("indicator", "")).order_by()[:limit].count()


VALUES = register(ExportKind(
    key="indicators.values", label=gettext_lazy("Reported values"), permission=VALUES_EXPORT,
    url_name="indicators:export_values", page_name="indicators:transfer", filename="concerto-donnees",
    parameters=("indicator", "status"),
    sheets=value_sheets, count=value_count,
))
ROLLUPS = register(ExportKind(
    key="indicators.rollups", label=gettext_lazy("Coalition values (rollups)"), permission=INDICATORS_VIEW,
    url_name="indicators:export_rollups", page_name="indicators:index", filename="concerto-agregations",
    parameters=("indicator",),
    sheets=rollup_sheets, count=rollup_count,
))
