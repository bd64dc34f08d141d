"""Every write to coalitions, organisations, memberships and invitations.

Each service validates, re-checks the actor against the permission registry, writes in
one transaction (the audit trail is recorded by pghistory triggers in that transaction)
and queues emails with ``transaction.on_commit``. Safe to retry: a repeated call either
finds the work done or refuses with a clear error, it never writes twice.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import tasks
from .api_tokens import revoke_member_tokens
from .concurrency import creates_once, lock_for_edit, refusing_duplicates
from .emails import LOST_AFTER, seeding_history, send_email
from .models import FISCAL_MONTH_ERROR, Coalition, Invitation, Membership, Organization, Role, hash_token
from .permissions import require_permission
from .selectors import active_coordinator_count

logger = logging.getLogger(__name__)


def _has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


# Coalitions -------------------------------------------------------------------------


@transaction.atomic
def coalition_create(
    *, actor, name: str, slug: str, territory: str, description: str = "",
    default_language: str = "fr", time_zone: str = "America/Toronto",
) -> Coalition:
    """Any verified person may start a coalition and becomes its first coordinator."""
    if not _has_verified_email(actor):
        raise PermissionDenied(_("Verify your email address before creating a coalition."))
    taken = _("This web address is already taken; choose another one.")
    if Coalition.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": taken})
    with refusing_duplicates({"coalitions_coalition_slug_key": ("slug", taken)}):
        coalition = Coalition.objects.create(
            name=name, slug=slug, territory=territory, description=description,
            default_language=default_language, time_zone=time_zone,
        )
    Membership.objects.with_scopes_disabled().create(coalition=coalition, user=actor, role=Role.COORDINATOR)
    return coalition


@transaction.atomic
def coalition_update(*, actor, coalition: Coalition, version: str | None = None, **fields) -> Coalition:
    require_permission(actor, coalition, "coalitions.settings:manage")
    coalition = lock_for_edit(coalition, version=version, fields=Coalition.EDIT_FIELDS, submitted=fields)
    allowed = {"name", "territory", "description", "default_language", "time_zone", "fiscal_year_start_month",
               "completeness_threshold"}
    month = fields.get("fiscal_year_start_month", 1)
    if type(month) is not int or not 1 <= month <= 12:
        raise ValidationError({"fiscal_year_start_month": FISCAL_MONTH_ERROR})
    threshold = fields.get("completeness_threshold", 100)
    if type(threshold) is not int or not 1 <= threshold <= 100:
        raise ValidationError({"completeness_threshold": _("Give a percentage from 1 to 100.")})
    for key, value in fields.items():
        if key not in allowed:
            raise ValueError(key)
        setattr(coalition, key, value)
    coalition.save()
    return coalition


# Organisations ------------------------------------------------------------------------


def _check_representative(coalition, representative):
    if representative is None:
        return
    is_member = Membership.objects.with_scopes_disabled().filter(
        coalition=coalition, user=representative, is_active=True
    ).exists()
    if not is_member:
        raise ValidationError({"representative": _("The representative must be an active member of the coalition.")})


def _organization_name_taken():
    return _("An organization with this name already exists in the coalition.")


def _unique_organization_name():
    return refusing_duplicates({"organization_unique_name": ("name", _organization_name_taken())})


@creates_once
@transaction.atomic
def organization_create(
    *, actor, coalition: Coalition, name: str, sector: str, kind: str,
    website: str = "", description: str = "", skills: str = "", representative=None,
) -> Organization:
    require_permission(actor, coalition, "coalitions.organizations:manage")
    _check_representative(coalition, representative)
    if Organization.objects.filter(coalition=coalition, name__iexact=name.strip()).exists():
        raise ValidationError({"name": _organization_name_taken()})
    group = Group.objects.create(name=f"org-{coalition.pk}-{timezone.now().timestamp()}-{name[:60]}")
    with _unique_organization_name():
        organization = Organization.objects.create(
            coalition=coalition, name=name.strip(), sector=sector, kind=kind, website=website,
            description=description, skills=skills, representative=representative, group=group,
        )
    group.name = f"organization:{organization.pk}"
    group.save(update_fields=["name"])
    return organization


@transaction.atomic
def organization_update(*, actor, organization: Organization, version: str | None = None, **fields) -> Organization:
    require_permission(actor, organization.coalition, "coalitions.organizations:manage")
    allowed = {"name", "sector", "kind", "website", "description", "skills", "representative"}
    organization = lock_for_edit(organization, version=version, fields=Organization.EDIT_FIELDS,
                                 submitted={k: v for k, v in fields.items() if k in allowed})
    if "representative" in fields:
        _check_representative(organization.coalition, fields["representative"])
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        clash = Organization.objects.filter(coalition=organization.coalition, name__iexact=fields["name"])
        if clash.exclude(pk=organization.pk).exists():
            raise ValidationError({"name": _organization_name_taken()})
    for key, value in fields.items():
        if key not in allowed:
            raise ValueError(key)
        setattr(organization, key, value)
    with _unique_organization_name():
        organization.save()
    return organization


@transaction.atomic
def organization_delete(*, actor, organization: Organization) -> None:
    require_permission(actor, organization.coalition, "coalitions.organizations:manage")
    if organization.memberships.exists():
        raise ValidationError(
            _("This organization still has members. Move or deactivate them before deleting it.")
        )
    group = organization.group
    organization.delete()
    group.delete()


# Memberships --------------------------------------------------------------------------


def _sync_organization_group(membership: Membership) -> None:
    """Keep the organisation's auth group (used for django-guardian grants) in step."""
    groups = Group.objects.filter(organization__coalition=membership.coalition)
    membership.user.groups.remove(*groups)
    if membership.is_active and membership.organization is not None:
        membership.user.groups.add(membership.organization.group)


def _lock_coordinators(coalition) -> None:
    # Serialise concurrent demotions so two coordinators cannot remove each other at once.
    list(Membership.objects.select_for_update().filter(coalition=coalition, role=Role.COORDINATOR, is_active=True))


def _refuse_last_coordinator(membership: Membership) -> None:
    if membership.role == Role.COORDINATOR and membership.is_active:
        if active_coordinator_count(membership.coalition) <= 1:
            raise ValidationError(
                _("The coalition needs at least one active coordinator. Name another coordinator first.")
            )


def _check_organization(coalition, role: str, organization) -> None:
    if role in (Role.PARTNER, Role.FUNDER) and organization is None:
        raise ValidationError({"organization": _("Partners and funders belong to an organization; choose one.")})
    if organization is not None and organization.coalition_id != coalition.pk:
        raise ValidationError({"organization": _("Choose an organization of this coalition.")})


@transaction.atomic
def membership_change_role(*, actor, membership: Membership, role: str, organization=None) -> Membership:
    require_permission(actor, membership.coalition, "coalitions.members:manage")
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    _check_organization(membership.coalition, role, organization)
    _lock_coordinators(membership.coalition)
    membership.refresh_from_db()
    if role != Role.COORDINATOR:
        _refuse_last_coordinator(membership)
    membership.role = role
    membership.organization = organization
    membership.save(update_fields=["role", "organization"])
    _sync_organization_group(membership)
    return membership


# Sent inside membership_deactivate's transaction, so the apps above end what the membership
# gave (coordination revokes its calendar URLs) for good: reactivating gives none of it back.
membership_deactivated = Signal()


@transaction.atomic
def membership_deactivate(*, actor, membership: Membership) -> Membership:
    require_permission(actor, membership.coalition, "coalitions.members:manage")
    return _deactivate(membership)


def _deactivate(membership: Membership) -> Membership:
    _lock_coordinators(membership.coalition)
    membership.refresh_from_db()
    if not membership.is_active:
        return membership
    _refuse_last_coordinator(membership)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    _sync_organization_group(membership)
    revoke_member_tokens(membership=membership)
    membership_deactivated.send(sender=Membership, membership=membership)
    return membership


@transaction.atomic
def membership_expire(*, membership: Membership) -> bool:
    """Deactivate the membership of a person who no longer signs in (the retention job, after
    its warning; no actor). The coalition's last active coordinator stays: False."""
    try:
        _deactivate(membership)
    except ValidationError:
        return False
    return True


@transaction.atomic
def membership_reactivate(*, actor, membership: Membership) -> Membership:
    require_permission(actor, membership.coalition, "coalitions.members:manage")
    if not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
        _sync_organization_group(membership)
    return membership


# Invitations --------------------------------------------------------------------------


def _queue_invitation_email(invitation: Invitation) -> None:
    invitation.send_count += 1
    invitation.last_sent_at = timezone.now()
    if seeding_history():  # the demo's people joined "before": no invitation email
        invitation.emailed_count = invitation.send_count
        invitation.save(update_fields=["send_count", "last_sent_at", "emailed_count"])
        return
    invitation.save(update_fields=["send_count", "last_sent_at"])
    args = (invitation.coalition_id, invitation.pk, invitation.send_count)
    transaction.on_commit(lambda: tasks.send_invitation_email.delay(*args))


@creates_once
@transaction.atomic
def invitation_create(
    *, actor, coalition: Coalition, email: str, role: str, organization=None
) -> Invitation:
    require_permission(actor, coalition, "coalitions.invitations:manage")
    email = email.strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    _check_organization(coalition, role, organization)
    already_member = Membership.objects.filter(coalition=coalition, user__email__iexact=email, is_active=True)
    if already_member.exists():
        raise ValidationError({"email": _("This person is already a member of the coalition.")})
    open_invitations = Invitation.objects.select_for_update().filter(
        coalition=coalition, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    )
    waiting = _("An invitation is already waiting for this address. Resend it from the list.")
    for previous in open_invitations:
        if previous.status == "pending":
            raise ValidationError({"email": waiting})
        previous.revoked_at = timezone.now()  # an expired one makes way for the new one
        previous.save(update_fields=["revoked_at"])
    with refusing_duplicates({"invitation_one_open_per_email": ("email", waiting)}):
        invitation = Invitation.objects.create(
            coalition=coalition, email=email, role=role, organization=organization, invited_by=actor,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
    _queue_invitation_email(invitation)
    return invitation


@transaction.atomic
def invitation_resend(*, actor, invitation: Invitation) -> Invitation:
    require_permission(actor, invitation.coalition, "coalitions.invitations:manage")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status in ("accepted", "revoked"):
        raise ValidationError(_("This invitation can no longer be sent: it was accepted or revoked."))
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.save(update_fields=["expires_at"])
    _queue_invitation_email(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> Invitation:
    require_permission(actor, invitation.coalition, "coalitions.invitations:manage")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation was already accepted; deactivate the member instead."))
    if not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def send_invitation_email(*, coalition: Coalition, invitation_id: int, send_number: int) -> bool:
    """Send the invitation's ``send_number``-th email once, even if asked twice. The claim
    (``emailed_count``) commits with the email: a worker that dies mid-send leaves it to
    send_lost_invitation_emails. Run by the invitation's task, inside the coalition's scope."""
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            coalition=coalition, pk=invitation_id, emailed_count__lt=send_number, accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(emailed_count=send_number)
        if not claimed:
            return False
        invitation = Invitation.objects.select_related("organization", "invited_by").get(pk=invitation_id)
        if invitation.refresh_token():  # the emailed link must open it
            invitation.save(update_fields=["token_hash", "token_salt"])
        send_email(
            to=invitation.email,  # someone who already has an account gets it in their language
            template="email/invitation",
            coalition=coalition,
            context={"invitation": invitation, "accept_url": reverse("invitation_accept", args=[invitation.token])},
        )
    return True


def send_lost_invitation_emails(*, coalition: Coalition) -> int:
    """Pending invitations whose last send was never emailed (its task was lost): send it now,
    once (the claim above). Part of the quarter-hourly sweep."""
    lost = list(Invitation.objects.pending().filter(
        coalition=coalition, emailed_count__lt=F("send_count"), last_sent_at__lt=timezone.now() - LOST_AFTER,
    ).values_list("pk", "send_count"))
    sent = 0
    for invitation_id, send_number in lost:
        try:
            sent += send_invitation_email(coalition=coalition, invitation_id=invitation_id, send_number=send_number)
        except Exception:  # one unreachable address must not starve the others: the next sweep retries
            logger.exception("Lost invitation email %s not sent", invitation_id)
    return sent


class InvitationRefused(Exception):
    """The link cannot be used; ``reason`` is one of used, revoked, expired, wrong_email."""

    def __init__(self, reason: str, invitation: Invitation | None = None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def invitation_check(invitation: Invitation, user=None) -> None:
    status = invitation.status
    if status != "pending":
        raise InvitationRefused({"accepted": "used"}.get(status, status), invitation)
    if user is not None and user.email.lower() != invitation.email.lower():
        raise InvitationRefused("wrong_email", invitation)


@transaction.atomic
def invitation_accept(*, user, token: str) -> Membership:
    """The invited person joins with the invited role. Works once, for the invited address."""
    invitation = (
        Invitation.objects.with_scopes_disabled().select_for_update().select_related("coalition")
        .filter(token_hash=hash_token(token)).first()
    )
    if invitation is None:
        raise InvitationRefused("unknown")
    invitation_check(invitation, user)
    membership = (
        Membership.objects.with_scopes_disabled().select_for_update()
        .filter(coalition=invitation.coalition, user=user).first()
    )
    if membership is None:
        membership = Membership(coalition=invitation.coalition, user=user)
    membership.role = invitation.role
    membership.organization = invitation.organization
    membership.is_active = True
    try:
        membership.save()
    except IntegrityError as error:  # pragma: no cover - guarded by the row locks above
        raise InvitationRefused("used", invitation) from error
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    _sync_organization_group(membership)
    return membership


# People -------------------------------------------------------------------------------


def user_set_language(*, user, language: str) -> None:
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
