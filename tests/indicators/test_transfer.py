"""Import (preview, all or nothing, idempotent) and export of values and rollups."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from indicators import rollups
from indicators.models import IndicatorValue

from ..helpers import body
from .factories import IndicatorValueFactory
from .helpers import HEADER, csv_file, upload_and_confirm, xlsx_file

pytestmark = pytest.mark.django_db

def values(measure):
    with scopes_disabled():
        return sorted(IndicatorValue.objects.filter(indicator=measure.indicator).values_list(
            "organization__name", "value", "status"))


def test_it_previews_then_saves_a_csv_and_a_reupload_changes_nothing(client, world, measure):
    client.force_login(world.partner)
    rows = [["PE-01", "2025-01-01", "Maison de la famille", "12", ""],
            ["PE-01", "2025-04-01", "Maison de la famille", "15", "Deux nouvelles intervenantes"]]
    preview = client.post(reverse("indicators:transfer", args=[world.coalition.slug]), {"file": csv_file(rows)})
    assert "Aperçu : 2 données prêtes à importer" in preview.content.decode()
    assert values(measure) == []  # nothing is saved before the confirmation
    _preview, saved = upload_and_confirm(client, world, csv_file(rows))
    assert saved.status_code == 302
    first = values(measure)
    assert [(v[1], v[2]) for v in first] == [(12, "submitted"), (15, "submitted")]
    with scopes_disabled():
        stamps = list(IndicatorValue.objects.order_by("pk").values_list("updated_at", flat=True))
    upload_and_confirm(client, world, csv_file(rows, delimiter=";"))
    with scopes_disabled():
        assert list(IndicatorValue.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_an_xlsx_with_one_bad_row_saves_nothing_and_names_the_row_and_column(client, world, measure):
    client.force_login(world.partner)
    rows = [["PE-01", "2025-01-01", "Maison de la famille", 12, ""],
            ["PE-01", "2025-04-01", "Maison de la famille", -4, ""],
            ["PE-99", "2025-04-01", "Maison de la famille", 3, ""]]
    preview, saved = upload_and_confirm(client, world, xlsx_file(rows))
    html = preview.content.decode()
    assert saved is None and values(measure) == []
    assert "Rien n\u2019a été enregistré" in html or "Rien n'a été enregistré" in html
    assert "<th scope=\"row\">3</th><td><code>Valeur</code></td>" in html
    assert "<th scope=\"row\">4</th><td><code>Indicateur</code></td>" in html


def test_a_partner_cannot_import_another_organizations_values(client, world, measure):
    client.force_login(world.partner)
    rows = [["PE-01", "2025-01-01", "CPE Les Petits Pas", "12", ""]]
    preview, saved = upload_and_confirm(client, world, csv_file(rows))
    assert saved is None and values(measure) == []
    assert "organization" in preview.content.decode()


def test_the_template_lists_the_organisations_periods(client, world, measure):
    client.force_login(world.partner)
    response = client.get(reverse("indicators:import_template", args=[world.coalition.slug]) + "?format=xlsx"
                          + "&start=2024-06-01&end=2025-12-31")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Indicateur", "Début de la période", "Organisme")
    assert {r[1] for r in rows[1:]} == {"2025-01-01", "2025-04-01"}
    assert all(r[2] == "Maison de la famille" for r in rows[1:])


def test_exports_respect_who_may_see_what(client, world, measure):
    IndicatorValueFactory(period=measure.period, organization=measure.other_org, value=5, status="submitted",
                          comment="=HYPERLINK(\"x\")")
    IndicatorValueFactory(period=measure.period, organization=world.organization, value=7, status="approved")
    rollups.recompute(world.coalition.pk)
    client.force_login(world.partner)
    text = body(client.get(reverse("indicators:export_values", args=[world.coalition.slug]))).decode("utf-8-sig")
    assert "Maison de la famille" in text and "CPE Les Petits Pas" not in text
    IndicatorValueFactory(period=measure.period2, organization=measure.other_org, value=6, status="approved",
                          comment="Commentaire interne du CPE")
    text = body(client.get(reverse("indicators:export_values", args=[world.coalition.slug]))).decode("utf-8-sig")
    assert "CPE Les Petits Pas" in text and "Commentaire interne du CPE" not in text
    client.force_login(world.coordinator)
    text = body(client.get(reverse("indicators:export_values", args=[world.coalition.slug]))).decode("utf-8-sig")
    assert "CPE Les Petits Pas" in text and "'=HYPERLINK" in text
    client.force_login(world.funder)
    response = client.get(reverse("indicators:export_rollups", args=[world.coalition.slug]) + "?format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "PE-01" and rows[1][5] == 7


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=6).map(
        lambda rows: "\n".join([",".join(HEADER)] + [",".join(r) for r in rows]).encode("utf-8")),
), as_xlsx=st.booleans())
def test_malformed_files_never_crash_and_never_import_part(client, world, measure, content, as_xlsx):
    client.force_login(world.partner)
    if as_xlsx:
        content = b"PK\x03\x04" + content
    upload = SimpleUploadedFile("f.xlsx" if as_xlsx else "f.csv", content)
    response = client.post(reverse("indicators:transfer", args=[world.coalition.slug]), {"file": upload})
    assert response.status_code == 200
    assert values(measure) == []
