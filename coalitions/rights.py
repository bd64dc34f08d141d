"""A person's rights over their information (Québec's Law 25): consents, profile
rectification, and the deletion of their account. Every write here, like coalitions.services:
validated, in one transaction, audited (Consent is tracked by pghistory, an erasure by an
audit event), safe to retry.

The export and the erasure themselves walk every table: coalitions.personal_data."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import OPTIONAL_PURPOSES, Consent, ConsentPurpose, ConsentSource, Membership
from .permissions import MEMBERS_MANAGE, require_permission

# Consents ------------------------------------------------------------------------------


def current_policy_version() -> str:
    return settings.PRIVACY_POLICY_VERSION


def needs_policy_consent(user) -> bool:
    """True when the person has not agreed to the policy in force (a new version asks again)."""
    return bool(user.is_authenticated and not user.erased_at
                and user.privacy_policy_version != current_policy_version())


def consents_in_force(user) -> dict[str, bool]:
    """purpose -> whether the person's latest decision about it is a yes (False if never asked)."""
    latest: dict[str, bool] = {}
    for purpose, granted in (Consent.objects.filter(user=user).order_by("purpose", "-recorded_at", "-pk")
                             .values_list("purpose", "granted")):
        latest.setdefault(purpose, granted)
    return {purpose: latest.get(purpose, False) for purpose in ConsentPurpose.values}


def consenting_user_ids(purpose: str) -> QuerySet:
    """The ids of the people whose latest decision about ``purpose`` is a yes, as a subquery:
    ``Membership.objects.filter(user_id__in=consenting_user_ids(...))``."""
    latest = Consent.objects.filter(user_id=OuterRef("pk"), purpose=purpose).order_by("-recorded_at", "-pk")
    return (get_user_model().objects.annotate(consent=Subquery(latest.values("granted")[:1]))
            .filter(consent=True, erased_at__isnull=True).values("pk"))


@transaction.atomic
def consent_record(*, user, choices: dict[str, bool], source: str) -> list[Consent]:
    """Record the person's decisions: the required purpose (``service``) may only be given, and
    giving it sets the policy version they agreed to. A decision equal to the one in force under
    the same policy version is not written twice (a double submit records once)."""
    if source not in ConsentSource.values:
        raise ValidationError(_("Unknown consent source."))
    unknown = set(choices) - set(ConsentPurpose.values)
    if unknown:
        raise ValidationError(_("Unknown purpose."))
    if choices.get(ConsentPurpose.SERVICE) is False:
        raise ValidationError(_("To use Concerto, you need to agree to the privacy policy."))
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    version = current_policy_version()
    in_force = {c.purpose: c for c in _latest_rows(user)}
    written = []
    for purpose, granted in choices.items():
        previous = in_force.get(purpose)
        if previous and previous.granted == granted and previous.policy_version == version:
            continue
        if previous is None and not granted and purpose in OPTIONAL_PURPOSES and source != ConsentSource.PROFILE:
            # "off" is the default: a first "no" is recorded only when the person says it in the profile.
            continue
        written.append(Consent.objects.create(user=user, purpose=purpose, granted=granted,
                                              policy_version=version, source=source))
    if choices.get(ConsentPurpose.SERVICE) and user.privacy_policy_version != version:
        user.privacy_policy_version = version
        user.save(update_fields=["privacy_policy_version"])
    return written


def _latest_rows(user) -> list[Consent]:
    seen, rows = set(), []
    for consent in Consent.objects.filter(user=user).order_by("purpose", "-recorded_at", "-pk"):
        if consent.purpose not in seen:
            seen.add(consent.purpose)
            rows.append(consent)
    return rows


# Profile -------------------------------------------------------------------------------

PROFILE_FIELDS = ("first_name", "last_name", "organization_role", "language", "time_zone")


@transaction.atomic
def profile_update(*, user, first_name: str, last_name: str, organization_role: str = "",
                   language: str = "", time_zone: str = "", weekly_summary: bool = False,
                   directory: bool = False):
    """Rectification: the person changes what Concerto holds about them, optional purposes too.
    The email address changes through allauth's confirmed flow, never here."""
    person = get_user_model().objects.select_for_update().get(pk=user.pk)
    if not first_name.strip() or not last_name.strip():
        raise ValidationError({"first_name" if not first_name.strip() else "last_name":
                               _("Enter your first and last name: other members see them.")})
    person.first_name, person.last_name = first_name.strip(), last_name.strip()
    person.organization_role, person.language, person.time_zone = organization_role.strip(), language, time_zone
    person.full_clean(exclude=["password", "email"])
    person.save(update_fields=[*PROFILE_FIELDS, "full_name"])
    consent_record(user=person, source=ConsentSource.PROFILE,
                   choices={ConsentPurpose.WEEKLY_SUMMARY: weekly_summary, ConsentPurpose.DIRECTORY: directory})
    return person


# Deletion ------------------------------------------------------------------------------


def grace_period() -> timedelta:
    return timedelta(days=settings.ACCOUNT_DELETION_GRACE_DAYS)


@transaction.atomic
def deletion_request(*, user):
    """« Supprimer mon compte »: the account is erased after the grace period, unless the person
    cancels it (a button, or simply signing in again)."""
    person = get_user_model().objects.select_for_update().get(pk=user.pk)
    if person.erased_at:
        raise ValidationError(_("This account is already deleted."))
    if not person.deletion_requested_at:
        person.deletion_requested_at = timezone.now()
        person.save(update_fields=["deletion_requested_at"])
    return person


@transaction.atomic
def deletion_cancel(*, user) -> bool:
    """True if a pending deletion was cancelled."""
    return bool(get_user_model().objects.filter(pk=user.pk, deletion_requested_at__isnull=False,
                                                erased_at__isnull=True).update(deletion_requested_at=None))


def cancel_deletion_on_login(sender, request, user, **kwargs):
    """Signing in during the grace period keeps the account: the person is told so."""
    if user.deletion_requested_at and deletion_cancel(user=user):
        from django.contrib import messages

        user.deletion_requested_at = None
        messages.success(request, _("Welcome back: the deletion of your account is cancelled."))


def due_for_erasure(now=None) -> list[int]:
    now = now or timezone.now()
    return list(get_user_model().objects.filter(
        deletion_requested_at__lte=now - grace_period(), erased_at__isnull=True,
    ).order_by("pk").values_list("pk", flat=True))


def person_erase(*, user_id: int, reason: str = "", actor=None, coalition=None):
    """Erase the person's identity everywhere (coalitions.personal_data.erase_person)."""
    from .personal_data import erase_person

    return erase_person(user_id=user_id, reason=reason, actor=actor, coalition=coalition)


def member_erase(*, actor, membership: Membership, reason: str):
    """A coordinator erases a departed member on their request, with the reason logged. Only a
    person who belongs to no other coalition: another coalition's people are not theirs to erase."""
    require_permission(actor, membership.coalition, MEMBERS_MANAGE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the person's information is erased, e.g. « at their request by "
                                           "email of 2026-11-26 ».")})
    if membership.user_id == actor.pk:
        raise ValidationError(_("To delete your own account, use « Delete my account » in your profile."))
    elsewhere = Membership.objects.with_scopes_disabled().filter(user_id=membership.user_id).exclude(
        coalition_id=membership.coalition_id)
    if elsewhere.exists():
        raise ValidationError(_("This person also belongs to another coalition: only they can delete their account. "
                                "Deactivate them here instead."))
    if membership.is_active:
        raise ValidationError(_("Deactivate the member first: only a departed member's information is erased."))
    if membership.user.erased_at:
        raise ValidationError(_("This person's information is already erased."))
    if len(reason) > 500:
        raise ValidationError({"reason": _("Keep the reason under 500 characters.")})
    return person_erase(user_id=membership.user_id, reason=reason, actor=actor, coalition=membership.coalition)
