"""Writes that two people, or two clicks, can race: one mechanism for each race, used by every
form and service of the project.

- Lost updates. An edit form carries the version of the object its editor started from (a
  fingerprint of the fields that form edits, so any writer that changes them changes it). The
  service locks the row with ``lock_for_edit`` and compares; if someone saved in between it
  raises ``EditConflict`` with both texts, and ``coalitions.web.call_service`` shows them on the
  re-rendered form, the input kept and the version moved on so that saving again wins.
- Double submits. A create form carries a one-time token; ``creates_once`` claims it in
  ``FormSubmission`` (unique) before the service runs, so the same POST sent twice, even at the
  same instant, creates one object, notifies once, and the second gets the first's object back.
- Racing unique values. ``refusing_duplicates`` turns the violation of a named unique constraint
  (both requests passed the pre-check) into the form's own error on the field, not a 500.
"""

import functools
import hashlib
import json
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .tenancy import TenantModel, scopes_disabled

# Lost updates ---------------------------------------------------------------------------


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None  # a computed part of the object, e.g. the agenda's theory of change


def _value(instance, name: str):
    """The field's current value as people read it: objects for relations, lists for many."""
    field = _field(type(instance), name)
    if field is not None and field.many_to_many:
        return list(getattr(instance, name).all()) if instance.pk else []
    value = getattr(instance, name)
    return value() if callable(value) else value


def _key(value):
    """What the fingerprint hashes: primary keys for objects, sorted for many."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        return sorted(_key(v) for v in value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, Decimal):  # 12 and 12.00 are the same amount
        return value.normalize()
    return value


def version_of(instance, fields) -> str:
    """The version of the object as far as these fields go: it changes when any of them does."""
    state = {name: _key(_value(instance, name)) for name in fields}
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()[:32]


def _display(field, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        return ", ".join(sorted(str(v) for v in value))
    if field is not None and getattr(field, "flatchoices", None) and not field.is_relation:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, (date, time, Decimal, int, float)):
        return formats.localize(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name.rsplit("/", 1)[-1] if value.name else "—"
    return str(value)


class EditConflict(Exception):
    """Someone saved the object after this editor opened it. ``rows`` are the fields where the
    saved text (theirs) and the submitted one (yours) differ; ``version`` is the saved version,
    which the editor's next save is based on."""

    def __init__(self, current, fields, submitted: dict):
        super().__init__("edit conflict")
        self.current = current
        self.version = version_of(current, fields)
        labels = getattr(type(current), "EDIT_LABELS", {})
        self.rows = []
        for name, yours in submitted.items():
            field, theirs = _field(type(current), name), _value(current, name)
            if _key(theirs) != _key(yours) and _display(field, theirs) != _display(field, yours):
                label = labels.get(name) or (field.verbose_name if field is not None else name)
                self.rows.append({"label": str(label), "theirs": _display(field, theirs),
                                  "yours": _display(field, yours)})


def lock_for_edit(instance, *, version: str | None, fields, submitted: dict):
    """The object's row, locked until the end of the transaction and read afresh. When the
    caller says which version it edited (the form does), a different saved version is refused
    with ``EditConflict``: saving would silently erase the other person's changes. ``submitted``
    holds the new values by field name, for showing both texts."""
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    check_version(current, version=version, fields=fields, submitted=submitted)
    return current


def check_version(current, *, version: str | None, fields, submitted: dict) -> None:
    """``lock_for_edit`` for an object the caller has locked itself, or that does not exist yet
    (an unsaved instance: the editor started from an empty form)."""
    if version and version_of(current, fields) != version:
        raise EditConflict(current, fields, submitted)


# Double submits --------------------------------------------------------------------------


def _coalition_id(kwargs: dict):
    """The coalition of a service call: its ``coalition`` argument, else that of the first
    tenant object it is given (a comment's meeting, a follow-up's meeting...)."""
    if kwargs.get("coalition") is not None:
        return kwargs["coalition"].pk
    return next(v.coalition_id for v in kwargs.values() if isinstance(v, TenantModel))


def creates_once(service):
    """Make a create service idempotent per form submission. ``submission`` (the form's one-time
    token) is claimed in the same transaction as the creation: a second call with the same token
    waits for the first to commit, then creates nothing and returns the first call's object. A
    call without a token (imports, other services, tests) creates as before."""

    @functools.wraps(service)
    def create(*, submission: str = "", **kwargs):
        if not submission:
            return service(**kwargs)
        with transaction.atomic():
            claim, earlier = claim_submission(submission, actor=kwargs["actor"], coalition_id=_coalition_id(kwargs))
            if earlier is not None:
                return earlier
            created = service(**kwargs)
            record_submission(claim, created)
        return created

    return create


def claim_submission(submission: str, *, actor, coalition_id):
    """Claim a form's one-time token, inside the caller's transaction: (claim, None) the first
    time; (claim, what the first call created) when the same form comes again, after waiting for
    the first call to commit. A token of another person or coalition, or whose object is gone, is
    refused (ValidationError). The caller then records what it created (``record_submission``)."""
    from .models import FormSubmission

    with scopes_disabled():  # tokens are unique across coalitions; a foreign one is refused below
        claim, claimed = FormSubmission.objects.get_or_create(
            token=submission, defaults={"coalition_id": coalition_id, "actor": actor},
        )
    if claimed:
        return claim, None
    return claim, _already_created(claim, actor=actor, coalition_id=coalition_id)


def record_submission(claim, created) -> None:
    claim.content_type = ContentType.objects.get_for_model(created)
    claim.object_id = created.pk
    claim.save(update_fields=["content_type", "object_id"])


SUBMISSION_MEMORY = timedelta(days=2)  # a reload or a retry comes within minutes; a day's margin


def forget_old_submissions(*, now=None) -> int:
    """Delete the tokens older than SUBMISSION_MEMORY (every coalition's: a periodic job)."""
    from .models import FormSubmission

    with scopes_disabled():
        old = FormSubmission.objects.filter(created_at__lt=(now or timezone.now()) - SUBMISSION_MEMORY)
        return old.delete()[0]


def _already_created(claim, *, actor, coalition_id):
    sent_again = ValidationError(_("This form was already sent. Open the page again to start a new one."))
    if claim.actor_id != actor.pk or claim.coalition_id != coalition_id or claim.content_type_id is None:
        raise sent_again
    created = claim.content_type.model_class()._base_manager.filter(pk=claim.object_id).first()
    if created is None:  # created, then deleted: nothing to go back to
        raise sent_again
    return created


# Racing unique values ---------------------------------------------------------------------


def constraint_name(error: IntegrityError) -> str:
    return getattr(getattr(error.__cause__, "diag", None), "constraint_name", None) or ""


@contextmanager
def refusing_duplicates(constraints: dict[str, tuple[str, str]]):
    """Run an insert or update in a savepoint; the violation of one of these unique constraints
    ({name: (field, message)}), which two requests racing past the service's pre-check can
    reach, becomes a ValidationError on that field. Any other integrity error goes on."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        name = constraint_name(error)
        if name not in constraints:
            raise
        field, message = constraints[name]
        raise ValidationError({field: message}) from error
