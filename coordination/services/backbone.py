"""Backbone support: the team, governance bodies, the task board, the library and the self-assessment."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.concurrency import creates_once, lock_for_edit, refusing_duplicates
from coalitions.models import Role
from coalitions.permissions import require_permission
from coalitions.uploads import UploadRefused, check_stored_file

from .. import permissions as rules
from ..models.backbone import (
    AssessmentAnswer,
    AssessmentQuestion,
    AssessmentResponse,
    AssessmentRound,
    BackboneTask,
    LibraryItem,
    RoundStatus,
    TaskStatus,
    unaccent,
)
from ..models.governance import GovernanceBody, TeamMember
from ..models.meetings import Meeting
from ._common import _active_user_ids, _now

# Backbone: team, governance, tasks -----------------------------------------------------


@creates_once
@transaction.atomic
def team_member_add(*, actor, coalition, user, title: str, responsibilities: str = "") -> TeamMember:
    require_permission(actor, coalition, "coordination.team:manage")
    errors = {}
    already = _("This person is already on the coordination team.")
    if user is None or not _active_user_ids(coalition, user_ids=[user.pk]):
        errors["user"] = _("Choose an active member of the coalition.")
    elif TeamMember.objects.filter(coalition=coalition, user=user).exists():
        errors["user"] = already
    if not (title or "").strip():
        errors["title"] = _("Give the person's role in the team.")
    if errors:
        raise ValidationError(errors)
    with refusing_duplicates({"team_member_once": ("user", already)}):
        return TeamMember.objects.create(coalition=coalition, user=user, title=title.strip(),
                                         responsibilities=responsibilities)


@transaction.atomic
def team_member_remove(*, actor, team_member: TeamMember) -> None:
    require_permission(actor, team_member.coalition, "coordination.team:manage")
    team_member.delete()


@creates_once
@transaction.atomic
def body_save(*, actor, coalition, name: str, kind: str, mandate: str = "", members=(), organizations=(),
              body: GovernanceBody | None = None, version: str | None = None) -> GovernanceBody:
    """Add a governance body, or edit ``body`` (refused if it changed since ``version``)."""
    require_permission(actor, coalition, "coordination.team:manage")
    members, organizations = list(members), list(organizations)
    if body is not None:
        body = lock_for_edit(body, version=version, fields=GovernanceBody.EDIT_FIELDS, submitted={
            "name": (name or "").strip(), "kind": kind, "mandate": mandate, "members": members,
            "organizations": organizations})
    errors = {}
    if not (name or "").strip():
        errors["name"] = _("Give the body a name.")
    member_ids = _active_user_ids(coalition, user_ids=[u.pk for u in members])
    if any(u.pk not in member_ids for u in members):
        errors["members"] = _("Choose active members of the coalition only.")
    if any(o.coalition_id != coalition.pk for o in organizations):
        errors["organizations"] = _("Choose organizations of this coalition only.")
    if errors:
        raise ValidationError(errors)
    if body is None:
        body = GovernanceBody(coalition=coalition)
    body.name, body.kind, body.mandate = name.strip(), kind, mandate
    body.save()
    body.members.set(members)
    body.organizations.set(organizations)
    return body


@creates_once
@transaction.atomic
def task_save(*, actor, coalition, title: str, description: str = "", owner=None, due_on: date | None = None,
              meeting: Meeting | None = None, status: str = TaskStatus.TODO,
              task: BackboneTask | None = None, version: str | None = None) -> BackboneTask:
    """Add a task, or edit ``task`` (refused if it changed since ``version``)."""
    require_permission(actor, coalition, "coordination.tasks:manage")
    if task is not None:
        task = lock_for_edit(task, version=version, fields=BackboneTask.EDIT_FIELDS, submitted={
            "title": (title or "").strip(), "description": description, "status": status, "owner": owner,
            "due_on": due_on, "meeting": meeting})
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Say what the task is.")
    if owner is not None and not _active_user_ids(coalition, user_ids=[owner.pk]):
        errors["owner"] = _("The owner must be an active member of the coalition.")
    if meeting is not None and meeting.coalition_id != coalition.pk:
        errors["meeting"] = _("Choose a meeting of this coalition.")
    if status not in TaskStatus.values:
        errors["status"] = _("Choose a valid status.")
    if errors:
        raise ValidationError(errors)
    task = task or BackboneTask(coalition=coalition)
    task.title, task.description, task.owner, task.due_on = title.strip(), description, owner, due_on
    task.meeting, task.status = meeting, status
    task.save()
    return task


@transaction.atomic
def task_move(*, actor, task: BackboneTask, status: str) -> BackboneTask:
    require_permission(actor, task.coalition, "coordination.tasks:manage")
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    task.status = status
    task.save(update_fields=["status"])
    return task


# Backbone: library ---------------------------------------------------------------------

LIBRARY_MAX_BYTES = 10 * 1024 * 1024
LIBRARY_EXTENSIONS = {"pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "txt", "csv",
                      "png", "jpg", "jpeg"}


@creates_once
@transaction.atomic
def library_add(*, actor, coalition, title: str, kind: str, condition: int, description: str = "",
                tags: str = "", file=None, url: str = "") -> LibraryItem:
    require_permission(actor, coalition, "coordination.library:add")
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the resource a title.")
    if condition not in (1, 2, 3, 4, 5):
        errors["condition"] = _("Choose the condition the resource helps with.")
    if file is None and not (url or "").strip():
        errors["file"] = _("Upload a file or give a link.")
    if file is not None:
        try:
            check_stored_file(file, extensions=LIBRARY_EXTENSIONS, max_bytes=LIBRARY_MAX_BYTES)
        except UploadRefused as refused:
            errors["file"] = str(refused)
    if errors:
        raise ValidationError(errors)
    tags = ", ".join(t.strip() for t in (tags or "").split(",") if t.strip())
    item = LibraryItem(coalition=coalition, title=title.strip(), kind=kind, condition=condition,
                       description=description, tags=tags, url=(url or "").strip(), added_by=actor,
                       search_text=unaccent(" ".join([title, description, tags])))
    if file is not None:
        item.file.save(file.name.replace("/", "_")[-120:], file, save=False)
    item.save()
    return item


@transaction.atomic
def library_delete(*, actor, item: LibraryItem) -> None:
    membership = require_permission(actor, item.coalition, "coordination.library:add")
    if not rules.can_delete_library_item(membership, item):
        raise PermissionDenied("coordination.library:moderate")
    stored = item.file.name
    storage = item.file.storage
    item.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


# Backbone: partnership self-assessment ------------------------------------------------

DEFAULT_QUESTIONS = {
    1: [("Les partenaires partagent une même compréhension du problème.",
         "Partners share one understanding of the problem."),
        ("Notre vision commune guide réellement nos décisions.", "Our common agenda really guides our decisions.")],
    2: [("Nos actions se complètent au lieu de se dédoubler.", "Our actions complement rather than duplicate one "
         "another."),
        ("Chaque organisme sait ce que font les autres.", "Each organization knows what the others do.")],
    3: [("Nous utilisons les indicateurs communs pour apprendre et ajuster nos actions.",
         "We use the shared indicators to learn and adjust our actions."),
        ("Les données sont déclarées à temps par les partenaires.", "Partners report their data on time.")],
    4: [("Les rencontres sont utiles et bien préparées.", "Meetings are useful and well prepared."),
        ("Je me sens informé·e et écouté·e dans le regroupement.", "I feel informed and heard in the coalition.")],
    5: [("L'équipe de coordination soutient bien les partenaires.", "The coordination team supports partners well."),
        ("La gouvernance du regroupement est claire.", "The coalition's governance is clear.")],
}


@creates_once
@transaction.atomic
def round_open(*, actor, coalition, title: str, roles=(Role.PARTNER,), now=None) -> AssessmentRound:
    """Open a round answered by every active member holding one of ``roles`` (any of coordinator,
    partner, funder), each person once."""
    require_permission(actor, coalition, "coordination.assessment:manage")
    roles = sorted(set(roles or ()))
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the round a title.")
    if not roles or any(role not in Role.values for role in roles):
        errors["roles"] = _("Choose who answers: coordinators, partners, funders, or several of them.")
    if errors:
        raise ValidationError(errors)
    if AssessmentRound.objects.filter(coalition=coalition, status=RoundStatus.OPEN).exists():
        raise ValidationError({"title": _("A round is already open; close it before opening another.")})
    previous = AssessmentRound.objects.filter(coalition=coalition).order_by("-opened_at").first()
    round_ = AssessmentRound.objects.create(coalition=coalition, title=title.strip(), opened_at=_now(now),
                                           roles=roles)
    if previous is not None:  # keep the coordinator's edited questions from round to round
        source = [(q.condition, q.position, q.text_fr, q.text_en) for q in previous.questions.all()]
    else:
        source = [(c, i, fr, en) for c, qs in DEFAULT_QUESTIONS.items() for i, (fr, en) in enumerate(qs, 1)]
    AssessmentQuestion.objects.bulk_create([
        AssessmentQuestion(coalition=coalition, round=round_, condition=c, position=p, text_fr=fr, text_en=en)
        for c, p, fr, en in source
    ])
    return round_


@transaction.atomic
def question_update(*, actor, question: AssessmentQuestion, text_fr: str, text_en: str,
                    version: str | None = None) -> AssessmentQuestion:
    require_permission(actor, question.coalition, "coordination.assessment:manage")
    if not text_fr.strip() or not text_en.strip():
        raise ValidationError({"text_fr": _("Write the statement in French and in English.")})
    question = lock_for_edit(question, version=version, fields=AssessmentQuestion.EDIT_FIELDS,
                             submitted={"text_fr": text_fr.strip(), "text_en": text_en.strip()})
    question.text_fr, question.text_en = text_fr.strip(), text_en.strip()
    question.save(update_fields=["text_fr", "text_en"])
    return question


@transaction.atomic
def round_close(*, actor, round_: AssessmentRound) -> AssessmentRound:
    require_permission(actor, round_.coalition, "coordination.assessment:manage")
    if round_.status != RoundStatus.CLOSED:
        round_.status, round_.closed_at = RoundStatus.CLOSED, timezone.now()
        round_.save(update_fields=["status", "closed_at"])
    return round_


@transaction.atomic
def assessment_answer(*, actor, round_: AssessmentRound, answers: dict, now=None) -> int:
    """Save the actor's own answers to an open round: {question_id: (score or None, comment)}.

    Each person answers once: a second call (a retry, or the person changing their mind while
    the round is open) updates the same response; a statement sent blank withdraws its score.
    The response (who answered, when, as which role) is audited; the scores are not."""
    membership = require_permission(actor, round_.coalition, "coordination.assessment:answer")
    if not rules.can_answer_round(membership, round_):
        raise PermissionDenied("coordination.assessment:answer")
    round_ = AssessmentRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status != RoundStatus.OPEN:
        raise ValidationError(_("This round is closed; answers can no longer be changed."))
    questions = set(AssessmentQuestion.objects.filter(round=round_).values_list("pk", flat=True))
    errors = {}
    for qid, (score, _comment) in answers.items():
        if qid not in questions:
            raise PermissionDenied("coordination.assessment:answer")
        if score is not None and score not in (1, 2, 3, 4, 5):
            errors[f"score_{qid}"] = _("Choose a score from 1 to 5.")
    if errors:
        raise ValidationError(errors)
    scored = {qid: (score, (comment or "")[:2000]) for qid, (score, comment) in answers.items() if score is not None}
    if not scored:
        raise ValidationError(_("Choose a score for at least one statement."))
    when = _now(now)
    # One row per person and round, whatever the retries: INSERT ... ON CONFLICT DO UPDATE.
    (response,) = AssessmentResponse.objects.bulk_create(
        [AssessmentResponse(coalition=round_.coalition, round=round_, respondent=actor, role=membership.role,
                            organization_id=membership.organization_id, submitted_at=when, updated_at=when)],
        update_conflicts=True, unique_fields=["round", "respondent"], update_fields=["role", "organization",
                                                                                     "updated_at"])
    AssessmentAnswer.objects.bulk_create(
        [AssessmentAnswer(coalition=round_.coalition, response=response, question_id=qid, score=score,
                          comment=comment) for qid, (score, comment) in scored.items()],
        update_conflicts=True, unique_fields=["response", "question"], update_fields=["score", "comment"])
    AssessmentAnswer.objects.filter(response=response, question_id__in=set(answers) - set(scored)).delete()
    return len(scored)
