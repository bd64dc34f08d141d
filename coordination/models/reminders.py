"""Reminder settings and the reminders sent (at most once each)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalitions.models import audited
from coalitions.tenancy import TenantModel

USER = settings.AUTH_USER_MODEL


@audited()
class ReminderSettings(TenantModel):
    """Each coalition sets its own reminder delays and may turn each kind off."""

    meeting_enabled = models.BooleanField(_("remind invitees before a meeting"), default=True)
    meeting_days_before = models.PositiveSmallIntegerField(_("days before the meeting"), default=1)
    minutes_enabled = models.BooleanField(_("remind coordinators to publish the minutes"), default=True)
    minutes_days_after = models.PositiveSmallIntegerField(_("days after the meeting"), default=2)
    follow_up_enabled = models.BooleanField(_("remind assignees of follow-ups"), default=True)
    follow_up_days_before = models.PositiveSmallIntegerField(_("days before a follow-up is due"), default=3)
    weekly_summary_enabled = models.BooleanField(_("send a weekly summary"), default=True)
    indicator_enabled = models.BooleanField(_("remind organizations to report their indicator values"), default=True)
    indicator_days_before = models.PositiveSmallIntegerField(_("days before a reporting period is due"), default=7)
    indicator_escalation_days = models.PositiveSmallIntegerField(
        _("days late before the coordinators are told"), default=7)
    endorsement_enabled = models.BooleanField(
        _("remind representatives to endorse the current agenda"), default=True)
    endorsement_days_after = models.PositiveSmallIntegerField(_("days after the agenda is published"), default=7)

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")
        constraints = [models.UniqueConstraint("coalition", name="reminder_settings_once")]


class ReminderKind(models.TextChoices):
    MEETING = "meeting", _("Meeting reminder")
    MINUTES = "minutes", _("Minutes reminder")
    FOLLOW_UP_SOON = "follow_up_soon", _("Follow-up due soon")
    FOLLOW_UP_DUE = "follow_up_due", _("Follow-up due today")
    INVITATION = "invitation", _("Meeting invitation")
    WEEKLY_SUMMARY = "weekly_summary", _("Weekly summary")
    INDICATOR_SOON = "indicator_soon", _("Indicator values due soon")
    INDICATOR_LATE = "indicator_late", _("Indicator values late")
    INDICATOR_ESCALATION = "indicator_escalation", _("Late values, to the coordinators")
    ENDORSEMENT = "endorsement", _("Agenda endorsement reminder")
    CONSULTATION = "consultation", _("Consultation closing soon")


class SentReminder(TenantModel):
    """The exactly-once key of a reminder: written (and committed) before the email is sent,
    marked delivered after it. A claim left undelivered by a worker that died in between is
    given back after a while (services.claims.release_stale_claims), so a later run sends it."""

    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    subject = models.CharField(max_length=100)  # e.g. "meeting:12"
    period = models.CharField(max_length=40)  # e.g. the due date, or the meeting's sequence
    claimed_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("recipient", "subject", "kind", "period", name="sent_reminder_once")
        ]
        # Every reminder run looks for stale claims: only the few undelivered rows are indexed.
        indexes = [models.Index("coalition", "claimed_at", name="sent_reminder_undelivered",
                                condition=Q(delivered_at__isnull=True))]
