import hashlib
import re
import secrets
import zoneinfo
from typing import TYPE_CHECKING, ClassVar, Self

import pghistory
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, Group, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from .fields import SingleLineCharField
from .tenancy import ScopedManager, TenantModel

if TYPE_CHECKING:
    from django_scopes import ScopedManagerType

LANGUAGE_CHOICES = [("fr", _("French")), ("en", _("English"))]
TIME_ZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones()) if tz.startswith("America/")]
MONTH_CHOICES = list(MONTHS.items())
FISCAL_MONTH_ERROR = _("Choose the month the fiscal year begins in, from January to December.")


def audited(**kwargs):
    """Record inserts, updates and deletes (bulk ones included) with Postgres triggers."""
    return pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), **kwargs)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


# The ignored django-manager-missing on User and Organization: their reverse relations lead to
# TenantModels, whose manager django-scopes builds at run time, which the plugin cannot resolve
# (typings/django_scopes); those related managers are typed as plain RelatedManagers.
class User(AbstractBaseUser, PermissionsMixin):  # type: ignore[django-manager-missing]
    """A person. Email is the login; roles live on memberships, one per coalition."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = SingleLineCharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES, blank=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


@audited(exclude=["created_at"])
class Coalition(models.Model):
    """The tenant: one coalition working on one problem for one territory."""

    name = SingleLineCharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("web address"), max_length=60, unique=True,
        help_text=_("Used in the coalition's web address: lowercase letters, digits and hyphens."),
    )
    territory = SingleLineCharField(_("territory"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    default_language = models.CharField(
        _("default language"), max_length=5, choices=LANGUAGE_CHOICES, default="fr"
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="America/Toronto"
    )
    # January: reports cover calendar years. Any other month: a fiscal year starting on the
    # first of that month (April for most Québec community organisations and their funders).
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("start of the fiscal year"), choices=MONTH_CHOICES, default=1,
        help_text=_("The month your fiscal year begins in: period reports cover one fiscal year. "
                    "Choose January to report on calendar years."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    EDIT_FIELDS = ("name", "territory", "description", "default_language", "time_zone", "fiscal_year_start_month")

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fiscal_year_start_month__gte=1, fiscal_year_start_month__lte=12),
                name="coalition_fiscal_year_start_month_1_to_12",
            ),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")


class Sector(models.TextChoices):
    HEALTH = "health", _("Health and social services")
    EDUCATION = "education", _("Education")
    CHILDCARE = "childcare", _("Childcare")
    MUNICIPAL = "municipal", _("Municipality")
    COMMUNITY = "community", _("Community")
    LIBRARY = "library", _("Library and culture")
    FAMILY = "family", _("Family services")
    PHILANTHROPY = "philanthropy", _("Philanthropy")
    OTHER = "other", _("Other")


class OrganizationKind(models.TextChoices):
    PUBLIC = "public", _("Public institution")
    COMMUNITY = "community", _("Community organization")
    PRIVATE = "private", _("Private business")
    FUNDER = "funder", _("Funder")
    OTHER = "other", _("Other")


@audited(exclude=["group"])
class Organization(TenantModel):  # type: ignore[django-manager-missing]  # see User
    """A partner organisation of the coalition ("organisme partenaire")."""

    name = SingleLineCharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    skills = models.TextField(
        _("skills offered"), blank=True, max_length=2000,
        help_text=_("What the organization can offer the other partners, one skill per line or separated by commas."),
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("representative"),
        help_text=_("The person who speaks for the organization, e.g. to endorse the common agenda."),
    )
    # The people of this organisation, as an auth group: django-guardian grants object
    # permissions to it (e.g. "this organisation reports this indicator").
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="organization")

    EDIT_FIELDS = ("name", "sector", "kind", "website", "description", "skills", "representative")

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("coalition", models.functions.Lower("name"), name="organization_unique_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def skill_list(self) -> list[str]:
        """The declared skills, one per line or comma, blanks and repeats left out."""
        seen: dict[str, str] = {}
        for part in re.split(r"[,\n;]", self.skills):
            skill = " ".join(part.split())
            if skill and skill.casefold() not in seen:
                seen[skill.casefold()] = skill
        return list(seen.values())


@audited()
class Membership(TenantModel):
    """A person's role in one coalition."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True,
        related_name="memberships", verbose_name=_("organization"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("joined on"), auto_now_add=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint("coalition", "user", name="membership_one_per_coalition"),
            models.CheckConstraint(
                condition=Q(role=Role.COORDINATOR) | Q(organization__isnull=False),
                name="membership_partner_funder_has_organization",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


def new_invitation_token() -> str:
    """Kept for the initial migration; invitations now derive their token (Invitation.token)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """What the database keeps of a secret link's token: its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> Self:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


if TYPE_CHECKING:  # the type of Invitation.objects: scoped, with InvitationQuerySet's methods
    InvitationManager = ScopedManagerType.from_queryset(InvitationQuerySet)


@audited(exclude=["token_hash", "token_salt", "emailed_count", "last_sent_at"])
class Invitation(TenantModel):
    """An emailed invitation to join a coalition with a role. Its link works once.

    The link's token is never stored: it is derived from ``token_salt`` and the SECRET_KEY
    (``token``), and only its hash is kept for the lookup, so a copy of the database opens no
    invitation. The email task, and its sweep, derive the token again to send it."""

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True,
        related_name="invitations", verbose_name=_("organization"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_salt = models.CharField(max_length=32, blank=True, default="", editable=False)  # "": hashed clear token
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires on"))
    last_sent_at = models.DateTimeField(null=True)
    send_count = models.PositiveIntegerField(default=0)
    # How many of those sends were emailed: the task claims its number before sending.
    emailed_count = models.PositiveIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    revoked_at = models.DateTimeField(null=True)

    objects: ClassVar["InvitationManager[Invitation]"] = ScopedManager(
        _manager_class=models.Manager.from_queryset(InvitationQuerySet), coalition="coalition"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "coalition", models.functions.Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        if not self.token_hash:
            self.refresh_token()
        super().save(*args, **kwargs)

    @property
    def token(self) -> str:
        """The secret in the invitation's link ("" for an invitation whose clear token was
        hashed by migration 0004: its emailed link still works, but only it knows the token)."""
        if not self.token_salt:
            return ""
        return salted_hmac("coalitions.invitation", self.token_salt, algorithm="sha256").hexdigest()

    def refresh_token(self) -> bool:
        """Make the stored hash match the token emailed now: a salt for an invitation from before
        hashing, a new hash after a SECRET_KEY change. True if the link changed (then save it)."""
        if not self.token_salt:
            self.token_salt = secrets.token_hex(16)
        token_hash = hash_token(self.token)
        changed, self.token_hash = token_hash != self.token_hash, token_hash
        return changed

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class WorkerHeartbeat(models.Model):
    """One row: when a Celery worker last ran the periodic heartbeat task (coalitions.heartbeat).
    In the database because web and worker share nothing else in every setup: the zero-setup
    cache is per process. Operational, not audited."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    beat_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="worker_heartbeat_single_row")]

    def __str__(self):
        return self.beat_at.isoformat()


# Double submits (coalitions.concurrency.creates_once) ----------------------------------------


class FormSubmission(TenantModel):
    """A create form's one-time token, claimed when the form is first sent, and what it
    created: the same form sent twice (a double click, a reload, a retry) creates one object."""

    token = models.CharField(max_length=64, unique=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, null=True)
    object_id = models.PositiveBigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="form_submission_created")]

    def __str__(self):
        return self.token
