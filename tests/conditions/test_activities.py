from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from conditions.models import Activity
from conditions.services import activities as activities_services

from ..factories import OrganizationFactory
from ..helpers import body, url
from .factories import ActionFactory, ActivityFactory, PriorityFactory


@pytest.fixture
def action(world):
    priority = PriorityFactory(coalition=world.coalition, title="Bien-être des parents")
    with scopes_disabled():
        return ActionFactory(plan__coalition=world.coalition, lead_organization=world.organization,
                             priorities=[priority], title="Visites à domicile")


def activity_data(world, action, **changes):
    return {"action": action.pk, "organization": world.organization.pk, "date": "2025-10-02", "end_date": "",
            "description": "Visites à domicile de l'automne", "people_reached": "14", "families_reached": "7",
            "hours": "21", "cost": "350", **changes}


def test_a_partner_logs_an_activity_with_an_attachment_that_funders_never_see(client, world, action, media):
    client.force_login(world.partner)
    data = activity_data(world, action, attachment=SimpleUploadedFile("bilan.pdf", b"%PDF-1.4 bilan"))
    assert client.post(url(world, "conditions:activity_create"), data).status_code == 302
    with scopes_disabled():
        activity = Activity.objects.get()
    assert activity.created_by == world.partner and activity.people_reached == 14
    assert (media / activity.attachment.name).exists()
    download = client.get(url(world, "conditions:activity_attachment", activity.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 bilan"
    client.force_login(world.funder)
    assert client.get(url(world, "conditions:activity_attachment", activity.pk)).status_code == 403
    page = client.get(url(world, "conditions:activities")).content.decode()
    assert "Visites à domicile de l&#x27;automne" in page and "attachment" not in page


def test_an_attachment_of_a_forbidden_kind_is_refused(client, world, action, media):
    client.force_login(world.partner)
    data = activity_data(world, action, attachment=SimpleUploadedFile("virus.exe", b"MZ"))
    response = client.post(url(world, "conditions:activity_create"), data)
    assert response.context["form"].errors["attachment"]
    with scopes_disabled():
        assert not Activity.objects.exists()


def test_a_partner_cannot_log_for_another_organization_by_posting_its_id(client, world, action):
    other = OrganizationFactory(coalition=world.coalition)
    client.force_login(world.partner)
    response = client.post(url(world, "conditions:activity_create"),
                           activity_data(world, action, organization=other.pk))
    assert response.status_code == 200 and response.context["form"].errors["organization"]
    with scopes_disabled():
        assert not Activity.objects.exists()
        with pytest.raises(ValidationError):
            activities_services.activity_create(actor=world.partner, coalition=world.coalition, action=action,
                                     organization=other, date=date(2025, 1, 1), description="x")


def test_a_partner_edits_only_its_own_organizations_activities(client, world, action):
    other = OrganizationFactory(coalition=world.coalition)
    theirs = ActivityFactory(action=action, organization=other, description="Leur activité")
    mine = ActivityFactory(action=action, organization=world.organization)
    client.force_login(world.partner)
    assert client.get(url(world, "conditions:activity_edit", theirs.pk)).status_code == 403
    client.post(url(world, "conditions:activity_edit", theirs.pk), activity_data(world, action, description="Piraté"))
    assert client.post(url(world, "conditions:activity_delete", theirs.pk)).status_code == 403
    response = client.post(url(world, "conditions:activity_edit", mine.pk),
                           activity_data(world, action, people_reached="30"))
    assert response.status_code == 302
    with scopes_disabled():
        theirs.refresh_from_db()
        mine.refresh_from_db()
    assert theirs.description == "Leur activité" and mine.people_reached == 30


def test_a_coordinator_corrects_any_activity(client, world, action):
    activity = ActivityFactory(action=action, organization=world.organization)
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:activity_edit", activity.pk),
                           activity_data(world, action, hours="3.5"))
    assert response.status_code == 302
    with scopes_disabled():
        activity.refresh_from_db()
    assert str(activity.hours) == "3.5"


@pytest.mark.parametrize("actor,editable", [
    ("coordinator", {"mine", "theirs"}), ("partner", {"mine"}), ("funder", set()),
])
@pytest.mark.parametrize("page_name", ["activities", "action"])
def test_the_edit_link_shows_only_on_the_activities_each_person_may_edit(client, world, action, actor, editable,
                                                                         page_name):
    other = OrganizationFactory(coalition=world.coalition)
    with scopes_disabled():
        rows = {"mine": ActivityFactory(action=action, organization=world.organization, description="Notre atelier"),
                "theirs": ActivityFactory(action=action, organization=other, description="Leur atelier")}
    client.force_login(world.user(actor))
    args = [action.pk] if page_name == "action" else []
    html = client.get(url(world, f"conditions:{page_name}", *args)).content.decode()
    assert "Notre atelier" in html and "Leur atelier" in html
    edit_links = {key for key, activity in rows.items() if url(world, "conditions:activity_edit", activity.pk) in html}
    assert edit_links == editable


@pytest.mark.parametrize("field,value", [
    ("people_reached", "-3"), ("families_reached", "-1"), ("end_date", "2025-09-01"), ("cost", "-10"),
    ("cost", "500000000"), ("description", ""),
])
def test_bad_activity_input_is_refused_on_the_field_and_nothing_is_saved(client, world, action, field, value):
    client.force_login(world.partner)
    response = client.post(url(world, "conditions:activity_create"), activity_data(world, action, **{field: value}))
    assert response.status_code == 200 and response.context["form"].errors[field]
    with scopes_disabled():
        assert not Activity.objects.exists()


def test_the_list_filters_by_action_priority_organization_and_dates(client, world, action):
    other_action = ActionFactory(plan=action.plan, lead_organization=world.organization, title="Autre")
    ActivityFactory(action=action, date=date(2025, 3, 1), description="Printemps")
    ActivityFactory(action=action, date=date(2025, 11, 1), description="Automne")
    ActivityFactory(action=other_action, date=date(2025, 11, 2), description="Ailleurs")
    with scopes_disabled():
        priority = action.priorities.get()
    client.force_login(world.funder)

    def shown(**params):
        return [a.description for a in client.get(url(world, "conditions:activities"), params).context["page_obj"]]

    assert shown(action=action.pk) == ["Automne", "Printemps"]
    assert shown(priority=priority.pk) == ["Automne", "Printemps"]
    assert shown(date_from="2025-10-01", date_to="2025-11-01") == ["Automne"]
    assert shown(organization=world.organization.pk, date_from="2025-10-01") == ["Ailleurs", "Automne"]
    assert len(shown(action="not-a-number")) == 3  # a bad filter is ignored, not a crash


def test_the_list_is_paginated(client, world, action):
    for _ in range(30):
        ActivityFactory(action=action)
    client.force_login(world.partner)
    response = client.get(url(world, "conditions:activities"), {"page": 2})
    assert len(response.context["page_obj"].object_list) == 5 and "Page 2 sur 2" in response.content.decode()


def test_it_exports_the_filtered_activities_to_csv_and_xlsx(client, world, action):
    ActivityFactory(action=action, date=date(2025, 3, 1), description="Printemps", people_reached=9)
    ActivityFactory(action=action, date=date(2025, 11, 1), description="Automne")
    client.force_login(world.funder)
    csv = body(client.get(url(world, "conditions:activity_export"),
                          {"format": "csv", "date_to": "2025-06-30"})).decode()
    lines = csv.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Date,Date de fin,Action,Priorités,Organisme")
    assert len(lines) == 2 and "Printemps" in lines[1] and "Bien-être des parents" in lines[1]
    response = client.get(url(world, "conditions:activity_export"), {"format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.max_row == 3 and sheet["F2"].value == "Automne"


def test_bulk_creation_validates_every_row(world, action):
    declined = ActionFactory(plan=action.plan, lead_organization=world.organization, review_status="declined")
    with scopes_disabled():
        rows = [{"action": action, "organization": world.organization, "date": date(2025, 1, d),
                 "description": f"Jour {d}"} for d in range(1, 6)]
        created = activities_services.activity_bulk_create(actor=world.partner, coalition=world.coalition, rows=rows)
        assert len(created) == 5
        with pytest.raises(ValidationError):
            activities_services.activity_bulk_create(actor=world.partner, coalition=world.coalition, rows=[
                *rows, {"action": declined, "organization": world.organization, "date": date(2025, 2, 1),
                        "description": "Refusée"}])
        assert Activity.objects.count() == 5


def _fill(world, action, count):
    for i in range(count):
        org = OrganizationFactory(coalition=world.coalition)
        ActivityFactory(action=action, organization=org, attachment="conditions/activities/x.pdf" if i % 2 else "")


def test_the_activities_page_runs_a_fixed_number_of_queries(client, world, action, django_assert_num_queries):
    client.force_login(world.coordinator)
    client.get(url(world, "conditions:activities"))
    queries = 11
    _fill(world, action, 5)
    with django_assert_num_queries(queries):
        client.get(url(world, "conditions:activities"))
    _fill(world, action, 50)
    with django_assert_num_queries(queries):
        assert client.get(url(world, "conditions:activities")).status_code == 200


def test_an_executable_named_like_a_pdf_is_refused_next_to_the_field(client, world, action, media):
    client.force_login(world.partner)
    data = activity_data(world, action, attachment=SimpleUploadedFile("bilan.pdf", b"MZ\x90\x00\x03\x00\x00\x00"))
    response = client.post(url(world, "conditions:activity_create"), data)
    assert response.status_code == 200
    assert "n’est pas celui d’un fichier «\u00a0pdf\u00a0»" in response.context["form"].errors["attachment"][0]
    with scopes_disabled():
        assert not Activity.objects.exists()
    assert not any(media.rglob("bilan*"))
