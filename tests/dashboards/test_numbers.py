"""The numbers a funder reads on the home, the reports and the share links (issue 13)."""

from io import BytesIO

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from dashboards.models import ReportSnapshot

from ..helpers import url
from .factories import ReportSnapshotFactory, report_data, shared
from .numbers import YEAR, numbers

pytestmark = pytest.mark.django_db
NB = "\u00a0"


def page(client, world, actor, name, *args, language=""):
    user = world.user(actor)
    if language:
        user.language = language
        user.save(update_fields=["language"])
    client.force_login(user)
    response = client.get(url(world, name, *args))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def data(world):
    return numbers(world)


# Point 2: the unit is never lost -------------------------------------------------------------


def test_the_funder_home_writes_a_percentage_and_its_target_with_the_percent_sign(client, world, data):
    html = page(client, world, "funder", "coalitions:home")
    assert f"Dernière valeur du regroupement{NB}: 28,4{NB}%." in html
    assert f"Cible finale{NB}: 24{NB}%." in html
    assert "28,38" not in html
    assert f"<td>28,4{NB}%</td>" in html  # the chart's data table


def test_in_english_the_home_writes_percentages_and_units_the_english_way(client, world, data):
    html = page(client, world, "funder", "coalitions:home", language="en")
    assert "Latest coalition value: 28.4%." in html
    assert "Final target: 24%." in html
    assert f"Final target: 180{NB}families." in html


def test_the_year_report_its_download_and_a_frozen_snapshot_keep_the_unit(client, world, data):
    from openpyxl import load_workbook

    html = page(client, world, "funder", "dashboards:report", YEAR)
    assert f"Dernière valeur du regroupement{NB}: 28,4{NB}%." in html
    assert f"Cible finale{NB}: 24{NB}%." in html
    download = client.get(url(world, "dashboards:report_download", YEAR))
    rows = list(load_workbook(BytesIO(download.content))["Indicateurs"].iter_rows(values_only=True))
    assert ("PE-02", "Enfants vulnérables", "%") == rows[-1][:3]

    client.force_login(world.coordinator)
    client.post(url(world, "dashboards:report_freeze", YEAR))
    with scopes_disabled():
        snapshot = ReportSnapshot.objects.get(coalition=world.coalition)
    link, token = shared(snapshot=snapshot, coalition=world.coalition)
    public = client.get(reverse("share_link", kwargs={"token": token})).content.decode()
    assert f"Cible finale{NB}: 24{NB}%." in public and f"28,4{NB}%" in public


def test_a_snapshot_frozen_before_units_were_kept_still_shows(client, world):
    ReportSnapshotFactory(coalition=world.coalition, data=report_data())
    with scopes_disabled():
        snapshot = ReportSnapshot.objects.get(coalition=world.coalition)
    client.force_login(world.funder)
    html = client.get(url(world, "dashboards:snapshot", snapshot.pk)).content.decode()
    assert f"Dernière valeur du regroupement{NB}: 42{NB}familles." in html
