"""Backbone support: the team's tasks, the resource library and the self-assessment."""

import unicodedata
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalitions.fields import SingleLineCharField
from coalitions.models import Role, audited
from coalitions.tenancy import TenantModel

from .meetings import Meeting

USER = settings.AUTH_USER_MODEL


def unaccent(text: str) -> str:
    """Lowercase, without accents: "Éducation" -> "education" (for the library's search column)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class Condition(models.IntegerChoices):
    AGENDA = 1, _("Common agenda")
    ACTIVITIES = 2, _("Mutually reinforcing activities")
    MEASUREMENT = 3, _("Shared measurement")
    COMMUNICATION = 4, _("Continuous communication")
    BACKBONE = 5, _("Backbone support")


class TaskStatus(models.TextChoices):
    TODO = "todo", _("To do")
    DOING = "doing", _("Doing")
    DONE = "done", _("Done")


@audited()
class BackboneTask(TenantModel):
    title = SingleLineCharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.TODO)
    owner = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks", verbose_name=_("meeting")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    EDIT_FIELDS = ("title", "description", "status", "owner", "due_on", "meeting")

    class Meta:
        verbose_name = _("backbone task")
        verbose_name_plural = _("backbone tasks")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class ResourceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Link")
    TOOL = "tool", _("Tool")


def library_upload_to(instance, filename):
    return f"coordination/library/{instance.coalition_id}/{uuid.uuid4().hex}/{filename}"


@audited(exclude=["search_text"])
class LibraryItem(TenantModel):
    title = SingleLineCharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ResourceKind.choices, default=ResourceKind.DOCUMENT)
    condition = models.PositiveSmallIntegerField(_("condition"), choices=Condition.choices)
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Separated by commas."))
    file = models.FileField(_("file"), upload_to=library_upload_to, blank=True, max_length=300)
    url = models.URLField(_("link"), blank=True)
    added_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Title, description and tags, lowercase and without accents, for a French search.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("library item")
        verbose_name_plural = _("library items")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


@audited()
class AssessmentRound(TenantModel):
    title = SingleLineCharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    # The member roles the coalition asked to answer, chosen when the round is opened: every
    # active person holding one of them answers once.
    roles = ArrayField(models.CharField(max_length=20, choices=Role.choices), verbose_name=_("who answers"),
                       default=list)

    class Meta:
        verbose_name = _("self-assessment round")
        verbose_name_plural = _("self-assessment rounds")
        ordering = ["-opened_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in Role.values if role in (self.roles or ())]


@audited()
class AssessmentQuestion(TenantModel):
    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="questions")
    condition = models.PositiveSmallIntegerField(_("condition"), choices=Condition.choices)
    position = models.PositiveSmallIntegerField()
    text_fr = SingleLineCharField(_("statement (French)"), max_length=300)
    text_en = SingleLineCharField(_("statement (English)"), max_length=300)

    EDIT_FIELDS = ("text_fr", "text_en")

    class Meta:
        ordering = ["condition", "position"]
        constraints = [models.UniqueConstraint("round", "condition", "position", name="question_position_once")]

    def text(self, language: str) -> str:
        return self.text_en if language == "en" else self.text_fr


@audited()
class AssessmentResponse(TenantModel):
    """That one person answered a round, as which role and for which organisation (kept as they
    were when answering, for the results by role and by organisation). In the audit trail: who
    answered and when, never what (the scores are in AssessmentAnswer, which is not audited)."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey("coalitions.Organization", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("self-assessment response")
        verbose_name_plural = _("self-assessment responses")
        constraints = [models.UniqueConstraint("round", "respondent", name="response_once_per_person")]
        indexes = [models.Index(fields=["round", "role"], name="response_round_role")]


class AssessmentAnswer(TenantModel):
    """One person's score on one statement. Deliberately not in the audit trail, and never shown
    one by one (not even to coordinators): results are aggregated and hidden below the coalition's
    small-numbers threshold (coordination.selectors.backbone.min_answers)."""

    response = models.ForeignKey(AssessmentResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(AssessmentQuestion, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("response", "question", name="answer_once_per_response"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="answer_score_1_to_5"),
        ]
