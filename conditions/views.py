from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalitions.dates import local_today
from coalitions.models import Organization
from coalitions.permissions import has_permission, requires
from coalitions.web import call_service, paginate
from coordination.selectors import action_decisions, comment_thread
from indicators.selectors import catalogue as indicator_selectors

from . import exports, selectors, services
from .forms import (
    ActionForm,
    ActivityFilterForm,
    ActivityForm,
    AgendaDraftForm,
    EndorsementForm,
    PeriodForm,
    PlanForm,
    PriorityForm,
    PublishForm,
    ReviewForm,
)
from .models import Action, ActionPlan, ActionStatus, Activity, AgendaVersion, Priority, ReviewStatus
from .permissions import may_edit_activity_of, may_see_attachments, sees_drafts


def _to(request, name: str, message: str | None = None, **kwargs):
    if message:
        messages.success(request, message)
    return redirect(name, coalition_slug=request.coalition.slug, **kwargs)


# Common agenda -----------------------------------------------------------------------


def _with_indicators(priorities: list[dict]) -> list[dict]:
    """Each priority of the agenda with the indicators linked to it."""
    by_priority = indicator_selectors.indicators_by_priority([p["id"] for p in priorities])
    return [{**p, "indicators": by_priority.get(p["id"], [])} for p in priorities]


@require_GET
@requires("conditions.agenda:view")
def agenda(request):
    coalition, membership = request.coalition, request.membership
    current = selectors.current_version(coalition)
    is_editor = has_permission(membership, "conditions.agenda:edit")
    may_endorse = has_permission(membership, "conditions.agenda:endorse")
    return render(request, "conditions/agenda.html", {
        "version": current,
        "tree": selectors.theory_of_change_tree(current) if current else [],
        "priorities": _with_indicators(selectors.version_priorities(current)) if current else [],
        "board": selectors.endorsement_board(coalition, current),
        "draft": selectors.draft_version(coalition) if is_editor else None,
        "is_editor": is_editor,
        "can_endorse": bool(current) and may_endorse and (
            is_editor or selectors.organizations_endorsable_by(membership, request.user, coalition).exists()
        ),
    })


@require_GET
@requires("conditions.agenda:view")
def agenda_versions(request):
    page = paginate(request, selectors.published_versions(request.coalition))
    return render(request, "conditions/agenda_versions.html", {
        "page_obj": page, "draft": selectors.draft_version(request.coalition) if sees_drafts(request.membership)
        else None,
    })


@require_GET
@requires("conditions.agenda:view")
def agenda_version(request, key: str):
    version = selectors.version_for(request.membership, request.coalition, key)
    current = selectors.current_version(request.coalition)
    return render(request, "conditions/agenda_version.html", {
        "version": version,
        "is_current": current is not None and current.pk == version.pk,
        "tree": selectors.theory_of_change_tree(version),
        "priorities": selectors.version_priorities(version),
    })


@require_GET
@requires("conditions.agenda:view")
def agenda_compare(request):
    coalition, membership = request.coalition, request.membership
    choices = list(selectors.published_versions(coalition).values_list("number", flat=True))
    draft = selectors.draft_version(coalition) if sees_drafts(membership) else None
    keys = [str(n) for n in choices] + (["draft"] if draft else [])
    default_new = "draft" if draft else (str(choices[0]) if choices else "")
    default_old = str(choices[0] if draft and choices else (choices[1] if len(choices) > 1 else ""))
    old_key, new_key = request.GET.get("old", default_old), request.GET.get("new", default_new)
    rows, old, new = None, None, None
    if old_key in keys and new_key in keys:
        old = selectors.version_for(membership, coalition, old_key)
        new = selectors.version_for(membership, coalition, new_key)
        rows = selectors.compare_versions(old, new)
    return render(request, "conditions/agenda_compare.html", {
        "rows": rows, "old": old, "new": new, "numbers": choices, "has_draft": bool(draft),
        "old_key": old_key, "new_key": new_key,
    })


@requires("conditions.agenda:edit")
def agenda_draft(request):
    coalition = request.coalition
    draft = selectors.draft_version(coalition)
    source = draft or selectors.current_version(coalition)
    initial = {"theory_of_change": selectors.chains_text(source)} if source else {"territory": coalition.territory}
    editing = source or AgendaVersion(coalition=coalition, territory=coalition.territory)  # what a new draft holds
    form = AgendaDraftForm(request.POST or None, instance=source, initial=initial, editing=editing)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.agenda_draft_update, actor=request.user, coalition=coalition,
                        **form.cleaned_data):
            message = _("The draft is saved. Publish it when it is ready.")
            return _to(request, "conditions:agenda_draft_publish", message)
    return render(request, "conditions/agenda_draft.html", {
        "form": form, "draft": draft, "priorities": selectors.priorities(coalition),
    })


@requires("conditions.agenda:edit")
def agenda_draft_publish(request):
    coalition = request.coalition
    draft = selectors.draft_version(coalition)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = call_service(form, services.agenda_publish, actor=request.user, coalition=coalition,
                               **form.cleaned_data)
        if version:
            return _to(request, "conditions:agenda", _(
                "Version %(number)s is published. Each organization's representative is asked to endorse it."
            ) % {"number": version.number})
    current = selectors.current_version(coalition)
    return render(request, "conditions/agenda_publish.html", {
        "form": form, "draft": draft, "current": current,
        "rows": selectors.compare_versions(current, draft) if current and draft else None,
        "tree": selectors.theory_of_change_tree(draft) if draft else [],
        "priorities": selectors.version_priorities(draft) if draft else [],
    })


@requires("conditions.agenda:endorse")
def agenda_endorse(request):
    coalition, membership = request.coalition, request.membership
    current = selectors.current_version(coalition)
    organizations = selectors.organizations_endorsable_by(membership, request.user, coalition)
    form = EndorsementForm(request.POST or None, organizations=organizations,
                           initial={"organization": request.GET.get("organization")})
    has_organizations = organizations.exists()
    if current and has_organizations and request.method == "POST" and form.is_valid():
        endorsement = call_service(form, services.endorsement_record, actor=request.user, coalition=coalition,
                                   **form.cleaned_data)
        if endorsement:
            return _to(request, "conditions:agenda", _("The endorsement of %(org)s is recorded. Thank you!") % {
                "org": endorsement.organization.name})
    return render(request, "conditions/agenda_endorse.html", {
        "form": form, "version": current, "has_organizations": has_organizations,
        "on_behalf": sees_drafts(membership),
    })


# Priorities --------------------------------------------------------------------------


@requires("conditions.agenda:edit")
def priority_list(request):
    form = PriorityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.priority_create, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return _to(request, "conditions:priorities", _("The priority is added."))
    return render(request, "conditions/priority_list.html", {
        "priorities": selectors.priorities(request.coalition), "form": form,
    })


@requires("conditions.agenda:edit")
def priority_edit(request, pk: int):
    priority = get_object_or_404(Priority, pk=pk)
    form = PriorityForm(request.POST or None, instance=priority)
    if request.method == "POST" and form.is_valid():
        fresh = get_object_or_404(Priority, pk=pk)
        if call_service(form, services.priority_update, actor=request.user, priority=fresh, **form.cleaned_data):
            return _to(request, "conditions:priorities", _("The priority is saved."))
    return render(request, "conditions/priority_form.html", {
        "form": form, "priority": priority,
        "cancel_url": reverse("conditions:priorities", args=[request.coalition.slug]),
    })


@require_POST
@requires("conditions.agenda:edit")
def priority_move(request, pk: int):
    priority = get_object_or_404(Priority, pk=pk)
    services.priority_move(actor=request.user, priority=priority, direction=request.POST.get("direction", ""))
    return _to(request, "conditions:priorities")


# Action plan -------------------------------------------------------------------------


@require_GET
@requires("conditions.plan:view")
def plan(request):
    coalition, membership = request.coalition, request.membership
    all_plans = list(selectors.plans(coalition))
    chosen = next((p for p in all_plans if str(p.pk) == request.GET.get("plan")), all_plans[0] if all_plans else None)
    actions = selectors.visible_actions(membership, coalition)
    status = request.GET.get("status", "")
    rows = actions.filter(plan=chosen) if chosen else actions.none()
    if status in ActionStatus.values:
        rows = rows.filter(status=status)
    manages = has_permission(membership, "conditions.plan:manage")
    return render(request, "conditions/plan.html", {
        "plans": all_plans, "chosen": chosen, "status": status, "statuses": ActionStatus.choices,
        "actions": selectors.action_rows(rows.exclude(review_status=ReviewStatus.DECLINED)),
        "proposals": selectors.action_rows(actions.filter(review_status=ReviewStatus.PROPOSED)) if manages else [],
        "manages": manages, "can_propose": has_permission(membership, "conditions.actions:propose"),
    })


@requires("conditions.plan:manage")
def plan_create(request):
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = call_service(form, services.plan_create, actor=request.user, coalition=request.coalition,
                           **form.cleaned_data)
        if new:
            messages.success(request, _("The action plan is created. Add its actions."))
            return redirect(reverse("conditions:plan", args=[request.coalition.slug]) + f"?plan={new.pk}")
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("New action plan"),
        "cancel_url": reverse("conditions:plan", args=[request.coalition.slug]),
    })


@requires("conditions.plan:manage")
def plan_edit(request, pk: int):
    instance = get_object_or_404(ActionPlan, pk=pk)
    form = PlanForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        fresh = get_object_or_404(ActionPlan, pk=pk)
        if call_service(form, services.plan_update, actor=request.user, plan=fresh, **form.cleaned_data):
            return _to(request, "conditions:plan", _("The action plan is saved."))
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Edit the action plan"),
        "cancel_url": reverse("conditions:plan", args=[request.coalition.slug]),
    })


@requires("conditions.actions:propose")
def action_create(request):
    coalition = request.coalition
    manages = has_permission(request.membership, "conditions.plan:manage")
    initial = {"plan": request.GET.get("plan"), "lead_organization": request.membership.organization_id}
    form = ActionForm(request.POST or None, coalition=coalition, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = call_service(form, services.action_create, actor=request.user, coalition=coalition,
                              **form.cleaned_data)
        if action:
            message = _("The action is added to the plan.") if manages else _(
                "Your proposal is sent to the coordination team, who will accept or decline it.")
            messages.success(request, message)
            return redirect("conditions:action", coalition_slug=coalition.slug, pk=action.pk)
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Add an action") if manages else _("Propose an action"),
        "intro": "" if manages else _("A coordinator will read your proposal and accept it into the plan or "
                                      "decline it with a note."),
        "submit_label": _("Add the action") if manages else _("Send the proposal"),
        "cancel_url": reverse("conditions:plan", args=[coalition.slug]),
    })


@require_GET
@requires("conditions.plan:view")
def action_detail(request, pk: int):
    membership = request.membership
    action = get_object_or_404(selectors.action_rows(selectors.visible_actions(membership, request.coalition)),
                               pk=pk)
    activities = selectors.activity_list(request.coalition, action=action)
    page = _with_edit_rights(request, paginate(request, activities))
    return render(request, "conditions/action_detail.html", {
        "action": action, "page_obj": page, "totals": selectors.activity_totals(activities),
        "history": selectors.action_history(action),
        "linked_indicators": indicator_selectors.linked_indicators(action=action),
        "manages": has_permission(membership, "conditions.plan:manage"),
        "can_log": has_permission(membership, "conditions.activities:log") and action.review_status == "accepted",
        "sees_attachments": may_see_attachments(membership),
        "comment_thread": comment_thread(membership, action=action),
        "decisions": action_decisions(action),
    })


@requires("conditions.plan:manage")
def action_edit(request, pk: int):
    action = get_object_or_404(Action, pk=pk)
    form = ActionForm(request.POST or None, instance=action, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        fresh = get_object_or_404(Action, pk=pk)
        if call_service(form, services.action_update, actor=request.user, action=fresh, **form.cleaned_data):
            return _to(request, "conditions:action", _("The action is saved."), pk=pk)
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Edit %(name)s") % {"name": action.title},
        "cancel_url": reverse("conditions:action", args=[request.coalition.slug, pk]),
    })


@requires("conditions.plan:manage")
def action_review(request, pk: int):
    action = get_object_or_404(Action, pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.action_review, actor=request.user, action=action, **form.cleaned_data):
            return _to(request, "conditions:action", _("The decision is recorded."), pk=pk)
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Review the proposal %(name)s") % {"name": action.title},
        "intro": action.description, "submit_label": _("Record the decision"),
        "cancel_url": reverse("conditions:action", args=[request.coalition.slug, pk]),
    })


# Activities --------------------------------------------------------------------------


def _with_edit_rights(request, page):
    """Mark each activity of the page with ``can_edit``, the object rule the edit view applies."""
    for activity in page.object_list:
        activity.can_edit = may_edit_activity_of(request.membership, activity.organization_id)
    return page


def _activity_filters(request):
    form = ActivityFilterForm(request.GET or None, coalition=request.coalition)
    return form, form.filters()


@require_GET
@requires("conditions.activities:view")
def activity_list(request):
    form, filters = _activity_filters(request)
    activities = selectors.activity_list(request.coalition, **filters)
    page = _with_edit_rights(request, paginate(request, activities))
    return render(request, "conditions/activity_list.html", {
        "filter_form": form, "page_obj": page, "totals": selectors.activity_totals(activities),
        "can_log": has_permission(request.membership, "conditions.activities:log"),
        "sees_attachments": may_see_attachments(request.membership),
    })


@require_GET
@requires("conditions.activities:view")
def activity_export(request):
    _form, filters = _activity_filters(request)
    activities = selectors.activity_list(request.coalition, **filters).prefetch_related("action__priorities")
    kind = request.GET.get("format", "csv")
    return exports.activities_response(request.coalition, activities, kind=kind if kind in ("csv", "xlsx") else "csv")


def _activity_organizations(request):
    organizations = Organization.objects.filter(coalition=request.coalition).order_by("name")
    if not sees_drafts(request.membership):  # a partner logs for its own organisation only
        organizations = organizations.filter(pk=request.membership.organization_id)
    return organizations


def _uploaded(value):
    return value if isinstance(value, UploadedFile) else None


@requires("conditions.activities:log")
def activity_create(request):
    initial = {"action": request.GET.get("action"), "organization": request.membership.organization_id,
               "date": local_today(request.coalition)}
    form = ActivityForm(request.POST or None, request.FILES or None, coalition=request.coalition,
                        organizations=_activity_organizations(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "attachment": _uploaded(form.cleaned_data.get("attachment"))}
        activity = call_service(form, services.activity_create, actor=request.user, coalition=request.coalition,
                                **data)
        if activity:
            return _to(request, "conditions:action", _("The activity is saved. Thank you!"), pk=activity.action_id)
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Log an activity"), "multipart": True, "submit_label": _("Save the activity"),
        "intro": _("Say what your organization did under an action of the plan: one activity, or a series over a "
                   "few days."),
        "cancel_url": reverse("conditions:activities", args=[request.coalition.slug]),
    })


def _own_activity(request, pk: int) -> Activity:
    activity = get_object_or_404(Activity.objects.select_related("action", "organization"), pk=pk)
    if not may_edit_activity_of(request.membership, activity.organization_id):
        raise PermissionDenied
    return activity


@requires("conditions.activities:log")
def activity_edit(request, pk: int):
    activity = _own_activity(request, pk)
    form = ActivityForm(request.POST or None, request.FILES or None, instance=activity, coalition=request.coalition,
                        organizations=_activity_organizations(request))
    if request.method == "POST" and form.is_valid():
        fresh = _own_activity(request, pk)
        attachment = form.cleaned_data.get("attachment")
        data = {**form.cleaned_data, "attachment": _uploaded(attachment), "clear_attachment": attachment is False}
        if call_service(form, services.activity_update, actor=request.user, activity=fresh, **data):
            return _to(request, "conditions:action", _("The activity is saved."), pk=fresh.action_id)
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Edit the activity"), "multipart": True,
        "cancel_url": reverse("conditions:action", args=[request.coalition.slug, activity.action_id]),
        "delete_url": reverse("conditions:activity_delete", args=[request.coalition.slug, pk]),
    })


@requires("conditions.activities:log")
def activity_delete(request, pk: int):
    activity = _own_activity(request, pk)
    if request.method == "POST":
        services.activity_delete(actor=request.user, activity=activity)
        return _to(request, "conditions:action", _("The activity is deleted."), pk=activity.action_id)
    return render(request, "coalitions/confirm.html", {
        "title": _("Delete this activity?"),
        "consequence": _("The activity of %(date)s and its attachment will be deleted. Its history stays in the "
                         "audit trail.") % {"date": activity.date.isoformat()},
        "confirm_label": _("Delete the activity"),
        "cancel_url": reverse("conditions:action", args=[request.coalition.slug, activity.action_id]),
    })


@require_GET
@requires("conditions.attachments:view")
def activity_attachment(request, pk: int):
    """Attachments live under MEDIA_ROOT and are served only here, to coordinators and partners."""
    activity = get_object_or_404(Activity, pk=pk)
    if not activity.attachment:
        raise Http404
    try:
        handle = activity.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=activity.attachment.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Contribution matrix -----------------------------------------------------------------


@require_GET
@requires("conditions.matrix:view")
def contribution_matrix(request):
    form = PeriodForm(request.GET or None, coalition=request.coalition)
    return render(request, "conditions/matrix.html", {
        "form": form, "matrix": selectors.contribution_matrix(request.coalition, **form.filters()),
    })


@require_GET
@requires("conditions.matrix:view")
def matrix_export(request):
    form = PeriodForm(request.GET or None, coalition=request.coalition)
    matrix = selectors.contribution_matrix(request.coalition, **form.filters())
    return exports.matrix_response(request.coalition, matrix)
