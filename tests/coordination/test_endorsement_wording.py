"""Issue 13 (left): the app calls the common agenda « la vision commune » and endorsing it
« adhérer »; the reminder settings page and the notification titles still said « endosser le
programme commun ». Each string here, in French and English."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from coordination.models.communication import Notification, NotificationKind
from coordination.models.reminders import ReminderKind, ReminderSettings

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.mark.parametrize(("language", "lines"), [
    ("fr", ["Rappeler aux personnes représentantes d’adhérer à la vision commune en vigueur",
            "Jours après la publication de la vision commune"]),
    ("en", ["Remind representatives to endorse the current agenda", "Days after the agenda is published"]),
])
def test_the_reminder_settings_page_says_adherer_a_la_vision_commune(client, world, language, lines):
    world.coordinator.language = language
    world.coordinator.save(update_fields=["language"])
    client.force_login(world.coordinator)
    page = client.get(reverse("coordination:reminders", args=[world.coalition.slug])).content.decode()
    for line in lines:
        assert line in page, line
    assert "ndoss" not in page and "programme commun" not in page


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", [f"Adhérez à la vision commune{NBSP}: Version 2", "Rappels d’adhésion à la vision commune",
            "Rappel d’adhésion à la vision commune",
            "rappeler aux personnes représentantes d’adhérer à la vision commune en vigueur",
            "jours après la publication de la vision commune"]),
    ("en", ["Endorse the common agenda: Version 2", "Agenda endorsement reminders", "Agenda endorsement reminder",
            "remind representatives to endorse the current agenda", "days after the agenda is published"]),
])
def test_the_endorsement_notification_and_labels_in_each_language(language, expected):
    fields = {f.name: f for f in ReminderSettings._meta.get_fields()}
    with override(language):
        assert [Notification(event="endorsement", title="Version 2").text(),
                str(NotificationKind.ENDORSEMENT_REMINDER.label), str(ReminderKind.ENDORSEMENT.label),
                str(fields["endorsement_enabled"].verbose_name),
                str(fields["endorsement_days_after"].verbose_name)] == expected
