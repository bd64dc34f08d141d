"""Factories for every model of coordination/."""

from datetime import timedelta

import factory
from django.utils import timezone

from coordination import models

from ..factories import CoalitionFactory, ModelFactory, UserFactory


class MeetingFactory(ModelFactory):
    class Meta:
        model = models.Meeting

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Rencontre {n}")
    kind = models.MeetingKind.STEERING
    starts_at = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0))
    duration_minutes = 120
    place = "Salle du conseil"


class InviteeFactory(ModelFactory):
    class Meta:
        model = models.Invitee

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    user = factory.SubFactory(UserFactory)


class DecisionFactory(ModelFactory):
    class Meta:
        model = models.Decision

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    number = factory.Sequence(lambda n: n + 1)
    text = "Adopter le plan d'action"


class FollowUpFactory(ModelFactory):
    class Meta:
        model = models.FollowUp

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    what = factory.Sequence(lambda n: f"Suivi {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))


class AnnouncementFactory(ModelFactory):
    class Meta:
        model = models.Announcement

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Annonce {n}")
    body = "Bonjour à tous"


class AnnouncementReadFactory(ModelFactory):
    class Meta:
        model = models.AnnouncementRead

    announcement = factory.SubFactory(AnnouncementFactory)
    coalition = factory.SelfAttribute("announcement.coalition")
    user = factory.SubFactory(UserFactory)


class CommentFactory(ModelFactory):
    class Meta:
        model = models.Comment

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    body = "Merci pour la rencontre"


class NotificationFactory(ModelFactory):
    class Meta:
        model = models.Notification

    coalition = factory.SubFactory(CoalitionFactory)
    recipient = factory.SubFactory(UserFactory)
    kind = models.NotificationKind.ANNOUNCEMENT
    title = factory.Sequence(lambda n: f"Notification {n}")
    url = "/"
    created_at = factory.LazyFunction(timezone.now)


class NotificationPreferenceFactory(ModelFactory):
    class Meta:
        model = models.NotificationPreference

    coalition = factory.SubFactory(CoalitionFactory)
    user = factory.SubFactory(UserFactory)
    kind = models.NotificationKind.MEETING_REMINDER
    frequency = models.Frequency.NEVER


class ReminderSettingsFactory(ModelFactory):
    class Meta:
        model = models.ReminderSettings

    coalition = factory.SubFactory(CoalitionFactory)


class SentReminderFactory(ModelFactory):
    class Meta:
        model = models.SentReminder

    coalition = factory.SubFactory(CoalitionFactory)
    recipient = factory.SubFactory(UserFactory)
    kind = models.ReminderKind.MEETING
    subject = factory.Sequence(lambda n: f"meeting:{n}")
    period = "p"
    claimed_at = factory.LazyFunction(timezone.now)
    delivered_at = factory.LazyAttribute(lambda row: row.claimed_at)


class GovernanceBodyFactory(ModelFactory):
    class Meta:
        model = models.GovernanceBody

    coalition = factory.SubFactory(CoalitionFactory)
    name = factory.Sequence(lambda n: f"Comité {n}")


class TeamMemberFactory(ModelFactory):
    class Meta:
        model = models.TeamMember

    coalition = factory.SubFactory(CoalitionFactory)
    user = factory.SubFactory(UserFactory)
    title = "Agente de mobilisation"


class BackboneTaskFactory(ModelFactory):
    class Meta:
        model = models.BackboneTask

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Tâche {n}")


class LibraryItemFactory(ModelFactory):
    class Meta:
        model = models.LibraryItem

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Ressource {n}")
    kind = models.ResourceKind.LINK
    condition = 5
    url = "https://exemple.org/outil"
    search_text = factory.LazyAttribute(lambda o: models.unaccent(f"{o.title} {o.description} {o.tags}"))
    description = ""
    tags = ""


class AssessmentRoundFactory(ModelFactory):
    class Meta:
        model = models.AssessmentRound

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Autoévaluation {n}")
    opened_at = factory.LazyFunction(timezone.now)


class AssessmentQuestionFactory(ModelFactory):
    class Meta:
        model = models.AssessmentQuestion

    round = factory.SubFactory(AssessmentRoundFactory)
    coalition = factory.SelfAttribute("round.coalition")
    condition = 4
    position = factory.Sequence(lambda n: n + 1)
    text_fr = "Les rencontres sont utiles."
    text_en = "Meetings are useful."


class AssessmentAnswerFactory(ModelFactory):
    class Meta:
        model = models.AssessmentAnswer

    question = factory.SubFactory(AssessmentQuestionFactory)
    coalition = factory.SelfAttribute("question.coalition")
    score = 4
