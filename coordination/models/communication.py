"""Announcements, comments on shared things, and notifications with their preferences."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalitions.fields import SingleLineCharField
from coalitions.models import Role, audited
from coalitions.tenancy import TenantModel

from .meetings import Meeting

USER = settings.AUTH_USER_MODEL


class Audience(models.TextChoices):
    ALL = "all", _("All members")
    COORDINATOR = Role.COORDINATOR.value, _("Coordinators")
    PARTNER = Role.PARTNER.value, _("Partners")
    FUNDER = Role.FUNDER.value, _("Funders")


@audited()
class Announcement(TenantModel):
    title = SingleLineCharField(_("title"), max_length=200)
    body = models.TextField(_("message"))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL)
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Pinned announcements stay on top."))
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)

    EDIT_FIELDS = ("title", "body", "audience", "pinned")

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-pinned", "-published_at"]

    def __str__(self):
        return self.title


class AnnouncementRead(TenantModel):
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint("announcement", "user", name="announcement_read_once")]


COMMENT_TARGETS = ("meeting", "announcement", "action", "indicator")


def _exactly_one_of(*fields) -> Q:
    condition = Q()
    for chosen in fields:
        condition |= Q(**{f"{f}__isnull": f != chosen for f in fields})
    return condition


@audited()
class Comment(TenantModel):
    """A comment on a meeting, an announcement, an action of the plan or an indicator;
    @mentions notify the member."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    action = models.ForeignKey(
        "conditions.Action", on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    EDIT_FIELDS = ("body",)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_of(*COMMENT_TARGETS), name="comment_on_one_thing")
        ]


class NotificationKind(models.TextChoices):
    MEETING_INVITATION = "meeting_invitation", _("Meeting invitations and changes")
    MEETING_REMINDER = "meeting_reminder", _("Meeting reminders")
    MINUTES_REMINDER = "minutes_reminder", _("Reminders to publish minutes")
    FOLLOW_UP = "follow_up", _("Follow-ups assigned and due")
    ANNOUNCEMENT = "announcement", _("Announcements")
    MENTION = "mention", _("Mentions in comments")
    WEEKLY_SUMMARY = "weekly_summary", _("Weekly summary by email")
    INDICATOR_REMINDER = "indicator_reminder", _("Indicator reporting reminders")
    ENDORSEMENT_REMINDER = "endorsement_reminder", _("Agenda endorsement reminders")
    CONSULTATION = "consultation", _("Consultations on the draft agenda")


class EmailFrequency(models.TextChoices):
    """How often a person is emailed their notifications."""

    IMMEDIATELY = "immediately", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    NEVER = "never", _("Never")


# What happened, worded when the notification is shown or emailed, in the reader's language.
NOTIFICATION_TEXTS = {
    "follow_up_new": _("New follow-up: %(subject)s"),
    "follow_up_soon": _("Follow-up due soon: %(subject)s"),
    "follow_up_due": _("Follow-up due: %(subject)s"),
    "meeting_soon": _("Meeting soon: %(subject)s"),
    "minutes": _("Publish the minutes of %(subject)s"),
    "announcement": _("Announcement: %(subject)s"),
    "mention": _("%(person)s mentioned you: %(subject)s"),
    "indicator_soon": _("Values to report soon: %(subject)s"),
    "indicator_late": _("Values late: %(subject)s"),
    "indicator_escalation": _("Still not reported: %(subject)s"),
    "endorsement": _("Endorse the common agenda: %(subject)s"),
    "consultation_open": _("Your opinion is sought on the draft agenda, until %(subject)s"),
    "consultation_soon": _("The consultation on the draft agenda closes on %(subject)s"),
    "consultation_answered": _("The coordination team answered your organization: %(subject)s"),
}


class Notification(TenantModel):
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    event = models.CharField(max_length=30, blank=True)  # a key of NOTIFICATION_TEXTS
    title = models.CharField(max_length=300)  # the subject: a meeting's title, a follow-up's "what"...
    actor_name = models.CharField(max_length=150, blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                "coalition", "recipient", name="notification_unread", condition=Q(read_at__isnull=True)
            ),
            # The digests and the sweep of lost emails (send_lost_notification_emails) read only these.
            models.Index("coalition", "created_at", name="notification_not_emailed",
                         condition=Q(emailed_at__isnull=True)),
        ]

    def text(self) -> str:
        template = NOTIFICATION_TEXTS.get(self.event)
        return str(template) % {"subject": self.title, "person": self.actor_name} if template else self.title


class NotificationPreference(TenantModel):
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    frequency = models.CharField(max_length=20, choices=EmailFrequency.choices, default=EmailFrequency.IMMEDIATELY)

    class Meta:
        constraints = [models.UniqueConstraint("coalition", "user", "kind", name="notification_preference_once")]
