import itertools
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalitions.dates import local_today
from coalitions.models import Organization
from coalitions.permissions import has_permission, requires
from coalitions.spreadsheets import Sheet, spreadsheet_response
from coalitions.web import call_service, paginate, parse_int
from coalitions.web import done as _done
from coalitions.web import post_action as _post_action
from coordination.selectors import comment_thread

from . import selectors
from . import transfer as transfer_files
from .forms import AssignmentForm, CategoryForm, IndicatorForm, NoteForm, ReturnForm, TargetForm, ValueForm
from .models import Category, Indicator, IndicatorValue, LearningNote, Level, Period, Target, ValueStatus
from .permissions import acts_for_every_organization, sees_comment, sees_organization_values, visible_values
from .services import breakdown, framework, values
from .services import review as review_services


def _data(request):
    """The POST data of a POST (even an empty one, e.g. every checkbox unticked), else None."""
    return request.POST if request.method == "POST" else None


# Indicators ----------------------------------------------------------------------------


@require_GET
@requires("indicators.indicators:view")
def index(request):
    """The measurement landing page: every indicator with its latest coalition value."""
    q, level = request.GET.get("q", "").strip(), request.GET.get("level", "")
    page = paginate(request, selectors.indicators(request.coalition, q=q, level=level))
    page.object_list = selectors.decorate_indicators(page.object_list)
    return render(request, "indicators/index.html", {
        "page_obj": page, "q": q, "level": level, "levels": Level.choices,
        "can_manage": has_permission(request.membership, "indicators.indicators:manage"),
        "can_enter": has_permission(request.membership, "indicators.values:enter"),
        "can_review": has_permission(request.membership, "indicators.values:review"),
    })


@requires("indicators.indicators:manage")
def indicator_create(request):
    form = IndicatorForm(_data(request), coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        indicator = call_service(form, framework.indicator_create, actor=request.user, coalition=request.coalition,
                                 **form.cleaned_data)
        if indicator:
            messages.success(request, _("The indicator is created. Now say which organizations report it."))
            return redirect("indicators:indicator_assignments", request.coalition.slug, indicator.pk)
    return render(request, "indicators/indicator_form.html", {"form": form})


@requires("indicators.indicators:manage")
def indicator_edit(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    form = IndicatorForm(_data(request), instance=indicator, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        fresh = get_object_or_404(Indicator, pk=pk)
        if call_service(form, framework.indicator_update, actor=request.user, indicator=fresh, **form.cleaned_data):
            return _done(request, _("The indicator is saved."), "indicators:indicator_detail", pk)
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": indicator})


@requires("indicators.indicators:manage")
def indicator_delete(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    if request.method == "POST":
        try:
            framework.indicator_delete(actor=request.user, indicator=indicator)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("indicators:indicator_detail", request.coalition.slug, pk)
        return _done(request, _("The indicator is deleted."), "indicators:index")
    return render(request, "coalitions/confirm.html", {
        "title": _("Delete the indicator %(code)s?") % {"code": indicator.code},
        "consequence": _("Its periods, targets, learning notes and values not yet approved will be deleted. "
                         "Indicators with approved values cannot be deleted."),
        "confirm_label": _("Delete the indicator"),
        "cancel_url": reverse("indicators:indicator_detail", args=[request.coalition.slug, pk]),
    })


@require_GET
@requires("indicators.indicators:view")
def indicator_detail(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    return render(request, "indicators/indicator_detail.html", {
        "page": selectors.indicator_page(indicator, request.membership),
        "indicator": indicator,
        "sees_organizations": sees_organization_values(request.membership),
        "can_manage": has_permission(request.membership, "indicators.indicators:manage"),
        "can_write_notes": has_permission(request.membership, "indicators.notes:manage"),
        "comment_thread": comment_thread(request.membership, indicator=indicator),
    })


@requires("indicators.indicators:manage")
def indicator_assignments(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    form = AssignmentForm(_data(request), coalition=request.coalition,
                          initial={"organizations": selectors.assigned_organizations(indicator)})
    if request.method == "POST" and form.is_valid():
        if call_service(form, framework.assignments_set, actor=request.user, indicator=indicator,
                        organizations=form.cleaned_data["organizations"]) is not None:
            return _done(request, _("The reporting organizations are saved."), "indicators:indicator_detail", pk)
    return render(request, "indicators/assignments.html", {"form": form, "indicator": indicator})


@requires("indicators.indicators:manage")
def indicator_targets(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    form = TargetForm(_data(request), indicator=indicator)
    if request.method == "POST" and form.is_valid():
        if call_service(form, framework.target_set, actor=request.user, indicator=indicator, **form.cleaned_data):
            return _done(request, _("The target is saved."), "indicators:indicator_targets", pk)
    targets = Target.objects.filter(indicator=indicator).select_related("period", "period__indicator").order_by(
        "period__start"
    )
    return render(request, "indicators/targets.html", {"form": form, "indicator": indicator, "targets": targets})


@require_GET
@requires("indicators.indicators:manage")
def indicator_periods(request, pk: int):
    indicator = get_object_or_404(Indicator, pk=pk)
    page = paginate(request, Period.objects.filter(indicator=indicator).select_related("indicator").order_by("-start"))
    return render(request, "indicators/periods.html", {"indicator": indicator, "page_obj": page})


@requires("indicators.indicators:manage")
def indicator_categories(request, pk: int):
    """The indicator's disaggregation dimensions and their categories."""
    indicator = get_object_or_404(Indicator, pk=pk)
    form = CategoryForm(_data(request))
    if request.method == "POST" and form.is_valid():
        if call_service(form, breakdown.category_add, actor=request.user, indicator=indicator, **form.cleaned_data):
            return _done(request, _("The category is added."), "indicators:indicator_categories", pk)
    categories = Category.objects.filter(indicator=indicator).order_by("dimension", "label")
    return render(request, "indicators/categories.html", {
        "form": form, "indicator": indicator, "categories": list(categories),
    })


@require_POST
@requires("indicators.indicators:manage")
def category_delete(request, pk: int):
    category = get_object_or_404(Category, pk=pk)
    return _post_action(request, breakdown.category_delete, _("The category is deleted."),
                        "indicators:indicator_categories", args=[category.indicator_id], category=category)


@require_POST
@requires("indicators.indicators:manage")
def target_delete(request, pk: int):
    target = get_object_or_404(Target, pk=pk)
    return _post_action(request, framework.target_delete, _("The target is deleted."),
                        "indicators:indicator_targets", args=[target.indicator_id], target=target)


@require_POST
@requires("indicators.indicators:manage")
def period_lock(request, pk: int):
    period = get_object_or_404(Period, pk=pk)
    locked = request.POST.get("locked") == "1"
    framework.period_set_lock(actor=request.user, period=period, locked=locked)
    message = _("The period is locked.") if locked else _("The period is unlocked.")
    return _done(request, message, "indicators:indicator_periods", period.indicator_id)


@requires("indicators.notes:manage")
def note_edit(request, pk: int):
    period = get_object_or_404(Period.objects.select_related("indicator"), pk=pk)
    note = period.notes.first()
    initial = {"learned": note.learned, "worked": note.worked, "did_not_work": note.did_not_work} if note else {}
    form = NoteForm(_data(request), initial=initial,
                    editing=note or LearningNote(indicator=period.indicator, period=period))
    if request.method == "POST" and form.is_valid():
        if call_service(form, framework.note_save, actor=request.user, indicator=period.indicator, period=period,
                        **form.cleaned_data):
            return _done(request, _("The learning note is saved."), "indicators:indicator_detail", period.indicator_id)
    return render(request, "indicators/note_form.html", {"form": form, "period": period})


# Data entry ----------------------------------------------------------------------------


def _entry_organization(request):
    """The organisation whose screen this is: a partner's own; for the coordination team the
    one chosen in ?organization= (none: the values it enters itself)."""
    if not acts_for_every_organization(request.membership):
        return request.membership.organization
    chosen = parse_int(request.GET.get("organization"))
    return None if chosen is None else get_object_or_404(Organization, pk=chosen)


@require_GET
@requires("indicators.values:enter")
def entry(request):
    organization = _entry_organization(request)
    cells = selectors.entry_cells(request.coalition, request.membership, organization)
    page = paginate(request, cells)
    selectors.add_breakdowns(page.object_list)
    for cell in page.object_list:
        cell.form = _value_form(cell)
    choose = acts_for_every_organization(request.membership)
    return render(request, "indicators/entry.html", {
        "page_obj": page, "organization": organization,
        "organizations": Organization.objects.filter(coalition=request.coalition).order_by("name") if choose else [],
        "chooses_organization": choose,
    })


def _value_form(cell, data=None):
    return ValueForm(data, indicator=cell.indicator, prefix=cell.key, categories=cell.categories,
                     initial=ValueForm.initial_from(cell.value, cell.breakdown))


def _cell(request, period_pk: int, organization):
    period = get_object_or_404(Period.objects.select_related("indicator"), pk=period_pk)
    from .permissions import can_report

    if not can_report(request.membership, period.indicator, organization):
        raise Http404
    cell = selectors.entry_cell(request.membership, period, organization)
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
                    messages.success(request, message)
                    url = reverse("indicators:entry", args=[request.coalition.slug])
                    if organization and acts_for_every_organization(request.membership):
                        url += f"?organization={organization.pk}"
                    return redirect(url)
                cell = selectors.entry_cell(request.membership, period, organization)
                cell.form = _value_form(cell)
                return render(request, "indicators/entry.html#cell", {"cell": cell, "saved_message": message})
        cell.form = form
    else:
        cell.form = _value_form(cell)
    template = "indicators/entry.html#cell" if request.htmx else "indicators/entry_cell.html"
    return render(request, template, {"cell": cell, "open": True})


@requires("indicators.values:enter")
def entry_cell(request, period_pk: int, organization_pk: int):
    organization = get_object_or_404(Organization, pk=organization_pk)
    return _cell(request, period_pk, organization)


@requires("indicators.values:review")
def entry_cell_coalition(request, period_pk: int):
    return _cell(request, period_pk, None)


# Review --------------------------------------------------------------------------------


@require_GET
@requires("indicators.values:review")
def review(request):
    status = request.GET.get("status", ValueStatus.SUBMITTED)
    indicator, flagged = request.GET.get("indicator", ""), request.GET.get("flagged", "")
    page = paginate(request, selectors.review_queue(request.coalition, status=status, indicator=indicator,
                                                    flagged=flagged))
    return render(request, "indicators/review.html", {
        "page_obj": page, "status": status, "statuses": ValueStatus.choices, "indicator": indicator,
        "flagged": flagged, "indicators": Indicator.objects.filter(coalition=request.coalition).order_by("code"),
    })


@require_POST
@requires("indicators.values:review")
def review_approve(request):
    ids = [i for i in map(parse_int, request.POST.getlist("values")) if i is not None]
    count = review_services.values_approve(actor=request.user, coalition=request.coalition, ids=ids) if ids else 0
    if count:
        messages.success(request, _("%(count)s value(s) approved.") % {"count": count})
    else:
        messages.error(request, _("Select at least one submitted value to approve."))
    return redirect(reverse("indicators:review", args=[request.coalition.slug]))


@require_GET
@requires("indicators.values:enter")
def value_detail(request, pk: int):
    value = get_object_or_404(
        visible_values(request.membership, IndicatorValue.objects.select_related(
            "indicator", "period__indicator", "organization", "entered_by", "reviewed_by")),
        pk=pk,
    )
    return render(request, "indicators/value_detail.html", {
        "value": value, "history": selectors.value_history(value),
        "can_review": has_permission(request.membership, "indicators.values:review"),
    })


@requires("indicators.values:review")
def value_return(request, pk: int):
    value = get_object_or_404(
        IndicatorValue.objects.select_related("indicator", "period__indicator", "organization"), pk=pk
    )
    form = ReturnForm(_data(request))
    if request.method == "POST" and form.is_valid():
        if call_service(form, review_services.value_return, actor=request.user, value=value, **form.cleaned_data):
            return _done(request, _("The value is returned to the partner with your note."), "indicators:review")
    return render(request, "indicators/value_return.html", {"form": form, "value": value})


# Completeness --------------------------------------------------------------------------


@require_GET
@requires("indicators.completeness:view")
def completeness(request):
    all_indicators = list(Indicator.objects.filter(coalition=request.coalition).order_by("code"))
    chosen = request.GET.get("indicator", "")
    indicator = next((i for i in all_indicators if str(i.pk) == chosen), all_indicators[0] if all_indicators else None)
    return render(request, "indicators/completeness.html", {
        "board": selectors.completeness(request.coalition, indicator), "indicators": all_indicators,
        "chosen": indicator,
    })


# Import and export -----------------------------------------------------------------------

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
@requires("indicators.values:import")
def import_template(request):
    organization = _entry_organization(request)
    today = local_today(request.coalition)
    first, last = _date_param(request, "start", today - timedelta(days=365)), _date_param(request, "end", today)
    template = selectors.import_template(request.coalition, request.membership, organization, first, last)
    header = transfer_files.template_header(template.categories)
    rows = ([transfer_files.notes_row(template.categories)] if template.categories else []) + template.rows
    return _file_response(request, "concerto-modele", header, [[row.get(h) for h in header] for row in rows],
                          notes=(_("Notes"), transfer_files.template_notes(template.categories)))


@require_GET
@requires("indicators.values:export")
def export_values(request):
    rows = selectors.value_rows(request.coalition, request.membership, indicator=request.GET.get("indicator", ""),
                                status=request.GET.get("status", ""))
    header = ["indicator", "period_start", "period_end", "organization", "category", "value", "numerator",
              "denominator", "weight", "status", "flagged", "comment", "source", "confidence", "submitted_at"]
    data = (
        [v.indicator.code, v.period.start.isoformat(), v.period.end.isoformat(),
         v.organization.name if v.organization else "", str(v.category or ""), v.value, v.numerator,
         v.denominator, v.weight, v.status, "1" if v.is_flagged else "0",
         v.comment if sees_comment(request.membership, v) else "", v.source, v.confidence,
         v.submitted_at.isoformat() if v.submitted_at else ""]
        for v in rows.iterator(chunk_size=2000)
    )
    return _file_response(request, "concerto-donnees", header, data)


@require_GET
@requires("indicators.indicators:view")
def export_rollups(request):
    rows = selectors.rollup_rows(request.coalition, indicator=request.GET.get("indicator", ""))
    header = ["indicator", "indicator_name", "period_start", "period_end", "category", "value", "numerator",
              "denominator", "organizations_reported", "organizations_expected"]
    data = (
        [r.indicator.code, r.indicator.name, r.period.start.isoformat(), r.period.end.isoformat(),
         str(r.category or ""), r.value, r.numerator, r.denominator, r.reported_count, r.expected_count]
        for r in rows.iterator(chunk_size=2000)
    )
    return _file_response(request, "concerto-agregations", header, data)


@require_GET
@requires("indicators.values:enter")
def entry_api(request):
    """The same "to report" list as the entry screen, as JSON for scripts and integrations:
    one selector serves both, so they always agree on what an organisation must report."""
    organization = _entry_organization(request)
    cells = selectors.entry_cells(request.coalition, request.membership, organization)
    return JsonResponse({
        "organization": organization.name if organization else None,
        "to_report": [
            {
                "indicator": cell.indicator.code,
                "period_start": cell.period.start.isoformat(),
                "period_end": cell.period.end.isoformat(),
                "due_date": cell.period.due_date.isoformat(),
                "status": cell.status,
                "value_id": cell.value.pk if cell.value else None,
            }
            for cell in cells
        ],
    })
