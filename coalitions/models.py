import hashlib
import re
import secrets
import zoneinfo
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar, Self

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, Group, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
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


REMOVED_PERSON = _("removed person")


def audited(*trackers, **kwargs):
    """Record inserts, updates and deletes (bulk ones included) with Postgres triggers, and the
    manual events in ``trackers`` (pghistory.create_event). The event table of a tenant-owned
    model gets the index of the coalition's audit trail, newest first (coalitions.audit reads a
    page of each table from it)."""

    def track(model):
        meta = dict(kwargs.pop("meta", None) or {})
        if issubclass(model, TenantModel):
            meta["indexes"] = [*meta.get("indexes", []),
                               models.Index(fields=["coalition", "-pgh_created_at", "-pgh_id"])]
        return pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), *trackers,
                               meta=meta, **kwargs)(model)

    return track


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
    first_name = SingleLineCharField(_("first name"), max_length=75, blank=True)
    last_name = SingleLineCharField(_("last name"), max_length=75, blank=True)
    # First and last name together, kept by save(): pages sort and search people by it.
    full_name = SingleLineCharField(_("full name"), max_length=150, blank=True)
    organization_role = SingleLineCharField(
        _("role in your organization"), max_length=150, blank=True,
        help_text=_("Your position, e.g. executive director or family worker."),
    )
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, blank=True)
    # The version of the privacy policy the person last agreed to (settings.PRIVACY_POLICY_VERSION
    # asks again when it differs); the consents themselves are Consent rows.
    privacy_policy_version = models.CharField(max_length=20, blank=True, editable=False)
    # « Supprimer mon compte »: asked on this date, erased after the grace period unless cancelled.
    deletion_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
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

    def save(self, *args, **kwargs):
        if self.first_name or self.last_name:
            self.full_name = f"{self.first_name} {self.last_name}".strip()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "full_name"}
        super().save(*args, **kwargs)

    def __str__(self):
        return self.get_full_name()

    def get_full_name(self):
        if self.erased_at:
            return str(REMOVED_PERSON)
        return self.full_name or self.email

    def get_short_name(self):
        if self.erased_at:
            return str(REMOVED_PERSON)
        return self.first_name or (self.full_name.split(" ")[0] if self.full_name else self.email)


class ConsentPurpose(models.TextChoices):
    """What a person agrees to. SERVICE is the platform's use of their information to let them
    take part in their coalitions (required to have an account); the others are optional,
    off until the person turns them on, and can be withdrawn at any time."""

    SERVICE = "service", _("Use of my information to take part in my coalitions, as the privacy policy describes")
    WEEKLY_SUMMARY = "weekly_summary", _("Receive the weekly summary by email")
    DIRECTORY = "directory", _("Appear in the members' directory with my contact details")


OPTIONAL_PURPOSES = (ConsentPurpose.WEEKLY_SUMMARY, ConsentPurpose.DIRECTORY)


class ConsentSource(models.TextChoices):
    SIGNUP = "signup", _("Sign-up")
    INVITATION = "invitation", _("Invitation accepted")
    PROFILE = "profile", _("Profile")
    NEW_POLICY = "new_policy", _("New privacy policy")


@audited()
class Consent(models.Model):
    """One decision of a person about one purpose: given or withdrawn, under a policy version,
    on a date. Rows are only added, never changed: the latest row per purpose is in force."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents",
                             verbose_name=_("person"))
    purpose = models.CharField(_("purpose"), max_length=30, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("given"))
    policy_version = models.CharField(_("policy version"), max_length=20)
    source = models.CharField(_("where"), max_length=20, choices=ConsentSource.choices)
    recorded_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["user", "purpose", "-recorded_at"], name="consent_latest")]

    def __str__(self):
        return f"{self.purpose}: {self.granted}"


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
    # A coalition value (indicators.IndicatorRollup) is complete, and shown as the coalition's
    # result, once this share of the organisations expected to report it is counted.
    completeness_threshold = models.PositiveSmallIntegerField(
        _("completeness threshold (%)"), default=100, db_default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A period counts as the coalition's result once this share of the organizations that "
                    "report an indicator have an approved value; before that it is shown as partial. "
                    "100: every organization."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    EDIT_FIELDS = ("name", "territory", "description", "default_language", "time_zone", "fiscal_year_start_month",
                   "completeness_threshold")

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fiscal_year_start_month__gte=1, fiscal_year_start_month__lte=12),
                name="coalition_fiscal_year_start_month_1_to_12",
            ),
            models.CheckConstraint(
                condition=Q(completeness_threshold__gte=1, completeness_threshold__lte=100),
                name="coalition_completeness_threshold_1_to_100",
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


ERASURE_EVENT = "erasure"  # a member's identity erased (Law 25): the audit trail keeps the reason


@audited(pghistory.ManualEvent(ERASURE_EVENT))
class Membership(TenantModel):  # type: ignore[django-manager-missing]  # see User
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


def secret_status(*, revoked_at, expires_at) -> str:
    """"revoked", "expired" or "active": the state of a secret that expires and can be revoked
    (an API token, a report's share link)."""
    if revoked_at:
        return "revoked"
    if expires_at <= timezone.now():
        return "expired"
    return "active"


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


# Personal access tokens of the REST API (issue 14) ---------------------------------------------

API_TOKEN_PREFIX = "cct_"


@audited(exclude=["token_hash", "token_start", "last_used_at"])
class ApiToken(TenantModel):
    """A person's personal access token to the REST API of one coalition.

    It belongs to a membership and dies with it: deactivating the member revokes it, deleting the
    membership deletes it. The token itself is shown once, when it is created; the database keeps
    its SHA-256 only (``hash_token``), and its first characters so that the person recognises it."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("member")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("person")
    )
    name = SingleLineCharField(
        _("name"), max_length=100,
        help_text=_("What the token is for, e.g. the tool or the spreadsheet that uses it."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_start = models.CharField(max_length=12, editable=False)
    can_write = models.BooleanField(_("read and write"), default=False)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires on"))
    last_used_at = models.DateTimeField(_("last used on"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["coalition", "user", "-created_at"], name="api_token_by_owner")]

    def __str__(self):
        return self.name

    @property
    def status(self) -> str:
        return secret_status(revoked_at=self.revoked_at, expires_at=self.expires_at)
# Privacy (Québec's private-sector act as amended by Law 25) ------------------------------


@audited(exclude=["updated_at"])
class PrivacySettings(TenantModel):
    """What a coalition says about the personal information it holds: the person in charge of
    its protection and how to reach them (shown on the coalition's privacy page). One row per
    coalition, written on the first save of its privacy settings; until then the defaults apply
    (``coalitions.privacy.privacy_settings``)."""

    coalition = models.OneToOneField(
        Coalition, on_delete=models.CASCADE, related_name="privacy_settings", verbose_name=_("coalition"),
    )
    officer_name = SingleLineCharField(
        _("name or title"), max_length=200, blank=True,
        help_text=_("The person in charge of the protection of personal information, by name or by title "
                    "(for example « Direction générale »). Left empty, the page says that the person with "
                    "the highest authority in the coalition holds this role."),
    )
    officer_email = models.EmailField(_("email address"), blank=True)
    officer_phone = SingleLineCharField(_("telephone"), max_length=50, blank=True)
    officer_other = models.TextField(
        _("other ways to reach them"), blank=True, help_text=_("A mailing address, office hours…"),
    )
    # kind of data (coalitions.retention.KINDS) -> days kept; a kind not listed keeps its default
    retention_days = models.JSONField(_("retention periods"), default=dict, blank=True)
    small_number_threshold = models.PositiveSmallIntegerField(
        _("small numbers threshold"), default=5, validators=[MinValueValidator(3), MaxValueValidator(20)],
        help_text=_("Counts of people or families below this number are shown to funders as “fewer than” it, "
                    "in dashboards, reports, snapshots, share links and exports (from 3 to 20)."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    OFFICER_FIELDS = ("officer_name", "officer_email", "officer_phone", "officer_other")
    EDIT_FIELDS = (*OFFICER_FIELDS, "retention_days", "small_number_threshold")

    class Meta:
        verbose_name = _("privacy settings")
        verbose_name_plural = _("privacy settings")

    def __str__(self):
        return str(self.coalition_id)


class IncidentNature(models.TextChoices):
    """The kinds of confidentiality incident the act names (s. 3.6)."""

    ACCESS = "access", _("Access not authorized by law")
    USE = "use", _("Use not authorized by law")
    DISCLOSURE = "disclosure", _("Disclosure not authorized by law")
    LOSS = "loss", _("Loss of personal information")
    OTHER = "other", _("Other breach of the protection of personal information")


INCIDENT_KEPT_YEARS = 5  # the register is kept at least five years after an incident is recorded


@audited(exclude=["updated_at"])
class ConfidentialityIncident(TenantModel):
    """One entry of the coalition's register of confidentiality incidents (Law 25): what happened,
    what personal information and how many people it concerns, whether it risks serious injury,
    what was done, and whether and when the Commission d'accès à l'information and the people
    concerned were notified. Kept at least five years: a database trigger refuses to delete an
    entry recorded less than INCIDENT_KEPT_YEARS ago (the coalition's own deletion included)."""

    occurred_on = models.DateField(
        _("date of the incident"), help_text=_("When it happened, or began, as far as is known."),
    )
    discovered_on = models.DateField(_("date of discovery"))
    discovery = models.TextField(_("how it was discovered"))
    nature = models.CharField(_("nature of the incident"), max_length=20, choices=IncidentNature.choices)
    description = models.TextField(_("what happened"))
    information_concerned = models.TextField(
        _("personal information concerned"),
        help_text=_("The kinds of information, e.g. names and email addresses of members; "
                    "never the information itself."),
    )
    people_count = models.PositiveIntegerField(
        _("number of people concerned"), help_text=_("Your best estimate if the exact number is not known."),
    )
    serious_risk = models.BooleanField(
        _("risk of serious injury"), default=False,
        help_text=_("Tick if the incident presents a risk of serious injury to the people concerned: then the "
                    "Commission and the people must be notified promptly."),
    )
    risk_assessment = models.TextField(
        _("assessment of the risk"),
        help_text=_("How sensitive the information is, what use could be made of it, how likely harm is."),
    )
    measures = models.TextField(
        _("measures taken"), help_text=_("To reduce the risk of harm and prevent a new incident."),
    )
    commission_notified_on = models.DateField(_("Commission notified on"), null=True, blank=True)
    people_notified_on = models.DateField(_("people notified on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded on"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    EDIT_FIELDS = (
        "occurred_on", "discovered_on", "discovery", "nature", "description", "information_concerned",
        "people_count", "serious_risk", "risk_assessment", "measures", "commission_notified_on", "people_notified_on",
    )

    class Meta:
        verbose_name = _("confidentiality incident")
        verbose_name_plural = _("confidentiality incidents")
        ordering = ["-discovered_on", "-pk"]
        indexes = [models.Index(fields=["coalition", "-discovered_on", "-id"], name="incident_register_order")]
        triggers = [
            pgtrigger.Protect(
                name="incident_kept_five_years", operation=pgtrigger.Delete,
                condition=pgtrigger.Condition(
                    f"OLD.created_at > NOW() - INTERVAL '{INCIDENT_KEPT_YEARS} years'"
                ),
            ),
        ]

    def __str__(self):
        return f"{self.discovered_on.isoformat()} {self.get_nature_display()}"

    @property
    def awaiting_notice(self) -> bool:
        """A risk of serious injury that the Commission or the people have not been told of yet."""
        return self.serious_risk and (self.commission_notified_on is None or self.people_notified_on is None)


class RetentionRun(TenantModel):
    """What the nightly retention job did in a coalition, per day and kind of data: how many
    rows or files it deleted, anonymised or deactivated. Counts only, never what they held."""

    ran_on = models.DateField(_("date"))
    kind = models.CharField(_("kind of data"), max_length=40)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["-ran_on", "kind"]
        constraints = [models.UniqueConstraint(fields=["coalition", "ran_on", "kind"], name="retention_run_once_a_day")]

    def __str__(self):
        return f"{self.ran_on} {self.kind} {self.count}"


class InactivityNotice(TenantModel):
    """The warning emailed to a member who has not signed in for a long time, before the
    retention job deactivates their membership. Written before the email is sent (the claim:
    ``emailed_at``), deleted when they sign in again or are deactivated."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="inactivity_notice")
    warned_at = models.DateTimeField()
    emailed_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"{self.membership_id} {self.warned_at:%Y-%m-%d}"


class DownloadKind(models.TextChoices):
    MEMBERS = "members", _("Members list")
    ACTIVITIES = "activities", _("Activities export")
    ATTACHMENT = "attachment", _("Activity attachment")
    INCIDENTS = "incidents", _("Register of confidentiality incidents")


class PersonalDataDownload(TenantModel):
    """Who downloaded personal information, and when (Law 25: who saw what): the members list,
    an activities export, an activity's attachment, the incident register. Written by the view
    that serves the file (``coalitions.privacy.record_download``), read by coordinators on the
    audit page. Never changed; the person is kept as a key (SET_NULL when their account goes)."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                              verbose_name=_("who"))
    kind = models.CharField(_("what"), max_length=20, choices=DownloadKind.choices)
    detail = SingleLineCharField(_("details"), max_length=200, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), null=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["coalition", "-created_at", "-id"], name="download_log_order")]

    def __str__(self):
        return f"{self.kind} {self.created_at:%Y-%m-%d}"


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Failed")


EXPORT_STALE_AFTER = timedelta(hours=2)  # an export still waiting or running after this long died with its worker


def export_upload_to(job, filename: str) -> str:
    # Under the coalition's folder, which the retention job walks (coalitions.retention)
    return f"exports/{job.coalition_id}/{filename}"


@audited(exclude=["progress"])
class ExportJob(TenantModel):
    """A large XLSX export built by a Celery job (coalitions.export_jobs) and offered as a
    download when ready: what kind of export, with which filters, for whom. The file is kept a
    few days (retention kind ``export_files``). Audited on its creation and each change of
    status; the progress, changed every few thousand rows, is not."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("requested by"))
    kind = models.CharField(_("export"), max_length=40)
    parameters = models.JSONField(_("filters"), default=dict, blank=True)
    language = models.CharField(max_length=8, default="fr")  # of the headers, the requester's
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    progress = models.PositiveIntegerField(default=0)  # rows written, at the end (the job's progress is in the cache)
    row_count = models.PositiveIntegerField(_("rows"), null=True)
    file = models.FileField(upload_to=export_upload_to, blank=True, max_length=300)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [models.Index(fields=["coalition", "created_at"], name="export_job_age")]
        constraints = [
            # A double click, or two tabs, cannot start the same export twice (export_request).
            models.UniqueConstraint(fields=["coalition", "requested_by", "kind", "parameters"],
                                    condition=Q(status__in=["pending", "running"]), name="export_job_once_at_a_time"),
        ]

    def __str__(self):
        return f"{self.kind} {self.created_at:%Y-%m-%d}"

    @property
    def is_running(self) -> bool:
        """Waiting or running, and not for so long that its worker must have died (its page
        then says it failed rather than wait forever; the next request marks it failed)."""
        return (self.status in (ExportStatus.PENDING, ExportStatus.RUNNING)
                and self.created_at > timezone.now() - EXPORT_STALE_AFTER)
