"""The backbone team, governance bodies, the task board, the resource library and the
partnership self-assessment."""

from collections import defaultdict
from typing import Any

from django.db.models import Avg, Count, QuerySet

from coalitions.web import parse_int

from ..models.backbone import (
    AssessmentAnswer,
    AssessmentQuestion,
    AssessmentRound,
    BackboneTask,
    Condition,
    LibraryItem,
    TaskStatus,
    unaccent,
)
from ..models.governance import GovernanceBody, TeamMember
from ..models.meetings import Meeting


def team(coalition) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(coalition=coalition).select_related("user").order_by("title", "pk")


def bodies(coalition) -> QuerySet[GovernanceBody]:
    return (
        GovernanceBody.objects.filter(coalition=coalition)
        .prefetch_related("members", "organizations")
        .annotate(meeting_count=Count("meetings", distinct=True))
        .order_by("name")
    )


def body_meetings(body) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body=body).order_by("-starts_at")


def tasks(coalition, *, owner_id: int | None = None, overdue_on=None) -> QuerySet[BackboneTask]:
    """The backbone team's tasks; with ``overdue_on`` (a date), only those not done that were
    due before it (the board the coordinator's home counts and links to)."""
    found = BackboneTask.objects.filter(coalition=coalition)
    if owner_id:
        found = found.filter(owner_id=owner_id)
    if overdue_on is not None:
        found = found.filter(due_on__lt=overdue_on).exclude(status=TaskStatus.DONE)
    return found


def task_board(coalition, *, owner_id: int | None = None, overdue_on=None) -> dict[str, list[BackboneTask]]:
    tasks_shown = tasks(coalition, owner_id=owner_id, overdue_on=overdue_on).select_related("owner", "meeting")
    board: dict[str, list[BackboneTask]] = {status: [] for status in TaskStatus.values}
    for task in tasks_shown.order_by("due_on", "pk")[:300]:
        board[task.status].append(task)
    return board


LIBRARY_SEARCH_WORDS = 10  # each word is a condition: thousands of them made one search take seconds


def library(coalition, *, q: str = "", condition: str = "", tag: str = "") -> QuerySet[LibraryItem]:
    """Search ignores accents and case: the query and the stored search_text are both unaccented."""
    items = LibraryItem.objects.filter(coalition=coalition).select_related("added_by")
    for word in unaccent(q).split()[:LIBRARY_SEARCH_WORDS]:
        items = items.filter(search_text__contains=word)
    if (number := parse_int(condition)) is not None:
        items = items.filter(condition=number)
    if tag.strip():
        items = items.filter(search_text__contains=unaccent(tag.strip()), tags__icontains=tag.strip())
    return items.order_by("-created_at", "-pk")


def rounds(coalition) -> QuerySet[AssessmentRound]:
    return AssessmentRound.objects.filter(coalition=coalition).annotate(
        organization_count=Count("questions__answers__organization", distinct=True)
    ).order_by("-opened_at", "-pk")


MIN_ANSWERS = 3  # fewer answers than this and a result could identify an organisation


def round_results(round_: AssessmentRound, *, language: str = "fr") -> dict:
    """Per condition and per question: the mean score and the number of answers, hidden (None)
    below MIN_ANSWERS; with the same figures from the previous round for comparison."""
    previous = (AssessmentRound.objects.filter(coalition=round_.coalition_id, opened_at__lt=round_.opened_at)
                .order_by("-opened_at").first())

    def stats(r):
        if r is None:
            return {}, {}
        per_question = {
            (q.condition, q.position): q for q in AssessmentQuestion.objects.filter(round=r).annotate(
                mean=Avg("answers__score"), answers_count=Count("answers"))
        }
        per_condition = {
            row["question__condition"]: row for row in AssessmentAnswer.objects.filter(question__round=r)
            .values("question__condition").annotate(mean=Avg("score"), answers_count=Count("organization",
                                                                                          distinct=True))
        }
        return per_question, per_condition

    current_q, current_c = stats(round_)
    previous_q, previous_c = stats(previous)

    def shown(mean, count):
        return round(mean, 1) if mean is not None and count >= MIN_ANSWERS else None

    conditions: defaultdict[str, dict[str, Any]] = defaultdict(lambda: {"questions": []})
    for key, question in sorted(current_q.items()):
        before = previous_q.get(key)
        conditions[question.condition]["questions"].append({
            "text": question.text(language),
            "count": question.answers_count,
            "mean": shown(question.mean, question.answers_count),
            "previous": shown(before.mean, before.answers_count) if before else None,
        })
    for condition, block in conditions.items():
        row, before = current_c.get(condition), previous_c.get(condition)
        block["label"] = Condition(condition).label
        block["count"] = row["answers_count"] if row else 0
        block["mean"] = shown(row["mean"], row["answers_count"]) if row else None
        block["previous"] = shown(before["mean"], before["answers_count"]) if before else None
    return {"previous": previous, "conditions": [conditions[c] for c in sorted(conditions)]}


def my_answers(round_, membership) -> dict[int, AssessmentAnswer]:
    return {a.question_id: a for a in AssessmentAnswer.objects.filter(
        question__round=round_, organization_id=membership.organization_id)}


def round_questions(round_) -> list[AssessmentQuestion]:
    return list(AssessmentQuestion.objects.filter(round=round_).order_by("condition", "position"))
