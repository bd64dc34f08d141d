"""Importing the breakdown of values by category: one column per category, headed
"dimension : category", in the template and in the uploaded file."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from indicators import rollups, tasks
from indicators.models import IndicatorRollup, IndicatorValue, ValueStatus
from indicators.services import review

from ..helpers import body
from .factories import CategoryFactory, IndicatorFactory, PeriodFactory, assign
from .helpers import (
    AGES,
    ORG,
    csv_file,
    error_rows,
    saved_all_or_nothing,
    stamps,
    template_workbook,
    transfer_url,
    upload_and_confirm,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

HEADER = ["indicator", "period_start", "organization", "value", *AGES]


def breakdown(measure, organization=None):
    """{(period start, category): (value, status)} of an organisation's breakdown."""
    with scopes_disabled():
        rows = IndicatorValue.objects.filter(
            indicator=measure.indicator, organization=organization or measure.world.organization,
            category__isnull=False,
        ).values_list("period__start", "category__label", "value", "status")
        return {(start.isoformat(), label): (value, status) for start, label, value, status in rows}


def test_it_imports_a_breakdown_and_a_reupload_changes_nothing(client, world, measure, ages):
    client.force_login(world.partner)
    rows = [["PE-01", "2025-01-01", ORG, "10", "4", "6", "7", "3"],
            ["PE-01", "2025-04-01", ORG, "5", "2", "3", "5", "0"]]
    preview = client.post(transfer_url(world), {"file": csv_file(rows, header=HEADER)})
    html = preview.content.decode()
    assert "Aperçu\u00a0: 2 données prêtes à importer" in html
    assert "Territoire : Forestville — 7" in html  # the breakdown in the preview, as headed in the file
    assert breakdown(measure) == {}
    _preview, saved = upload_and_confirm(client, world, csv_file(rows, header=HEADER))
    assert saved.status_code == 302
    assert breakdown(measure) == {
        ("2025-01-01", "0-2 ans"): (4, "submitted"), ("2025-01-01", "3-5 ans"): (6, "submitted"),
        ("2025-01-01", "Forestville"): (7, "submitted"), ("2025-01-01", "Les Escoumins"): (3, "submitted"),
        ("2025-04-01", "0-2 ans"): (2, "submitted"), ("2025-04-01", "3-5 ans"): (3, "submitted"),
        ("2025-04-01", "Forestville"): (5, "submitted"), ("2025-04-01", "Les Escoumins"): (0, "submitted"),
    }
    before = stamps()
    upload_and_confirm(client, world, xlsx_file([[*r[:3], *map(int, r[3:])] for r in rows], header=HEADER))
    assert stamps() == before  # the same file again, as Excel this time: nothing changes
    rows[0][4:6] = ["5", "5"]  # one age group corrected
    _preview, saved = upload_and_confirm(client, world, csv_file(rows, header=HEADER, delimiter=";"))
    assert saved.status_code == 302
    after = breakdown(measure)
    assert after[("2025-01-01", "0-2 ans")] == (5, "submitted") and after[("2025-01-01", "3-5 ans")] == (5, "submitted")
    moved = [new[0] for new, old in zip(stamps(), before, strict=True) if new != old]
    with scopes_disabled():
        periods = set(IndicatorValue.objects.filter(pk__in=moved).values_list("period", flat=True))
    assert moved and periods == {measure.period.pk}  # the other row was left alone


def test_an_empty_category_cell_removes_its_value_when_categories_are_optional(client, world, measure, ages):
    with scopes_disabled():
        measure.indicator.requires_category_total = False
        measure.indicator.save()
    client.force_login(world.partner)
    upload_and_confirm(client, world, csv_file([["PE-01", "2025-01-01", ORG, "10", "4", "", "7", ""]], header=HEADER))
    assert set(breakdown(measure)) == {("2025-01-01", "0-2 ans"), ("2025-01-01", "Forestville")}
    upload_and_confirm(client, world, csv_file([["PE-01", "2025-01-01", ORG, "10", "4", "", "", ""]], header=HEADER))
    assert set(breakdown(measure)) == {("2025-01-01", "0-2 ans")}
    # A file without category columns leaves the breakdown as it is.
    upload_and_confirm(client, world, csv_file([["PE-01", "2025-01-01", ORG, "11"]], header=HEADER[:4]))
    assert set(breakdown(measure)) == {("2025-01-01", "0-2 ans")}


def test_an_unknown_category_column_is_named_and_nothing_is_saved(client, world, measure, ages):
    client.force_login(world.partner)
    header = [*HEADER, "Territoire : Tadoussac"]
    preview, saved = upload_and_confirm(
        client, world, xlsx_file([["PE-01", "2025-01-01", ORG, 10, 4, 6, 7, 3, 1]], header=header))
    html = preview.content.decode()
    assert saved is None and breakdown(measure) == {}
    assert error_rows(preview) == [(1, "Territoire : Tadoussac")]
    assert preview.context["errors"][0][2].startswith(
        "Aucun indicateur n'a la catégorie «\u00a0Territoire : Tadoussac\u00a0».")
    assert "<th scope=\"row\">1</th><td><code>Territoire : Tadoussac</code></td>" in html


def test_row_errors_name_the_row_the_column_and_the_sum(client, world, measure, ages):
    plain = IndicatorFactory(coalition=world.coalition, code="PE-02")
    PeriodFactory(indicator=plain, start=date(2025, 1, 1))
    assign(plain, world.organization)
    client.force_login(world.partner)
    rows = [["PE-01", "2025-01-01", ORG, "10", "4", "6", "7", "trois"],  # row 2: not a number
            ["PE-02", "2025-01-01", ORG, "8", "", "", "3", ""],          # row 3: PE-02 has no territory
            ["PE-01", "2025-04-01", ORG, "10", "4", "5", "7", "3"]]      # row 4: the ages add up to 9
    preview, saved = upload_and_confirm(client, world, csv_file(rows, header=HEADER))
    html = preview.content.decode()
    assert saved is None and breakdown(measure) == {}
    assert error_rows(preview) == [(2, "Territoire : Les Escoumins"), (3, "Territoire : Forestville"), (4, AGES[0])]
    messages = {row: message for row, _column, message in preview.context["errors"]}
    assert messages[2] == "Entrez un nombre."
    assert messages[3] == "L'indicateur PE-02 n'est pas ventilé selon «\u00a0Territoire : Forestville\u00a0»\u00a0: " \
                          "laissez cette cellule vide."
    assert "doivent totaliser la valeur (10). Leur somme est 9." in messages[4]
    assert "Rien n’a été enregistré" in html or "Rien n'a été enregistré" in html


def test_a_required_breakdown_missing_from_the_file_is_a_row_error(client, world, measure, ages):
    client.force_login(world.partner)
    preview, saved = upload_and_confirm(client, world, csv_file([["PE-01", "2025-01-01", ORG, "10"]],
                                                                header=HEADER[:4]))
    assert saved is None
    # The error names the columns to add, as the template heads them.
    assert error_rows(preview) == [(2, "Groupe d'âge des enfants\u00a0: 0-2 ans"), (2, "Territoire\u00a0: Forestville")]
    assert "Leur somme est 0" in preview.content.decode()


def test_a_duplicated_category_column_is_refused(client, world, measure, ages):
    client.force_login(world.partner)
    header = [*HEADER, "TERRITOIRE: forestville"]
    response = client.post(transfer_url(world), {"file": csv_file([["PE-01", "2025-01-01", ORG, "10"]],
                                                                  header=header)})
    assert response.status_code == 200
    assert "La colonne «\u00a0TERRITOIRE: forestville\u00a0» figure deux fois dans le fichier." in \
        response.content.decode()


def test_the_template_has_a_column_per_category_and_says_which_indicators_use_it(client, world, measure, ages):
    other = IndicatorFactory(coalition=world.coalition, code="PE-03", value_type="yes_no")
    PeriodFactory(indicator=other, start=date(2025, 1, 1))
    CategoryFactory(indicator=other, dimension="Territoire", label="Forestville")
    assign(other, world.organization)
    with scopes_disabled():
        IndicatorValue.objects.create(coalition=world.coalition, indicator=measure.indicator, period=measure.period,
                                      organization=world.organization, category=ages[2], value=7)
    client.force_login(world.partner)
    url, workbook = template_workbook(client, world)
    sheet, notes = workbook.worksheets
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    columns = ["Groupe d'âge des enfants\u00a0: 0-2 ans", "Groupe d'âge des enfants\u00a0: 3-5 ans",
               "Territoire\u00a0: Forestville", "Territoire\u00a0: Les Escoumins"]
    assert header[:11] == ["Indicateur", "Début de la période", "Organisme", "Valeur", "Numérateur",
                           "Dénominateur", "Poids", *columns]
    assert header[11:] == ["Commentaire", "Source", "Confiance", "Nom de l’indicateur", "Période"]
    guide = dict(zip(header, rows[1], strict=True))
    assert guide["Indicateur"].startswith("# ")
    assert guide["Territoire\u00a0: Forestville"] == "Pour PE-01, PE-03\u00a0; totalise la valeur pour PE-01"
    assert guide["Groupe d'âge des enfants\u00a0: 0-2 ans"] == "Pour PE-01\u00a0; totalise la valeur pour PE-01"
    first = next(dict(zip(header, r, strict=True)) for r in rows[2:] if r[:2] == ("PE-01", "2025-01-01"))
    assert first["Territoire\u00a0: Forestville"] == 7  # what was already entered
    assert first["Territoire\u00a0: Les Escoumins"] is None
    explained = {r[0]: r for r in notes.iter_rows(values_only=True) if r and r[0]}
    assert explained["Territoire\u00a0: Forestville"][1] == "PE-01, PE-03"
    assert "PE-01" in explained["Territoire\u00a0: Forestville"][2] and "Valeur" in explained
    text = body(client.get(url + "&format=csv")).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][0].startswith("# ")


def test_the_filled_template_imports_as_it_is(client, world, measure, ages):
    """The template, notes row included, goes back in: a coordinator only fills in numbers."""
    client.force_login(world.partner)
    url = reverse("indicators:import_template", args=[world.coalition.slug]) + "?start=2025-01-01&end=2025-03-31"
    workbook = load_workbook(io.BytesIO(client.get(url + "&format=xlsx").content))
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    for column, number in {"Valeur": 10, "Groupe d'âge des enfants\u00a0: 0-2 ans": 4,
                           "Groupe d'âge des enfants\u00a0: 3-5 ans": 6, "Territoire\u00a0: Forestville": 7,
                           "Territoire\u00a0: Les Escoumins": 3}.items():
        sheet.cell(row=3, column=header.index(column) + 1, value=number)
    buffer = io.BytesIO()
    workbook.save(buffer)
    _preview, saved = upload_and_confirm(client, world, SimpleUploadedFile("modele.xlsx", buffer.getvalue()))
    assert saved is not None and saved.status_code == 302
    assert breakdown(measure)[("2025-01-01", "Forestville")] == (7, "submitted")


def test_a_yes_no_answer_is_imported_per_category(client, world, measure):
    answer = IndicatorFactory(coalition=world.coalition, code="PE-05", value_type="yes_no", aggregation="average")
    PeriodFactory(indicator=answer, start=date(2025, 1, 1))
    assign(answer, world.organization)
    for town in ("Forestville", "Les Escoumins"):
        CategoryFactory(indicator=answer, dimension="Territoire", label=town)
    client.force_login(world.partner)
    header = ["indicator", "period_start", "organization", "value", "Territoire : Forestville",
              "Territoire : Les Escoumins"]
    preview, saved = upload_and_confirm(client, world, csv_file([["PE-05", "2025-01-01", ORG, "1", "1", "2"]],
                                                                header=header))
    assert saved is None
    assert preview.context["errors"] == [(2, "Territoire : Les Escoumins", "Répondez oui (1) ou non (0).")]
    _preview, saved = upload_and_confirm(client, world, csv_file([["PE-05", "2025-01-01", ORG, "1", "1", "0"]],
                                                                 header=header))
    assert saved.status_code == 302
    with scopes_disabled():
        assert dict(IndicatorValue.objects.filter(indicator=answer, category__isnull=False)
                    .values_list("category__label", "value")) == {"Forestville": 1, "Les Escoumins": 0}


def test_imported_breakdowns_feed_the_rollups_queued_on_commit(client, world, measure, ages,
                                                                django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    original = tasks.recompute_rollups.delay
    monkeypatch.setattr(tasks.recompute_rollups, "delay",
                        lambda coalition_id, keys: queued.append(keys) or original(coalition_id, keys))
    client.force_login(world.partner)
    rows = [["PE-01", "2025-01-01", ORG, "10", "4", "6", "7", "3"],
            ["PE-01", "2025-04-01", ORG, "5", "2", "3", "5", "0"]]
    with django_capture_on_commit_callbacks(execute=True):
        upload_and_confirm(client, world, csv_file(rows, header=HEADER))
    assert queued == []  # submitted values do not count yet
    with scopes_disabled():
        parents = list(IndicatorValue.objects.filter(category__isnull=True).values_list("pk", flat=True))
    with scope(coalition=world.coalition), django_capture_on_commit_callbacks(execute=True):
        review.values_approve(actor=world.coordinator, coalition=world.coalition, ids=parents)
    with scopes_disabled():
        by_category = dict(IndicatorRollup.objects.filter(period=measure.period, category__isnull=False)
                           .values_list("category__label", "value"))
    assert by_category == {"0-2 ans": 4, "3-5 ans": 6, "Forestville": 7, "Les Escoumins": 3}
    # Correcting one category reopens that value for review: its key alone is recomputed.
    queued.clear()
    rows[0][6:8] = ["8", "2"]
    with django_capture_on_commit_callbacks(execute=True):
        upload_and_confirm(client, world, csv_file(rows, header=HEADER))
    assert queued == [[[measure.indicator.pk, measure.period.pk]]]
    with scopes_disabled():
        assert not IndicatorRollup.objects.filter(period=measure.period).exists()
        reopened = IndicatorValue.objects.get(period=measure.period, organization=world.organization,
                                              category__isnull=True)
        assert IndicatorRollup.objects.filter(period=measure.period2, category__isnull=False).count() == 4
    assert reopened.status == ValueStatus.SUBMITTED
    with scope(coalition=world.coalition), django_capture_on_commit_callbacks(execute=True):
        review.value_approve(actor=world.coordinator, value=reopened)
    incremental = _rollups()
    assert incremental[(measure.period.pk, "Forestville")] == 8
    with scopes_disabled():
        IndicatorRollup.objects.all().delete()
    rollups.recompute(world.coalition.pk)
    assert _rollups() == incremental  # the nightly recompute gives the same numbers


def _rollups():
    with scopes_disabled():
        return {(p, label): value for p, label, value in
                IndicatorRollup.objects.values_list("period", "category__label", "value")}


# Malformed files --------------------------------------------------------------------------

NUMBERS = st.sampled_from(["", "0", "1", "3", "4", "7", "10"])
CELLS = st.one_of(NUMBERS, NUMBERS, NUMBERS, st.sampled_from(["-3", "2,5", "1e400", "NaN", "oui", "=1+1"]),
                  st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8))
BAD_HEADERS = st.sampled_from(["Territoire : Tadoussac", ":", " : ", "Territoire:", ":Forestville", "a:b:c",
                               "Territoire\u00a0: Forestville", "TERRITOIRE:FORESTVILLE", "value", "comment"])
# Some of the category columns in any order, and now and then a column that does not belong.
HEADERS = st.tuples(st.permutations(AGES), st.integers(0, 4), st.lists(BAD_HEADERS, max_size=1)).map(
    lambda t: [*t[0][:t[1]], *t[2]])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=HEADERS, cells=st.lists(st.lists(CELLS, min_size=1, max_size=6), min_size=1, max_size=2),
       indicators=st.lists(st.sampled_from(["PE-01", "pe-01", "PE-01", "PE-01", "PE-99", "", "# note"]), min_size=4,
                           max_size=4),
       required=st.booleans(), as_xlsx=st.booleans())
def test_files_with_category_columns_never_crash_and_save_all_or_nothing(client, world, measure, ages, extra,
                                                                         cells, indicators, required, as_xlsx):
    with scopes_disabled():
        IndicatorValue.objects.all().delete()
        measure.indicator.requires_category_total = required
        measure.indicator.save()
    client.force_login(world.partner)
    header = ["indicator", "period_start", "organization", "value", *extra]
    rows = [[indicators[i], ["2025-01-01", "2025-04-01"][i % 2], ORG, *row] for i, row in enumerate(cells)]
    upload = xlsx_file(rows, header=header) if as_xlsx else csv_file(rows, header=header)
    saved_all_or_nothing(client, world, upload)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(columns=st.permutations(AGES), count=st.integers(1, 4),
       values=st.lists(st.tuples(st.sampled_from(["0", "3", "10"]), st.lists(NUMBERS, min_size=4, max_size=4)),
                       min_size=1, max_size=2),
       as_xlsx=st.booleans())
def test_well_formed_breakdowns_are_saved_as_in_the_file_and_once(client, world, measure, ages, columns, count,
                                                                   values, as_xlsx):
    with scopes_disabled():
        IndicatorValue.objects.all().delete()
        measure.indicator.requires_category_total = False
        measure.indicator.save()
    client.force_login(world.partner)
    header = ["indicator", "period_start", "organization", "value", *columns[:count]]
    starts = ["2025-01-01", "2025-04-01"]
    rows = [["PE-01", starts[i], ORG, value, *cells[:count]] for i, (value, cells) in enumerate(values)]
    upload = (lambda: xlsx_file(rows, header=header)) if as_xlsx else (lambda: csv_file(rows, header=header))
    _preview, saved = upload_and_confirm(client, world, upload())
    assert saved.status_code == 302
    labels = {column: column.split(":")[-1].strip() for column in AGES}
    expected = {(starts[i], labels[column]): int(cell) for i, (_value, cells) in enumerate(values)
                for column, cell in zip(columns[:count], cells, strict=False) if cell != ""}
    assert {key: value for key, (value, _status) in breakdown(measure).items()} == expected
    before = stamps()
    upload_and_confirm(client, world, upload())
    assert stamps() == before
