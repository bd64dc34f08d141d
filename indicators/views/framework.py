"""The measurement framework: the indicators, who reports them, their periods, targets,
disaggregation categories and learning notes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from coalitions.permissions import has_permission, object_for, requires
from coalitions.selectors import organizations_without_active_members
from coalitions.web import call_service, error_text, paginate, post_action, redirect_with_message, render_list
from coordination.selectors.communication import comment_thread

from ..forms import AssignmentForm, CategoryForm, IndicatorForm, NoteForm, TargetForm
from ..models import Category, Indicator, LearningNote, Level, Period, Target
from ..permissions import (
    INDICATORS_MANAGE,
    INDICATORS_VIEW,
    NOTES_MANAGE,
    VALUES_ENTER,
    VALUES_REVIEW,
    sees_organization_values,
)
from ..selectors import catalogue, reporting_organizations
from ..services import breakdown, framework


def form_data(request):
    """The POST data of a POST (even an empty one, e.g. every checkbox unticked), else None."""
    return request.POST if request.method == "POST" else None


# Indicators ----------------------------------------------------------------------------


@require_GET
@requires(INDICATORS_VIEW)
def index(request):
    """The measurement landing page: every indicator with its latest coalition value."""
    q, level = request.GET.get("q", "").strip(), request.GET.get("level", "")
    page = paginate(request, catalogue.indicators(request.coalition, q=q, level=level))
    page.object_list = catalogue.decorate_indicators(page.object_list)
    return render_list(request, "indicators/index.html", {
        "page_obj": page, "q": q, "level": level, "levels": Level.choices,
        "can_manage": has_permission(request.membership, INDICATORS_MANAGE),
        "can_enter": has_permission(request.membership, VALUES_ENTER),
        "can_review": has_permission(request.membership, VALUES_REVIEW),
    })


@requires(INDICATORS_MANAGE)
def indicator_create(request):
    form = IndicatorForm(form_data(request), coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        indicator = call_service(form, framework.indicator_create, actor=request.user, coalition=request.coalition,
                                 **form.cleaned_data)
        if indicator:
            return redirect_with_message(request, "indicators:indicator_assignments", indicator.pk,
                                         success=_("The indicator is created. Now say which organizations report it."))
    return render(request, "indicators/indicator_form.html", {"form": form})


@requires(INDICATORS_MANAGE)
def indicator_edit(request, pk: int):
    indicator = object_for(request, Indicator, pk=pk)
    form = IndicatorForm(form_data(request), instance=indicator, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        fresh = object_for(request, Indicator, pk=pk)
        if call_service(form, framework.indicator_update, actor=request.user, indicator=fresh, **form.cleaned_data):
            return redirect_with_message(request, "indicators:indicator_detail", pk,
                                         success=_("The indicator is saved."))
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": indicator})


@requires(INDICATORS_MANAGE)
def indicator_delete(request, pk: int):
    indicator = object_for(request, Indicator, pk=pk)
    if request.method == "POST":
        try:
            framework.indicator_delete(actor=request.user, indicator=indicator)
        except ValidationError as error:
            return redirect_with_message(request, "indicators:indicator_detail", pk, error=error_text(error))
        return redirect_with_message(request, "indicators:index", success=_("The indicator is deleted."))
    return render(request, "coalitions/confirm.html", {
        "title": _("Delete the indicator %(code)s?") % {"code": indicator.code},
        "consequence": _("Its periods, targets, learning notes and values not yet approved will be deleted. "
                         "Indicators with approved values cannot be deleted."),
        "confirm_label": _("Delete the indicator"),
        "cancel_url": reverse("indicators:indicator_detail", args=[request.coalition.slug, pk]),
    })


@require_GET
@requires(INDICATORS_VIEW)
def indicator_detail(request, pk: int):
    indicator = object_for(request, Indicator, pk=pk)
    return render(request, "indicators/indicator_detail.html", {
        "page": catalogue.indicator_page(indicator, request.membership, request.GET.get("page")),
        "indicator": indicator,
        "sees_organizations": sees_organization_values(request.membership),
        "can_manage": has_permission(request.membership, INDICATORS_MANAGE),
        "can_write_notes": has_permission(request.membership, NOTES_MANAGE),
        "comment_thread": comment_thread(request.membership, indicator=indicator),
    })


@requires(INDICATORS_MANAGE)
def indicator_assignments(request, pk: int):
    indicator = object_for(request, Indicator, pk=pk)
    reporting = reporting_organizations(indicator)
    form = AssignmentForm(form_data(request), coalition=request.coalition, indicator=indicator, reporting=reporting,
                          initial={"organizations": reporting})
    if request.method == "POST" and form.is_valid():
        organizations = form.cleaned_data["organizations"]
        if call_service(form, framework.assignments_set, actor=request.user, indicator=indicator,
                        organizations=organizations, reports_from=form.cleaned_data["reports_from"]) is not None:
            # An organisation without members is assigned all the same, but nobody will report.
            unreachable = organizations_without_active_members(request.coalition, [o.pk for o in organizations])
            if unreachable:
                messages.warning(request, ngettext(
                    "%(names)s has no active member: nobody will report for it. Invite a person below.",
                    "%(names)s have no active member: nobody will report for them. Invite a person below.",
                    len(unreachable),
                ) % {"names": ", ".join(o.name for o in unreachable)})
                return redirect_with_message(request, "indicators:indicator_assignments", pk,
                                             success=_("The reporting organizations are saved."))
            return redirect_with_message(request, "indicators:indicator_detail", pk,
                                         success=_("The reporting organizations are saved."))
    return render(request, "indicators/assignments.html", {
        "form": form, "indicator": indicator, "starts": form.starts(reporting),
        "unreachable": organizations_without_active_members(request.coalition, [o.pk for o in reporting]),
    })


@requires(INDICATORS_MANAGE)
def indicator_targets(request, pk: int):
    indicator = object_for(request, Indicator, pk=pk)
    form = TargetForm(form_data(request), indicator=indicator)
    if request.method == "POST" and form.is_valid():
        if call_service(form, framework.target_set, actor=request.user, indicator=indicator, **form.cleaned_data):
            return redirect_with_message(request, "indicators:indicator_targets", pk,
                                         success=_("The target is saved."))
    targets = Target.objects.filter(indicator=indicator).select_related("period", "period__indicator").order_by(
        "period__start"
    )
    return render(request, "indicators/targets.html", {"form": form, "indicator": indicator, "targets": targets})


@require_GET
@requires(INDICATORS_MANAGE)
def indicator_periods(request, pk: int):
    indicator = object_for(request, Indicator, pk=pk)
    page = paginate(request, Period.objects.filter(indicator=indicator).select_related("indicator").order_by("-start"))
    return render(request, "indicators/periods.html", {"indicator": indicator, "page_obj": page})


@requires(INDICATORS_MANAGE)
def indicator_categories(request, pk: int):
    """The indicator's disaggregation dimensions and their categories."""
    indicator = object_for(request, Indicator, pk=pk)
    form = CategoryForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        if call_service(form, breakdown.category_add, actor=request.user, indicator=indicator, **form.cleaned_data):
            return redirect_with_message(request, "indicators:indicator_categories", pk,
                                         success=_("The category is added."))
    categories = Category.objects.filter(indicator=indicator).order_by("dimension", "label")
    return render(request, "indicators/categories.html", {
        "form": form, "indicator": indicator, "categories": list(categories),
    })


@require_POST
@requires(INDICATORS_MANAGE)
def category_delete(request, pk: int):
    category = object_for(request, Category, pk=pk)
    return post_action(request, breakdown.category_delete, _("The category is deleted."),
                        "indicators:indicator_categories", args=[category.indicator_id], category=category)


@require_POST
@requires(INDICATORS_MANAGE)
def target_delete(request, pk: int):
    target = object_for(request, Target, pk=pk)
    return post_action(request, framework.target_delete, _("The target is deleted."),
                        "indicators:indicator_targets", args=[target.indicator_id], target=target)


@require_POST
@requires(INDICATORS_MANAGE)
def period_lock(request, pk: int):
    period = object_for(request, Period, pk=pk)
    locked = request.POST.get("locked") == "1"
    framework.period_set_lock(actor=request.user, period=period, locked=locked)
    message = _("The period is locked.") if locked else _("The period is unlocked.")
    return redirect_with_message(request, "indicators:indicator_periods", period.indicator_id, success=message)


@requires(NOTES_MANAGE)
def note_edit(request, pk: int):
    period = object_for(request, Period.objects.select_related("indicator"), pk=pk)
    note = period.notes.first()
    initial = {"learned": note.learned, "worked": note.worked, "did_not_work": note.did_not_work} if note else {}
    form = NoteForm(form_data(request), initial=initial,
                    editing=note or LearningNote(indicator=period.indicator, period=period))
    if request.method == "POST" and form.is_valid():
        if call_service(form, framework.note_save, actor=request.user, indicator=period.indicator, period=period,
                        **form.cleaned_data):
            return redirect_with_message(request, "indicators:indicator_detail", period.indicator_id,
                                         success=_("The learning note is saved."))
    return render(request, "indicators/note_form.html", {"form": form, "period": period})
