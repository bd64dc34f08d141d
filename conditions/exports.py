"""CSV and XLSX exports of activities and of the contribution matrix, headers in the reader's
language, dates in ISO format. Attachments are never exported."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalitions.dates import local_today
from coalitions.spreadsheets import Sheet, csv_response, spreadsheet_response


def _activity_rows(activities, people_counts: bool):
    """Without ``people_counts`` (a funder: conditions.permissions.sees_people_counts), no
    column of people or families reached."""
    counts = [_("People reached"), _("Families reached")] if people_counts else []
    yield [_("Date"), _("End date"), _("Action"), _("Priorities"), _("Organization"), _("Description"),
           *counts, _("Hours"), _("Cost (CAD)")]
    for a in activities.iterator(chunk_size=1000):
        yield [
            a.date.isoformat(), a.end_date.isoformat() if a.end_date else "", a.action.title,
            "; ".join(p.title for p in a.action.priorities.all()), a.organization.name, a.description,
            *([a.people_reached, a.families_reached] if people_counts else []), a.hours, a.cost,
        ]


def activity_sheet(activities, people_counts: bool) -> Sheet:
    # prefetch_related needs a chunk size with iterator(): it is given in _activity_rows.
    return Sheet(_("Activities"), _activity_rows(activities, people_counts), bold_rows=1, freeze_header=True)


def activities_response(coalition, activities, *, kind: str, people_counts: bool) -> HttpResponse:
    filename = f"activites-{local_today(coalition).isoformat()}"
    return spreadsheet_response(kind, [activity_sheet(activities, people_counts)], filename)


def _matrix_rows(matrix):
    yield [_("Organization")] + [c["priority"].title for c in matrix["columns"]] + [_("Contributes to a priority")]
    for row in matrix["rows"]:
        cells = []
        for cell in row["cells"]:
            parts = [_("leads: %(actions)s") % {"actions": ", ".join(a["title"] for a in cell["leads"])}] \
                if cell["leads"] else []
            if cell["contributes"]:
                parts.append(_("contributes: %(actions)s") % {
                    "actions": ", ".join(a["title"] for a in cell["contributes"])})
            if cell["activities"]:
                parts.append(ngettext("%(count)s activity", "%(count)s activities", cell["activities"]) % {
                    "count": cell["activities"]})
            cells.append(" | ".join(parts))
        yield [row["organization"].name, *cells, _("yes") if row["contributes"] else _("no")]
    yield [_("Organizations carrying the priority")] + [c["carriers"] for c in matrix["columns"]] + [""]


def matrix_response(coalition, matrix) -> HttpResponse:
    return csv_response(_matrix_rows(matrix), f"matrice-contributions-{local_today(coalition).isoformat()}")
