"""The action plan: plans, actions, partners' proposals and the coordinators' decisions."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coalitions.permissions import has_permission, object_for, requires
from coalitions.web import call_service, paginate, redirect_with_message
from coordination.selectors.communication import comment_thread
from coordination.selectors.meetings import action_decisions
from indicators.selectors import catalogue as indicator_selectors

from .. import selectors
from ..forms import ActionForm, PlanForm, ReviewForm
from ..models import Action, ActionPlan, ActionStatus, ReviewStatus
from ..permissions import (
    ACTIONS_PROPOSE,
    ACTIVITIES_LOG,
    PLAN_MANAGE,
    PLAN_VIEW,
    may_see_attachments,
    sees_people_counts,
)
from ..services import plan as plan_services
from .activities import with_edit_rights


@require_GET
@requires(PLAN_VIEW)
def plan(request):
    coalition, membership = request.coalition, request.membership
    all_plans = list(selectors.plans(coalition))
    chosen = next((p for p in all_plans if str(p.pk) == request.GET.get("plan")), all_plans[0] if all_plans else None)
    actions = selectors.visible_actions(membership, coalition)
    status = request.GET.get("status", "")
    rows = actions.filter(plan=chosen) if chosen else actions.none()
    if status in ActionStatus.values:
        rows = rows.filter(status=status)
    manages = has_permission(membership, PLAN_MANAGE)
    return render(request, "conditions/plan.html", {
        "plans": all_plans, "chosen": chosen, "status": status, "statuses": ActionStatus.choices,
        "actions": selectors.action_rows(rows.exclude(review_status=ReviewStatus.DECLINED)),
        "proposals": selectors.action_rows(selectors.proposals(coalition)) if manages else [],
        "manages": manages, "can_propose": has_permission(membership, ACTIONS_PROPOSE),
    })


@requires(PLAN_MANAGE)
def plan_create(request):
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = call_service(form, plan_services.plan_create, actor=request.user, coalition=request.coalition,
                           **form.cleaned_data)
        if new:
            return redirect_with_message(request, "conditions:plan", query={"plan": new.pk},
                                         success=_("The action plan is created. Add its actions."))
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("New action plan"),
        "cancel_url": reverse("conditions:plan", args=[request.coalition.slug]),
    })


@requires(PLAN_MANAGE)
def plan_edit(request, pk: int):
    instance = object_for(request, ActionPlan, pk=pk)
    form = PlanForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        fresh = object_for(request, ActionPlan, pk=pk)
        if call_service(form, plan_services.plan_update, actor=request.user, plan=fresh, **form.cleaned_data):
            return redirect_with_message(request, "conditions:plan", success=_("The action plan is saved."))
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Edit the action plan"),
        "cancel_url": reverse("conditions:plan", args=[request.coalition.slug]),
    })


@requires(ACTIONS_PROPOSE)
def action_create(request):
    coalition = request.coalition
    manages = has_permission(request.membership, PLAN_MANAGE)
    initial = {"plan": request.GET.get("plan"), "lead_organization": request.membership.organization_id}
    form = ActionForm(request.POST or None, coalition=coalition, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = call_service(form, plan_services.action_create, actor=request.user, coalition=coalition,
                              **form.cleaned_data)
        if action:
            message = _("The action is added to the plan.") if manages else _(
                "Your proposal is sent to the coordination team, who will accept or decline it.")
            return redirect_with_message(request, "conditions:action", action.pk, success=message)
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Add an action") if manages else _("Propose an action"),
        "intro": "" if manages else _("A coordinator will read your proposal and accept it into the plan or "
                                      "decline it with a note."),
        "submit_label": _("Add the action") if manages else _("Send the proposal"),
        "cancel_url": reverse("conditions:plan", args=[coalition.slug]),
    })


@require_GET
@requires(PLAN_VIEW)
def action_detail(request, pk: int):
    membership = request.membership
    action = object_for(request, selectors.action_rows(selectors.visible_actions(membership, request.coalition)),
                        pk=pk)
    activities = selectors.activity_list(request.coalition, action=action)
    page = with_edit_rights(request, paginate(request, activities))
    return render(request, "conditions/action_detail.html", {
        "action": action, "page_obj": page, "totals": selectors.activity_totals(activities),
        "history": selectors.action_history(action),
        "linked_indicators": indicator_selectors.linked_indicators(action=action),
        "manages": has_permission(membership, PLAN_MANAGE),
        "can_log": has_permission(membership, ACTIVITIES_LOG) and action.review_status == "accepted",
        "sees_attachments": may_see_attachments(membership),
        "sees_counts": sees_people_counts(membership),
        "comment_thread": comment_thread(membership, action=action),
        "decisions": action_decisions(action),
    })


@requires(PLAN_MANAGE)
def action_edit(request, pk: int):
    action = object_for(request, Action, pk=pk)
    form = ActionForm(request.POST or None, instance=action, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        fresh = object_for(request, Action, pk=pk)
        if call_service(form, plan_services.action_update, actor=request.user, action=fresh, **form.cleaned_data):
            return redirect_with_message(request, "conditions:action", pk, success=_("The action is saved."))
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Edit %(name)s") % {"name": action.title},
        "cancel_url": reverse("conditions:action", args=[request.coalition.slug, pk]),
    })


@requires(PLAN_MANAGE)
def action_review(request, pk: int):
    action = object_for(request, Action, pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, plan_services.action_review, actor=request.user, action=action, **form.cleaned_data):
            return redirect_with_message(request, "conditions:action", pk, success=_("The decision is recorded."))
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Review the proposal %(name)s") % {"name": action.title},
        "intro": action.description, "submit_label": _("Record the decision"),
        "cancel_url": reverse("conditions:action", args=[request.coalition.slug, pk]),
    })
