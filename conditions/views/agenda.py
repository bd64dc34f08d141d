"""The common agenda (condition 1): its published versions and the draft, their comparison,
the organisations' endorsements, and the priorities."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from coalitions.permissions import has_permission, object_for, requires
from coalitions.web import call_service, error_text, paginate, parse_int, redirect_with_message
from indicators.selectors import catalogue as indicator_selectors

from .. import selectors
from ..forms import AgendaDraftForm, EndorsementForm, PriorityForm, PublishForm
from ..models import AgendaVersion, Priority
from ..permissions import AGENDA_EDIT, AGENDA_ENDORSE, AGENDA_VIEW, CONSULTATION_VIEW, sees_drafts
from ..services import agenda as agenda_services

# Common agenda -----------------------------------------------------------------------


def _with_indicators(priorities: list[dict]) -> list[dict]:
    """Each priority of the agenda with the indicators linked to it."""
    by_priority = indicator_selectors.indicators_by_priority([p["id"] for p in priorities])
    return [{**p, "indicators": by_priority.get(p["id"], [])} for p in priorities]


@require_GET
@requires(AGENDA_VIEW)
def agenda(request):
    coalition, membership = request.coalition, request.membership
    current = selectors.current_version(coalition)
    is_editor = has_permission(membership, AGENDA_EDIT)
    may_endorse = has_permission(membership, AGENDA_ENDORSE)
    board = selectors.endorsement_board(coalition, current)
    own = set() if is_editor or not (current and may_endorse) else set(
        selectors.organizations_endorsable_by(membership, request.user, coalition).values_list("pk", flat=True))
    return render(request, "conditions/agenda.html", {
        "version": current,
        "tree": selectors.theory_of_change_tree(current) if current else [],
        "priorities": _with_indicators(selectors.version_priorities(current)) if current else [],
        "board": board,
        "consulted": selectors.published_consultation(current) if current else None,
        "consultation": selectors.draft_consultation(coalition) if has_permission(membership, CONSULTATION_VIEW)
        else None,
        "draft": selectors.draft_version(coalition) if is_editor else None,
        "is_editor": is_editor,
        "can_endorse": bool(current) and may_endorse and (is_editor or bool(own)),
        # A representative whose organisations all endorsed this version: no "Endorse" call any more.
        "endorsed": bool(own) and own <= {org.pk for org in board["current"]},
    })


@require_GET
@requires(AGENDA_VIEW)
def agenda_versions(request):
    page = paginate(request, selectors.published_versions(request.coalition))
    return render(request, "conditions/agenda_versions.html", {
        "page_obj": page, "draft": selectors.draft_version(request.coalition) if sees_drafts(request.membership)
        else None,
    })


@require_GET
@requires(AGENDA_VIEW)
def agenda_version(request, key: str):
    version = selectors.version_for(request.membership, request.coalition, key)
    current = selectors.current_version(request.coalition)
    is_editor = has_permission(request.membership, AGENDA_EDIT)
    return render(request, "conditions/agenda_version.html", {
        "version": version, "consulted": None if version.is_draft else selectors.published_consultation(version),
        "is_current": current is not None and current.pk == version.pk,
        "tree": selectors.theory_of_change_tree(version),
        "priorities": selectors.version_priorities(version),
        "is_editor": is_editor,
        # Who was asked to endorse it: names of people, for the coordination team only.
        "requests": selectors.endorsement_requests(version) if is_editor and not version.is_draft else None,
    })


@require_POST
@requires(AGENDA_EDIT)
def agenda_remind(request):
    """Remind the organisations that have not endorsed the current version."""
    coalition = request.coalition
    current = selectors.current_version(coalition)
    to, args = ("conditions:agenda_version", [current.number]) if current else ("conditions:agenda", [])
    try:
        asked = agenda_services.endorsement_remind(actor=request.user, coalition=coalition)
    except ValidationError as error:
        return redirect_with_message(request, to, *args, error=error_text(error))
    return redirect_with_message(request, to, *args, success=ngettext(
        "The reminder is sent to %(count)s person.", "The reminder is sent to %(count)s people.", asked,
    ) % {"count": asked})


@require_GET
@requires(AGENDA_VIEW)
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


@requires(AGENDA_EDIT)
def agenda_draft(request):
    coalition = request.coalition
    draft = selectors.draft_version(coalition)
    source = draft or selectors.current_version(coalition)
    initial = {"theory_of_change": selectors.chains_text(source)} if source else {"territory": coalition.territory}
    editing = source or AgendaVersion(coalition=coalition, territory=coalition.territory)  # what a new draft holds
    form = AgendaDraftForm(request.POST or None, instance=source, initial=initial, editing=editing)
    if request.method == "POST" and form.is_valid():
        if call_service(form, agenda_services.agenda_draft_update, actor=request.user, coalition=coalition,
                        **form.cleaned_data):
            return redirect_with_message(request, "conditions:agenda_draft_publish",
                                         success=_("The draft is saved. Publish it when it is ready."))
    return render(request, "conditions/agenda_draft.html", {
        "form": form, "draft": draft, "priorities": selectors.priorities(coalition),
    })


@requires(AGENDA_EDIT)
def agenda_draft_publish(request):
    coalition = request.coalition
    draft = selectors.draft_version(coalition)
    consultation = selectors.draft_consultation(coalition)
    form = PublishForm(request.POST or None, consulted=consultation is not None,
                       initial={"consultation_summary": consultation.summary if consultation else ""})
    if request.method == "POST" and form.is_valid():
        version = call_service(form, agenda_services.agenda_publish, actor=request.user, coalition=coalition,
                               **form.cleaned_data)
        if version:
            asked = selectors.endorsement_requests(version)
            message = ngettext(
                "Version %(number)s is published. %(count)s partner organization is asked to endorse it.",
                "Version %(number)s is published. %(count)s partner organizations are asked to endorse it.",
                len(asked["reached"]),
            ) % {"number": version.number, "count": len(asked["reached"])}
            if asked["unreachable"]:
                message += " " + ngettext(
                    "%(count)s has no active member to ask: see the version page.",
                    "%(count)s have no active member to ask: see the version page.",
                    len(asked["unreachable"]),
                ) % {"count": len(asked["unreachable"])}
            return redirect_with_message(request, "conditions:agenda_version", version.number, success=message)
    current = selectors.current_version(coalition)
    return render(request, "conditions/agenda_publish.html", {
        "form": form, "draft": draft, "current": current, "consultation": consultation,
        "consulted": selectors.consultation_board(consultation) if consultation else None,
        "rows": selectors.compare_versions(current, draft) if current and draft else None,
        "tree": selectors.theory_of_change_tree(draft) if draft else [],
        "priorities": selectors.version_priorities(draft) if draft else [],
    })


@requires(AGENDA_ENDORSE)
def agenda_endorse(request):
    coalition, membership = request.coalition, request.membership
    current = selectors.current_version(coalition)
    organizations = selectors.organizations_endorsable_by(membership, request.user, coalition)
    chosen = parse_int(request.GET.get("organization")) or (
        organizations[0].pk if not sees_drafts(membership) and organizations else None)
    concerns = selectors.organization_positions(current, chosen) if current and chosen else []
    initial = {"organization": chosen}
    if concerns:  # the endorsement starts from what the organisation said in the consultation
        initial.update(with_reservations=True, comment="\n".join(
            f"{response.get_section_display()} : {response.reason}" for response in concerns))
    form = EndorsementForm(request.POST or None, organizations=organizations, initial=initial)
    has_organizations = organizations.exists()
    if current and has_organizations and request.method == "POST" and form.is_valid():
        endorsement = call_service(form, agenda_services.endorsement_record, actor=request.user, coalition=coalition,
                                   **form.cleaned_data)
        if endorsement:
            return redirect_with_message(request, "conditions:agenda", success=_(
                "The endorsement of %(org)s is recorded. Thank you!") % {"org": endorsement.organization.name})
    return render(request, "conditions/agenda_endorse.html", {
        "form": form, "version": current, "has_organizations": has_organizations, "concerns": concerns,
        "on_behalf": sees_drafts(membership),
    })


# Priorities --------------------------------------------------------------------------


@requires(AGENDA_EDIT)
def priority_list(request):
    form = PriorityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, agenda_services.priority_create, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return redirect_with_message(request, "conditions:priorities", success=_("The priority is added."))
    return render(request, "conditions/priority_list.html", {
        "priorities": selectors.priorities(request.coalition), "form": form,
    })


@requires(AGENDA_EDIT)
def priority_edit(request, pk: int):
    priority = object_for(request, Priority, pk=pk)
    form = PriorityForm(request.POST or None, instance=priority)
    if request.method == "POST" and form.is_valid():
        fresh = object_for(request, Priority, pk=pk)
        if call_service(form, agenda_services.priority_update, actor=request.user, priority=fresh, **form.cleaned_data):
            return redirect_with_message(request, "conditions:priorities", success=_("The priority is saved."))
    return render(request, "conditions/priority_form.html", {
        "form": form, "priority": priority,
        "cancel_url": reverse("conditions:priorities", args=[request.coalition.slug]),
    })


@require_POST
@requires(AGENDA_EDIT)
def priority_move(request, pk: int):
    priority = object_for(request, Priority, pk=pk)
    agenda_services.priority_move(actor=request.user, priority=priority, direction=request.POST.get("direction", ""))
    return redirect_with_message(request, "conditions:priorities")
