"""Action plans and their actions (the plan's side of condition 2)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coalitions.concurrency import creates_once, lock_for_edit
from coalitions.models import Coalition
from coalitions.permissions import has_permission, require_permission

from ..models import Action, ActionPlan, ActionStatus, ReviewStatus
from ._common import _check_amounts, _check_period


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


def action_status_set(*, actor, action: Action, status: str) -> Action:
    """Change only an action's status (a meeting's decision does), through ``action_update``
    so that every check of an edit applies; everything else is kept as it is."""
    action = Action.objects.prefetch_related("priorities", "contributing_organizations").select_related(
        "plan", "lead_organization").get(pk=action.pk)
    fields = {name: getattr(action, name) for name in ACTION_FIELDS}
    return action_update(actor=actor, action=action, plan=action.plan, priorities=list(action.priorities.all()),
                         lead_organization=action.lead_organization,
                         contributing_organizations=list(action.contributing_organizations.all()),
                         **{**fields, "status": status})


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
