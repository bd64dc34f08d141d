"""Issue 13, point 15: every email follows its reader's language (User.language), not the
sender's nor the server's: its words, its units, its periods."""

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.translation import override
from django_scopes import scope, scopes_disabled

from coordination.models.communication import EmailFrequency, Notification, NotificationKind, NotificationPreference
from coordination.services.notifications import send_digests
from indicators.services import review

from .factories import IndicatorValueFactory

pytestmark = pytest.mark.django_db


def reads(user, language):
    with scopes_disabled():
        user.language = language
        user.save()


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["returned your value for PE-01", "The value returned: 12\u00a0families", "Hello,"]),
    ("fr", ["a retourné votre donnée", "La donnée retournée\u00a0: 12\u00a0familles"]),
])
def test_a_returned_value_is_emailed_in_the_readers_language_with_its_unit(
    world, measure, django_capture_on_commit_callbacks, language, expected
):
    with scopes_disabled():
        measure.indicator.unit, measure.indicator.unit_en = "familles", "families"
        measure.indicator.save()
    reads(world.partner, language)
    value = IndicatorValueFactory(period=measure.period, organization=world.organization, value=12,
                                  entered_by=world.partner)
    # The coordinator acts in the other language: the email still follows its reader.
    with override("fr" if language == "en" else "en"), scope(coalition=world.coalition), \
            django_capture_on_commit_callbacks(execute=True):
        review.value_return(actor=world.coordinator, value=value, note="Vérifiez le total.")
    message = mail.outbox[0]
    for text in expected:
        assert text in message.body and text in message.alternatives[0][0]


@pytest.mark.parametrize(("language", "subject", "line"), [
    ("en", "Your daily summary", "New follow-up: Réserver la salle"),
    ("fr", "Votre résumé du jour", "Nouveau suivi\u00a0: Réserver la salle"),
])
def test_the_digest_is_worded_in_its_readers_language(world, language, subject, line):
    reads(world.partner, language)
    with scopes_disabled():
        NotificationPreference.objects.create(coalition=world.coalition, user=world.partner,
                                              kind=NotificationKind.FOLLOW_UP, frequency=EmailFrequency.DAILY)
        Notification.objects.create(coalition=world.coalition, recipient=world.partner,
                                    kind=NotificationKind.FOLLOW_UP, event="follow_up_new",
                                    title="Réserver la salle", created_at=timezone.now())
    with override("fr" if language == "en" else "en"), scope(coalition=world.coalition):
        assert send_digests(coalition=world.coalition, frequency=EmailFrequency.DAILY) == 1
    message = mail.outbox[0]
    assert message.subject.endswith(subject)
    assert line in message.body
