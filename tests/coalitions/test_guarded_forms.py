"""Every page that creates a shared object renders a one-time token, and every page that edits one
renders the version it started from (issue 10, points 5 and 7): a new form cannot forget them."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from ..conditions.factories import ActionFactory, ActionPlanFactory, ActivityFactory, PriorityFactory
from ..coordination.factories import BackboneTaskFactory, CommentFactory, GovernanceBodyFactory, MeetingFactory
from ..indicators.conftest import Measure

CREATE_PAGES = [
    ("coalitions:organization_create", None), ("coalitions:invitation_create", None),
    ("conditions:priorities", None), ("conditions:plan_create", None), ("conditions:action_create", None),
    ("conditions:activity_create", None), ("coordination:meeting_create", None),
    ("coordination:decision_create", "meeting"), ("coordination:follow_up_create", "meeting"),
    ("coordination:meeting", "meeting"), ("coordination:announcement_create", None),
    ("coordination:task_create", None), ("coordination:team_member_create", None),
    ("coordination:body_create", None), ("coordination:library_create", None),
    ("coordination:assessment_create", None), ("conditions:action", "action"),
    ("indicators:indicator_create", None),
]
EDIT_PAGES = [
    ("coalitions:settings", None), ("coalitions:organization_edit", "organization"),
    ("conditions:agenda_draft", None), ("conditions:priority_edit", "priority"), ("conditions:plan_edit", "plan"),
    ("conditions:action_edit", "action"), ("conditions:activity_edit", "activity"),
    ("coordination:meeting_edit", "meeting"), ("coordination:meeting_minutes", "meeting"),
    ("coordination:task_edit", "task"), ("coordination:body_edit", "body"), ("coordination:comment_edit", "comment"),
    ("indicators:indicator_edit", "indicator"), ("indicators:note_edit", "period"),
]


@pytest.fixture
def objects(world):
    plan = ActionPlanFactory(coalition=world.coalition)
    action = ActionFactory(plan=plan, lead_organization=world.organization)
    meeting = MeetingFactory(coalition=world.coalition)
    with scopes_disabled():
        measure = Measure(world)
        return {
            "organization": world.organization, "priority": PriorityFactory(coalition=world.coalition),
            "plan": plan, "action": action, "meeting": meeting,
            "activity": ActivityFactory(action=action, organization=world.organization),
            "task": BackboneTaskFactory(coalition=world.coalition),
            "body": GovernanceBodyFactory(coalition=world.coalition),
            "comment": CommentFactory(meeting=meeting, author=world.coordinator),
            "indicator": measure.indicator, "period": measure.period,
        }


def page(client, world, objects, name, key):
    client.force_login(world.coordinator)
    args = [world.coalition.slug] + ([objects[key].pk] if key else [])
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("name", "key"), CREATE_PAGES)
def test_every_create_page_carries_a_one_time_token(client, world, objects, name, key):
    assert 'type="hidden" name="submission"' in page(client, world, objects, name, key)


@pytest.mark.parametrize(("name", "key"), EDIT_PAGES)
def test_every_edit_page_carries_the_version_it_shows(client, world, objects, name, key):
    assert 'type="hidden" name="version"' in page(client, world, objects, name, key)
