"""Meetings, who is invited and answers, the decisions taken and their follow-ups."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalitions.fields import SingleLineCharField
from coalitions.models import audited
from coalitions.tenancy import TenantModel

from .governance import GovernanceBody

USER = settings.AUTH_USER_MODEL


class MeetingKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", _("General assembly")
    STEERING = "steering_committee", _("Steering committee")
    WORKING = "working_group", _("Working group")
    OTHER = "other", _("Other")


@audited(exclude=["sequence"])
class Meeting(TenantModel):
    title = SingleLineCharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    body = models.ForeignKey(
        GovernanceBody, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings",
        verbose_name=_("governance body"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=120)
    place = SingleLineCharField(_("place"), max_length=300, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One agenda item per line."))
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    shared_with_funders = models.BooleanField(
        _("shared with funders"), default=False,
        help_text=_("Funders then also see the agenda, attendance, minutes, follow-ups and comments."),
    )
    invited_organizations = models.ManyToManyField(
        "coalitions.Organization", blank=True, related_name="+", verbose_name=_("invited organizations")
    )
    # People invited by name; the invitees (Invitee rows) are these plus the active members of
    # the invited organisations.
    invited_people = models.ManyToManyField(USER, blank=True, related_name="+", verbose_name=_("invited people"))
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    EDIT_FIELDS = ("title", "kind", "starts_at", "duration_minutes", "place", "video_url", "agenda", "body",
                   "shared_with_funders", "invited_organizations", "invited_people")
    MINUTES_FIELDS = ("minutes",)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index("coalition", "starts_at", name="meeting_coalition_start")]

    def __str__(self):
        return self.title

    @property
    def ends_at(self):
        from datetime import timedelta

        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def title_with_kind(self) -> str:
        """« Rencontre des partenaires — Assemblée générale », but a title that already names its
        kind (« Comité de pilotage ») is not followed by it again."""
        kind = str(self.get_kind_display())
        return self.title if kind.casefold() in self.title.casefold() else f"{self.title} — {kind}"

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class Rsvp(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    MAYBE = "maybe", _("Maybe")


@audited()
class Invitee(TenantModel):
    """A person invited to a meeting (directly or through an invited organisation)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    rsvp = models.CharField(_("answer"), max_length=10, choices=Rsvp.choices, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True)

    class Meta:
        verbose_name = _("invited person")
        verbose_name_plural = _("invited people")
        constraints = [models.UniqueConstraint("meeting", "user", name="invitee_once_per_meeting")]


@audited()
class Decision(TenantModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("decision"))
    # The action of the plan this decision created or changed, shown on both pages.
    action = models.ForeignKey(
        "conditions.Action", on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions",
        verbose_name=_("action of the plan"),
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint("meeting", "number", name="decision_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


@audited()
class FollowUp(TenantModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )
    what = SingleLineCharField(_("what"), max_length=300)
    assignee_user = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("person responsible")
    )
    assignee_organization = models.ForeignKey(
        "coalitions.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("organization responsible"),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        indexes = [models.Index("coalition", "status", "due_on", name="followup_open_due")]

    def __str__(self):
        return self.what

    @property
    def assignee(self):
        return self.assignee_user or self.assignee_organization
