from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions.models import Role
from coordination import demo
from coordination.models.backbone import AssessmentRound, LibraryItem
from coordination.models.communication import Comment, Notification
from coordination.models.meetings import Decision, FollowUp, Meeting

from ..conditions.factories import ActionFactory, ActionPlanFactory, PriorityFactory
from ..factories import CoalitionFactory, MembershipFactory, OrganizationFactory
from ..indicators.factories import IndicatorFactory


def _counts():
    with scopes_disabled():
        return [M.objects.count() for M in (Meeting, Decision, FollowUp, LibraryItem, AssessmentRound)]


def test_the_demo_holds_a_year_of_meetings_and_three_rounds_answered_by_several_roles_and_is_idempotent(world):
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
    assert len(rounds) == 3 and [r.status for r in rounds] == ["closed", "closed", "open"]
    assert [r.roles for r in rounds] == [["partner"], ["coordinator", "partner"], ["coordinator", "funder", "partner"]]
    with scope(coalition=world.coalition):
        from coordination.selectors.backbone import condition_trend, round_breakdown

        trend = condition_trend(world.coalition)
        by_role = round_breakdown(rounds[2], by="role")
    points = {block["condition"]: block["points"] for block in trend["conditions"]}
    assert all(None not in row for row in points.values())  # every round has enough answers
    assert points[1][0] < points[1][1] < points[1][2]  # the common agenda climbs
    assert points[3][2] < points[3][1]  # measurement dips this year
    assert [row["name"] for row in by_role] == ["Partenaire"]  # the other roles stay under the threshold


def test_the_demo_adds_comment_threads_with_mentions_on_actions_and_indicators_once(db):
    coalition = CoalitionFactory(slug="petite-enfance-haute-cote")
    coordinator = MembershipFactory(coalition=coalition, role=Role.COORDINATOR).user
    family = OrganizationFactory(coalition=coalition, name="Maison de la famille de la Haute-Côte")
    partner = MembershipFactory(coalition=coalition, role=Role.PARTNER, organization=family).user
    with scopes_disabled():
        family.representative = partner
        family.save()
    for name in ("CPE Les Petits Pas", "Bibliothèque de Forestville", "CLSC de Forestville"):
        OrganizationFactory(coalition=coalition, name=name)
    plan = ActionPlanFactory(coalition=coalition)
    visits = ActionFactory(plan=plan, title="Visites à domicile pour les familles isolées")
    ActionFactory(plan=plan, title="Guichet unique d'accès aux services")
    waiting = IndicatorFactory(coalition=coalition, code="PE-04")
    IndicatorFactory(coalition=coalition, code="PE-01")

    def counts():
        with scopes_disabled():
            threads = Comment.objects.filter(coalition=coalition)
            return (threads.filter(action__isnull=False).count(), threads.filter(indicator__isnull=False).count(),
                    Notification.objects.filter(coalition=coalition, kind="mention").count())

    with scope(coalition=coalition):
        demo.seed(coalition=coalition, coordinator=coordinator)
        first = counts()
        demo.seed(coalition=coalition, coordinator=coordinator)
    assert counts() == first
    assert first[:2] == (5, 4)  # the threads of the two actions and two indicators that exist; the others skipped
    with scopes_disabled():
        thread = list(Comment.objects.filter(action=visits).select_related("author"))
        mentions = Notification.objects.filter(recipient=partner, kind="mention")
        urls = set(mentions.values_list("url", flat=True))
    assert [c.author for c in thread] == [partner, coordinator, partner]
    assert f"@{partner.email}" in thread[1].body and "visites en soirée" in thread[0].body
    assert mentions.count() == 4
    assert any(url.startswith(reverse("conditions:action", args=[coalition.slug, visits.pk])) for url in urls)
    assert any(url.startswith(reverse("indicators:indicator_detail", args=[coalition.slug, waiting.pk]))
               for url in urls)


def test_a_demo_decision_is_linked_to_an_action_in_progress(world):
    for name in ("CPE Les Petits Pas", "Bibliothèque de Forestville", "CLSC de Forestville"):
        OrganizationFactory(coalition=world.coalition, name=name)
    action = ActionFactory(plan=ActionPlanFactory(coalition=world.coalition), status="in_progress",
                           review_status="accepted", lead_organization=world.organization,
                           priorities=[PriorityFactory(coalition=world.coalition)])
    with scope(coalition=world.coalition):
        demo.seed(coalition=world.coalition, coordinator=world.coordinator)
        demo.seed(coalition=world.coalition, coordinator=world.coordinator)
    with scopes_disabled():
        linked = list(Decision.objects.filter(action=action))
        action.refresh_from_db()
    assert len(linked) == 1 and action.title in linked[0].text
    assert action.status == "in_progress"
