from django_scopes import scope, scopes_disabled

from coordination import demo
from coordination.models import AssessmentRound, Decision, FollowUp, LibraryItem, Meeting

from ..factories import OrganizationFactory


def _counts():
    with scopes_disabled():
        return [M.objects.count() for M in (Meeting, Decision, FollowUp, LibraryItem, AssessmentRound)]


def test_the_demo_holds_a_year_of_meetings_and_two_rounds_and_is_idempotent(world):
    with scopes_disabled():
        for name in ("CPE Les Petits Pas", "Bibliothèque de Forestville", "CLSC de Forestville"):
            OrganizationFactory(coalition=world.coalition, name=name)
    with scope(coalition=world.coalition):
        demo.seed(coalition=world.coalition, coordinator=world.coordinator)
        first = _counts()
        demo.seed(coalition=world.coalition, coordinator=world.coordinator)
    assert _counts() == first
    with scopes_disabled():
        meetings = Meeting.objects.filter(coalition=world.coalition).order_by("starts_at")
        assert (meetings.last().starts_at - meetings.first().starts_at).days >= 365
        assert meetings.filter(minutes_published_at__isnull=False).count() >= 10
        assert FollowUp.objects.filter(status="open").exists() and FollowUp.objects.filter(status="done").exists()
        rounds = list(AssessmentRound.objects.order_by("opened_at"))
    assert len(rounds) == 2 and rounds[0].status == "closed"
    with scope(coalition=world.coalition):
        from coordination.selectors import round_results

        results = round_results(rounds[1])
    assert all(block["mean"] is not None and block["previous"] is not None for block in results["conditions"])
