"""Realistic data across the five conditions, to grow a coalition for query-count tests."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions.models import Role

from ..conditions.factories import ActionFactory, ActivityFactory, AgendaVersionFactory, EndorsementFactory
from ..coordination.factories import (
    AssessmentAnswerFactory,
    AssessmentQuestionFactory,
    AssessmentRoundFactory,
    BackboneTaskFactory,
    FollowUpFactory,
    InviteeFactory,
    MeetingFactory,
)
from ..factories import MembershipFactory, OrganizationFactory
from ..indicators.factories import (
    IndicatorFactory,
    IndicatorRollupFactory,
    IndicatorValueFactory,
    PeriodFactory,
    TargetFactory,
    assign,
)


def grow(world, n: int) -> None:
    """Add ``n`` organisations, each with an endorsement, an indicator it reports (two closed
    periods, values, coalition values, a target), a shared action with an activity, a past
    meeting with attendance, an overdue follow-up and backbone task, and self-assessment answers."""
    coalition = world.coalition
    today = timezone.localdate()
    with scopes_disabled():
        from conditions.models import AgendaVersion
        from coordination.models.backbone import AssessmentQuestion

        version = AgendaVersion.objects.filter(coalition=coalition).first() or AgendaVersionFactory(
            coalition=coalition)
        question = AssessmentQuestion.objects.filter(coalition=coalition).first() or AssessmentQuestionFactory(
            round=AssessmentRoundFactory(coalition=coalition, opened_at=timezone.now() - timedelta(days=3)),
            condition=4)
    for _i in range(n):
        organization = OrganizationFactory(coalition=coalition)
        member = MembershipFactory(coalition=coalition, role=Role.PARTNER, organization=organization)
        EndorsementFactory(version=version, organization=organization)
        indicator = IndicatorFactory(coalition=coalition)
        TargetFactory(indicator=indicator, value=100)
        assign(indicator, organization, world.organization)
        for k, start in enumerate((today - timedelta(days=300), today - timedelta(days=180))):
            period = PeriodFactory(indicator=indicator, start=start)
            IndicatorValueFactory(period=period, organization=organization, value=10 + k,
                                  status="approved" if k == 0 else "submitted")
            IndicatorRollupFactory(period=period, value=10 + k, reported_count=1, expected_count=2)
        action = ActionFactory(plan__coalition=coalition, lead_organization=organization,
                               contributors=[world.organization], end_date=today + timedelta(days=90))
        ActivityFactory(action=action, organization=organization, date=today - timedelta(days=10))
        ActivityFactory(action=action, organization=world.organization, date=today - timedelta(days=5))
        meeting = MeetingFactory(coalition=coalition, starts_at=timezone.now() - timedelta(days=20))
        InviteeFactory(meeting=meeting, user=world.partner, attended=True)
        InviteeFactory(meeting=meeting, attended=False)
        FollowUpFactory(meeting=meeting, assignee_organization=world.organization,
                        due_on=today - timedelta(days=2))
        upcoming = MeetingFactory(coalition=coalition)
        InviteeFactory(meeting=upcoming, user=world.partner)
        BackboneTaskFactory(coalition=coalition, due_on=today - timedelta(days=1))
        AssessmentAnswerFactory(question=question, score=3, response__respondent=member.user,
                                response__organization=organization)


def assert_same_queries_at_two_sizes(client, world, url: str, queries: int, assert_num_queries):
    """GET ``url`` with 2 then 10 grown organisations: ``queries`` queries both times; the last response."""
    grow(world, 2)
    client.get(url)  # warm the caches a first visit fills
    with assert_num_queries(queries):
        assert client.get(url).status_code == 200
    grow(world, 8)
    with assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    return response
