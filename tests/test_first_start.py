"""Issue 13, points 15 and 16: the first start (`make run`: seed_demo, then serve_all with a
worker and beat) sends nothing for the demo's seeded history. Here, the mechanism: what is made
under ``history_without_notifying`` goes unsent, and only that. The demo itself, seeded and
then swept by every task of the worker's beat, is checked in tests/test_demo.py."""

from django.core import mail
from django_scopes import scopes_disabled

from conditions.models import EndorsementRequest


def test_only_seeded_history_goes_unsent(world, django_capture_on_commit_callbacks):
    from coalitions.emails import history_without_notifying

    from .conditions.test_agenda import make_representative, publish

    make_representative(world)
    with django_capture_on_commit_callbacks(execute=True), history_without_notifying():
        seeded = publish(world)
    assert mail.outbox == []
    with scopes_disabled():
        assert EndorsementRequest.objects.get(version=seeded, recipient=world.partner).emailed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        publish(world, "Deuxième version")
    assert [m.to for m in mail.outbox] == [[world.partner.email]]
