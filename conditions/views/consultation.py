"""The partners' consultation on the draft agenda (condition 1): the draft as consulted, with
its comments; each organisation's positions per section; the coordination team's board by
section and by organisation, its answers to reservations and objections, and the closing."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalitions.dates import local_today
from coalitions.permissions import has_permission, object_for, requires
from coalitions.web import call_service, confirm_then_act, error_text, parse_int, redirect_with_message

from .. import selectors
from ..forms import ConsultationAnswerForm, ConsultationOpenForm, ConsultationResponseForm
from ..models import ConsultationResponse, Position
from ..permissions import AGENDA_EDIT, CONSULTATION_COMMENT, CONSULTATION_RESPOND, CONSULTATION_VIEW, responds_for
from ..services import consultation as services


def _state(request):
    consultation = selectors.draft_consultation(request.coalition)
    is_open = consultation is not None and consultation.is_open_on(local_today(request.coalition))
    return consultation, is_open


@require_GET
@requires(CONSULTATION_VIEW)
def consultation(request):
    membership = request.membership
    consultation, is_open = _state(request)
    organization = responds_for(membership)
    board = selectors.consultation_board(consultation, organization_id=organization.pk if organization else None) \
        if consultation else None
    return render(request, "conditions/consultation.html", {
        "consultation": consultation, "is_open": is_open, "board": board, "organization": organization,
        "is_editor": has_permission(membership, AGENDA_EDIT),
        "can_comment": is_open and has_permission(membership, CONSULTATION_COMMENT),
        "can_respond": is_open and organization is not None,
        "draft": selectors.draft_version(request.coalition),
    })


@requires(AGENDA_EDIT)
def consultation_open(request):
    form = ConsultationOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.consultation_open, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return redirect_with_message(request, "conditions:consultation", success=_(
                "The consultation is open. The partners are notified and can answer until the closing date."))
    consultation, _is_open = _state(request)
    return render(request, "conditions/consultation_open.html", {
        "form": form, "draft": selectors.draft_version(request.coalition), "consultation": consultation,
        "cancel_url": reverse("conditions:agenda_draft", args=[request.coalition.slug]),
    })


@requires(CONSULTATION_RESPOND)
def consultation_respond(request):
    consultation, is_open = _state(request)
    organization = responds_for(request.membership)
    form = None
    if consultation and is_open and organization:
        board = selectors.consultation_board(consultation, organization_id=organization.pk)
        form = ConsultationResponseForm(request.POST or None, sections=board["sections"])
        if request.method == "POST" and form.is_valid():
            saved = call_service(form, services.consultation_respond, actor=request.user, consultation=consultation,
                                 answers=form.answers())
            if saved is not None:
                return redirect_with_message(request, "conditions:consultation", success=_(
                    "The position of %(org)s is saved. You can change it until the closing date."
                ) % {"org": organization.name})
    return render(request, "conditions/consultation_respond.html", {
        "consultation": consultation, "is_open": is_open, "organization": organization, "form": form,
    })


@require_POST
@requires(CONSULTATION_COMMENT)
def consultation_comment(request):
    consultation, _is_open = _state(request)
    target = request.POST.get("target", "")
    section, link = "", None
    if target.startswith("section:"):
        section = target.removeprefix("section:")
    elif target.startswith("link:"):
        link = parse_int(target.removeprefix("link:"))
        if link is None:
            section = "?"  # refused below as an unknown section
    if consultation is None:
        return redirect_with_message(request, "conditions:consultation", error=_("There is no consultation open."))
    try:
        services.consultation_comment(actor=request.user, consultation=consultation, body=request.POST.get("body", ""),
                                      section=section, link=link)
    except ValidationError as error:
        return redirect_with_message(request, "conditions:consultation", error=error_text(error))
    fragment = f"section-{section}" if section else f"link-{link}"
    return redirect_with_message(request, "conditions:consultation", success=_("Your comment is added."),
                                 fragment=fragment)


@require_GET
@requires(AGENDA_EDIT)
def consultation_responses(request):
    consultation, is_open = _state(request)
    by = "organization" if request.GET.get("by") == "organization" else "section"
    return render(request, "conditions/consultation_responses.html", {
        "consultation": consultation, "is_open": is_open, "by": by,
        "board": selectors.consultation_board(consultation) if consultation else None,
        "positions": Position.choices,
    })


def _draft_responses(request):
    return ConsultationResponse.objects.filter(
        coalition=request.coalition, consultation__version__number__isnull=True,
    ).exclude(position=Position.AGREE).select_related("organization", "consultation")


@requires(AGENDA_EDIT)
def consultation_answer(request, pk: int):
    response = object_for(request, _draft_responses(request), pk=pk)
    form = ConsultationAnswerForm(request.POST or None, initial={"answer": response.answer})
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.consultation_answer, actor=request.user, response=response,
                        **form.cleaned_data):
            return redirect_with_message(request, "conditions:consultation_responses", success=_(
                "The answer is saved and %(org)s is notified.") % {"org": response.organization.name})
    return render(request, "conditions/consultation_answer.html", {
        "form": form, "response": response,
        "cancel_url": reverse("conditions:consultation_responses", args=[request.coalition.slug]),
    })


@requires(AGENDA_EDIT)
def consultation_close(request):
    return confirm_then_act(
        request, services.consultation_close, coalition=request.coalition,
        success=_("The consultation is closed. Answer the objections, then publish the draft."),
        to="conditions:consultation_responses", title=_("Close the consultation now?"),
        consequence=_("The partners will no longer be able to answer or comment, even before the closing date. "
                      "Their answers and comments are kept."),
        confirm_label=_("Close the consultation"),
    )
