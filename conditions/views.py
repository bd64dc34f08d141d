from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from coalitions.permissions import has_permission, requires
from coalitions.placeholders import condition_placeholder
from coalitions.web import call_service, paginate

from . import selectors, services
from .forms import AgendaDraftForm, EndorsementForm, PriorityForm, PublishForm
from .models import Priority
from .permissions import may_endorse_for, sees_drafts


def _to(request, name: str, message: str | None = None, **kwargs):
    if message:
        messages.success(request, message)
    return redirect(name, coalition_slug=request.coalition.slug, **kwargs)


# Common agenda -----------------------------------------------------------------------


@require_GET
@requires("conditions.agenda:view")
def agenda(request):
    coalition, membership = request.coalition, request.membership
    current = selectors.current_version(coalition)
    is_editor = has_permission(membership, "conditions.agenda:edit")
    my_organization = membership.organization
    return render(request, "conditions/agenda.html", {
        "version": current,
        "tree": selectors.theory_of_change_tree(current) if current else [],
        "priorities": selectors.version_priorities(current) if current else [],
        "board": selectors.endorsement_board(coalition, current),
        "draft": selectors.draft_version(coalition) if is_editor else None,
        "is_editor": is_editor,
        "can_endorse": bool(current) and (
            is_editor or (my_organization is not None and may_endorse_for(membership, request.user, my_organization))
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
    form = AgendaDraftForm(request.POST or None, instance=source, initial=initial)
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
    if current and organizations and request.method == "POST" and form.is_valid():
        endorsement = call_service(form, services.endorsement_record, actor=request.user, coalition=coalition,
                                   **form.cleaned_data)
        if endorsement:
            return _to(request, "conditions:agenda", _("The endorsement of %(org)s is recorded. Thank you!") % {
                "org": endorsement.organization.name})
    return render(request, "conditions/agenda_endorse.html", {
        "form": form, "version": current, "has_organizations": organizations.exists(),
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
    return condition_placeholder(
        request,
        title=gettext_lazy("Action plan"),
        intro=gettext_lazy("Mutually reinforcing activities: who does what, together, along one shared plan."),
        coming=[gettext_lazy("Action plans and their actions"), gettext_lazy("Activities logged by partners"),
                gettext_lazy("The contribution matrix of organizations and priorities")],
    )
