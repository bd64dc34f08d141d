"""The backbone team, governance bodies, the task board, the resource library and the
partnership self-assessment."""

from collections import defaultdict
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet

from coalitions.models import Organization, Role
from coalitions.web import parse_int
from indicators.selectors import suppression

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


def open_round(coalition) -> AssessmentRound | None:
    return AssessmentRound.objects.filter(coalition=coalition, status="open").order_by("-opened_at").first()


def rounds(coalition) -> QuerySet[AssessmentRound]:
    return AssessmentRound.objects.filter(coalition=coalition).annotate(
        respondent_count=Count("responses", distinct=True)
    ).order_by("-opened_at", "-pk")


# Anonymity: a mean backed by fewer answers than the coalition's small-numbers threshold (its
# privacy settings, 5 unless changed: the one that hides small counts of people from funders) is
# never shown, overall, by role or by organisation, so that no person's answers can be inferred.
DEFAULT_MIN_ANSWERS = suppression.DEFAULT_THRESHOLD

ROLE_LABELS = dict(Role.choices)


def min_answers(coalition) -> int:
    """The fewest answers a shown mean needs: the coalition's small-numbers threshold. One query."""
    return suppression.threshold_for(coalition)


def _shown(mean, count, threshold: int | None):
    return round(mean, 1) if mean is not None and threshold is not None and count >= threshold else None


def round_results(round_: AssessmentRound, *, language: str = "fr", threshold: int | None = None) -> dict:
    """Per condition and per question: the mean score and the number of people who answered,
    hidden (None) below ``threshold`` answers (the coalition's, ``min_answers``, if not given);
    with the same figures from the previous round for comparison."""
    if threshold is None:
        threshold = min_answers(round_.coalition)
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
            .values("question__condition").annotate(mean=Avg("score"), answers_count=Count("response",
                                                                                          distinct=True))
        }
        return per_question, per_condition

    current_q, current_c = stats(round_)
    previous_q, previous_c = stats(previous)

    conditions: defaultdict[str, dict[str, Any]] = defaultdict(lambda: {"questions": []})
    for key, question in sorted(current_q.items()):
        before = previous_q.get(key)
        conditions[question.condition]["questions"].append({
            "text": question.text(language),
            "count": question.answers_count,
            "mean": _shown(question.mean, question.answers_count, threshold),
            "previous": _shown(before.mean, before.answers_count, threshold) if before else None,
        })
    for condition, block in conditions.items():
        row, before = current_c.get(condition), previous_c.get(condition)
        block["condition"] = condition
        block["label"] = Condition(condition).label
        block["count"] = row["answers_count"] if row else 0
        block["mean"] = _shown(row["mean"], row["answers_count"], threshold) if row else None
        block["previous"] = _shown(before["mean"], before["answers_count"], threshold) if before else None
    return {"previous": previous, "conditions": [conditions[c] for c in sorted(conditions)]}


def _suppress(cells: dict, threshold: int) -> set:
    """The keys of {key: (mean, count)} whose mean may be shown: backed by ``threshold`` answers or
    more, and never leaving a hidden remainder of 1 to ``threshold - 1`` answers, which the overall
    mean minus the shown groups would reveal (the smallest shown groups are hidden too)."""
    shown = sorted((k for k, (_m, count) in cells.items() if count >= threshold), key=lambda k: (cells[k][1], str(k)))
    hidden = sum(count for k, (_m, count) in cells.items() if k not in shown)
    while shown and 0 < hidden < threshold:
        hidden += cells[shown.pop(0)][1]
    return set(shown)


def round_breakdown(round_: AssessmentRound, *, by: str, threshold: int | None = None) -> list[dict]:
    """Mean score per condition for each role (``by="role"``) or organisation (``by="organization"``),
    only where ``threshold`` people or more back it (see _suppress; the coalition's threshold if
    not given). Rows with nothing to show are left out, so the page grows with the groups large
    enough to show, not with the coalition."""
    if threshold is None:
        threshold = min_answers(round_.coalition)
    field = "response__role" if by == "role" else "response__organization"
    rows = (AssessmentAnswer.objects.filter(question__round=round_)
            .values(field, "question__condition").annotate(mean=Avg("score"), n=Count("response", distinct=True)))
    by_condition: defaultdict[int, dict] = defaultdict(dict)
    for row in rows:
        by_condition[row["question__condition"]][row[field]] = (row["mean"], row["n"])
    table: defaultdict[Any, dict] = defaultdict(dict)
    for condition, cells in by_condition.items():
        for key in _suppress(cells, threshold):
            table[key][condition] = round(cells[key][0], 1)
    keys = [k for k in table if k is not None]
    names: dict[Any, Any] = dict(ROLE_LABELS) if by == "role" else dict(
        Organization.objects.filter(pk__in=keys).values_list("pk", "name"))
    result = [{"name": str(names.get(k, k)), "means": [table[k].get(c) for c in Condition.values]}
              for k in keys]
    return sorted(result, key=lambda r: str(r["name"]))


TREND_ROUNDS = 12  # the trend shows the last rounds (two or three a year: several years)


def condition_trend(coalition, *, limit: int = TREND_ROUNDS, threshold: int | None = None) -> dict:
    """The mean score of each condition in each of the last ``limit`` rounds, oldest first,
    hidden (None) below ``threshold`` answers (the coalition's if not given): three queries
    whatever the number of rounds and answers, two with ``threshold``, one while there is no round."""
    recent_rounds = AssessmentRound.objects.filter(coalition=coalition).order_by("-opened_at", "-pk")[:limit]
    recent = list(recent_rounds)[::-1]
    if recent and threshold is None:  # no round, no threshold to read: the empty pages cost nothing more
        threshold = min_answers(coalition)
    cells = {
        (row["question__round"], row["question__condition"]): _shown(row["mean"], row["n"], threshold)
        for row in AssessmentAnswer.objects.filter(question__round__in=recent_rounds.values("pk"))
        .values("question__round", "question__condition").annotate(mean=Avg("score"), n=Count("response",
                                                                                             distinct=True))
    } if recent else {}
    return {"rounds": recent, "threshold": threshold, "conditions": [
        {"condition": c, "label": label, "points": [cells.get((r.pk, c)) for r in recent]}
        for c, label in Condition.choices]}


def latest_scores(coalition) -> dict:
    """Each condition's score in the latest round that enough people answered to show it, and
    in the round before (the health view's signal): the queries of condition_trend."""
    trend = condition_trend(coalition)
    rounds = trend["rounds"]
    shown = [i for i in range(len(rounds)) if any(b["points"][i] is not None for b in trend["conditions"])]
    if not shown:
        return {"round": None, "conditions": []}
    i = shown[-1]
    return {"round": rounds[i], "conditions": [
        {"condition": b["condition"], "label": b["label"], "mean": b["points"][i],
         "previous": b["points"][i - 1] if i > 0 else None} for b in trend["conditions"]]}


REPORT_ROUNDS = 12  # a year has two or three rounds; a bound all the same


def rounds_between(coalition, start, end, *, threshold: int) -> list[dict]:
    """The rounds opened from ``start`` to before ``end`` (aware datetimes: a report's year, as it
    stood at its end), oldest first: each with how many people had answered by ``end`` and the
    mean score of each condition, hidden (None) below ``threshold`` answers. Answers submitted
    after ``end`` are left out; a score changed since is read as it is now (scores keep no
    history, to stay anonymous). Two queries whatever the number of rounds and answers."""
    found = list(AssessmentRound.objects.filter(coalition=coalition, opened_at__gte=start, opened_at__lt=end)
                 .annotate(respondents=Count("responses", distinct=True, filter=Q(responses__submitted_at__lt=end)))
                 .order_by("opened_at", "pk")[:REPORT_ROUNDS])
    cells = {
        (row["question__round"], row["question__condition"]): _shown(row["mean"], row["n"], threshold)
        for row in AssessmentAnswer.objects.filter(question__round__in=[r.pk for r in found],
                                                   response__submitted_at__lt=end)
        .values("question__round", "question__condition").annotate(mean=Avg("score"), n=Count("response",
                                                                                             distinct=True))
    } if found else {}
    return [{"round": r, "respondents": r.respondents,
             "means": [cells.get((r.pk, condition)) for condition in Condition.values]} for r in found]


def my_answers(round_, membership) -> dict[int, AssessmentAnswer]:
    """The person's own answers (to change them while the round is open); nobody else's."""
    return {a.question_id: a for a in AssessmentAnswer.objects.filter(
        question__round=round_, response__respondent_id=membership.user_id)}


def round_questions(round_) -> list[AssessmentQuestion]:
    return list(AssessmentQuestion.objects.filter(round=round_).order_by("condition", "position"))
