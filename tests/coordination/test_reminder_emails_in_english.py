"""Issue 13, point 15 (left): the reminders and invitations had no English test of their own.
Each one here is sent through its real path to a person who reads English, then to one who
reads French, while the sender's page is in the other language: the subject and the body
follow the reader, in words of the English catalogue and the French one."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.translation import override
from django_scopes import scopes_disabled

from coalitions import services as coalition_services
from coalitions.dates import long_date
from coalitions.models import Role
from conditions.services import agenda as agenda_services

from ..conditions.test_agenda import make_representative, publish
from ..conditions.test_consultation import consultation  # noqa: F401 (a fixture)
from ..helpers import url
from .factories import FollowUpFactory, ReminderSettingsFactory
from .helpers import MEETING_AT, at, run_reminders
from .test_followup_reminders import DUE, agenda, reporting  # noqa: F401 (fixtures)
from .test_meetings import _schedule

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def reads(user, language):
    with scopes_disabled():
        type(user).objects.filter(pk=user.pk).update(language=language)
        user.refresh_from_db()


def only_email_to(user):
    messages = [m for m in mail.outbox if m.to == [user.email]]
    assert len(messages) == 1, [m.subject for m in messages]
    return messages[0]


def assert_reads(message, subject: str, lines: list[str], language: str):
    assert message.subject == subject
    html = message.alternatives[0][0]
    assert f'lang="{language}"' in html
    for line in lines:
        assert line in message.body, line
    # No word of the other language slipped in.
    for word in (["Bonjour", "Rappel", "Saisissez"] if language == "en" else ["Hello", "Reminder", "Enter and"]):
        assert word not in message.body and word not in message.subject


def run_as_other_language(language, world, now):
    """The run happens from a page in the other language: the email must not follow it."""
    with override("fr" if language == "en" else "en"):
        return run_reminders(world, now)


@pytest.mark.parametrize(("language", "subject", "lines"), [
    ("en", "[Regroupement Petite enfance] Reminder: Comité de pilotage",
     ["A reminder that the meeting “Comité de pilotage” is coming up:", "Tuesday, March 12, 2030"]),
    ("fr", f"[Regroupement Petite enfance] Rappel{NBSP}: Comité de pilotage",
     [f"Petit rappel{NBSP}: la rencontre «{NBSP}Comité de pilotage{NBSP}» approche{NBSP}:", "Mardi 12 mars 2030"]),
])
def test_the_meeting_reminder(world, meeting, language, subject, lines):
    reads(world.partner, language)
    run_as_other_language(language, world, MEETING_AT - timedelta(hours=23))
    assert_reads(only_email_to(world.partner), subject, lines, language)


@pytest.mark.parametrize(("language", "subject", "line"), [
    ("en", "[Regroupement Petite enfance] Publish the minutes of Comité de pilotage",
     "The minutes of the meeting “Comité de pilotage” are not published yet. Members are waiting for them."),
    ("fr", "[Regroupement Petite enfance] Publiez le compte rendu de Comité de pilotage",
     f"Le compte rendu de la rencontre «{NBSP}Comité de pilotage{NBSP}» n’est pas encore publié. "
     "Les membres l’attendent."),
])
def test_the_minutes_reminder(world, meeting, language, subject, line):
    reads(world.coordinator, language)
    end = MEETING_AT + timedelta(minutes=meeting.duration_minutes)
    run_as_other_language(language, world, end + timedelta(days=2, minutes=1))
    assert_reads(only_email_to(world.coordinator), subject, [line], language)


@pytest.mark.parametrize(("language", "soon", "due", "lines"), [
    ("en", "Follow-up due soon: Envoyer le bilan", "Follow-up due: Envoyer le bilan",
     ["The follow-up “Envoyer le bilan” is due on April 1, 2030.",
      "Once it is done, mark it as done in your follow-ups:"]),
    ("fr", f"Suivi bientôt dû{NBSP}: Envoyer le bilan", f"Suivi dû{NBSP}: Envoyer le bilan",
     [f"Le suivi «{NBSP}Envoyer le bilan{NBSP}» arrive à échéance le 1er avril 2030.",
      f"Une fois qu’il est fait, marquez-le comme fait dans vos suivis{NBSP}:"]),
])
def test_the_follow_up_reminders(world, meeting, language, soon, due, lines):
    reads(world.partner, language)
    FollowUpFactory(meeting=meeting, what="Envoyer le bilan", assignee_user=world.partner, due_on=date(2030, 4, 1))
    ReminderSettingsFactory(coalition=world.coalition, meeting_enabled=False, minutes_enabled=False)
    run_as_other_language(language, world, at(date(2030, 3, 29)))
    assert_reads(only_email_to(world.partner), f"[Regroupement Petite enfance] {soon}", lines, language)
    mail.outbox.clear()
    run_as_other_language(language, world, at(date(2030, 4, 1)))
    assert_reads(only_email_to(world.partner), f"[Regroupement Petite enfance] {due}", lines, language)


@pytest.mark.parametrize(("language", "soon", "late", "lines"), [
    ("en", "Reminder: values of PE-01 for Q1 2030 to report", "Late: values of PE-01 for Q1 2030",
     ["Maison de la famille is expected to submit its value of “Families reached” for Q1 2030 by April 15, 2030.",
      "Maison de la famille has not yet submitted its value of “Families reached” for Q1 2030, "
      "due on April 15, 2030.", "Enter and submit the value here:"]),
    ("fr", f"Rappel{NBSP}: valeurs de PE-01 pour T1 2030 à déclarer",
     f"En retard{NBSP}: valeurs de PE-01 pour T1 2030",
     [f"Maison de la famille doit soumettre sa valeur de «{NBSP}Familles rejointes{NBSP}» pour T1 2030 "
      "d’ici le 15 avril 2030.",
      f"Maison de la famille n’a pas encore soumis sa valeur de «{NBSP}Familles rejointes{NBSP}» pour T1 2030, "
      "attendue le 15 avril 2030.", f"Saisissez et soumettez la valeur ici{NBSP}:"]),
])
def test_the_indicator_value_reminders(world, reporting, language, soon, late, lines):  # noqa: F811
    with scopes_disabled():
        reporting["indicator"].name_en = "Families reached"
        reporting["indicator"].save()
    reads(world.partner, language)
    run_as_other_language(language, world, at(DUE - timedelta(days=7)))
    assert_reads(only_email_to(world.partner), f"[Regroupement Petite enfance] {soon}", [lines[0], lines[2]],
                 language)
    mail.outbox.clear()
    run_as_other_language(language, world, at(DUE + timedelta(days=1)))
    assert_reads(only_email_to(world.partner), f"[Regroupement Petite enfance] {late}", [lines[1], lines[2]],
                 language)


@pytest.mark.parametrize(("language", "subject", "line"), [
    ("en", "[Regroupement Petite enfance] Endorse the common agenda (Version 1)",
     "Maison de la famille has not yet endorsed the current version of the common agenda (Version 1). "
     "As its representative, you can read it and endorse it, with reservations if need be:"),
    ("fr", "[Regroupement Petite enfance] Adhérez à la vision commune (Version 1)",
     "Maison de la famille n’a pas encore adhéré à la version en vigueur de la vision commune (Version 1). "
     f"À titre de personne représentante, vous pouvez la lire et y adhérer, avec des réserves au besoin{NBSP}:"),
])
def test_the_endorsement_reminder(world, agenda, language, subject, line):  # noqa: F811
    reads(world.partner, language)
    run_as_other_language(language, world, at(DUE + timedelta(days=7)))
    assert_reads(only_email_to(world.partner), subject, [line], language)


@pytest.mark.parametrize(("language", "subject", "line"), [
    ("en", "The consultation on the draft agenda closes on", "has not yet given its position on every section"),
    ("fr", "La consultation sur le projet de vision commune se termine le",
     "n’a pas encore donné sa position sur chaque section"),
])
def test_the_consultation_reminder(world, consultation, language, subject, line):  # noqa: F811
    reads(world.partner, language)
    mail.outbox.clear()
    closes = consultation.closes_on
    soon = timezone.make_aware(timezone.datetime.combine(closes - timedelta(days=2), timezone.datetime.min.time()))
    run_as_other_language(language, world, soon + timedelta(hours=10))
    message = only_email_to(world.partner)
    assert_reads(message, message.subject, [line], language)
    assert message.subject.startswith(f"[Regroupement Petite enfance] {subject}")


@pytest.mark.parametrize(("language", "subject", "lines"), [
    ("en", "[Regroupement Petite enfance] Invitation: Comité de pilotage d'automne",
     ["You are invited to a meeting of Regroupement Petite enfance.", "Tuesday, October 15, 2030",
      "Tell us whether you will attend:"]),
    ("fr", f"[Regroupement Petite enfance] Invitation{NBSP}: Comité de pilotage d'automne",
     ["Vous êtes invité·e à une rencontre de Regroupement Petite enfance.", "Mardi 15 octobre 2030",
      f"Dites-nous si vous serez présent·e{NBSP}:"]),
])
def test_the_meeting_invitation(client, world, django_capture_on_commit_callbacks, language, subject, lines):
    reads(world.partner, language)
    client.force_login(world.coordinator)
    client.cookies.load({"concerto_language": "fr" if language == "en" else "en"})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url(world, "coordination:meeting_create"), _schedule(world)).status_code == 302
    assert_reads(only_email_to(world.partner), subject, lines, language)


@pytest.mark.parametrize(("language", "subject", "line"), [
    ("en", "Reminder · Regroupement Petite enfance: version 1 of the common agenda awaits your endorsement",
     "Reminder: version 1 of the common agenda of Regroupement Petite enfance still awaits the endorsement "
     "of Maison de la famille."),
    ("fr", f"Rappel · Regroupement Petite enfance{NBSP}: la version 1 de la vision commune attend votre adhésion",
     f"Rappel{NBSP}: la version 1 de la vision commune de Regroupement Petite enfance attend toujours "
     "l’adhésion de Maison de la famille."),
])
def test_the_endorsement_request_reminder(world, django_capture_on_commit_callbacks, language, subject, line):
    make_representative(world)
    reads(world.partner, language)
    publish(world)
    mail.outbox.clear()
    with override("fr" if language == "en" else "en"), scopes_disabled(), \
            django_capture_on_commit_callbacks(execute=True):
        agenda_services.endorsement_remind(actor=world.coordinator, coalition=world.coalition)
    message = only_email_to(world.partner)
    assert message.subject == subject and line in message.body
    assert f'lang="{language}"' in message.alternatives[0][0]


def test_the_meeting_reminder_time_reads_in_each_language(world, meeting):
    """The hour too: « 14 h 00 » in French, « 2:00 p.m. » in English."""
    reads(world.partner, "en")
    reads(meeting.silent, "fr")
    run_reminders(world, MEETING_AT - timedelta(hours=23))
    english, french = only_email_to(world.partner), only_email_to(meeting.silent)
    assert "2:00" in english.body and "14 h 00" not in english.body
    assert f"14{NBSP}h{NBSP}00" in french.body or "14 h 00" in french.body


@pytest.mark.parametrize(("language", "subject", "lines"), [
    ("en", "Invitation to join Table alimentaire on Concerto",
     ["Hello,", "invites you to join Table alimentaire on Concerto, as Coordinator.", "To accept, open this link:",
      "The link works once and expires on", "If you were not expecting this invitation, you can ignore this email.",
      "— The Concerto team"]),
    ("fr", "Invitation à rejoindre Table alimentaire sur Concerto",
     ["Bonjour,",
      f"vous invite à rejoindre Table alimentaire sur Concerto, avec le rôle «{NBSP}Coordonnateur·trice{NBSP}».",
      f"Pour accepter, ouvrez ce lien{NBSP}:", "Le lien ne sert qu'une fois et expire le",
      "Si vous n'attendiez pas cette invitation, vous pouvez ignorer ce courriel.", "— L'équipe Concerto"]),
])
def test_the_invitation_to_join_a_coalition(world, django_capture_on_commit_callbacks, language, subject, lines):
    reads(world.partner, language)
    with override("fr" if language == "en" else "en"), scopes_disabled(), \
            django_capture_on_commit_callbacks(execute=True):
        invitation = coalition_services.invitation_create(
            actor=world.other_member, coalition=world.other_coalition, email=world.partner.email,
            role=Role.COORDINATOR)
    message = only_email_to(world.partner)
    assert message.subject == subject
    for line in lines:
        assert line in message.body, line
    expires = invitation.expires_at.astimezone(timezone.get_current_timezone()).date()
    with override(language):
        assert long_date(expires) in message.body  # « 15 décembre 2026 », "December 15, 2026"
