"""Data entry: each organisation's values to report, one cell per indicator and period, and
the same list as JSON."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coalitions.dates import local_today
from coalitions.models import Organization
from coalitions.permissions import object_for, requires
from coalitions.web import call_service, paginate, parse_int, redirect_with_message

from ..forms import ValueForm
from ..models import Period, ValueStatus
from ..permissions import VALUES_ENTER, VALUES_REVIEW, acts_for_every_organization, can_report
from ..selectors import worklist
from ..services import values


def entry_organization(request):
    """The organisation whose screen this is: a partner's own; for the coordination team the
    one chosen in ?organization= (none: the values it enters itself)."""
    if not acts_for_every_organization(request.membership):
        return request.membership.organization
    chosen = parse_int(request.GET.get("organization"))
    return None if chosen is None else object_for(request, Organization, pk=chosen)


@require_GET
@requires(VALUES_ENTER)
def entry(request):
    organization = entry_organization(request)
    today = local_today(request.coalition)
    # ?late=1: only the late values (what the coordinator's home counts for the organisation).
    only_late = organization is not None and request.GET.get("late") == "1"
    chosen = worklist.late if only_late else worklist.to_report
    page = paginate(request, chosen(request.coalition, request.membership, organization, today), 10,
                    steady=True)  # the same queries when there is nothing to report
    page.object_list = worklist.cells(page.object_list, organization, today)
    for cell in page.object_list:
        cell.form = _value_form(cell)
    choose = acts_for_every_organization(request.membership)
    return render(request, "indicators/entry.html", {
        "page_obj": page, "organization": organization,
        "organizations": Organization.objects.filter(coalition=request.coalition).order_by("name") if choose else [],
        "chooses_organization": choose, "only_late": only_late,
    })


def _value_form(cell, data=None):
    return ValueForm(data, indicator=cell.indicator, prefix=cell.key, categories=cell.categories,
                     initial=ValueForm.initial_from(cell.value, cell.breakdown))


def _cell(request, period_pk: int, organization):
    """One indicator, period and organisation: a cell the person does not report is not theirs
    to see (404)."""
    period = object_for(request, Period.objects.select_related("indicator"), pk=period_pk,
                        sees=lambda membership, p: can_report(membership, p.indicator, organization))
    cell = worklist.entry_cell(request.membership, period, organization)
    if request.method == "POST":
        form = _value_form(cell, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            saved = call_service(
                form, values.value_save, actor=request.user, indicator=period.indicator, period=period,
                organization=organization, value=data.get("value"), numerator=data.get("numerator"),
                denominator=data.get("denominator"), weight=data.get("weight"), comment=data["comment"],
                source=data["source"], confidence=data["confidence"], submit=request.POST.get("action") != "draft",
                categories=form.category_data(),
            )
            if saved:
                message = _("Saved as a draft.") if saved.status == ValueStatus.DRAFT else _(
                    "Submitted for review. Thank you!")
                if not request.htmx:
                    chosen = organization and acts_for_every_organization(request.membership)
                    return redirect_with_message(request, "indicators:entry", success=message,
                                                 query={"organization": organization.pk} if chosen else None)
                cell = worklist.entry_cell(request.membership, period, organization)
                cell.form = _value_form(cell)
                return render(request, "indicators/entry.html#cell", {"cell": cell, "saved_message": message})
        cell.form = form
    else:
        cell.form = _value_form(cell)
    template = "indicators/entry.html#cell" if request.htmx else "indicators/entry_cell.html"
    return render(request, template, {"cell": cell, "open": True})


@requires(VALUES_ENTER)
def entry_cell(request, period_pk: int, organization_pk: int):
    organization = object_for(request, Organization, pk=organization_pk)
    return _cell(request, period_pk, organization)


@requires(VALUES_REVIEW)
def entry_cell_coalition(request, period_pk: int):
    return _cell(request, period_pk, None)


@require_GET
@requires(VALUES_ENTER)
def entry_api(request):
    """The same "to report" list as the entry screen, as JSON for scripts and integrations:
    one selector serves both, so they always agree on what an organisation must report."""
    organization = entry_organization(request)
    rows = worklist.to_report(request.coalition, request.membership, organization).values_list(
        "indicator__code", "start", "end", "due_date", "cell_status", "value_id")
    return JsonResponse({
        "organization": organization.name if organization else None,
        "to_report": [
            {"indicator": code, "period_start": start.isoformat(), "period_end": end.isoformat(),
             "due_date": due.isoformat(), "status": status, "value_id": value_id}
            for code, start, end, due, status, value_id in rows
        ],
    })
