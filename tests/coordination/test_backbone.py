from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from coordination.models.backbone import BackboneTask, LibraryItem
from coordination.models.governance import GovernanceBody, TeamMember
from coordination.selectors import backbone as backbone_selectors
from coordination.services import backbone

from ..helpers import url
from .factories import LibraryItemFactory, MeetingFactory


def _resource(**overrides):
    data = {"title": "Guide de l'éveil à la lecture", "kind": "document", "condition": "2",
            "description": "Pour les ateliers parents-enfants", "tags": "Lecture, Éducation", "url": ""}
    data.update(overrides)
    return data


def test_a_partner_uploads_a_document_that_only_members_download_through_the_app(client, world, media):
    client.force_login(world.partner)
    upload = SimpleUploadedFile("guide.pdf", b"%PDF-1.4 guide", content_type="application/pdf")
    response = client.post(url(world, "coordination:library_create"), {**_resource(), "file": upload})
    assert response.status_code == 302
    with scopes_disabled():
        item = LibraryItem.objects.get()
    assert item.added_by == world.partner
    assert (media / item.file.name).read_bytes() == b"%PDF-1.4 guide"
    client.force_login(world.funder)
    response = client.get(url(world, "coordination:library_download", item.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 guide"
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(world.other_member)
    assert client.get(url(world, "coordination:library_download", item.pk)).status_code == 404


def test_a_file_over_the_limit_is_refused_with_a_clear_message(client, world, media):
    client.force_login(world.partner)
    upload = SimpleUploadedFile("gros.pdf", b"x" * 3000, content_type="application/pdf")
    with mock.patch("coordination.services.backbone.LIBRARY_MAX_BYTES", 2048):
        response = client.post(url(world, "coordination:library_create"), {**_resource(), "file": upload})
    assert response.status_code == 200
    assert "la limite est de" in response.context["form"].errors["file"][0]
    with scopes_disabled():
        assert not LibraryItem.objects.exists()
    assert not any(media.rglob("gros*"))


def test_a_refused_file_type_is_rejected_next_to_the_field(client, world, media):
    client.force_login(world.partner)
    upload = SimpleUploadedFile("outil.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(url(world, "coordination:library_create"), {**_resource(), "file": upload})
    assert response.status_code == 200
    error = response.context["form"].errors["file"][0]
    assert "«\u00a0exe\u00a0»" in error and "pdf" in error
    with scopes_disabled():
        assert not LibraryItem.objects.exists()


def test_a_resource_needs_a_file_or_a_link(client, world):
    client.force_login(world.partner)
    response = client.post(url(world, "coordination:library_create"), _resource())
    assert "file" in response.context["form"].errors


def test_the_library_search_ignores_accents_and_case(client, world):
    with scope(coalition=world.coalition):
        backbone.library_add(actor=world.coordinator, coalition=world.coalition, title="Éveil à la lecture",
                             kind="link", condition=2, url="https://exemple.org", tags="Éducation")
        backbone.library_add(actor=world.coordinator, coalition=world.coalition, title="Tableau de bord",
                             kind="tool", condition=3, url="https://exemple.org/tdb")
        assert [i.title for i in backbone_selectors.library(world.coalition, q="EVEIL")] == ["Éveil à la lecture"]
        assert [i.title for i in backbone_selectors.library(world.coalition, q="éducation")] == ["Éveil à la lecture"]
        assert [i.title for i in backbone_selectors.library(world.coalition, condition="3")] == ["Tableau de bord"]
    client.force_login(world.partner)
    page = client.get(url(world, "coordination:library"), {"q": "lecture"}).content.decode()
    assert "Éveil à la lecture" in page and "Tableau de bord" not in page
    assert 'value="lecture"' in page  # the search stays in the URL and the field


def test_a_partner_cannot_delete_someone_elses_resource(client, world):
    theirs = LibraryItemFactory(coalition=world.coalition, added_by=world.coordinator)
    mine = LibraryItemFactory(coalition=world.coalition, added_by=world.partner)
    client.force_login(world.partner)
    assert client.post(url(world, "coordination:library_delete", theirs.pk)).status_code == 403
    assert client.post(url(world, "coordination:library_delete", mine.pk)).status_code == 302
    with scopes_disabled():
        assert list(LibraryItem.objects.values_list("pk", flat=True)) == [theirs.pk]


def test_the_coordinator_manages_the_task_board(client, world):
    meeting = MeetingFactory(coalition=world.coalition, title="Comité de pilotage")
    client.force_login(world.coordinator)
    response = client.post(url(world, "coordination:task_create"), {"title": "", "status": "todo"})
    assert "title" in response.context["form"].errors
    client.post(url(world, "coordination:task_create"), {"title": "Préparer le bilan", "status": "todo",
                                             "owner": world.coordinator.pk, "meeting": meeting.pk,
                                             "due_on": "2030-01-15"})
    with scopes_disabled():
        task = BackboneTask.objects.get()
    assert task.meeting == meeting and task.owner == world.coordinator
    client.post(url(world, "coordination:task_move", task.pk), {"status": "doing"})
    with scopes_disabled():
        task.refresh_from_db()
    assert task.status == "doing"
    client.force_login(world.partner)
    page = client.get(url(world, "coordination:tasks")).content.decode()
    assert "Préparer le bilan" in page and "Comité de pilotage" in page and "En cours" in page
    assert client.post(url(world, "coordination:task_move", task.pk), {"status": "done"}).status_code == 403


def test_the_team_and_a_governance_body_with_its_members(client, world):
    client.force_login(world.coordinator)
    client.post(url(world, "coordination:team_member_create"),
                {"user": world.coordinator.pk, "title": "Coordonnatrice"})
    response = client.post(url(world, "coordination:team_member_create"),
                           {"user": world.coordinator.pk, "title": "Encore"})
    assert "user" in response.context["form"].errors
    response = client.post(url(world, "coordination:body_create"), {
        "name": "Comité de pilotage", "kind": "steering_committee", "mandate": "Orienter le plan",
        "organizations": [world.organization.pk], "members": [world.partner.pk],
    })
    assert response.status_code == 302
    with scopes_disabled():
        assert TeamMember.objects.count() == 1
        body = GovernanceBody.objects.get()
        assert list(body.organizations.all()) == [world.organization]
    client.force_login(world.partner)
    page = client.get(url(world, "coordination:team")).content.decode()
    assert "Coordonnatrice" in page and "Comité de pilotage" in page


def test_a_funder_reaches_the_library_from_the_backbone_page_but_not_the_task_board(client, world):
    LibraryItemFactory(coalition=world.coalition, title="Guide public")
    client.force_login(world.funder)
    page = client.get(url(world, "coordination:backbone")).content.decode()
    assert "Bibliothèque de ressources" in page and "Tableau des tâches" not in page
    assert "Équipe de coordination" not in page
    assert client.get(url(world, "coordination:tasks")).status_code == 403


def test_a_link_resource_is_shown_as_a_link_and_the_download_view_does_not_redirect_elsewhere(client, world):
    link = LibraryItemFactory(coalition=world.coalition, url="https://exemple.org/outil", title="Outil en ligne")
    client.force_login(world.partner)
    page = client.get(url(world, "coordination:library")).content.decode()
    assert 'href="https://exemple.org/outil"' in page
    assert client.get(url(world, "coordination:library_download", link.pk)).status_code == 404


def test_an_executable_named_like_a_pdf_is_refused_next_to_the_field(client, world, media):
    client.force_login(world.partner)
    upload = SimpleUploadedFile("guide.pdf", b"MZ\x90\x00\x03\x00\x00\x00", content_type="application/pdf")
    response = client.post(url(world, "coordination:library_create"), {**_resource(), "file": upload})
    assert response.status_code == 200
    assert "n’est pas celui d’un fichier «\u00a0pdf\u00a0»" in response.context["form"].errors["file"][0]
    with scopes_disabled():
        assert not LibraryItem.objects.exists()
    assert not any(media.rglob("guide*"))


def test_a_body_over_the_upload_ceiling_is_refused_before_it_is_stored(client, world, media):
    client.force_login(world.partner)
    upload = SimpleUploadedFile("gros.pdf", b"%PDF-1.4 " + b"x" * 5000, content_type="application/pdf")
    with mock.patch("coalitions.uploads.REQUEST_MAX_BYTES", 2048):
        response = client.post(url(world, "coordination:library_create"), {**_resource(), "file": upload})
    assert response.status_code == 400
    with scopes_disabled():
        assert not LibraryItem.objects.exists()
    assert not any(media.rglob("gros*"))


def test_a_library_search_reads_its_first_ten_words_only(world):
    """Each word is one more condition: a search of thousands of words took seconds per request."""
    with scopes_disabled(), CaptureQueriesContext(connection) as queries:
        list(backbone_selectors.library(world.coalition, q="mot " * 3000))
    assert queries.captured_queries[-1]["sql"].count("LIKE") == 10
