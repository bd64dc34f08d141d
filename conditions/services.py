"""Every write of conditions 1 and 2.

Each service re-checks the actor against the permission registry and the object rules,
validates (a ValidationError maps each message to its field), writes in one transaction (the
audit trail is recorded by pghistory triggers) and queues emails with ``transaction.on_commit``.
"""

import re
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.concurrency import creates_once, lock_for_edit, refusing_duplicates
from coalitions.models import Coalition, Organization, OrganizationKind
from coalitions.permissions import has_permission, require_permission
from coalitions.uploads import UploadRefused, check_stored_file

from . import tasks
from .models import (
    KIND_ORDER,
    MAX_AMOUNT,
    MAX_COUNT,
    MAX_HOURS,
    Action,
    ActionPlan,
    ActionStatus,
    Activity,
    AgendaVersion,
    Endorsement,
    EndorsementRequest,
    Priority,
    ReviewStatus,
    TheoryOfChangeLink,
    TheoryOfChangeStatement,
)
from .permissions import endorses_on_behalf, may_edit_activity_of, may_endorse_for
from .selectors import endorsing_organizations, theory_of_change_chains


def _lock(coalition: Coalition) -> None:
    """Serialise the agenda's writes of one coalition (draft creation, publishing)."""
    Coalition.objects.select_for_update().filter(pk=coalition.pk).first()


# Theory of change as text: one chain per line ---------------------------------------

CHAIN_SEPARATOR = re.compile(r"\s*(?:->|→)\s*")


def parse_chains(text: str) -> list[list[str]]:
    """"strategy -> intermediate outcome -> long-term outcome", one chain per line (2 or 3 steps)."""
    chains = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        steps = [step.strip() for step in CHAIN_SEPARATOR.split(line.strip())]
        if len(steps) not in (2, 3) or not all(steps):
            raise ValidationError({"theory_of_change": _(
                "Line %(number)s: write a strategy, then “->”, an intermediate outcome and, optionally, “->” and a "
                "long-term outcome."
            ) % {"number": number}})
        if any(len(step) > 500 for step in steps):
            raise ValidationError({"theory_of_change": _(
                "Line %(number)s: a statement is limited to 500 characters."
            ) % {"number": number}})
        chains.append(steps)
    return chains


def _write_theory_of_change(version: AgendaVersion, chains: list[list[str]]) -> None:
    version.links.all().delete()
    version.statements.all().delete()
    statements: dict[tuple[str, str], TheoryOfChangeStatement] = {}
    for chain in chains:
        for index, text in enumerate(chain):
            key = (KIND_ORDER[index], text)
            if key not in statements:
                statements[key] = TheoryOfChangeStatement(
                    coalition_id=version.coalition_id, version=version, kind=key[0], text=text,
                    position=len(statements),
                )
    TheoryOfChangeStatement.objects.bulk_create(statements.values())
    links = {}
    for chain in chains:
        for index in range(len(chain) - 1):
            source = statements[(KIND_ORDER[index], chain[index])]
            target = statements[(KIND_ORDER[index + 1], chain[index + 1])]
            links[(source.pk, target.pk)] = TheoryOfChangeLink(
                coalition_id=version.coalition_id, version=version, source=source, target=target
            )
    TheoryOfChangeLink.objects.bulk_create(links.values())


def _copy_theory_of_change(source: AgendaVersion, target: AgendaVersion) -> None:
    _write_theory_of_change(target, theory_of_change_chains(source))


# Common agenda -----------------------------------------------------------------------


@transaction.atomic
def agenda_draft_get_or_create(*, actor, coalition: Coalition) -> AgendaVersion:
    """The coordinators' draft; a new one starts as a copy of the current published version."""
    require_permission(actor, coalition, "conditions.agenda:edit")
    _lock(coalition)
    draft = AgendaVersion.objects.filter(coalition=coalition, number__isnull=True).first()
    if draft:
        return draft
    current = AgendaVersion.objects.filter(coalition=coalition, number__isnull=False).order_by("-number").first()
    fields = {name: getattr(current, name) for name in AgendaVersion.TEXT_FIELDS} if current else {
        "territory": coalition.territory
    }
    draft = AgendaVersion.objects.create(coalition=coalition, **fields)
    if current:
        _copy_theory_of_change(current, draft)
    return draft


LIMITS = {"problem": 5000, "target_population": 2000, "territory": 2000, "vision": 5000,
          "long_term_outcomes": 5000, "guiding_principles": 5000}


@transaction.atomic
def agenda_draft_update(
    *, actor, coalition: Coalition, problem: str, target_population: str, territory: str, vision: str,
    long_term_outcomes: str, guiding_principles: str, theory_of_change: str, version: str | None = None,
) -> AgendaVersion:
    """Save the draft. ``version`` is the one the editor started from (the draft, or the
    published version a new draft copies): another coordinator's save in between is refused."""
    draft = agenda_draft_get_or_create(actor=actor, coalition=coalition)
    values = {"problem": problem, "target_population": target_population, "territory": territory, "vision": vision,
              "long_term_outcomes": long_term_outcomes, "guiding_principles": guiding_principles}
    draft = lock_for_edit(draft, version=version, fields=AgendaVersion.EDIT_FIELDS, submitted={
        **{name: value.strip() for name, value in values.items()}, "theory_of_change_text": theory_of_change.strip(),
    })
    errors = {}
    for name, value in values.items():
        if len(value) > LIMITS[name]:
            errors[name] = _("This text is limited to %(limit)s characters.") % {"limit": LIMITS[name]}
    if errors:
        raise ValidationError(errors)
    chains = parse_chains(theory_of_change)
    for name, value in values.items():
        setattr(draft, name, value.strip())
    draft.save()
    _write_theory_of_change(draft, chains)
    return draft


@transaction.atomic
def agenda_publish(*, actor, coalition: Coalition, change_summary: str) -> AgendaVersion:
    """Publish the draft as the next version and ask each organisation's representative to endorse it."""
    require_permission(actor, coalition, "conditions.agenda:edit")
    _lock(coalition)
    draft = AgendaVersion.objects.filter(coalition=coalition, number__isnull=True).first()
    if draft is None:
        raise ValidationError(_("There is no draft to publish. Edit the agenda first."))
    if not change_summary.strip():
        raise ValidationError({"change_summary": _("Say in a few words what changed in this version.")})
    if not (draft.problem.strip() and draft.vision.strip()):
        raise ValidationError(_("Write at least the problem and the vision of change before publishing."))
    latest = AgendaVersion.objects.filter(coalition=coalition).aggregate(n=Max("number"))["n"] or 0
    draft.number = latest + 1
    draft.change_summary = change_summary.strip()
    draft.published_at = timezone.now()
    draft.published_by = actor
    draft.priorities_snapshot = [
        {"id": p.pk, "title": p.title, "description": p.description}
        for p in Priority.objects.filter(coalition=coalition).order_by("position", "pk")
    ]
    draft.save()
    requests = [
        EndorsementRequest(coalition=coalition, version=draft, organization=org, recipient_id=org.representative_id)
        for org in endorsing_organizations(coalition).filter(representative__isnull=False)
    ]
    EndorsementRequest.objects.bulk_create(requests)
    for request in requests:
        transaction.on_commit(partial(tasks.send_endorsement_request.delay, coalition.pk, request.pk))
    return draft


@transaction.atomic
def endorsement_record(
    *, actor, coalition: Coalition, organization: Organization, comment: str = "", with_reservations: bool = False,
) -> Endorsement:
    """The organisation endorses the current version. Its representative does it; a coordinator
    may record it on the organisation's behalf. Endorsing again updates the comment."""
    membership = require_permission(actor, coalition, "conditions.agenda:endorse")
    if organization.coalition_id != coalition.pk or organization.kind == OrganizationKind.FUNDER:
        raise ValidationError({"organization": _("Choose a partner organization of this coalition.")})
    if not may_endorse_for(membership, actor, organization):
        raise PermissionDenied(_("Only the organization's representative can endorse the agenda for it."))
    if with_reservations and not comment.strip():
        raise ValidationError({"comment": _("Explain your reservations in the comment.")})
    if len(comment) > 5000:
        raise ValidationError({"comment": _("This text is limited to %(limit)s characters.") % {"limit": 5000}})
    current = AgendaVersion.objects.filter(coalition=coalition, number__isnull=False).order_by("-number").first()
    if current is None:
        raise ValidationError(_("No version of the agenda is published yet."))
    endorsement, _created = Endorsement.objects.update_or_create(
        coalition=coalition, version=current, organization=organization,
        defaults={"comment": comment.strip(), "with_reservations": with_reservations, "recorded_by": actor,
                  "on_behalf": endorses_on_behalf(membership, actor, organization)},
    )
    return endorsement


# Priorities --------------------------------------------------------------------------


def _priority_title_taken():
    return _("A priority with this title already exists.")


def _check_priority_title(coalition, title: str, exclude_pk=None) -> str:
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the priority a title.")})
    clash = Priority.objects.filter(coalition=coalition, title__iexact=title)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"title": _priority_title_taken()})
    return title


def _unique_priority_title():
    return refusing_duplicates({"priority_unique_title": ("title", _priority_title_taken())})


@creates_once
@transaction.atomic
def priority_create(*, actor, coalition: Coalition, title: str, description: str = "") -> Priority:
    require_permission(actor, coalition, "conditions.agenda:edit")
    title = _check_priority_title(coalition, title)
    position = (Priority.objects.filter(coalition=coalition).aggregate(p=Max("position"))["p"] or 0) + 1
    with _unique_priority_title():
        return Priority.objects.create(coalition=coalition, title=title, description=description.strip(),
                                       position=position)


@transaction.atomic
def priority_update(*, actor, priority: Priority, title: str, description: str = "",
                    version: str | None = None) -> Priority:
    require_permission(actor, priority.coalition, "conditions.agenda:edit")
    priority = lock_for_edit(priority, version=version, fields=Priority.EDIT_FIELDS,
                             submitted={"title": title.strip(), "description": description.strip()})
    priority.title = _check_priority_title(priority.coalition, title, exclude_pk=priority.pk)
    priority.description = description.strip()
    with _unique_priority_title():
        priority.save()
    return priority


@transaction.atomic
def priority_move(*, actor, priority: Priority, direction: str) -> None:
    """Swap the priority with its neighbour above ("up") or below ("down")."""
    require_permission(actor, priority.coalition, "conditions.agenda:edit")
    ordered = list(Priority.objects.select_for_update().filter(coalition=priority.coalition).order_by("position", "pk"))
    index = next(i for i, p in enumerate(ordered) if p.pk == priority.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


# Action plan -------------------------------------------------------------------------


def _check_period(start, end, *, end_field: str = "end_date") -> None:
    if start and end and end < start:
        raise ValidationError({end_field: _("The end date cannot be before the start date.")})


def _check_amounts(**amounts) -> None:
    errors = {}
    for name, value in amounts.items():
        if value is None:
            continue
        if value < 0:
            errors[name] = _("Enter an amount of zero or more.")
        elif value > MAX_AMOUNT:
            errors[name] = _("This amount is over %(max)s $: check it.") % {"max": f"{MAX_AMOUNT:,.0f}"}
    if errors:
        raise ValidationError(errors)


@creates_once
@transaction.atomic
def plan_create(*, actor, coalition: Coalition, title: str, start_date, end_date, description: str = "") -> ActionPlan:
    require_permission(actor, coalition, "conditions.plan:manage")
    if not title.strip():
        raise ValidationError({"title": _("Give the plan a title.")})
    _check_period(start_date, end_date)
    return ActionPlan.objects.create(coalition=coalition, title=title.strip(), start_date=start_date,
                                     end_date=end_date, description=description.strip())


@transaction.atomic
def plan_update(*, actor, plan: ActionPlan, title: str, start_date, end_date, description: str = "",
                version: str | None = None) -> ActionPlan:
    require_permission(actor, plan.coalition, "conditions.plan:manage")
    plan = lock_for_edit(plan, version=version, fields=ActionPlan.EDIT_FIELDS, submitted={
        "title": title.strip(), "start_date": start_date, "end_date": end_date, "description": description})
    if not title.strip():
        raise ValidationError({"title": _("Give the plan a title.")})
    _check_period(start_date, end_date)
    plan.title, plan.start_date, plan.end_date, plan.description = title.strip(), start_date, end_date, description
    plan.save()
    return plan


ACTION_FIELDS = ("title", "description", "start_date", "end_date", "status", "planned_budget", "spent_budget",
                 "expected_results", "progress")


def _check_action(coalition, plan, *, priorities, lead_organization, contributing_organizations, **fields) -> None:
    if plan.coalition_id != coalition.pk:
        raise ValidationError({"plan": _("Choose a plan of this coalition.")})
    if not fields.get("title", "").strip():
        raise ValidationError({"title": _("Give the action a title.")})
    if not priorities:
        raise ValidationError({"priorities": _("Tie the action to at least one priority.")})
    if any(p.coalition_id != coalition.pk for p in priorities):
        raise ValidationError({"priorities": _("Choose priorities of this coalition.")})
    if lead_organization is None or lead_organization.coalition_id != coalition.pk:
        raise ValidationError({"lead_organization": _("Choose an organization of this coalition.")})
    if any(o.coalition_id != coalition.pk for o in contributing_organizations):
        raise ValidationError({"contributing_organizations": _("Choose organizations of this coalition.")})
    _check_period(fields.get("start_date"), fields.get("end_date"))
    _check_amounts(planned_budget=fields.get("planned_budget"), spent_budget=fields.get("spent_budget"))
    progress = fields.get("progress")
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Enter a percentage between 0 and 100.")})
    if fields.get("status") not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})


@creates_once
@transaction.atomic
def action_create(
    *, actor, coalition: Coalition, plan: ActionPlan, priorities, lead_organization, contributing_organizations=(),
    **fields,
) -> Action:
    """A coordinator adds an action to the plan; a partner proposes one, for a coordinator to accept."""
    membership = require_permission(actor, coalition, "conditions.actions:propose")
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(unknown)
    priorities, contributing_organizations = list(priorities), list(contributing_organizations)
    _check_action(coalition, plan, priorities=priorities, lead_organization=lead_organization,
                  contributing_organizations=contributing_organizations, **fields)
    manages = has_permission(membership, "conditions.plan:manage")
    action = Action.objects.create(
        coalition=coalition, plan=plan, lead_organization=lead_organization, proposed_by=actor,
        review_status=ReviewStatus.ACCEPTED if manages else ReviewStatus.PROPOSED,
        **{**fields, "title": fields["title"].strip()},
    )
    action.priorities.set(priorities)
    action.contributing_organizations.set([o for o in contributing_organizations if o.pk != lead_organization.pk])
    return action


@transaction.atomic
def action_update(
    *, actor, action: Action, plan: ActionPlan, priorities, lead_organization, contributing_organizations=(),
    version: str | None = None, **fields,
) -> Action:
    require_permission(actor, action.coalition, "conditions.plan:manage")
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(unknown)
    priorities, contributing_organizations = list(priorities), list(contributing_organizations)
    action = lock_for_edit(action, version=version, fields=Action.EDIT_FIELDS, submitted={
        "plan": plan, "priorities": priorities, "lead_organization": lead_organization,
        "contributing_organizations": [o for o in contributing_organizations if o.pk != lead_organization.pk]
        if lead_organization else contributing_organizations, **fields,
    })
    _check_action(action.coalition, plan, priorities=priorities, lead_organization=lead_organization,
                  contributing_organizations=contributing_organizations, **fields)
    for name, value in fields.items():
        setattr(action, name, value)
    action.plan, action.lead_organization = plan, lead_organization
    action.title = action.title.strip()
    action.save()
    action.priorities.set(priorities)
    action.contributing_organizations.set([o for o in contributing_organizations if o.pk != lead_organization.pk])
    return action


@transaction.atomic
def action_review(*, actor, action: Action, decision: str, note: str = "") -> Action:
    """A coordinator accepts or declines a partner's proposal, with a note."""
    require_permission(actor, action.coalition, "conditions.plan:manage")
    if decision not in (ReviewStatus.ACCEPTED, ReviewStatus.DECLINED):
        raise ValidationError({"decision": _("Choose to accept or decline the proposal.")})
    if decision == ReviewStatus.DECLINED and not note.strip():
        raise ValidationError({"note": _("Tell the partners why the proposal is declined.")})
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.review_status != ReviewStatus.PROPOSED:
        raise ValidationError(_("This proposal was already reviewed."))
    action.review_status, action.review_note = decision, note.strip()
    action.save(update_fields=["review_status", "review_note"])
    return action


# Activities --------------------------------------------------------------------------

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = {"pdf", "png", "jpg", "jpeg", "docx", "xlsx", "odt", "ods", "txt", "csv"}
ACTIVITY_FIELDS = ("date", "end_date", "description", "people_reached", "families_reached", "hours", "cost")


def _check_activity(coalition, membership, *, action: Action, organization, attachment=None, **fields) -> None:
    if action.coalition_id != coalition.pk or action.review_status != ReviewStatus.ACCEPTED:
        raise ValidationError({"action": _("Choose an accepted action of this coalition's plan.")})
    if organization is None or organization.coalition_id != coalition.pk:
        raise ValidationError({"organization": _("Choose an organization of this coalition.")})
    if not may_edit_activity_of(membership, organization.pk):
        raise ValidationError({"organization": _("You can log activities for your own organization only.")})
    if not fields.get("description", "").strip():
        raise ValidationError({"description": _("Describe what was done.")})
    _check_period(fields.get("date"), fields.get("end_date"))
    errors = {}
    for name in ("people_reached", "families_reached", "hours"):
        value = fields.get(name)
        if value is not None and value < 0:
            errors[name] = _("Enter a number of zero or more.")
        elif value is not None and value > (MAX_HOURS if name == "hours" else MAX_COUNT):
            errors[name] = _("This number is too large: check it.")
    if errors:
        raise ValidationError(errors)
    _check_amounts(cost=fields.get("cost"))
    if attachment:
        try:
            check_stored_file(attachment, extensions=ATTACHMENT_EXTENSIONS, max_bytes=ATTACHMENT_MAX_BYTES)
        except UploadRefused as refused:
            raise ValidationError({"attachment": str(refused)}) from refused


def activity_prepare(*, actor, coalition: Coalition, action: Action, organization, attachment=None,
                     **fields) -> Activity:
    """Validate one activity without saving it; used alone and for bulk imports."""
    membership = require_permission(actor, coalition, "conditions.activities:log")
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(unknown)
    _check_activity(coalition, membership, action=action, organization=organization, attachment=attachment,
                    **fields)
    activity = Activity(coalition=coalition, action=action, organization=organization, created_by=actor,
                        **{**fields, "description": fields["description"].strip()})
    if attachment:
        activity.attachment = attachment
    return activity


@creates_once
@transaction.atomic
def activity_create(*, actor, coalition: Coalition, **fields) -> Activity:
    activity = activity_prepare(actor=actor, coalition=coalition, **fields)
    activity.save()
    return activity


@transaction.atomic
def activity_bulk_create(*, actor, coalition: Coalition, rows: list[dict]) -> list[Activity]:
    """Validate every row like activity_create, then insert them in one statement (demo, imports)."""
    activities = [activity_prepare(actor=actor, coalition=coalition, **row) for row in rows]
    return Activity.objects.bulk_create(activities, batch_size=500)


@transaction.atomic
def activity_update(*, actor, activity: Activity, action: Action, organization, attachment=None,
                    clear_attachment: bool = False, version: str | None = None, **fields) -> Activity:
    membership = require_permission(actor, activity.coalition, "conditions.activities:log")
    if not may_edit_activity_of(membership, activity.organization_id):
        raise PermissionDenied(_("You can edit your own organization's activities only."))
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(unknown)
    kept = "" if clear_attachment else activity.attachment
    activity = lock_for_edit(activity, version=version, fields=Activity.EDIT_FIELDS, submitted={
        "action": action, "organization": organization, **fields, "attachment": attachment or kept})
    _check_activity(activity.coalition, membership, action=action, organization=organization,
                    attachment=attachment, **fields)
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.action, activity.organization = action, organization
    if clear_attachment and activity.attachment:
        activity.attachment.delete(save=False)
        activity.attachment = ""
    if attachment:
        activity.attachment = attachment
    activity.save()
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    membership = require_permission(actor, activity.coalition, "conditions.activities:log")
    if not may_edit_activity_of(membership, activity.organization_id):
        raise PermissionDenied(_("You can edit your own organization's activities only."))
    if name := activity.attachment.name:  # a FieldFile is true when it has a name
        storage = activity.attachment.storage
        transaction.on_commit(lambda: storage.delete(name))
    activity.delete()
