"""Factories for every model of coordination/."""

from datetime import timedelta

import factory
from django.utils import timezone

from coordination.models import backbone, communication, governance, meetings, reminders

from ..factories import CoalitionFactory, ModelFactory, UserFactory


class MeetingFactory(ModelFactory):
    class Meta:
        model = meetings.Meeting

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Rencontre {n}")
    kind = meetings.MeetingKind.STEERING
    starts_at = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0))
    duration_minutes = 120
    place = "Salle du conseil"


class InviteeFactory(ModelFactory):
    class Meta:
        model = meetings.Invitee

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    user = factory.SubFactory(UserFactory)


class DecisionFactory(ModelFactory):
    class Meta:
        model = meetings.Decision

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    number = factory.Sequence(lambda n: n + 1)
    text = "Adopter le plan d'action"


class FollowUpFactory(ModelFactory):
    class Meta:
        model = meetings.FollowUp

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    what = factory.Sequence(lambda n: f"Suivi {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))


class AnnouncementFactory(ModelFactory):
    class Meta:
        model = communication.Announcement

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Annonce {n}")
    body = "Bonjour à tous"


class AnnouncementReadFactory(ModelFactory):
    class Meta:
        model = communication.AnnouncementRead

    announcement = factory.SubFactory(AnnouncementFactory)
    coalition = factory.SelfAttribute("announcement.coalition")
    user = factory.SubFactory(UserFactory)


class CommentFactory(ModelFactory):
    class Meta:
        model = communication.Comment

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    body = "Merci pour la rencontre"


class NotificationFactory(ModelFactory):
    class Meta:
        model = communication.Notification

    coalition = factory.SubFactory(CoalitionFactory)
    recipient = factory.SubFactory(UserFactory)
    kind = communication.NotificationKind.ANNOUNCEMENT
    title = factory.Sequence(lambda n: f"Notification {n}")
    url = "/"
    created_at = factory.LazyFunction(timezone.now)


class NotificationPreferenceFactory(ModelFactory):
    class Meta:
        model = communication.NotificationPreference

    coalition = factory.SubFactory(CoalitionFactory)
    user = factory.SubFactory(UserFactory)
    kind = communication.NotificationKind.MEETING_REMINDER
    frequency = communication.EmailFrequency.NEVER


class ReminderSettingsFactory(ModelFactory):
    class Meta:
        model = reminders.ReminderSettings

    coalition = factory.SubFactory(CoalitionFactory)


class SentReminderFactory(ModelFactory):
    class Meta:
        model = reminders.SentReminder

    coalition = factory.SubFactory(CoalitionFactory)
    recipient = factory.SubFactory(UserFactory)
    kind = reminders.ReminderKind.MEETING
    subject = factory.Sequence(lambda n: f"meeting:{n}")
    period = "p"
    claimed_at = factory.LazyFunction(timezone.now)
    delivered_at = factory.LazyAttribute(lambda row: row.claimed_at)


class GovernanceBodyFactory(ModelFactory):
    class Meta:
        model = governance.GovernanceBody

    coalition = factory.SubFactory(CoalitionFactory)
    name = factory.Sequence(lambda n: f"Comité {n}")


class TeamMemberFactory(ModelFactory):
    class Meta:
        model = governance.TeamMember

    coalition = factory.SubFactory(CoalitionFactory)
    user = factory.SubFactory(UserFactory)
    title = "Agente de mobilisation"


class BackboneTaskFactory(ModelFactory):
    class Meta:
        model = backbone.BackboneTask

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Tâche {n}")


class LibraryItemFactory(ModelFactory):
    class Meta:
        model = backbone.LibraryItem

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Ressource {n}")
    kind = backbone.ResourceKind.LINK
    condition = 5
    url = "https://exemple.org/outil"
    search_text = factory.LazyAttribute(lambda o: backbone.unaccent(f"{o.title} {o.description} {o.tags}"))
    description = ""
    tags = ""


class AssessmentRoundFactory(ModelFactory):
    class Meta:
        model = backbone.AssessmentRound

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Autoévaluation {n}")
    opened_at = factory.LazyFunction(timezone.now)
    roles = factory.LazyFunction(lambda: ["coordinator", "partner", "funder"])


class AssessmentQuestionFactory(ModelFactory):
    class Meta:
        model = backbone.AssessmentQuestion

    round = factory.SubFactory(AssessmentRoundFactory)
    coalition = factory.SelfAttribute("round.coalition")
    condition = 4
    position = factory.Sequence(lambda n: n + 1)
    text_fr = "Les rencontres sont utiles."
    text_en = "Meetings are useful."


class AssessmentResponseFactory(ModelFactory):
    class Meta:
        model = backbone.AssessmentResponse

    round = factory.SubFactory(AssessmentRoundFactory)
    coalition = factory.SelfAttribute("round.coalition")
    role = "partner"
    submitted_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)


class AssessmentAnswerFactory(ModelFactory):
    class Meta:
        model = backbone.AssessmentAnswer

    question = factory.SubFactory(AssessmentQuestionFactory)
    coalition = factory.SelfAttribute("question.coalition")
    response = factory.SubFactory(AssessmentResponseFactory, round=factory.SelfAttribute("..question.round"))
    score = 4
