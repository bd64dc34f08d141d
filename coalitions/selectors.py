"""Reads shared by views, tasks and templates."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .models import Invitation, Membership, Organization, Role


def memberships_of(user) -> QuerySet[Membership]:
    """A person's own active memberships across coalitions (for the switcher and the home
    page). The only cross-coalition read a person makes, and it is limited to themself."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.with_scopes_disabled()
        .filter(user=user, is_active=True)
        .select_related("coalition", "organization")
        .order_by("coalition__name")
    )


def pending_invitations_for(user) -> QuerySet[Invitation]:
    return (
        Invitation.objects.with_scopes_disabled()
        .pending()
        .filter(email__iexact=user.email)
        .select_related("coalition")
    )


def organization_list(coalition) -> QuerySet[Organization]:
    return (
        Organization.objects.filter(coalition=coalition)
        .select_related("representative")
        .annotate(member_count=Count("memberships", filter=Q(memberships__is_active=True)))
        .order_by("name")
    )


def member_list(coalition, *, role: str = "", active: str = "") -> QuerySet[Membership]:
    members = Membership.objects.filter(coalition=coalition).select_related("user", "organization")
    if role in Role.values:
        members = members.filter(role=role)
    if active == "1":
        members = members.filter(is_active=True)
    elif active == "0":
        members = members.filter(is_active=False)
    return members.order_by("-is_active", "user__full_name", "user__email")


def member_directory(coalition) -> QuerySet[Membership]:
    """The coalition's active members for its directory, each with ``listed``: whether the person
    agreed to show their contact details there (their latest decision about that purpose)."""
    from .models import Consent, ConsentPurpose

    latest = Consent.objects.filter(user_id=OuterRef("user_id"), purpose=ConsentPurpose.DIRECTORY).order_by(
        "-recorded_at", "-pk")
    return (Membership.objects.filter(coalition=coalition, is_active=True, user__erased_at__isnull=True)
            .select_related("user", "organization")
            .annotate(listed=Coalesce(Subquery(latest.values("granted")[:1]), False))
            .order_by("user__full_name", "user__email"))


def invitation_list(coalition, *, status: str = "pending") -> QuerySet[Invitation]:
    invitations = Invitation.objects.filter(coalition=coalition).select_related("organization", "invited_by")
    if status == "pending":
        invitations = invitations.pending()
    return invitations.order_by("-created_at")


def active_coordinator_count(coalition) -> int:
    return Membership.objects.filter(coalition=coalition, role=Role.COORDINATOR, is_active=True).count()


def coalitions_only_coordinated_by(user) -> list[str]:
    """The names of the coalitions where ``user`` is the only active coordinator."""
    others = Membership.objects.with_scopes_disabled().filter(
        coalition_id=OuterRef("coalition_id"), role=Role.COORDINATOR, is_active=True).exclude(user=user)
    return list(Membership.objects.with_scopes_disabled().filter(user=user, role=Role.COORDINATOR, is_active=True)
                .exclude(Exists(others)).order_by("coalition__name").values_list("coalition__name", flat=True))


def user_exists(email: str) -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email__iexact=email).exists()


def active_user_ids(coalition, *, user_ids=(), organization_ids=(), roles=()) -> set[int]:
    """The active members among the given people, the members of the given organisations and
    the holders of the given roles."""
    members = Membership.objects.filter(coalition=coalition, is_active=True)
    ids = set()
    if user_ids:
        ids |= set(members.filter(user_id__in=user_ids).values_list("user_id", flat=True))
    if organization_ids:
        ids |= set(members.filter(organization_id__in=organization_ids).values_list("user_id", flat=True))
    if roles:
        ids |= set(members.filter(role__in=roles).values_list("user_id", flat=True))
    return ids


def organizations_without_active_members(coalition, organization_ids) -> list[Organization]:
    """The organisations among these that have no active member: inviting them (to a meeting,
    to report an indicator) reaches nobody. One query."""
    active = Membership.objects.filter(coalition=coalition, organization_id=OuterRef("pk"), is_active=True,
                                       user__is_active=True)
    return list(Organization.objects.filter(coalition=coalition, pk__in=list(organization_ids))
                .exclude(Exists(active)).order_by("name"))
