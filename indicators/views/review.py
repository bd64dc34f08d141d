"""The coordination team's review of submitted values, each value's page, and completeness."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from coalitions.models import Organization
from coalitions.permissions import has_permission, object_for, requires
from coalitions.web import call_service, paginate, parse_int, redirect_with_message, render_list

from ..forms import ReturnForm
from ..models import Indicator, IndicatorValue, ValueStatus
from ..permissions import COMPLETENESS_VIEW, VALUES_ENTER, VALUES_REVIEW, visible_values
from ..selectors import board, queue, reporting_organizations
from ..services import review as review_services
from .framework import form_data


@require_GET
@requires(VALUES_REVIEW)
def review(request):
    status = request.GET.get("status", ValueStatus.SUBMITTED)
    indicator, flagged = request.GET.get("indicator", ""), request.GET.get("flagged", "")
    page = paginate(request, queue.review_queue(request.coalition, status=status, indicator=indicator,
                                                    flagged=flagged))
    return render_list(request, "indicators/review.html", {
        "page_obj": page, "status": status, "statuses": ValueStatus.choices, "indicator": indicator,
        "flagged": flagged, "indicators": Indicator.objects.filter(coalition=request.coalition).order_by("code"),
    })


@require_POST
@requires(VALUES_REVIEW)
def review_approve(request):
    ids = [i for i in map(parse_int, request.POST.getlist("values")) if i is not None]
    count = review_services.values_approve(actor=request.user, coalition=request.coalition, ids=ids) if ids else 0
    if count:
        return redirect_with_message(request, "indicators:review",
                                     success=ngettext("%(count)s value approved.", "%(count)s values approved.",
                                                              count) % {"count": count})
    return redirect_with_message(request, "indicators:review",
                                 error=_("Select at least one submitted value to approve."))


@require_GET
@requires(VALUES_ENTER)
def value_detail(request, pk: int):
    value = object_for(request, visible_values(request.membership, IndicatorValue.objects.select_related(
        "indicator", "period__indicator", "organization", "entered_by", "reviewed_by")), pk=pk)
    return render(request, "indicators/value_detail.html", {
        "value": value, "history": queue.value_history(value),
        "can_review": has_permission(request.membership, VALUES_REVIEW),
    })


@requires(VALUES_REVIEW)
def value_return(request, pk: int):
    value = object_for(request, IndicatorValue.objects.select_related("indicator", "period__indicator",
                                                                      "organization"), pk=pk)
    form = ReturnForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        if call_service(form, review_services.value_return, actor=request.user, value=value, **form.cleaned_data):
            return redirect_with_message(request, "indicators:review",
                                         success=_("The value is returned to the partner with your note."))
    return render(request, "indicators/value_return.html", {"form": form, "value": value})


@require_GET
@requires(COMPLETENESS_VIEW)
def completeness(request):
    all_indicators = list(Indicator.objects.filter(coalition=request.coalition).order_by("code"))
    chosen = request.GET.get("indicator", "")
    indicator = next((i for i in all_indicators if str(i.pk) == chosen), all_indicators[0] if all_indicators else None)
    page = paginate(request, reporting_organizations(indicator) if indicator else Organization.objects.none())
    return render(request, "indicators/completeness.html", {
        "board": board.completeness(request.coalition, indicator, organizations=page.object_list),
        "page_obj": page, "indicators": all_indicators, "chosen": indicator,
    })
