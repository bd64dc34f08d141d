"""Issue 13, point 10: the import template passes its own import. Rows without a value (blank,
whitespace, or template rows left as downloaded) are ignored and counted; every count is
explained with real plurals; the headers follow the reader's language and both languages'
headers are accepted, whatever the case and the accents."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from indicators import transfer
from indicators.models import ImportStatus, IndicatorValue, ValueImport
from indicators.services import import_jobs
from indicators.services.imports import values_check_import

from .helpers import csv_file, upload_and_confirm, xlsx_file

pytestmark = pytest.mark.django_db

TEMPLATE_QUERY = "?format=xlsx&start=2024-06-01&end=2025-12-31"


def template_rows(client, world):
    response = client.get(reverse("indicators:import_template", args=[world.coalition.slug]) + TEMPLATE_QUERY)
    return [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]


def saved_values(measure):
    with scopes_disabled():
        return sorted(IndicatorValue.objects.filter(indicator=measure.indicator).values_list("period__start", "value"))


def test_the_template_headers_are_in_french_for_a_french_reader(client, world, measure):
    client.force_login(world.partner)
    header = template_rows(client, world)[0]
    assert header[:4] == ["Indicateur", "Début de la période", "Organisme", "Valeur"]
    assert header[-2:] == ["Nom de l’indicateur", "Période"]


def test_the_template_headers_are_in_english_for_an_english_reader(client, world, measure):
    world.partner.language = "en"
    world.partner.save()
    client.force_login(world.partner)
    header = template_rows(client, world)[0]
    assert header[:4] == ["Indicator", "Period start", "Organization", "Value"]


@pytest.mark.parametrize("header", [
    ["indicator", "period_start", "organization", "value"],
    ["Indicator", "Period start", "Organization", "Value"],
    ["INDICATEUR", "debut de la periode", "organisme", "VALEUR"],
    ["Indicateur", "Début de la période", "Organization", "value"],
    ["  indicateur ", "DÉBUT_DE_LA_PÉRIODE", "Organisme", "Valeur"],
])
def test_headers_of_either_language_are_accepted_whatever_the_case_and_accents(header):
    data = ("\n".join([",".join(header), "PE-01,2025-01-01,Maison de la famille,12"])).encode("utf-8")
    rows = transfer.rows_of_bytes(data, "valeurs.csv", transfer.IMPORT_COLUMNS)
    assert rows == [{"indicator": "PE-01", "period_start": "2025-01-01", "organization": "Maison de la famille",
                     "value": "12"}]


def test_a_file_without_the_template_header_names_the_columns_in_the_readers_language():
    data = b"foo,bar\n1,2\n"
    with translation.override("fr"), pytest.raises(transfer.FileUnreadable, match="Indicateur, Début de la période"):
        transfer.rows_of_bytes(data, "valeurs.csv", transfer.IMPORT_COLUMNS)
    with translation.override("en"), pytest.raises(transfer.FileUnreadable, match="Indicator, Period start"):
        transfer.rows_of_bytes(data, "valeurs.csv", transfer.IMPORT_COLUMNS)


def test_blank_and_whitespace_rows_are_ignored_and_counted(client, world, measure):
    client.force_login(world.partner)
    rows = [["PE-01", "2025-01-01", "Maison de la famille", "12", ""], ["", "", "", "", ""],
            ["  ", " ", "\t", "", " "], []]
    preview, saved = upload_and_confirm(client, world, csv_file(rows))
    assert "4 lignes lues : 3 lignes sans valeur ignorées, 1 donnée prête à enregistrer." in preview.content.decode()
    assert saved.status_code == 302
    assert saved_values(measure) == [(measure.period.start, 12)]


def test_a_template_row_with_its_identifying_columns_but_no_value_is_not_filled_and_ignored(world, measure):
    """Indicator, period, organisation and confidence as the template fills them: not an error."""
    rows = [{"indicator": "PE-01", "period_start": "2025-01-01", "organization": "Maison de la famille",
             "value": "", "confidence": "high"},
            {"indicator": "PE-01", "period_start": "2025-04-01", "organization": "Maison de la famille",
             "value": "15", "confidence": "high"}]
    assert transfer.is_unfilled({**rows[0], "indicator_name": "Places", "period": "T1 2025"})
    assert not transfer.is_unfilled({**rows[0], "comment": "Pas de données"})
    assert not transfer.is_unfilled({**rows[0], "Territoire : Forestville": "4"})
    with scopes_disabled():
        checked = values_check_import(actor=world.partner, coalition=world.coalition, rows=rows)
    assert (checked.rows_read, checked.rows_empty, len(checked.values)) == (2, 1, 1)


def test_the_downloaded_template_filled_in_on_one_row_imports_that_row(client, world, measure):
    client.force_login(world.partner)
    rows = template_rows(client, world)
    header, body = rows[0], rows[1:]
    body[0][header.index("Valeur")] = 9
    preview, saved = upload_and_confirm(client, world, xlsx_file(body, header=header))
    read = len(body)
    assert f"{read} lignes lues : {read - 1} ligne" in preview.content.decode()
    assert saved.status_code == 302
    assert saved_values(measure) == [(measure.period.start, 9)]
    done = client.get(saved["Location"]).content.decode()
    assert "1 donnée enregistrée (1 nouvelle, 0 modifiée, 0 inchangée)" in done


def test_an_error_names_its_column_as_the_reader_reads_it_and_a_comment_alone_is_not_a_value(
    client, world, measure
):
    client.force_login(world.partner)
    rows = [["PE-01", "2025-01-01", "Maison de la famille", -4, ""],
            ["PE-01", "2025-04-01", "Maison de la famille", None, "Rien ce trimestre"]]
    preview, saved = upload_and_confirm(client, world, xlsx_file(rows))
    assert saved is None and saved_values(measure) == []
    assert [(row, column) for row, column, _m in preview.context["errors"]] == [(2, "Valeur"), (3, "Valeur")]
    assert '<th scope="row">3</th><td><code>Valeur</code></td>' in preview.content.decode()


@pytest.mark.parametrize(("language", "counts", "expected"), [
    ("fr", (1, 1, 1), "1 ligne lue : 1 ligne sans valeur ignorée, 1 donnée enregistrée"),
    ("fr", (17, 12, 5), "17 lignes lues : 12 lignes sans valeur ignorées, 5 données enregistrées"),
    ("en", (1, 1, 1), "1 row read: 1 row without a value ignored, 1 value saved"),
    ("en", (17, 12, 5), "17 rows read: 12 rows without a value ignored, 5 values saved"),
])
def test_the_summary_explains_every_count_with_real_plurals(language, counts, expected):
    read, empty, saved = counts
    job = ValueImport(status=ImportStatus.DONE, rows_read=read, rows_empty=empty, values_count=saved,
                      created_count=saved)
    with translation.override(language):
        assert import_jobs.summary(job).startswith(expected)


def test_a_headerless_upload_is_refused_before_any_job(client, world, measure):
    client.force_login(world.partner)
    upload = SimpleUploadedFile("valeurs.csv", b"a,b\n1,2\n")
    response = client.post(reverse("indicators:transfer", args=[world.coalition.slug]), {"file": upload})
    assert "Indicateur, Début de la période" in response.content.decode()
    with scopes_disabled():
        assert not ValueImport.objects.exists()
