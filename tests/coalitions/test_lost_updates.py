"""Issue 10, point 5: two people editing the same shared object. The second save is refused with
both texts shown and the input kept; saving again after review wins (coalitions.concurrency)."""

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions.concurrency import EditConflict, version_of
from coalitions.models import Role
from conditions.models import Action, AgendaVersion
from conditions.services import plan as plan_services
from coordination.models.meetings import Meeting

from ..conditions.factories import ActionFactory, ActionPlanFactory, AgendaVersionFactory, PriorityFactory
from ..coordination.factories import MeetingFactory
from ..factories import MembershipFactory


@pytest.fixture
def editors(world):
    """Two coordinators, each in their own browser."""
    second = MembershipFactory(coalition=world.coalition, role=Role.COORDINATOR).user
    first_client, second_client = Client(), Client()
    first_client.force_login(world.coordinator)
    second_client.force_login(second)
    return first_client, second_client


@pytest.fixture
def action(world):
    plan = ActionPlanFactory(coalition=world.coalition)
    action = ActionFactory(coalition=world.coalition, plan=plan, lead_organization=world.organization,
                           title="Ateliers parent-enfant")
    with scopes_disabled():
        action.priorities.set([PriorityFactory(coalition=world.coalition)])
    return action


def action_data(action, version, **changes):
    return {
        "plan": action.plan_id, "title": action.title, "description": action.description,
        "priorities": [p.pk for p in action.priorities.all()], "lead_organization": action.lead_organization_id,
        "contributing_organizations": [], "start_date": action.start_date.isoformat(),
        "end_date": action.end_date.isoformat(), "status": action.status, "planned_budget": "0",
        "spent_budget": "0", "expected_results": "", "progress": "0", "version": version, **changes,
    }


def version_on(response) -> str:
    return response.context["form"]["version"].value()


def test_the_second_editor_of_an_action_sees_both_texts_and_the_first_save_stays(world, editors, action):
    first, second = editors
    url = reverse("conditions:action_edit", args=[world.coalition.slug, action.pk])
    with scopes_disabled():
        first_version, second_version = version_on(first.get(url)), version_on(second.get(url))
        assert first.post(url, action_data(action, first_version, title="Ateliers du samedi")).status_code == 302
        response = second.post(url, action_data(action, second_version, title="Ateliers du mardi"))

        assert response.status_code == 200
        page = response.content.decode()
        assert "Quelqu’un d’autre a enregistré cette page" in page
        assert "Ateliers du samedi" in page and "Ateliers du mardi" in page  # theirs and yours
        label = str(Action._meta.get_field("title").verbose_name)
        assert {"label": label, "theirs": "Ateliers du samedi", "yours": "Ateliers du mardi"} in (
            response.context["form"].conflict)
        assert response.context["form"]["title"].value() == "Ateliers du mardi"  # nothing typed is lost
        assert Action.objects.get(pk=action.pk).title == "Ateliers du samedi"

        # Having seen both, the second editor saves again: their version now wins.
        again = second.post(url, action_data(action, version_on(response), title="Ateliers du mardi"))
        assert again.status_code == 302
        assert Action.objects.get(pk=action.pk).title == "Ateliers du mardi"


def test_a_save_on_the_unchanged_version_goes_through(world, editors, action):
    first, _second = editors
    url = reverse("conditions:action_edit", args=[world.coalition.slug, action.pk])
    with scopes_disabled():
        version = version_on(first.get(url))
        assert first.post(url, action_data(action, version, status="done")).status_code == 302
        assert Action.objects.get(pk=action.pk).status == "done"


def test_the_service_refuses_a_stale_version_without_any_form(world, action):
    with scope(coalition=world.coalition):
        stale = version_of(action, Action.EDIT_FIELDS)
        fields = {name: getattr(action, name) for name in plan_services.ACTION_FIELDS}
        common = {"actor": world.coordinator, "plan": action.plan, "priorities": list(action.priorities.all()),
                  "lead_organization": action.lead_organization}
        plan_services.action_update(action=action, version=stale, **common, **{**fields, "progress": 40})
        with pytest.raises(EditConflict) as conflict:
            plan_services.action_update(action=action, version=stale, **common, **{**fields, "progress": 60})
        assert Action.objects.get(pk=action.pk).progress == 40
        assert [row["label"] for row in conflict.value.rows] == [str(Action._meta.get_field("progress").verbose_name)]


def test_two_coordinators_starting_a_draft_of_the_agenda_do_not_erase_each_other(world, editors):
    AgendaVersionFactory(coalition=world.coalition, vision="Chaque enfant prêt")
    first, second = editors
    url = reverse("conditions:agenda_draft", args=[world.coalition.slug])
    with scopes_disabled():
        drafts = [first.get(url).context["form"], second.get(url).context["form"]]
    data = [{name: field.value() or "" for name, field in ((n, f[n]) for n in f.fields)} for f in drafts]
    assert first.post(url, {**data[0], "vision": "Vision de la première"}).status_code == 302
    response = second.post(url, {**data[1], "problem": "Problème de la seconde"})

    assert response.status_code == 200
    assert "Vision de la première" in response.content.decode()
    with scopes_disabled():
        draft = AgendaVersion.objects.get(coalition=world.coalition, number__isnull=True)
        assert draft.vision == "Vision de la première" and draft.problem != "Problème de la seconde"


def test_the_second_writer_of_the_minutes_keeps_their_text_and_sees_the_first(world, editors):
    meeting = MeetingFactory(coalition=world.coalition, minutes="Présences : 8")
    first, second = editors
    url = reverse("coordination:meeting_minutes", args=[world.coalition.slug, meeting.pk])
    with scopes_disabled():
        versions = version_on(first.get(url)), version_on(second.get(url))
    assert first.post(url, {"minutes": "Décision : ateliers en mars", "version": versions[0]}).status_code == 302
    response = second.post(url, {"minutes": "Décision : ateliers en avril", "version": versions[1]})

    page = response.content.decode()
    assert response.status_code == 200
    assert "ateliers en mars" in page and "ateliers en avril" in page
    assert response.context["form"]["minutes"].value() == "Décision : ateliers en avril"
    with scopes_disabled():
        assert Meeting.objects.get(pk=meeting.pk).minutes == "Décision : ateliers en mars"
    again = second.post(url, {"minutes": "Décision : ateliers en avril", "version": version_on(response)})
    assert again.status_code == 302
    with scopes_disabled():
        assert Meeting.objects.get(pk=meeting.pk).minutes == "Décision : ateliers en avril"


def test_an_organization_renamed_meanwhile_is_not_renamed_back(world, editors):
    first, second = editors
    organization = world.organization
    url = reverse("coalitions:organization_edit", args=[world.coalition.slug, organization.pk])
    with scopes_disabled():
        versions = version_on(first.get(url)), version_on(second.get(url))
    data = {"name": organization.name, "sector": organization.sector, "kind": organization.kind, "website": "",
            "description": "", "representative": ""}
    assert first.post(url, {**data, "name": "Maison des familles", "version": versions[0]}).status_code == 302
    response = second.post(url, {**data, "description": "Ouverte le samedi", "version": versions[1]})

    assert response.status_code == 200
    assert "Maison des familles" in response.content.decode()
    with scopes_disabled():
        organization.refresh_from_db()
    assert (organization.name, organization.description) == ("Maison des familles", "")


def test_two_coordinators_writing_the_first_learning_note_of_a_period_do_not_erase_each_other(world, editors):
    from indicators.models import LearningNote

    from ..indicators.conftest import Measure

    measure = Measure(world)
    first, second = editors
    url = reverse("indicators:note_edit", args=[world.coalition.slug, measure.period.pk])
    with scopes_disabled():
        versions = version_on(first.get(url)), version_on(second.get(url))
    assert first.post(url, {"learned": "Les pères viennent le samedi.", "version": versions[0]}).status_code == 302
    response = second.post(url, {"learned": "Les ateliers du soir marchent.", "version": versions[1]})

    assert response.status_code == 200
    assert "Les pères viennent le samedi." in response.content.decode()
    with scopes_disabled():
        assert LearningNote.objects.get(period=measure.period).learned == "Les pères viennent le samedi."
