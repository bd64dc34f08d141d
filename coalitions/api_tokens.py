"""Personal access tokens of the REST API: create, revoke, find, record a use, and the owner's list.

A token is shown once, when it is created (``api_token_create`` returns it beside the row); the
database keeps its SHA-256 only. A token belongs to one membership: deactivating the member
revokes it for good (``revoke_member_tokens``, called by ``membership_deactivate``), and the API
refuses a token whose membership or person is no longer active. Each write is safe to retry:
revoking twice changes nothing, and the creation form sent twice (a double click, a reload) makes
one token (``api_token_create``'s ``submission``).
"""

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from .concurrency import claim_submission, record_submission
from .models import API_TOKEN_PREFIX, ApiToken, Membership, hash_token
from .permissions import API_TOKENS_USE, API_WRITE, has_permission, require_permission

# How long a new token lives, in days: the choices of the form (the service refuses others).
LIFETIMES = (30, 90, 365)
USE_RECORD_INTERVAL = timedelta(minutes=1)  # a client calls often; one write a minute is enough
MAX_ACTIVE_TOKENS = 20  # per person and coalition


def _new_secret() -> str:
    return API_TOKEN_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def api_token_create(*, actor, coalition, name: str, can_write: bool, lifetime_days: int, submission: str = "",
                     now=None) -> tuple[ApiToken, str]:
    """A new token for ``actor`` in ``coalition``: the row and the token itself, to show once.

    ``submission`` is the form's one-time token (coalitions.concurrency): the same form sent again
    creates no second token. As the secret of the first is not kept, and the person sees only the
    answer to the last request, the token the first request created gets a new secret, shown in
    this answer: one token, whose secret is the one on the screen. Only while that token was never
    used: once a tool uses it, the form sent again is refused rather than cut the tool off."""
    membership = require_permission(actor, coalition, API_TOKENS_USE)
    name = (name or "").strip()
    errors = {}
    if not name or len(name) > 100:
        errors["name"] = _("Give the token a name of 1 to 100 characters, e.g. the tool that will use it.")
    if lifetime_days not in LIFETIMES:
        errors["lifetime_days"] = _("Choose one of the proposed lifetimes.")
    if can_write and not has_permission(membership, API_WRITE):
        errors["can_write"] = _("Your role reads the coalition's data but does not change it: "
                                "create a read-only token.")
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    claim = None
    if submission:
        claim, earlier = claim_submission(submission, actor=actor, coalition_id=coalition.pk)
        if earlier is not None:
            return _new_secret_for(earlier)
    Membership.objects.select_for_update().filter(pk=membership.pk).first()  # one create at a time per member
    if active_tokens(membership, now=now).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(_("You already have %(count)d active tokens in this coalition. Revoke the ones "
                                "you no longer use first.") % {"count": MAX_ACTIVE_TOKENS})
    secret = _new_secret()
    token = ApiToken.objects.create(
        coalition=coalition, membership=membership, user=actor, name=name, can_write=bool(can_write),
        token_hash=hash_token(secret), token_start=secret[:12], expires_at=now + timedelta(days=lifetime_days),
    )
    if claim is not None:
        record_submission(claim, token)
    return token, secret


def _new_secret_for(token: ApiToken) -> tuple[ApiToken, str]:
    """The token a first send of the form created, with a new secret (see api_token_create)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.last_used_at is not None or token.revoked_at is not None:
        raise ValidationError(_("This form was already sent and its token is in use. Open the page again to "
                                "create another token."))
    secret = _new_secret()
    token.token_hash, token.token_start = hash_token(secret), secret[:12]
    token.save(update_fields=["token_hash", "token_start"])
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken, now=None) -> ApiToken:
    membership = require_permission(actor, token.coalition, API_TOKENS_USE)
    if token.membership_id != membership.pk:
        raise PermissionDenied(API_TOKENS_USE)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def revoke_member_tokens(*, membership, now=None) -> int:
    """A deactivated member's tokens stop for good: reactivating the member does not revive them."""
    with scopes_disabled():
        tokens = ApiToken.objects.filter(membership_id=membership.pk, revoked_at__isnull=True)
        count = 0
        for token in tokens.select_for_update():  # one by one, so that the audit trail records each
            token.revoked_at = now or timezone.now()
            token.save(update_fields=["revoked_at"])
            count += 1
        return count


def my_tokens(membership) -> QuerySet[ApiToken]:
    """The person's tokens in the coalition, newest first (revoked and expired ones too)."""
    return ApiToken.objects.filter(coalition_id=membership.coalition_id, membership=membership).order_by(
        "-created_at", "-pk")


def active_tokens(membership, *, now=None) -> QuerySet[ApiToken]:
    return my_tokens(membership).filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


def find_token(secret: str, *, now=None) -> ApiToken | None:
    """The usable token ``secret`` opens, in any coalition (the caller checks that it is the
    coalition of the URL): None when it is unknown, revoked or expired, or when its membership or
    person is no longer active."""
    if not secret or len(secret) > 200 or not secret.startswith(API_TOKEN_PREFIX):
        return None
    with scopes_disabled():
        token = (ApiToken.objects.select_related("coalition", "membership__organization", "user")
                 .filter(token_hash=hash_token(secret)).first())
    if token is None or token.revoked_at is not None or token.expires_at <= (now or timezone.now()):
        return None
    if not token.membership.is_active or not token.user.is_active:
        return None
    token.membership.coalition = token.coalition  # one object, so that no query follows it again
    return token


def record_token_use(token: ApiToken, *, now=None) -> None:
    """When the token was last used, shown to its owner (at most one write per interval)."""
    now = now or timezone.now()
    if token.last_used_at and token.last_used_at > now - USE_RECORD_INTERVAL:
        return
    with scopes_disabled():
        ApiToken.objects.filter(pk=token.pk).exclude(last_used_at__gt=now - USE_RECORD_INTERVAL).update(
            last_used_at=now)
    token.last_used_at = now
