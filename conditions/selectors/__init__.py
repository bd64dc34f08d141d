"""Reads of conditions 1 and 2 shared by views, tasks and exports. Each page's reads run a fixed
number of queries whatever the data size."""

import re
from difflib import SequenceMatcher
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from coalitions.fields import normalize_text
from coalitions.models import Membership, Organization, OrganizationKind, Role
from coalitions.permissions import has_permission
from coalitions.web import parse_int

from ..models import (
    Action,
    ActionPlan,
    ActionStatus,
    Activity,
    AgendaVersion,
    Consultation,
    ConsultationComment,
    ConsultationResponse,
    ConsultationSection,
    Endorsement,
    EndorsementRequest,
    Position,
    Priority,
    ReviewStatus,
    StatementKind,
)
from ..permissions import may_endorse_for, sees_drafts

# Common agenda -----------------------------------------------------------------------


def current_version(coalition) -> AgendaVersion | None:
    """The latest published version: the one partners and funders read and endorse."""
    return (
        AgendaVersion.objects.filter(coalition=coalition, number__isnull=False)
        .select_related("published_by").order_by("-number").first()
    )


def version_in_force(coalition, moment) -> AgendaVersion | None:
    """The version in force at ``moment`` (an aware datetime): the latest published by then.
    A past year's report shows this one, not a vision published since."""
    return (
        AgendaVersion.objects.filter(coalition=coalition, number__isnull=False, published_at__lte=moment)
        .select_related("published_by").order_by("-number").first()
    )


def actions_as_of(coalition, moment) -> tuple[list[dict], int]:
    """The actions that existed at ``moment`` (an aware datetime), each as it was then
    ({"status", "review_status", "progress"}), from its audit history; and how many of them
    have no recorded state from then (their current state is given). Two queries."""
    from django.apps import apps

    event_model = apps.get_model("conditions", "ActionEvent")
    then = {
        e["pgh_obj_id"]: e for e in event_model.objects.filter(coalition_id=coalition.pk, pgh_created_at__lte=moment)
        .order_by("pgh_obj_id", "-pgh_created_at", "-pgh_id").distinct("pgh_obj_id")
        .values("pgh_obj_id", "pgh_label", "status", "review_status", "progress")
    }
    rows = [e for e in then.values() if e["pgh_label"] != "delete"]
    unrecorded = list(
        actions(coalition).filter(created_at__lte=moment).exclude(pk__in=list(then))
        .values("status", "review_status", "progress")
    )
    return rows + unrecorded, len(unrecorded)


def draft_version(coalition) -> AgendaVersion | None:
    return AgendaVersion.objects.filter(coalition=coalition, number__isnull=True).first()


def published_versions(coalition) -> QuerySet[AgendaVersion]:
    return (
        AgendaVersion.objects.filter(coalition=coalition, number__isnull=False)
        .select_related("published_by").order_by("-number")
    )


def version_for(membership, coalition, key: str) -> AgendaVersion:
    """A version by number, or "draft" (coordinators only); 404 otherwise."""
    if key == "draft":
        version = draft_version(coalition) if sees_drafts(membership) else None
    else:
        number = parse_int(key)
        version = published_versions(coalition).filter(number=number).first() if number is not None else None
    if version is None:
        raise Http404
    return version


def priorities(coalition) -> QuerySet[Priority]:
    return Priority.objects.filter(coalition=coalition).order_by("position", "pk")


def version_priorities(version: AgendaVersion) -> list[dict]:
    """A published version's priorities as they were; the draft's are the live ones."""
    if version.is_draft:
        return [{"id": p.pk, "title": p.title, "description": p.description} for p in priorities(version.coalition)]
    return version.priorities_snapshot


def _statements_and_links(version):
    statements = list(version.statements.all())
    outgoing: dict[int, list] = {s.pk: [] for s in statements}
    by_pk = {s.pk: s for s in statements}
    for link in version.links.all():
        if link.source_id in outgoing and link.target_id in by_pk:
            outgoing[link.source_id].append(by_pk[link.target_id])
    return statements, outgoing


def theory_of_change_tree(version: AgendaVersion) -> list[dict]:
    """[{strategy, outcomes: [{statement, long_term: [statement, ...]}]}], in the order written."""
    statements, outgoing = _statements_and_links(version)
    return [
        {"strategy": s, "outcomes": [{"statement": i, "long_term": outgoing[i.pk]} for i in outgoing[s.pk]]}
        for s in statements if s.kind == StatementKind.STRATEGY
    ]


def theory_of_change_chains(version: AgendaVersion) -> list[list[str]]:
    chains = []
    for branch in theory_of_change_tree(version):
        for outcome in branch["outcomes"]:
            ends = outcome["long_term"] or [None]
            for end in ends:
                chain = [branch["strategy"].text, outcome["statement"].text]
                chains.append(chain + [end.text] if end else chain)
    return chains


def chains_text(version: AgendaVersion) -> str:
    return "\n".join(" -> ".join(chain) for chain in theory_of_change_chains(version))


def endorsing_organizations(coalition) -> QuerySet[Organization]:
    """The organisations asked to endorse the agenda: the partners, not the funders."""
    return Organization.objects.filter(coalition=coalition).exclude(kind=OrganizationKind.FUNDER)


def endorsement_board(coalition, current: AgendaVersion | None) -> dict:
    """Which organisations endorsed the current version, only an earlier one, or none."""
    board: dict[str, Any] = {"current": [], "earlier": [], "missing": [], "total": 0}
    if current is None:
        return board
    organizations = (
        endorsing_organizations(coalition).select_related("representative")
        .annotate(last_endorsed=Max("agenda_endorsements__version__number")).order_by("name")
    )
    endorsements = {
        e.organization_id: e
        for e in Endorsement.objects.filter(version=current).select_related("recorded_by")
    }
    org: Any  # an Organization, given the `endorsement` the template reads
    for org in organizations:
        org.endorsement = endorsements.get(org.pk)
        if org.endorsement:
            board["current"].append(org)
        elif org.last_endorsed:
            board["earlier"].append(org)
        else:
            board["missing"].append(org)
        board["total"] += 1
    return board


def endorsement_recipients(coalition, organizations) -> dict[int, list[int]]:
    """Whom to ask to endorse for each organisation: its representative when they are an
    active partner of the coalition, or else every active partner member of the organisation
    (none: not reachable). One query, whatever the number of organisations."""
    organizations = list(organizations)
    members: dict[int, list[int]] = {org.pk: [] for org in organizations}
    representatives = {org.representative_id for org in organizations if org.representative_id}
    active_representatives = set()
    for org_id, user_id in Membership.objects.filter(
        Q(organization_id__in=list(members)) | Q(user_id__in=representatives),
        coalition=coalition, role=Role.PARTNER, is_active=True, user__is_active=True,
    ).order_by("user__full_name", "user__email").values_list("organization_id", "user_id"):
        if org_id in members:
            members[org_id].append(user_id)
        if user_id in representatives:
            active_representatives.add(user_id)
    return {
        org.pk: [org.representative_id] if org.representative_id in active_representatives else members[org.pk]
        for org in organizations
    }


def endorsement_requests(version: AgendaVersion) -> dict[str, Any]:
    """Who was asked to endorse this version, per organisation (with the reminders' rounds),
    and the organisations nobody could be asked for. Two queries."""
    rows = list(
        EndorsementRequest.objects.filter(version=version).select_related("organization", "recipient")
        .order_by("organization__name", "organization_id", "round", "recipient__full_name", "recipient__email")
    )
    endorsed = set(Endorsement.objects.filter(version=version).values_list("organization_id", flat=True))
    asked: dict[int, dict[str, Any]] = {}
    for row in rows:
        entry = asked.setdefault(row.organization_id, {
            "organization": row.organization, "people": [], "rounds": 0, "last_asked": None,
            "endorsed": row.organization_id in endorsed,
        })
        if row.recipient_id and row.recipient not in entry["people"]:
            entry["people"].append(row.recipient)
        entry["rounds"] = max(entry["rounds"], row.round)
        entry["last_asked"] = max(filter(None, [entry["last_asked"], row.created_at]))
    reached = [e for e in asked.values() if e["people"]]
    return {
        "reached": reached,
        "unreachable": [e for e in asked.values() if not e["people"]],
        "reminders": max((e["rounds"] for e in reached), default=0),
        "waiting": sum(1 for e in reached if not e["endorsed"]),
    }


def organizations_endorsable_by(membership, user, coalition) -> QuerySet[Organization]:
    """The organisations this person may endorse for: a coordinator all, a representative its own."""
    organizations = endorsing_organizations(coalition).order_by("name")
    if sees_drafts(membership):  # coordinators
        return organizations
    own = [membership.organization] if membership is not None and membership.organization_id else []
    others = [org.pk for org in own if org.representative_id != user.pk and may_endorse_for(membership, user, org)]
    return organizations.filter(Q(representative=user) | Q(pk__in=others))


# Comparing two versions --------------------------------------------------------------

# The parts of a version, in reading order: the same ones partners are consulted on.
COMPARED_FIELDS = ConsultationSection.choices


def version_texts(version: AgendaVersion) -> dict[str, str]:
    # Compared as normalised text: a line ending or a trailing space is not a change.
    texts = {name: normalize_text(getattr(version, name)) for name in AgendaVersion.TEXT_FIELDS}
    texts["theory_of_change"] = chains_text(version)
    texts["priorities"] = "\n".join(
        f"{number}. {p['title']}" for number, p in enumerate(version_priorities(version), start=1)
    )
    return texts


def _tokens(text: str) -> list[str]:
    return re.findall(r"\s+|[^\s]+", text)


def diff_sides(old: str, new: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Word-level differences: (left, right), each a list of (text, changed) segments."""
    a, b = _tokens(old), _tokens(new)
    left, right = [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(("".join(a[i1:i2]), False))
            right.append(("".join(b[j1:j2]), False))
            continue
        if i2 > i1:
            left.append(("".join(a[i1:i2]), True))
        if j2 > j1:
            right.append(("".join(b[j1:j2]), True))
    return left, right


def compare_versions(old: AgendaVersion, new: AgendaVersion) -> list[dict]:
    old_texts, new_texts = version_texts(old), version_texts(new)
    rows = []
    for name, label in COMPARED_FIELDS:
        left, right = diff_sides(old_texts[name], new_texts[name])
        rows.append({"name": name, "label": label, "left": left, "right": right,
                     "changed": old_texts[name] != new_texts[name]})
    return rows


# Consultation on a draft -----------------------------------------------------------


def draft_consultation(coalition) -> Consultation | None:
    """The consultation of the coordinators' draft, open or closed, if one was opened."""
    return (Consultation.objects.filter(coalition=coalition, version__number__isnull=True)
            .select_related("version", "opened_by").first())


def consultation_snapshot(version: AgendaVersion) -> tuple[dict[str, str], list[list[str]]]:
    """The texts partners are consulted on, per section, and the theory of change's links."""
    texts = version_texts(version)
    statements, outgoing = _statements_and_links(version)
    links = [[source.text, target.text] for source in statements for target in outgoing[source.pk]]
    return {key: texts[key] for key in ConsultationSection.values}, links


def _empty_counts() -> dict[str, int]:
    return {position: 0 for position in Position.values}


def consultation_board(consultation: Consultation, *, organization_id: int | None = None) -> dict:
    """The consultation by section (texts, counts, responses, comments), by theory of change link
    (comments) and by organisation (its position on each section). Three queries."""
    responses = list(
        ConsultationResponse.objects.filter(consultation=consultation)
        .select_related("organization", "responded_by", "answered_by").order_by("organization__name", "pk")
    )
    comments = list(ConsultationComment.objects.filter(consultation=consultation)
                    .select_related("author", "organization"))
    organizations = list(endorsing_organizations(consultation.coalition).order_by("name"))
    sections = []
    for key, label in ConsultationSection.choices:
        own = [r for r in responses if r.section == key]
        counts = _empty_counts()
        for response in own:
            counts[response.position] += 1
        sections.append({
            "key": key, "label": label, "text": consultation.sections.get(key, ""), "counts": counts,
            "target": f"section:{key}",
            "responses": own, "comments": [c for c in comments if c.section == key],
            "mine": next((r for r in own if r.organization_id == organization_id), None),
        })
    links = [{"index": index, "source": source, "target": f"link:{index}", "label": f"{source} → {target}",
              "comments": [c for c in comments if c.link == index]}
             for index, (source, target) in enumerate(consultation.links)]
    by_org: dict[int, dict[str, ConsultationResponse]] = {}
    for response in responses:
        by_org.setdefault(response.organization_id, {})[response.section] = response
    rows = [{"organization": org, "answers": [by_org.get(org.pk, {}).get(key) for key in ConsultationSection.values],
             "answered": len(by_org.get(org.pk, {}))} for org in organizations]
    totals = _empty_counts()
    for response in responses:
        totals[response.position] += 1
    return {
        "sections": sections, "links": links, "rows": rows, "totals": totals,
        "organizations_answered": sum(1 for row in rows if row["answered"]), "organizations": len(rows),
        "unanswered_objections": sum(1 for r in responses if r.position == Position.OBJECTION and not r.answer),
        "concerns": [r for r in responses if r.position != Position.AGREE],
    }


def published_consultation(version: AgendaVersion) -> dict | None:
    """What a published version says of its consultation: the summary, the counts, and the
    reservations and objections with the coordination team's answers. Two queries."""
    consultation = Consultation.objects.filter(version=version).first()
    if consultation is None:
        return None
    responses = list(ConsultationResponse.objects.filter(consultation=consultation)
                     .select_related("organization").order_by("section", "organization__name"))
    totals = _empty_counts()
    for response in responses:
        totals[response.position] += 1
    labels = dict(ConsultationSection.choices)
    concerns = [{"response": r, "section": labels.get(r.section, r.section)}
                for r in responses if r.position != Position.AGREE]
    return {"consultation": consultation, "totals": totals, "concerns": concerns,
            "organizations": len({r.organization_id for r in responses})}


def consultation_outcomes(coalition, *, start=None, end=None, version=None, limit: int = 20) -> list[dict]:
    """The coalition's consultations, latest first (those that ran between ``start`` and ``end``
    when given, and the one on ``version``, e.g. the version in force, whenever it ran, marked
    ``in_force``): how many organisations answered, the positions, the reservations and
    objections still without an answer, and the summary. One query."""
    not_agree = ~Q(responses__position=Position.AGREE)
    found = Consultation.objects.filter(coalition=coalition).select_related("version").annotate(
        answered=Count("responses__organization", distinct=True),
        agree=Count("responses", filter=Q(responses__position=Position.AGREE)),
        reservation=Count("responses", filter=Q(responses__position=Position.RESERVATION)),
        objection=Count("responses", filter=Q(responses__position=Position.OBJECTION)),
        waiting=Count("responses", filter=not_agree & Q(responses__answer="")),
    ).order_by("-opened_at", "-pk")
    if start and end:
        ran = Q(opened_at__date__lte=end) & (Q(closed_at__isnull=True) | Q(closed_at__date__gte=start))
        found = found.filter(ran | Q(version=version) if version is not None else ran)
    return [{"number": c.version.number, "in_force": version is not None and c.version_id == version.pk,
             "opened": c.opened_at.date().isoformat(),
             "closed": c.closed_at.date().isoformat() if c.closed_at else None, "closes_on": c.closes_on.isoformat(),
             "answered": c.answered, "agree": c.agree, "reservation": c.reservation, "objection": c.objection,
             "waiting": c.waiting, "summary": c.summary}
            for c in found[:limit]]


def organization_positions(version: AgendaVersion, organization_id: int) -> list[ConsultationResponse]:
    """An organisation's reservations and objections in the consultation of this version."""
    return list(ConsultationResponse.objects.filter(
        consultation__version=version, organization_id=organization_id,
    ).exclude(position=Position.AGREE).order_by("section"))


def consultation_awaiting(coalition, today) -> tuple[Consultation | None, list[Any]]:
    """The open consultation, and the organisations that have not answered every section yet
    (for the reminders). Two queries, with or without an open consultation (the reminders page
    keeps one query count whatever the coalition is doing)."""
    consultation = draft_consultation(coalition)
    if consultation is not None and not consultation.is_open_on(today):
        consultation = None
    organizations = list(
        endorsing_organizations(coalition).annotate(answered=Count(
            "consultation_responses", filter=Q(consultation_responses__consultation=consultation)))
        .filter(answered__lt=len(ConsultationSection.values) if consultation else -1).order_by("name")
    )
    return consultation, organizations


# Action plan -------------------------------------------------------------------------


def plans(coalition) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(coalition=coalition).annotate(
        action_count=Count("actions", filter=Q(actions__review_status=ReviewStatus.ACCEPTED))
    ).order_by("-start_date", "pk")


def actions(coalition) -> QuerySet[Action]:
    """Every action of the coalition's plans, proposals included (unordered)."""
    return Action.objects.filter(coalition=coalition)


def proposals(coalition) -> QuerySet[Action]:
    """The proposed actions waiting for a decision: the plan page lists them, the coordinator's
    home counts them (issue 13: a count and the list it opens come from the same selector)."""
    return actions(coalition).filter(review_status=ReviewStatus.PROPOSED)


def accepted_actions(coalition) -> QuerySet[Action]:
    """The actions accepted in the plan, by title: the ones other apps link to."""
    return actions(coalition).filter(review_status=ReviewStatus.ACCEPTED).order_by("title")


def action_statuses() -> list[tuple[str, str]]:
    """The statuses an action can take, as choices (value, label)."""
    return [(value, str(label)) for value, label in ActionStatus.choices]


def visible_actions(membership, coalition) -> QuerySet[Action]:
    """Funders see the accepted actions only; partners and coordinators also see proposals."""
    found = actions(coalition)
    if not has_permission(membership, "conditions.actions:propose"):
        found = found.filter(review_status=ReviewStatus.ACCEPTED)
    return found


def action_rows(actions: QuerySet[Action]) -> QuerySet[Action]:
    return (
        actions.select_related("lead_organization", "plan")
        .prefetch_related(
            Prefetch("priorities", queryset=Priority.objects.order_by("position", "pk")),
            Prefetch("contributing_organizations", queryset=Organization.objects.order_by("name")),
        )
        .annotate(activity_count=Count("activities", distinct=True))
        .order_by("start_date", "pk")
    )


def action_history(action: Action):
    """The action's own audit trail, newest first, with the acting person on each event."""
    from pghistory.models import Events

    from coalitions import audit

    events = list(Events.objects.tracks(action).order_by("-pgh_created_at", "-pgh_id")[:50])
    audit.attach_actors(events)
    return events


def activity_list(coalition, *, action=None, priority=None, organization=None, date_from=None, date_to=None):
    activities = Activity.objects.filter(coalition=coalition)
    if action:
        activities = activities.filter(action=action)
    if priority:
        activities = activities.filter(action__priorities=priority)
    if organization:
        activities = activities.filter(organization=organization)
    if date_from:
        activities = activities.filter(Q(end_date__gte=date_from) | Q(end_date__isnull=True, date__gte=date_from))
    if date_to:
        activities = activities.filter(date__lte=date_to)
    return activities.select_related("action", "organization").order_by("-date", "-pk")


def activity_totals(activities: QuerySet[Activity]) -> dict:
    return activities.order_by().aggregate(
        count=Count("pk"), people=Sum("people_reached"), families=Sum("families_reached"), hours=Sum("hours"),
        cost=Sum("cost"),
    )


def contribution_matrix(coalition, *, plan=None, date_from=None, date_to=None) -> dict:
    """Organisations x priorities: in each cell the accepted actions the organisation leads or
    contributes to under the priority, and its activities logged in the period. Five queries."""
    organizations = list(endorsing_organizations(coalition).order_by("name"))
    priority_list = list(priorities(coalition))
    actions = Action.objects.filter(coalition=coalition, review_status=ReviewStatus.ACCEPTED)
    if plan:
        actions = actions.filter(plan=plan)
    action_info = {
        a["pk"]: a for a in actions.values("pk", "title", "lead_organization_id")
    }
    action_priorities: dict[int, list[int]] = {}
    for row in Action.priorities.through.objects.filter(action__in=actions).values("action_id", "priority_id"):
        action_priorities.setdefault(row["action_id"], []).append(row["priority_id"])
    contributors: dict[int, set[int]] = {}
    # The plugin does not find this implicit through model (types it Never), unlike priorities'.
    contributions = Action.contributing_organizations.through.objects  # type: ignore[attr-defined]
    for row in contributions.filter(action__in=actions).values("action_id", "organization_id"):
        contributors.setdefault(row["action_id"], set()).add(row["organization_id"])
    activities = activity_list(coalition, date_from=date_from, date_to=date_to).filter(action__in=actions)
    logged = activities.order_by().values("organization_id", "action_id").annotate(
        count=Count("pk"), people=Sum("people_reached")
    )

    cells: dict[tuple[int, int], dict] = {}

    def cell(org_id, priority_id):
        return cells.setdefault((org_id, priority_id), {"leads": [], "contributes": [], "activities": 0, "people": 0})

    for action_id, info in action_info.items():
        for priority_id in action_priorities.get(action_id, []):
            cell(info["lead_organization_id"], priority_id)["leads"].append(info)
            for org_id in contributors.get(action_id, ()):
                cell(org_id, priority_id)["contributes"].append(info)
    for row in logged:
        for priority_id in action_priorities.get(row["action_id"], []):
            target = cell(row["organization_id"], priority_id)
            target["activities"] += row["count"]
            target["people"] += row["people"] or 0

    org_ids = {o.pk for o in organizations}
    rows = []
    carriers: dict[int, set[int]] = {p.pk: set() for p in priority_list}
    for org in organizations:
        row_cells = []
        for priority in priority_list:
            data = cells.get((org.pk, priority.pk))
            if data and (data["leads"] or data["contributes"] or data["activities"]):
                carriers[priority.pk].add(org.pk)
            row_cells.append({"priority": priority, **(data or {"leads": [], "contributes": [], "activities": 0,
                                                               "people": 0})})
        rows.append({"organization": org, "cells": row_cells,
                     "contributes": any(c["leads"] or c["contributes"] or c["activities"] for c in row_cells)})
    columns = [
        {"priority": p, "carriers": len(carriers[p.pk] & org_ids), "single": len(carriers[p.pk] & org_ids) == 1,
         "none": not (carriers[p.pk] & org_ids)}
        for p in priority_list
    ]
    return {
        "columns": columns, "rows": rows,
        "non_contributing": [r["organization"] for r in rows if not r["contributes"]],
        "single_carried": [c["priority"] for c in columns if c["single"]],
    }


# A partner's place in the coalition (dashboards' partner card) ------------------------


def organization_involvement(coalition, organization, *, shown: int = 5) -> dict:
    """What ``organization`` leads and contributes to among the accepted actions (the first
    ``shown`` of each, by end date, and the counts), its activities (the ``shown`` most recent
    and the totals), and its endorsement of the current agenda version. Six queries."""
    accepted = Action.objects.filter(coalition=coalition, review_status=ReviewStatus.ACCEPTED)
    led = accepted.filter(lead_organization=organization)
    contributed = accepted.filter(contributing_organizations=organization).exclude(lead_organization=organization)
    counts = accepted.aggregate(
        led=Count("pk", filter=Q(lead_organization=organization), distinct=True),
        contributed=Count("pk", filter=Q(pk__in=contributed.values("pk")), distinct=True),
    )
    activities = Activity.objects.filter(coalition=coalition, organization=organization)
    version = current_version(coalition)
    endorsement = Endorsement.objects.filter(version=version, organization=organization).first()  # None: no version
    return {
        "led": list(led.order_by("-end_date", "pk")[:shown]),
        "contributed": list(contributed.order_by("-end_date", "pk")[:shown]),
        "led_count": counts["led"],
        "contributed_count": counts["contributed"],
        "activities": list(activities.select_related("action").order_by("-date", "-pk")[:shown]),
        "activity_totals": activity_totals(activities),
        "version": version,
        "endorsement": endorsement,
    }


def _accepted_participations(coalition, until=None) -> tuple[str, list]:
    """SQL of (action_id, organization_id, leads) for each accepted action of the coalition
    (created before ``until``, an aware datetime, when given: a report as of a past day; the
    lead and contributors are read as they are now): its lead organisation and each
    contributing organisation (the lead counted once)."""
    through = Action._meta.get_field("contributing_organizations").remote_field.through._meta.db_table  # type: ignore[union-attr]
    action = Action._meta.db_table
    created = "AND a.created_at < %s" if until is not None else ""
    sql = f"""
        SELECT a.id AS action_id, a.lead_organization_id AS organization_id, TRUE AS leads
          FROM {action} a WHERE a.coalition_id = %s AND a.review_status = %s {created}
        UNION
        SELECT a.id, c.organization_id, FALSE
          FROM {through} c JOIN {action} a ON a.id = c.action_id
         WHERE a.coalition_id = %s AND a.review_status = %s AND c.organization_id <> a.lead_organization_id
               {created}"""  # noqa: S608 (table names from the models)
    params = [coalition.pk, ReviewStatus.ACCEPTED, *([until] if until is not None else [])]
    return sql, params * 2


def action_pairs(coalition, *, until=None) -> dict[tuple[int, int], int]:
    """Who works with whom on the accepted actions (created before ``until`` when given),
    counted in SQL (one query): maps (organization id, organization id), smaller id first, to
    the number of actions both lead or contribute to."""
    from django.db import connection

    participations, params = _accepted_participations(coalition, until)
    with connection.cursor() as cursor:
        cursor.execute(f"""WITH p AS ({participations})
            SELECT p1.organization_id, p2.organization_id, COUNT(DISTINCT p1.action_id)
              FROM p p1 JOIN p p2 ON p1.action_id = p2.action_id AND p1.organization_id < p2.organization_id
             GROUP BY 1, 2""", params)  # noqa: S608 (built from constant SQL)
        return {(a, b): n for a, b, n in cursor.fetchall()}


def action_loads(coalition, *, until=None) -> dict[int, tuple[int, int]]:
    """Organization id -> (accepted actions it leads, accepted actions it contributes to), those
    created before ``until`` when given. One query."""
    from django.db import connection

    participations, params = _accepted_participations(coalition, until)
    with connection.cursor() as cursor:
        cursor.execute(f"""WITH p AS ({participations})
            SELECT organization_id, COUNT(*) FILTER (WHERE leads), COUNT(*) FILTER (WHERE NOT leads)
              FROM p GROUP BY 1""", params)  # noqa: S608 (built from constant SQL)
        return {org: (led, contributed) for org, led, contributed in cursor.fetchall()}


def activity_totals_by_organization(coalition) -> dict[int, dict]:
    """Organization id -> its activities' count, hours and cost (CAD). One query."""
    rows = (Activity.objects.filter(coalition=coalition).order_by().values("organization_id")
            .annotate(count=Count("pk"), hours=Sum("hours"), cost=Sum("cost")))
    return {row["organization_id"]: {"count": row["count"], "hours": row["hours"], "cost": row["cost"]}
            for row in rows}


def open_reservations(coalition) -> set[int]:
    """The organisations whose endorsement of the current agenda version has reservations. One query."""
    current = AgendaVersion.objects.filter(coalition=coalition, number__isnull=False).order_by("-number")[:1]
    return set(Endorsement.objects.filter(coalition=coalition, version__in=current, with_reservations=True)
               .values_list("organization_id", flat=True))
