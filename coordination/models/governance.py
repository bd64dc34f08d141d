"""The coalition's governance: its bodies and the backbone team."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalitions.fields import SingleLineCharField
from coalitions.models import audited
from coalitions.tenancy import TenantModel

USER = settings.AUTH_USER_MODEL


class BodyKind(models.TextChoices):
    STEERING = "steering_committee", _("Steering committee")
    WORKING = "working_group", _("Working group")
    OTHER = "other", _("Other")


@audited()
class GovernanceBody(TenantModel):
    """A governance body of the coalition: its steering committee, a working group..."""

    name = SingleLineCharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices, default=BodyKind.WORKING)
    mandate = models.TextField(_("mandate"), blank=True, help_text=_("What the body is responsible for."))
    members = models.ManyToManyField(USER, blank=True, related_name="+", verbose_name=_("people"))
    organizations = models.ManyToManyField(
        "coalitions.Organization", blank=True, related_name="+", verbose_name=_("organizations")
    )

    EDIT_FIELDS = ("name", "kind", "mandate", "members", "organizations")

    class Meta:
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")
        ordering = ["name"]

    def __str__(self):
        return self.name


@audited()
class TeamMember(TenantModel):
    """A person of the backbone's coordination team, with their role in it."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    title = SingleLineCharField(_("role in the team"), max_length=150)
    responsibilities = models.TextField(_("responsibilities"), blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["title"]
        constraints = [models.UniqueConstraint("coalition", "user", name="team_member_once")]

    def __str__(self):
        return f"{self.user} — {self.title}"
