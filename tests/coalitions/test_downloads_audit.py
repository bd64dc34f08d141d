"""Who saw what (Law 25): downloads of personal information are recorded and shown to
coordinators on the audit page: the members list, activity exports and attachments, the
incident register."""

import io

from django.core.files.base import ContentFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from coalitions.models import PersonalDataDownload

from ..conditions.factories import ActivityFactory
from ..helpers import body


def _log(world):
    with scopes_disabled():
        return list(PersonalDataDownload.objects.filter(coalition=world.coalition).values_list("actor", "kind"))


def test_the_members_list_downloads_with_its_filters_and_the_download_is_recorded(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:member_export", args=[world.coalition.slug])
    response = client.get(url, {"format": "xlsx", "role": "partner"})
    rows = list(load_workbook(io.BytesIO(body(response))).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Nom", "Courriel") and [r[1] for r in rows[1:]] == [world.partner.email]
    assert body(client.get(url)).decode().count("@") == 3  # CSV, every member
    assert _log(world) == [(world.coordinator.pk, "members")] * 2
    page = client.get(reverse("coalitions:audit_downloads", args=[world.coalition.slug])).content.decode()
    assert "Liste des membres" in page and str(world.coordinator) in page and "1 ligne" in page


def test_activity_exports_and_attachments_are_recorded(client, world):
    activity = ActivityFactory(action__coalition=world.coalition)
    with scopes_disabled():
        activity.attachment.save("presences.pdf", ContentFile(b"%PDF"), save=True)
    client.force_login(world.partner)
    assert client.get(reverse("conditions:activity_export", args=[world.coalition.slug])).status_code == 200
    attachment = reverse("conditions:activity_attachment", args=[world.coalition.slug, activity.pk])
    assert client.get(attachment).status_code == 200
    assert sorted(_log(world)) == [(world.partner.pk, "activities"), (world.partner.pk, "attachment")]
    client.force_login(world.coordinator)
    page = client.get(reverse("coalitions:audit_downloads", args=[world.coalition.slug])).content.decode()
    assert "presences.pdf" in page and "Exportation des activités" in page


def test_the_incident_register_export_is_recorded(client, world):
    client.force_login(world.coordinator)
    client.get(reverse("coalitions:incident_export", args=[world.coalition.slug]), {"format": "csv"})
    assert _log(world) == [(world.coordinator.pk, "incidents")]


def test_another_coalitions_downloads_are_not_shown(client, world):
    client.force_login(world.other_member)
    client.get(reverse("coalitions:member_export", args=[world.other_coalition.slug]))
    client.force_login(world.coordinator)
    page = client.get(reverse("coalitions:audit_downloads", args=[world.coalition.slug])).content.decode()
    assert "Aucun téléchargement" in page


def test_the_log_page_has_the_same_queries_whatever_its_length(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:audit_downloads", args=[world.coalition.slug])
    for _ in range(2):
        client.get(reverse("coalitions:member_export", args=[world.coalition.slug]))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(20):
        client.get(reverse("coalitions:member_export", args=[world.coalition.slug]))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)
