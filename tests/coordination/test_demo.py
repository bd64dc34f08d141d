from django.core.management import call_command
from django_scopes import scopes_disabled

from coordination.models import AssessmentRound, Decision, FollowUp, LibraryItem, Meeting


def _counts():
    with scopes_disabled():
        return [M.objects.count() for M in (Meeting, Decision, FollowUp, LibraryItem, AssessmentRound)]


def test_the_demo_holds_a_year_of_meetings_and_two_rounds_and_is_idempotent(db):
    call_command("seed_demo", verbosity=0)
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first
    with scopes_disabled():
        for slug in ("petite-enfance-haute-cote", "securite-alimentaire-val-des-sources"):
            meetings = Meeting.objects.filter(coalition__slug=slug).order_by("starts_at")
            span = meetings.last().starts_at - meetings.first().starts_at
            assert span.days >= 365
            assert meetings.filter(minutes_published_at__isnull=False).count() >= 10
            assert FollowUp.objects.filter(coalition__slug=slug, status="open").exists()
            assert AssessmentRound.objects.filter(coalition__slug=slug).count() == 2
