"""The one email sender (coalitions/emails.py): every email goes through it, in the language of
its one rule, with a one-line subject whatever names are stored."""

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django_scopes import scope, scopes_disabled

from coalitions import services as coalition_services
from coalitions.emails import one_line, recipient_language
from coalitions.models import Coalition, Organization, Role
from coordination.models.communication import EmailFrequency
from coordination.services import notifications, reminders

from ..coordination.factories import InviteeFactory, MeetingFactory, NotificationFactory, NotificationPreferenceFactory
from ..factories import MembershipFactory

SENDS_AN_EMAIL = re.compile(
    r"\b(?:EmailMessage|EmailMultiAlternatives|send_mass_mail|mail_admins|mail_managers|get_connection)\b"
    r"|(?<!def )\bsend_mail\(|render_to_string\([^)]*email/"
)
MEETING_AT = datetime(2030, 3, 12, 14, 0, tzinfo=ZoneInfo("America/Toronto"))


def test_no_other_module_sends_an_email():
    """Only coalitions/emails.py may: a second sender would pick its own language and forget the
    HTML part or the one-line subject."""
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root)) for app in ("coalitions", "conditions", "indicators", "coordination", "dashboards",
                                                 "config")
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts and path != root / "coalitions" / "emails.py"
        and SENDS_AN_EMAIL.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"Send emails with coalitions.emails.send_email: {offenders}"
    assert SENDS_AN_EMAIL.search('render_to_string(f"coordination/email/{template}.txt", context)')


@pytest.mark.parametrize("person,coalition,page_language,expected", [
    ("en", "fr", "fr", "en"),  # the person's choice first
    ("", "en", "fr", "en"),  # else the coalition's
    ("", None, "en", "en"),  # else, outside a coalition, the page's (allauth)
    ("", "fr", "en", "fr"),  # ... never the page's for a coalition's email
    ("de", "xx", "fr", "fr"),  # else French
])
def test_the_language_rule_is_the_person_then_the_coalition_then_the_page_then_french(
    person, coalition, page_language, expected
):
    with translation.override(page_language):
        assert recipient_language(get_user_model()(language=person),
                                  coalition and Coalition(default_language=coalition)) == expected


def _mail_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_an_english_speaking_partner_gets_english_emails_and_the_others_french(
    world, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        type(world.partner).objects.filter(pk=world.partner.pk).update(language="en")
        world.partner.refresh_from_db()
        meeting = MeetingFactory(coalition=world.coalition, starts_at=MEETING_AT, title="Comité")
        for user in (world.partner, world.coordinator):
            InviteeFactory(meeting=meeting, user=user, rsvp="yes")
            NotificationPreferenceFactory(coalition=world.coalition, user=user, kind="announcement",
                                          frequency=EmailFrequency.DAILY)
            NotificationFactory(coalition=world.coalition, recipient=user, kind="announcement",
                                event="announcement", title="Fête")
        notified = [NotificationFactory(coalition=world.coalition, recipient=user, kind="mention",
                                        event="follow_up_new", title="Salle").pk
                    for user in (world.partner, world.coordinator)]
    with scope(coalition=world.coalition):
        reminders.send_due_reminders(coalition=world.coalition, now=MEETING_AT - timedelta(hours=23))
        notifications.send_digests(coalition=world.coalition, frequency=EmailFrequency.DAILY)
        notifications.email_notifications(coalition=world.coalition, notification_ids=notified)
    with scope(coalition=world.other_coalition), django_capture_on_commit_callbacks(execute=True):
        for user in (world.partner, world.coordinator):
            coalition_services.invitation_create(actor=world.other_member, coalition=world.other_coalition,
                                                 email=user.email, role=Role.COORDINATOR)
    english = [m.subject for m in _mail_to(world.partner)]
    french = [m.subject for m in _mail_to(world.coordinator)]
    assert sorted(english) == sorted([
        "[Regroupement Petite enfance] Reminder: Comité", "[Regroupement Petite enfance] Your daily summary",
        "[Regroupement Petite enfance] New follow-up: Salle", "Invitation to join Table alimentaire on Concerto"])
    assert sorted(french) == sorted([
        "[Regroupement Petite enfance] Rappel\u00a0: Comité", "[Regroupement Petite enfance] Votre résumé du jour",
        "[Regroupement Petite enfance] Nouveau suivi\u00a0: Salle",
        "Invitation à rejoindre Table alimentaire sur Concerto"])
    invitation = next(m for m in _mail_to(world.partner) if m.subject.startswith("Invitation"))
    assert 'lang="en"' in invitation.alternatives[0][0] and "Accept the invitation" in invitation.alternatives[0][0]
    # An email without an HTML template of its own gets its text in the house layout.
    reminder = next(m for m in _mail_to(world.partner) if "Reminder" in m.subject)
    assert 'lang="en"' in reminder.alternatives[0][0] and "Comité" in reminder.alternatives[0][0]
    assert all(m.alternatives[0][1] == "text/html" for m in mail.outbox)


def test_a_person_without_a_language_gets_the_coalitions(world):
    with scopes_disabled():
        Coalition.objects.filter(pk=world.coalition.pk).update(default_language="en")
        world.coalition.refresh_from_db()
        person = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, user__language="").user
        NotificationPreferenceFactory(coalition=world.coalition, user=person, kind="announcement",
                                      frequency=EmailFrequency.DAILY)
        NotificationFactory(coalition=world.coalition, recipient=person, kind="announcement", title="Fête")
    with scope(coalition=world.coalition):
        notifications.send_digests(coalition=world.coalition, frequency=EmailFrequency.DAILY)
    assert [m.subject for m in _mail_to(person)] == ["[Regroupement Petite enfance] Your daily summary"]


def test_allauths_emails_follow_the_rule_and_keep_their_prefix(client, world):
    """The account's language even from a French page; for an unknown address, the page's."""
    with scopes_disabled():
        type(world.partner).objects.filter(pk=world.partner.pk).update(language="en")
    client.post(reverse("account_reset_password"), {"email": world.partner.email})
    message = mail.outbox[-1]
    assert message.to == [world.partner.email] and message.subject == "[Concerto] Password Reset Email"
    assert 'lang="en"' in message.alternatives[0][0] and "Choose a new password" in message.alternatives[0][0]
    client.cookies.load({"concerto_language": "en"})
    client.post(reverse("account_reset_password"), {"email": "personne@example.org"})
    assert mail.outbox[-1].to == ["personne@example.org"] and 'lang="en"' in mail.outbox[-1].alternatives[0][0]


@pytest.mark.parametrize("name", ["Regroupement\nPetite enfance", "Regroupement\r\nPetite enfance",
                                  "Regroupement\u2028Petite\x85enfance", "Regroupement\tPetite\x1benfance"])
def test_a_name_stored_with_a_line_break_gives_one_line_subjects(world, name, django_capture_on_commit_callbacks):
    """Names are refused control characters now, but older rows may hold them: Django raises
    BadHeaderError on a line break in a subject, which lost every email of the coalition."""
    with scopes_disabled():
        Coalition.objects.filter(pk=world.coalition.pk).update(name=name)
        Organization.objects.filter(pk=world.organization.pk).update(name="Maison\nde la famille")
        world.coalition.refresh_from_db()
        meeting = MeetingFactory(coalition=world.coalition, starts_at=MEETING_AT, title="Comité")
        InviteeFactory(meeting=meeting, user=world.partner, rsvp="yes")
    with scope(coalition=world.coalition), django_capture_on_commit_callbacks(execute=True):
        reminders.send_due_reminders(coalition=world.coalition, now=MEETING_AT - timedelta(hours=23))
        coalition_services.invitation_create(actor=world.coordinator, coalition=world.coalition,
                                             email="lea@example.org", role=Role.COORDINATOR)
    assert sorted(m.subject for m in mail.outbox) == [
        "Invitation à rejoindre Regroupement Petite enfance sur Concerto",
        "[Regroupement Petite enfance] Rappel\u00a0: Comité",
    ]
    for message in mail.outbox:
        message.message()  # what the backend does: raises BadHeaderError on a line break


def test_one_line_keeps_french_non_breaking_spaces():
    assert one_line("  Rappel\u00a0:\n\n  Comité\u2029 ") == "Rappel\u00a0: Comité"
