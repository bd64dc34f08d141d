"""Conditions 4 and 5: continuous communication and backbone support.

Every model is tenant-owned (coalitions.tenancy.TenantModel). Writes go through services.py.
"""

import unicodedata
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalitions.fields import SingleLineCharField
from coalitions.models import Role, audited
from coalitions.tenancy import TenantModel

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


# Governance ----------------------------------------------------------------------------


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


# Meetings ------------------------------------------------------------------------------


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


@audited(exclude=["key", "last_fetched_at"])
class CalendarFeed(TenantModel):
    """A member's private calendar subscription (webcal) to the coalition's meetings.

    Its URL carries ``key`` signed with the SECRET_KEY (coordination.calendar.feed_token), so a
    copy of the database alone does not open it, yet the member can read it again at any time.
    Revoking sets ``revoked_at``; a new URL is a new row. One active feed per member."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    key = models.CharField(max_length=32, unique=True, editable=False)
    only_invited = models.BooleanField(
        _("only the meetings I am invited to"), default=True,
        help_text=_("Otherwise, every meeting of the coalition."),
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    last_fetched_at = models.DateTimeField(_("last read by a calendar"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint("coalition", "user", condition=Q(revoked_at__isnull=True),
                                    name="calendar_feed_one_active_per_member"),
        ]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


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


# Announcements, comments, notifications ------------------------------------------------


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


class Frequency(models.TextChoices):
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
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATELY)

    class Meta:
        constraints = [models.UniqueConstraint("coalition", "user", "kind", name="notification_preference_once")]


# Reminders -----------------------------------------------------------------------------


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


class SentReminder(TenantModel):
    """The exactly-once key of a reminder: written (and committed) before the email is sent,
    marked delivered after it. A claim left undelivered by a worker that died in between is
    given back after a while (services.reminders.release_stale_claims), so a later run sends it."""

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


# Backbone tasks, library, self-assessment ---------------------------------------------


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

    class Meta:
        verbose_name = _("self-assessment round")
        verbose_name_plural = _("self-assessment rounds")
        ordering = ["-opened_at", "-pk"]

    def __str__(self):
        return self.title


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


class AssessmentAnswer(TenantModel):
    """One organisation's score on one statement. Deliberately not in the audit trail: results
    are shown aggregated (hidden below three answers) so that no answer can be identified."""

    question = models.ForeignKey(AssessmentQuestion, on_delete=models.CASCADE, related_name="answers")
    organization = models.ForeignKey("coalitions.Organization", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    answered_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint("question", "organization", name="answer_once_per_organization"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="answer_score_1_to_5"),
        ]
