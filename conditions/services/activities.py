"""Partners' activities under the actions of the plan, with their attachment."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coalitions.concurrency import creates_once, lock_for_edit
from coalitions.models import Coalition
from coalitions.permissions import require_permission
from coalitions.uploads import UploadRefused, check_stored_file

from ..models import MAX_COUNT, MAX_HOURS, Action, Activity, ReviewStatus
from ..permissions import may_edit_activity_of
from ._common import _check_amounts, _check_period

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
    if activity.attachment and (name := activity.attachment.name):
        storage = activity.attachment.storage
        transaction.on_commit(lambda: storage.delete(name))
    activity.delete()
