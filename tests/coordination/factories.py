"""Factories for every model of coordination/ (create them inside scopes_disabled())."""

from datetime import timedelta

import factory
from django.utils import timezone

from coordination.models import backbone, communication, governance, meetings, reminders

from ..factories import CoalitionFactory, UserFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.Meeting

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Rencontre {n}")
    kind = meetings.MeetingKind.STEERING
    starts_at = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0))
    duration_minutes = 120
    place = "Salle du conseil"


class InviteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.Invitee

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    user = factory.SubFactory(UserFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.Decision

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    number = factory.Sequence(lambda n: n + 1)
    text = "Adopter le plan d'action"


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.FollowUp

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    what = factory.Sequence(lambda n: f"Suivi {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = communication.Announcement

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Annonce {n}")
    body = "Bonjour à tous"


class AnnouncementReadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = communication.AnnouncementRead

    announcement = factory.SubFactory(AnnouncementFactory)
    coalition = factory.SelfAttribute("announcement.coalition")
    user = factory.SubFactory(UserFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = communication.Comment

    meeting = factory.SubFactory(MeetingFactory)
    coalition = factory.SelfAttribute("meeting.coalition")
    body = "Merci pour la rencontre"


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = communication.Notification

    coalition = factory.SubFactory(CoalitionFactory)
    recipient = factory.SubFactory(UserFactory)
    kind = communication.NotificationKind.ANNOUNCEMENT
    title = factory.Sequence(lambda n: f"Notification {n}")
    url = "/"
    created_at = factory.LazyFunction(timezone.now)


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = communication.NotificationPreference

    coalition = factory.SubFactory(CoalitionFactory)
    user = factory.SubFactory(UserFactory)
    kind = communication.NotificationKind.MEETING_REMINDER
    frequency = communication.EmailFrequency.NEVER


class ReminderSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = reminders.ReminderSettings

    coalition = factory.SubFactory(CoalitionFactory)


class SentReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = reminders.SentReminder

    coalition = factory.SubFactory(CoalitionFactory)
    recipient = factory.SubFactory(UserFactory)
    kind = reminders.ReminderKind.MEETING
    subject = factory.Sequence(lambda n: f"meeting:{n}")
    period = "p"
    claimed_at = factory.LazyFunction(timezone.now)
    delivered_at = factory.LazyAttribute(lambda row: row.claimed_at)


class GovernanceBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = governance.GovernanceBody

    coalition = factory.SubFactory(CoalitionFactory)
    name = factory.Sequence(lambda n: f"Comité {n}")


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = governance.TeamMember

    coalition = factory.SubFactory(CoalitionFactory)
    user = factory.SubFactory(UserFactory)
    title = "Agente de mobilisation"


class BackboneTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = backbone.BackboneTask

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Tâche {n}")


class LibraryItemFactory(factory.django.DjangoModelFactory):
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


class AssessmentRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = backbone.AssessmentRound

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Autoévaluation {n}")
    opened_at = factory.LazyFunction(timezone.now)


class AssessmentQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = backbone.AssessmentQuestion

    round = factory.SubFactory(AssessmentRoundFactory)
    coalition = factory.SelfAttribute("round.coalition")
    condition = 4
    position = factory.Sequence(lambda n: n + 1)
    text_fr = "Les rencontres sont utiles."
    text_en = "Meetings are useful."


class AssessmentAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = backbone.AssessmentAnswer

    question = factory.SubFactory(AssessmentQuestionFactory)
    coalition = factory.SelfAttribute("question.coalition")
    score = 4
