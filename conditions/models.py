"""Conditions 1 and 2: the common agenda (versions, priorities, theory of change, endorsements)
and the action plan (plans, actions, partners' activities). Every model is tenant-owned."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coalitions.fields import SingleLineCharField
from coalitions.models import Organization, audited
from coalitions.tenancy import TenantModel

# A budget or a cost above this is a typing mistake, not a community project (CAD).
MAX_AMOUNT = Decimal("100000000")
MAX_COUNT = 1_000_000
MAX_HOURS = Decimal("100000")


# Common agenda -----------------------------------------------------------------------


@audited()
class Priority(TenantModel):
    """A strategic priority ("orientation") of the coalition; actions are tied to priorities."""

    title = SingleLineCharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    EDIT_FIELDS = ("title", "description")

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint("coalition", models.functions.Lower("title"), name="priority_unique_title"),
        ]

    def __str__(self):
        return self.title


@audited(exclude=["updated_at"])
class AgendaVersion(TenantModel):
    """The common agenda. The row without a number is the coordinators' draft; publishing it
    gives it the next number, and it never changes again."""

    number = models.PositiveIntegerField(_("version"), null=True, blank=True)
    problem = models.TextField(
        _("problem"), blank=True, help_text=_("The problem as the coalition understands it, in its own words.")
    )
    target_population = models.TextField(_("target population"), blank=True)
    territory = models.TextField(_("territory"), blank=True)
    vision = models.TextField(_("vision of change"), blank=True)
    long_term_outcomes = models.TextField(
        _("long-term outcomes"), blank=True,
        help_text=_("The population-level results sought, one per line."),
    )
    guiding_principles = models.TextField(
        _("guiding principles"), blank=True,
        help_text=_("One principle per line, e.g. participation, equity between partners."),
    )
    # Priorities are live rows (actions link to them); a published version keeps them as they were.
    priorities_snapshot = models.JSONField(default=list, blank=True)
    change_summary = models.TextField(_("summary of changes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("published by"),
    )

    TEXT_FIELDS = ("problem", "target_population", "territory", "vision", "long_term_outcomes", "guiding_principles")
    EDIT_FIELDS = (*TEXT_FIELDS, "theory_of_change_text")
    EDIT_LABELS = {"theory_of_change_text": _("Theory of change")}

    class Meta:
        verbose_name = _("agenda version")
        verbose_name_plural = _("agenda versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint("coalition", "number", name="agenda_version_unique_number"),
            models.UniqueConstraint(
                "coalition", condition=Q(number__isnull=True), name="agenda_version_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(published_at__isnull=False), name="agenda_version_published_at"
            ),
        ]

    def __str__(self):
        return str(_("Draft")) if self.number is None else str(_("Version %(number)s") % {"number": self.number})

    @property
    def is_draft(self) -> bool:
        return self.number is None

    def theory_of_change_text(self) -> str:
        """The theory of change as the draft form shows it, one chain per line."""
        if self.pk is None:
            return ""
        from .selectors import chains_text

        return chains_text(self)

    def principles_list(self) -> list[str]:
        return [line.strip() for line in self.guiding_principles.splitlines() if line.strip()]

    def outcomes_list(self) -> list[str]:
        return [line.strip() for line in self.long_term_outcomes.splitlines() if line.strip()]


class StatementKind(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    INTERMEDIATE = "intermediate", _("Intermediate outcome")
    LONG_TERM = "long_term", _("Long-term outcome")


KIND_ORDER = [StatementKind.STRATEGY, StatementKind.INTERMEDIATE, StatementKind.LONG_TERM]


@audited()
class TheoryOfChangeStatement(TenantModel):
    """One statement of the theory of change: a strategy, an intermediate or a long-term outcome."""

    version = models.ForeignKey(AgendaVersion, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(_("kind"), max_length=20, choices=StatementKind.choices)
    text = models.CharField(_("statement"), max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("theory of change statement")
        verbose_name_plural = _("theory of change statements")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint("version", "kind", "text", name="statement_unique_per_version"),
        ]

    def __str__(self):
        return self.text


@audited()
class TheoryOfChangeLink(TenantModel):
    """"This statement leads to that one": strategy -> intermediate -> long-term outcome."""

    version = models.ForeignKey(AgendaVersion, on_delete=models.CASCADE, related_name="links")
    source = models.ForeignKey(TheoryOfChangeStatement, on_delete=models.CASCADE, related_name="outgoing")
    target = models.ForeignKey(TheoryOfChangeStatement, on_delete=models.CASCADE, related_name="incoming")

    class Meta:
        verbose_name = _("theory of change link")
        verbose_name_plural = _("theory of change links")
        constraints = [
            models.UniqueConstraint("source", "target", name="link_unique"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="link_not_to_itself"),
        ]


@audited()
class Endorsement(TenantModel):
    """An organisation's endorsement ("adhésion") of one published agenda version."""

    version = models.ForeignKey(AgendaVersion, on_delete=models.CASCADE, related_name="endorsements")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="agenda_endorsements")
    comment = models.TextField(_("comment"), blank=True)
    with_reservations = models.BooleanField(
        _("with reservations"), default=False,
        help_text=_("Check if the organization endorses the agenda with reservations; explain them in the comment."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    on_behalf = models.BooleanField(
        _("recorded on the organization's behalf"), default=False,
        help_text=_("Recorded by the coordination team, e.g. for an endorsement given in a meeting."),
    )
    created_at = models.DateTimeField(_("endorsed on"), auto_now_add=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint("version", "organization", name="endorsement_one_per_version"),
        ]


@audited()
class EndorsementRequest(TenantModel):
    """The request sent to a person of a partner organisation when a version is published
    (round 0), or when a coordinator sends a reminder (round 1, 2, ...): the organisation's
    representative, or else each of its active members. An organisation with nobody to ask
    gets one row without a recipient, so the version page can say it was not reachable.
    The row exists before the email, so the email goes out once even if the task runs twice."""

    version = models.ForeignKey(AgendaVersion, on_delete=models.CASCADE, related_name="requests")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    round = models.PositiveSmallIntegerField(default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "version", "organization", "recipient", "round", nulls_distinct=False,
                name="endorsement_request_once_per_round",
            ),
        ]


# Consultation on a draft -----------------------------------------------------------


class ConsultationSection(models.TextChoices):
    """The parts of the agenda partners answer on (the keys of selectors.version_texts)."""

    PROBLEM = "problem", _("Problem")
    TARGET_POPULATION = "target_population", _("Target population")
    TERRITORY = "territory", _("Territory")
    VISION = "vision", _("Vision of change")
    LONG_TERM_OUTCOMES = "long_term_outcomes", _("Long-term outcomes")
    THEORY_OF_CHANGE = "theory_of_change", _("Theory of change")
    PRIORITIES = "priorities", _("Strategic priorities")
    GUIDING_PRINCIPLES = "guiding_principles", _("Guiding principles")


class Position(models.TextChoices):
    AGREE = "agree", _("Agree")
    RESERVATION = "reservation", _("Agree with reservations")
    OBJECTION = "objection", _("Objection")


@audited(exclude=["updated_at"])
class Consultation(TenantModel):
    """The partners' consultation on a draft of the agenda, until a closing date. It keeps the
    texts as the partners read them; the coordinators may go on editing the draft meanwhile. The
    draft row becomes the published version, which then shows the consultation's summary."""

    version = models.OneToOneField(AgendaVersion, on_delete=models.CASCADE, related_name="consultation")
    closes_on = models.DateField(_("closing date"))
    message = models.TextField(_("message to the partners"), blank=True)
    sections = models.JSONField(default=dict)  # section key -> the text consulted
    links = models.JSONField(default=list)  # [[source, target], ...]: the theory of change's links consulted
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    summary = models.TextField(_("summary of the consultation"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self):
        return str(_("Consultation on the draft agenda"))

    def is_open_on(self, day) -> bool:
        return self.closed_at is None and day <= self.closes_on


@audited(exclude=["updated_at"])
class ConsultationResponse(TenantModel):
    """An organisation's position on one section of the consulted draft; the last answer of its
    people stands (its history is in the audit trail). The coordination team answers reservations
    and objections."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="consultation_responses",
                                     verbose_name=_("organization"))
    section = models.CharField(_("section"), max_length=30, choices=ConsultationSection.choices)
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    reason = models.TextField(_("reason"), blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     related_name="+")
    on_behalf = models.BooleanField(
        _("recorded on the organization's behalf"), default=False,
        help_text=_("Recorded by the coordination team, e.g. for a position given in a meeting."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    answer = models.TextField(_("answer of the coordination team"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")
        constraints = [
            models.UniqueConstraint("consultation", "organization", "section", name="consultation_response_once"),
            models.CheckConstraint(condition=Q(position="agree") | ~Q(reason=""),
                                   name="consultation_response_reason"),
        ]


@audited()
class ConsultationComment(TenantModel):
    """A comment on one section of the consulted draft, or on one link of its theory of change
    (its index in Consultation.links)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=30, choices=ConsultationSection.choices, blank=True)
    link = models.PositiveSmallIntegerField(_("theory of change link"), null=True, blank=True)
    organization = models.ForeignKey(Organization, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=(Q(section="") & Q(link__isnull=False))
                                   | (~Q(section="") & Q(link__isnull=True)), name="consultation_comment_on_one_thing"),
        ]


# Harmonised practices ------------------------------------------------------------------


class PracticeKind(models.TextChoices):
    COMMON_MESSAGE = "message", _("Common message")
    SHARED_TOOL = "tool", _("Shared tool")
    WELCOMING = "welcoming", _("Welcoming")
    SUPPORT = "support", _("Support")
    REFERRAL = "referral", _("Referral")


@audited(exclude=["updated_at"])
class Practice(TenantModel):
    """A practice the partners agree to share ("les mêmes messages, les mêmes outils"): a common
    message, a shared tool, a way of welcoming, supporting or referring families. Archived, it
    leaves the lists; its history stays."""

    kind = models.CharField(_("kind"), max_length=20, choices=PracticeKind.choices)
    title = SingleLineCharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    priorities = models.ManyToManyField(Priority, related_name="practices", blank=True, verbose_name=_("priorities"))
    # Resources of the coordination library (another app: read through its selectors, so no
    # foreign key to its table); ids of items deleted since are skipped when read.
    library_item_ids = ArrayField(models.PositiveIntegerField(), default=list, blank=True,
                                  verbose_name=_("library resources"))
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    EDIT_FIELDS = ("kind", "title", "description", "priorities", "library_item_ids")
    EDIT_LABELS = {"library_item_ids": _("Library resources")}

    class Meta:
        verbose_name = _("shared practice")
        verbose_name_plural = _("shared practices")
        ordering = ["kind", "title", "pk"]
        constraints = [
            models.UniqueConstraint("coalition", models.functions.Lower("title"), name="practice_unique_title"),
        ]

    def __str__(self):
        return self.title


class AdoptionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    PLANNED = "planned", pgettext_lazy("practice adoption", "Planned")
    IN_PLACE = "in_place", _("In place")
    ADAPTED = "adapted", _("Adapted")


ADOPTED = (AdoptionStatus.IN_PLACE, AdoptionStatus.ADAPTED)  # what counts as adopted


@audited(exclude=["updated_at"])
class PracticeAdoption(TenantModel):
    """Where a partner organisation stands with a shared practice, since when. One row per
    organisation and practice; each change is an audit event, which the board reads for the
    change over time (the status in force on a day: the last one recorded with ``since`` on or
    before it)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="adoptions",
                                 verbose_name=_("practice"))
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="practice_adoptions",
                                     verbose_name=_("organization"))
    status = models.CharField(_("status"), max_length=20, choices=AdoptionStatus.choices)
    since = models.DateField(_("since"), help_text=_("The day this status took effect, as near as you know."))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    on_behalf = models.BooleanField(_("recorded on the organization's behalf"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    EDIT_FIELDS = ("status", "since", "note")

    class Meta:
        verbose_name = _("practice adoption")
        verbose_name_plural = _("practice adoptions")
        constraints = [
            models.UniqueConstraint("practice", "organization", name="practice_adoption_once"),
        ]


@audited()
class ReferralPath(TenantModel):
    """Under a priority, one organisation refers families to another ("trajectoire de
    référence")."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="referral_paths",
                                 verbose_name=_("priority"))
    from_organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="referrals_made",
                                          verbose_name=_("refers families"))
    to_organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="referrals_received",
                                        verbose_name=_("to"))
    note = models.CharField(_("how"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("referral path")
        verbose_name_plural = _("referral paths")
        constraints = [
            models.UniqueConstraint("priority", "from_organization", "to_organization", name="referral_path_once"),
            models.CheckConstraint(condition=~Q(from_organization=F("to_organization")),
                                   name="referral_path_not_to_itself",
                                   violation_error_message=_("An organization does not refer families to itself.")),
        ]


# Action plan -------------------------------------------------------------------------


@audited()
class ActionPlan(TenantModel):
    title = SingleLineCharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    EDIT_FIELDS = ("title", "start_date", "end_date", "description")

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="plan_end_after_start"),
        ]

    def __str__(self):
        return self.title


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("action status", "Done")
    ON_HOLD = "on_hold", _("On hold")
    CANCELLED = "cancelled", _("Cancelled")


class ReviewStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


def _amount(verbose):
    return models.DecimalField(
        verbose, max_digits=12, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)],
    )


@audited()
class Action(TenantModel):
    """A concerted action of the plan ("action concertée")."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan"))
    title = SingleLineCharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    priorities = models.ManyToManyField(Priority, related_name="actions", verbose_name=_("priorities"))
    lead_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="led_actions", verbose_name=_("lead organization")
    )
    contributing_organizations = models.ManyToManyField(
        Organization, related_name="contributed_actions", blank=True, verbose_name=_("contributing organizations")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    planned_budget = _amount(_("planned budget (CAD)"))
    spent_budget = _amount(_("spent budget (CAD)"))
    expected_results = models.TextField(_("expected results"), blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    review_status = models.CharField(
        _("decision"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.ACCEPTED
    )
    review_note = models.TextField(_("decision note"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    EDIT_FIELDS = ("plan", "title", "description", "priorities", "lead_organization", "contributing_organizations",
                   "start_date", "end_date", "status", "planned_budget", "spent_budget", "expected_results", "progress")

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="action_end_after_start"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_percent"),
            models.CheckConstraint(
                condition=Q(planned_budget__gte=0, spent_budget__gte=0), name="action_budget_not_negative"
            ),
        ]

    def __str__(self):
        return self.title


def activity_upload_to(activity, filename: str) -> str:
    return f"conditions/activities/{activity.coalition_id}/{filename}"


@audited()
class Activity(TenantModel):
    """What an organisation actually did under an action ("activité réalisée")."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="activities", verbose_name=_("action"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="activities", verbose_name=_("organization")
    )
    date = models.DateField(_("date"))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("For an activity over several days."))
    description = models.TextField(_("description"))
    people_reached = models.PositiveIntegerField(
        _("people reached"), default=0, validators=[MaxValueValidator(MAX_COUNT)]
    )
    families_reached = models.PositiveIntegerField(
        _("families reached"), default=0, validators=[MaxValueValidator(MAX_COUNT)]
    )
    hours = models.DecimalField(
        _("hours"), max_digits=8, decimal_places=1, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_HOURS)],
    )
    cost = _amount(_("cost (CAD)"))
    attachment = models.FileField(_("attachment"), upload_to=activity_upload_to, blank=True, max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    EDIT_FIELDS = ("action", "organization", "date", "end_date", "description", "people_reached", "families_reached",
                   "hours", "cost", "attachment")

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")), name="activity_end_after_start"
            ),
            models.CheckConstraint(condition=Q(cost__gte=0, hours__gte=0), name="activity_not_negative"),
        ]
        indexes = [models.Index(fields=["coalition", "date"], name="activity_coalition_date")]

    def __str__(self):
        return f"{self.date} · {self.description[:60]}"
