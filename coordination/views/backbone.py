"""Views of condition 5: the team, governance bodies, the task board, the library, the self-assessment."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalitions.permissions import object_for, requires
from coalitions.web import call_service, paginate, parse_int, post_action, redirect_with_message, render_list

from .. import permissions as rules
from ..forms import (
    BodyForm,
    LibraryItemForm,
    QuestionForm,
    RoundForm,
    TaskForm,
    TeamMemberForm,
)
from ..models.backbone import (
    AssessmentQuestion,
    AssessmentRound,
    BackboneTask,
    Condition,
    LibraryItem,
    ResourceKind,
    RoundStatus,
    TaskStatus,
)
from ..models.governance import GovernanceBody, TeamMember
from ..permissions import (
    ASSESSMENT_ANSWER,
    ASSESSMENT_MANAGE,
    ASSESSMENT_VIEW,
    BACKBONE_VIEW,
    LIBRARY_ADD,
    LIBRARY_VIEW,
    TASKS_MANAGE,
    TASKS_VIEW,
    TEAM_MANAGE,
    TEAM_VIEW,
)
from ..selectors import backbone as backbone_selectors
from ..services import backbone as backbone_services
from ._common import _can, _form_page, _slug, _tz

# Landing page --------------------------------------------------------------------------


@require_GET
@requires(BACKBONE_VIEW)
def backbone(request):
    coalition = request.coalition
    context = {"library_count": backbone_selectors.library(coalition).count()}
    if _can(request, TEAM_VIEW):
        context.update({"team": list(backbone_selectors.team(coalition)),
                        "bodies": list(backbone_selectors.bodies(coalition))})
    if _can(request, TASKS_VIEW):
        board = backbone_selectors.task_board(coalition)
        context["task_counts"] = {status: len(tasks) for status, tasks in board.items()}
    if _can(request, ASSESSMENT_VIEW):
        context["rounds"] = list(backbone_selectors.rounds(coalition)[:2])
    open_round = backbone_selectors.open_round(coalition)
    if open_round is not None and rules.can_answer_round(request.membership, open_round):
        context["round_to_answer"] = open_round
        context["min_answers"] = backbone_selectors.min_answers(coalition)
    return render(request, "coordination/backbone.html", context)


# Backbone: team and governance ---------------------------------------------------------


@require_GET
@requires(TEAM_VIEW)
def team(request):
    return render(request, "coordination/team.html", {
        "team": list(backbone_selectors.team(request.coalition)),
        "bodies": list(backbone_selectors.bodies(request.coalition)),
    })


@requires(TEAM_MANAGE)
def team_member_create(request):
    form = TeamMemberForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        if call_service(form, backbone_services.team_member_add, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return redirect_with_message(request, "coordination:team",
                                         success=_("The person is added to the coordination team."))
    return _form_page(request, form, title=_("Add a team member"),
                      cancel_url=reverse("coordination:team", args=[_slug(request)]))


@requires(TEAM_MANAGE)
def team_member_delete(request, pk: int):
    member = object_for(request, TeamMember.objects.select_related("user"), pk=pk)
    if request.method == "POST":
        return post_action(request, backbone_services.team_member_remove, _("The person is removed from the team."),
                           "coordination:team", team_member=member)
    return render(request, "coalitions/confirm.html", {
        "title": _("Remove %(name)s from the coordination team?") % {"name": member.user},
        "consequence": _("The person stays a member of the coalition; only their team role is removed."),
        "confirm_label": _("Remove from the team"),
        "cancel_url": reverse("coordination:team", args=[_slug(request)]),
    })


@requires(TEAM_MANAGE)
def body_create(request):
    form = BodyForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        body = call_service(form, backbone_services.body_save, actor=request.user, coalition=request.coalition,
                            **form.cleaned_data)
        if body:
            return redirect_with_message(request, "coordination:body", body.pk,
                                         success=_("The governance body is saved."))
    return _form_page(request, form, title=_("Add a governance body"),
                      cancel_url=reverse("coordination:team", args=[_slug(request)]))


@requires(TEAM_MANAGE)
def body_edit(request, pk: int):
    body = object_for(request, GovernanceBody, pk=pk)
    initial = {"name": body.name, "kind": body.kind, "mandate": body.mandate,
               "members": [u.pk for u in body.members.all()], "organizations": [o.pk for o in body.organizations.all()]}
    form = BodyForm(request.POST or None, initial=initial, coalition=request.coalition, editing=body)
    if request.method == "POST" and form.is_valid():
        if call_service(form, backbone_services.body_save, actor=request.user, coalition=request.coalition, body=body,
                        **form.cleaned_data):
            return redirect_with_message(request, "coordination:body", body.pk,
                                         success=_("The governance body is saved."))
    return _form_page(request, form, title=_("Edit %(title)s") % {"title": body.name},
                      cancel_url=reverse("coordination:body", args=[_slug(request), pk]))


@require_GET
@requires(TEAM_VIEW)
def body_detail(request, pk: int):
    body = object_for(request, GovernanceBody.objects.prefetch_related("members", "organizations"), pk=pk)
    return render(request, "coordination/body_detail.html", {
        "body": body, "meetings": list(backbone_selectors.body_meetings(body)[:20]),
    })


# Backbone: tasks -----------------------------------------------------------------------


@require_GET
@requires(TASKS_VIEW)
def task_board(request):
    owner = request.GET.get("owner", "")
    today = timezone.localdate(timezone=_tz(request.coalition))
    overdue = request.GET.get("overdue") == "1"  # the coordinator's home links here with its count
    board = backbone_selectors.task_board(request.coalition, owner_id=parse_int(owner),
                                          overdue_on=today if overdue else None)
    columns = [(status, label, board[status]) for status, label in TaskStatus.choices]
    return render(request, "coordination/task_board.html", {
        "columns": columns, "owner": owner, "count": sum(len(t) for t in board.values()), "overdue": overdue,
        "statuses": TaskStatus.choices, "today": today,
    })


@requires(TASKS_MANAGE)
def task_create(request):
    form = TaskForm(request.POST or None, coalition=request.coalition, initial={"meeting": request.GET.get("meeting")})
    if request.method == "POST" and form.is_valid():
        if call_service(form, backbone_services.task_save, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return redirect_with_message(request, "coordination:tasks", success=_("The task is added to the board."))
    return _form_page(request, form, title=_("Add a task"), cancel_url=reverse("coordination:tasks",
                                                                               args=[_slug(request)]))


@requires(TASKS_MANAGE)
def task_edit(request, pk: int):
    task = object_for(request, BackboneTask, pk=pk)
    initial = {"title": task.title, "description": task.description, "status": task.status,
               "owner": task.owner_id, "due_on": task.due_on, "meeting": task.meeting_id}
    form = TaskForm(request.POST or None, coalition=request.coalition, initial=initial, editing=task)
    if request.method == "POST" and form.is_valid():
        if call_service(form, backbone_services.task_save, actor=request.user, coalition=request.coalition, task=task,
                        **form.cleaned_data):
            return redirect_with_message(request, "coordination:tasks", success=_("The task is saved."))
    return _form_page(request, form, title=_("Edit %(title)s") % {"title": task.title},
                      cancel_url=reverse("coordination:tasks", args=[_slug(request)]))


@require_POST
@requires(TASKS_MANAGE)
def task_move(request, pk: int):
    task = object_for(request, BackboneTask, pk=pk)
    return post_action(request, backbone_services.task_move, _("The task is moved."), "coordination:tasks",
                       task=task, status=request.POST.get("status", ""))


# Backbone: library ---------------------------------------------------------------------


@require_GET
@requires(LIBRARY_VIEW)
def library(request):
    q, condition, tag = request.GET.get("q", ""), request.GET.get("condition", ""), request.GET.get("tag", "")
    page = paginate(request, backbone_selectors.library(request.coalition, q=q, condition=condition, tag=tag))
    for item in page.object_list:
        item.can_delete = rules.can_delete_library_item(request.membership, item)
    return render_list(request, "coordination/library.html", {
        "page_obj": page, "q": q, "condition": condition, "tag": tag, "conditions": Condition.choices,
        "kinds": ResourceKind.choices,
    })


@requires(LIBRARY_ADD)
def library_create(request):
    form = LibraryItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, backbone_services.library_add, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return redirect_with_message(request, "coordination:library",
                                         success=_("The resource is added to the library."))
    return _form_page(request, form, title=_("Add a resource"), multipart=True,
                      cancel_url=reverse("coordination:library", args=[_slug(request)]))


@require_GET
@requires(LIBRARY_VIEW)
def library_download(request, pk: int):
    """Files are never public: they are read from MEDIA_ROOT and sent only to members."""
    item = object_for(request, LibraryItem, pk=pk)
    if not item.file:  # links are shown as links; this view never redirects elsewhere
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = item.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@requires(LIBRARY_ADD)
def library_delete(request, pk: int):
    item = object_for(request, LibraryItem, pk=pk, may=rules.can_delete_library_item)
    if request.method == "POST":
        return post_action(request, backbone_services.library_delete, _("The resource is deleted."),
                           "coordination:library",
                           item=item)
    return render(request, "coalitions/confirm.html", {
        "title": _("Delete %(title)s?") % {"title": item.title},
        "consequence": _("The resource and its file will be deleted from the library."),
        "confirm_label": _("Delete the resource"),
        "cancel_url": reverse("coordination:library", args=[_slug(request)]),
    })


# Backbone: self-assessment -------------------------------------------------------------


@require_GET
@requires(ASSESSMENT_VIEW)
def assessment_list(request):
    page = paginate(request, backbone_selectors.rounds(request.coalition))
    threshold = backbone_selectors.min_answers(request.coalition)
    return render(request, "coordination/assessment_list.html", {
        "page_obj": page, "trend": backbone_selectors.condition_trend(request.coalition, threshold=threshold),
        "min_answers": threshold,
    })


@requires(ASSESSMENT_MANAGE)
def assessment_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        round_ = call_service(form, backbone_services.round_open, actor=request.user, coalition=request.coalition,
                              **form.cleaned_data)
        if round_:
            return redirect_with_message(request, "coordination:assessment", round_.pk,
                                         success=_("The round is open; the members you chose can answer now."))
    return _form_page(request, form, title=_("Open a self-assessment round"), submit_label=_("Open the round"),
                      intro=_("The questions of the previous round (or our default set) are copied; you can edit "
                              "them once the round is open."),
                      cancel_url=reverse("coordination:assessments", args=[_slug(request)]))


@require_GET
@requires(ASSESSMENT_VIEW)
def assessment_detail(request, pk: int):
    round_ = object_for(request, AssessmentRound, pk=pk)
    language = get_language() or "fr"
    threshold = backbone_selectors.min_answers(request.coalition)
    return render(request, "coordination/assessment_detail.html", {
        "round": round_, "results": backbone_selectors.round_results(round_, language=language, threshold=threshold),
        "questions": backbone_selectors.round_questions(round_), "language": language,
        "min_answers": threshold,
        "by_role": backbone_selectors.round_breakdown(round_, by="role", threshold=threshold),
        "by_organization": backbone_selectors.round_breakdown(round_, by="organization", threshold=threshold),
        "condition_labels": Condition.labels,
        "can_answer": rules.can_answer_round(request.membership, round_),
        "answered": bool(backbone_selectors.my_answers(round_, request.membership)),
    })


@requires(ASSESSMENT_ANSWER)
def assessment_answer(request, pk: int):
    round_ = object_for(request, AssessmentRound, pk=pk, may=rules.can_answer_round)
    questions = backbone_selectors.round_questions(round_)
    mine = backbone_selectors.my_answers(round_, request.membership)
    language = get_language() or "fr"
    errors = {}
    if request.method == "POST":
        answers = {}
        for q in questions:
            raw = request.POST.get(f"score_{q.pk}", "")
            answers[q.pk] = (parse_int(raw), request.POST.get(f"comment_{q.pk}", "")[:2000])
            if raw and parse_int(raw) is None:
                errors[f"score_{q.pk}"] = [_("Choose a score from 1 to 5.")]
        if not errors:
            try:
                saved = backbone_services.assessment_answer(actor=request.user, round_=round_, answers=answers)
            except ValidationError as error:
                errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            else:
                message = ngettext("Your answer is saved (%(n)s statement).", "Your answers are saved (%(n)s "
                                   "statements).", saved) % {"n": saved}
                if _can(request, ASSESSMENT_VIEW):
                    return redirect_with_message(request, "coordination:assessment", pk, success=message)
                return redirect_with_message(request, "coordination:backbone", success=message)
    rows = [{"question": q, "text": q.text(language), "answer": mine.get(q.pk),
             "score": request.POST.get(f"score_{q.pk}") or (str(mine[q.pk].score) if q.pk in mine else ""),
             "comment": request.POST.get(f"comment_{q.pk}") or (mine[q.pk].comment if q.pk in mine else ""),
             "errors": errors.get(f"score_{q.pk}", []), "label": Condition(q.condition).label}
            for q in questions]
    return render(request, "coordination/assessment_answer.html", {
        "round": round_, "rows": rows, "errors": errors.get("__all__", []), "scores": ["1", "2", "3", "4", "5"],
        "closed": round_.status != RoundStatus.OPEN,
    })


@requires(ASSESSMENT_MANAGE)
def assessment_question_edit(request, pk: int):
    question = object_for(request, AssessmentQuestion.objects.select_related("round"), pk=pk)
    form = QuestionForm(request.POST or None, initial={"text_fr": question.text_fr, "text_en": question.text_en},
                        editing=question)
    if request.method == "POST" and form.is_valid():
        if call_service(form, backbone_services.question_update, actor=request.user,
                        question=question, **form.cleaned_data):
            return redirect_with_message(request, "coordination:assessment", question.round_id,
                                         success=_("The statement is saved."))
    return _form_page(request, form, title=_("Edit a statement"),
                      cancel_url=reverse("coordination:assessment", args=[_slug(request), question.round_id]))


@require_POST
@requires(ASSESSMENT_MANAGE)
def assessment_close(request, pk: int):
    round_ = object_for(request, AssessmentRound, pk=pk)
    return post_action(request, backbone_services.round_close, _("The round is closed."), "coordination:assessment",
                       args=[pk], round_=round_)
