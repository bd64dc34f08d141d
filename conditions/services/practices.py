"""Harmonised practices (condition 2): the practices the partners share."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.concurrency import check_version, creates_once, lock_for_edit, refusing_duplicates
from coalitions.dates import local_today
from coalitions.models import Coalition, Organization, OrganizationKind
from coalitions.permissions import require_permission
from coordination.selectors import backbone as library_selectors

from ..models import AdoptionStatus, Practice, PracticeAdoption, PracticeKind, Priority, ReferralPath
from ..permissions import PRACTICES_ADOPT, PRACTICES_MANAGE, may_record_adoption
from ._common import _clean_title


def _title_taken() -> str:
    return _("A practice with this title already exists.")


def _check_practice(coalition, *, kind: str, title: str, priorities: list[Priority], library_item_ids: list[int],
                    exclude_pk: int | None = None) -> str:
    """The cleaned title; every reference must belong to this coalition."""
    if kind not in PracticeKind.values:
        raise ValidationError({"kind": _("Choose a valid kind of practice.")})
    title = _clean_title(Practice.objects.filter(coalition=coalition, title__iexact=title.strip()), title,
                         exclude_pk=exclude_pk, empty=_("Give the practice a title."), taken=_title_taken())
    if any(p.coalition_id != coalition.pk for p in priorities):
        raise ValidationError({"priorities": _("Choose priorities of this coalition.")})
    if library_item_ids:
        known = set(library_selectors.library(coalition).filter(pk__in=library_item_ids).values_list("pk", flat=True))
        if known != set(library_item_ids):
            raise ValidationError({"library_item_ids": _("Choose resources of this coalition's library.")})
    return title


def _unique_title():
    return refusing_duplicates({"practice_unique_title": ("title", _title_taken())})


@creates_once
@transaction.atomic
def practice_create(*, actor, coalition: Coalition, kind: str, title: str, description: str = "",
                    priorities: Iterable[Priority] = (), library_item_ids: Iterable[int] = ()) -> Practice:
    require_permission(actor, coalition, PRACTICES_MANAGE)
    priorities, library_item_ids = list(priorities), sorted(set(library_item_ids))
    title = _check_practice(coalition, kind=kind, title=title, priorities=priorities,
                            library_item_ids=library_item_ids)
    with _unique_title():
        practice = Practice.objects.create(coalition=coalition, kind=kind, title=title,
                                           description=description.strip(), library_item_ids=library_item_ids)
    practice.priorities.set(priorities)
    return practice


@transaction.atomic
def practice_update(*, actor, practice: Practice, kind: str, title: str, description: str = "",
                    priorities: Iterable[Priority] = (), library_item_ids: Iterable[int] = (),
                    version: str | None = None) -> Practice:
    require_permission(actor, practice.coalition, PRACTICES_MANAGE)
    priorities, library_item_ids = list(priorities), sorted(set(library_item_ids))
    practice = lock_for_edit(practice, version=version, fields=Practice.EDIT_FIELDS, submitted={
        "kind": kind, "title": title.strip(), "description": description.strip(), "priorities": priorities,
        "library_item_ids": library_item_ids})
    title = _check_practice(practice.coalition, kind=kind, title=title, priorities=priorities,
                            library_item_ids=library_item_ids, exclude_pk=practice.pk)
    practice.kind, practice.title, practice.description = kind, title, description.strip()
    practice.library_item_ids = library_item_ids
    with _unique_title():
        practice.save()
    practice.priorities.set(priorities)
    return practice


@transaction.atomic
def practice_archive(*, actor, practice: Practice) -> Practice:
    """The practice leaves the lists and the board; its adoptions and history are kept. Archiving
    an archived practice changes nothing (safe to retry)."""
    require_permission(actor, practice.coalition, PRACTICES_MANAGE)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.archived_at is None:
        practice.archived_at = timezone.now()
        practice.save(update_fields=["archived_at", "updated_at"])
    return practice


@transaction.atomic
def practice_restore(*, actor, practice: Practice) -> Practice:
    require_permission(actor, practice.coalition, PRACTICES_MANAGE)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.archived_at is not None:
        practice.archived_at = None
        practice.save(update_fields=["archived_at", "updated_at"])
    return practice


@transaction.atomic
def adoption_record(*, actor, practice: Practice, organization: Organization, status: str, since,
                    note: str = "", version: str | None = None) -> PracticeAdoption:
    """Record where an organisation stands with a practice: a partner for its own organisation,
    a coordinator for any (marked as on its behalf). Recording the same thing again writes
    nothing (safe to retry); each change is an audit event, the history the board reads."""
    membership = require_permission(actor, practice.coalition, PRACTICES_ADOPT)
    if organization.coalition_id != practice.coalition_id or not may_record_adoption(membership, organization):
        raise PermissionDenied(_("You can record the adoption of your own organization only."))
    practice = Practice.objects.select_for_update().get(pk=practice.pk)  # one writer per practice at a time
    if practice.archived_at is not None:
        raise ValidationError(_("This practice is archived: its adoption can no longer be recorded."))
    note = note.strip()
    if status not in AdoptionStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    if since is None:
        raise ValidationError({"since": _("Enter the date this status took effect.")})
    if since > local_today(practice.coalition):
        raise ValidationError({"since": _("The date cannot be in the future.")})
    if status == AdoptionStatus.ADAPTED and not note:
        raise ValidationError({"note": _("Say in the note how your organization adapted the practice.")})
    adoption = PracticeAdoption.objects.filter(practice=practice, organization=organization).first()
    if adoption is None:
        adoption = PracticeAdoption(coalition=practice.coalition, practice=practice, organization=organization)
    else:
        check_version(adoption, version=version, fields=PracticeAdoption.EDIT_FIELDS,
                      submitted={"status": status, "since": since, "note": note})
        if (adoption.status, adoption.since, adoption.note) == (status, since, note):
            return adoption
    adoption.status, adoption.since, adoption.note = status, since, note
    adoption.recorded_by, adoption.on_behalf = actor, membership.organization_id != organization.pk
    adoption.save()
    return adoption


# Referral paths --------------------------------------------------------------------------


def _referral_taken() -> str:
    return _("This referral path is already drawn.")


@transaction.atomic
def referral_add(*, actor, priority: Priority, from_organization: Organization, to_organization: Organization,
                 note: str = "") -> ReferralPath:
    """Draw that, under this priority, one partner organisation refers families to another.
    Drawing it again changes nothing (safe to retry)."""
    coalition = priority.coalition
    require_permission(actor, coalition, PRACTICES_MANAGE)
    for field, organization in (("from_organization", from_organization), ("to_organization", to_organization)):
        if organization.coalition_id != coalition.pk or organization.kind == OrganizationKind.FUNDER:
            raise ValidationError({field: _("Choose a partner organization of this coalition.")})
    if from_organization.pk == to_organization.pk:
        raise ValidationError({"to_organization": _("An organization does not refer families to itself.")})
    existing = ReferralPath.objects.filter(priority=priority, from_organization=from_organization,
                                           to_organization=to_organization).first()
    if existing is not None:
        return existing
    with refusing_duplicates({"referral_path_once": ("to_organization", _referral_taken())}):
        return ReferralPath.objects.create(coalition=coalition, priority=priority, from_organization=from_organization,
                                           to_organization=to_organization, note=note.strip())


@transaction.atomic
def referral_remove(*, actor, referral: ReferralPath) -> None:
    require_permission(actor, referral.coalition, PRACTICES_MANAGE)
    ReferralPath.objects.filter(pk=referral.pk).delete()
