"""Importing a percentage's breakdown: two columns per category, « dimension : category
(numérateur) » and « (dénominateur) », in the template and in the uploaded file."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.models import IndicatorValue

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

TOWNS = ["Territoire : Forestville (numérateur)", "Territoire : Forestville (dénominateur)",
         "territoire:les escoumins (NUMERATOR)", "Territoire : Les Escoumins (denominator)"]
HEADER = ["indicator", "period_start", "organization", "numerator", "denominator", *TOWNS]


def fractions(indicator):
    """{category label: (numerator, denominator, value, status)} of the organisation's breakdown."""
    with scopes_disabled():
        rows = IndicatorValue.objects.filter(indicator=indicator, category__isnull=False).values_list(
            "category__label", "numerator", "denominator", "value", "status")
        return {label: tuple(rest) for label, *rest in rows}


def test_it_imports_a_percentage_breakdown_and_a_reupload_changes_nothing(client, world, share):
    indicator, _towns = share
    client.force_login(world.partner)
    upload = lambda: csv_file([["PE-07", "2025-01-01", ORG, "10", "40", "4", "10", "6", "30"]],  # noqa: E731
                              header=HEADER)
    preview, saved = upload_and_confirm(client, world, upload())
    assert "Territoire\u00a0: Forestville — 40\u00a0%" in preview.content.decode()
    assert saved is not None and saved.status_code == 302
    assert fractions(indicator) == {"Forestville": (4, 10, 40, "submitted"), "Les Escoumins": (6, 30, 20, "submitted")}
    before = stamps()
    upload_and_confirm(client, world, upload())
    assert stamps() == before


@pytest.mark.parametrize(("cells", "column", "message"), [
    (["12", "10", "", "30"], "Territoire : Forestville (numérateur)",
     "Le numérateur ne peut pas dépasser le dénominateur."),
    (["4", "", "6", "30"], "Territoire : Forestville (dénominateur)",
     "Entrez aussi le dénominateur de cette catégorie, ou laissez les deux vides."),
    (["4", "10", "5", "30"], "territoire:les escoumins (NUMERATOR)", None),
    (["4", "10", "6", "31"], "Territoire : Les Escoumins (denominator)", None),
])
def test_row_errors_name_the_column_and_nothing_is_saved(client, world, share, cells, column, message):
    indicator, towns = share
    client.force_login(world.partner)
    if message is None:  # the sums: the error is on the first category's column of the dimension
        column = TOWNS[0] if "NUMERATOR" in column else TOWNS[1]
    rows = [["PE-07", "2025-01-01", ORG, "10", "40", *cells]]
    response = client.post(transfer_url(world), {"file": csv_file(rows, header=HEADER)})
    assert (2, column) in error_rows(response)
    if message:
        assert (2, column, message) in response.context["errors"]
    with scopes_disabled():
        assert not IndicatorValue.objects.filter(indicator=indicator).exists()


def test_a_single_category_column_is_refused_for_a_percentage(client, world, share):
    client.force_login(world.partner)
    header = ["indicator", "period_start", "organization", "numerator", "denominator", "Territoire : Forestville"]
    response = client.post(transfer_url(world), {"file": csv_file([["PE-07", "2025-01-01", ORG, "1", "2", "1"]],
                                                                  header=header)})
    assert (1, "Territoire : Forestville") in error_rows(response)


def test_the_template_has_two_columns_per_category_of_a_percentage(client, world, share):
    indicator, towns = share
    with scopes_disabled():
        period = indicator.periods.get()
        IndicatorValue.objects.create(coalition=world.coalition, indicator=indicator, period=period,
                                      organization=world.organization, category=towns[0], numerator=3,
                                      denominator=9, value=Decimal("33.3333"))
    client.force_login(world.partner)
    _url, workbook = template_workbook(client, world)
    sheet, notes = workbook.worksheets
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    columns = ["Territoire\u00a0: Forestville (numérateur)", "Territoire\u00a0: Forestville (dénominateur)",
               "Territoire\u00a0: Les Escoumins (numérateur)", "Territoire\u00a0: Les Escoumins (dénominateur)"]
    assert header[7:11] == columns
    guide = dict(zip(header, rows[1], strict=True))
    assert guide[columns[0]] == "Pour PE-07\u00a0; totalise le numérateur pour PE-07"
    assert guide[columns[1]] == "Pour PE-07\u00a0; totalise le dénominateur pour PE-07"
    first = next(dict(zip(header, r, strict=True)) for r in rows[2:] if r[0] == "PE-07")
    assert (first[columns[0]], first[columns[1]], first[columns[2]]) == (3, 9, None)
    explained = {r[0]: r for r in notes.iter_rows(values_only=True) if r and r[0]}
    assert "numérateur" in explained[columns[0]][2] and explained[columns[0]][1] == "PE-07"
    assert any("deux colonnes par catégorie" in line for line in explained)
    # Filled in, it imports as it is.
    at = next(i for i, r in enumerate(rows, start=1) if r[0] == "PE-07")
    for column, number in zip(["Numérateur", "Dénominateur", *columns], [10, 40, 4, 10, 6, 30], strict=True):
        sheet.cell(row=at, column=header.index(column) + 1, value=number)
    for i, r in enumerate(rows, start=1):
        if r[0] == "PE-01":  # the organisation's other indicator, a count
            sheet.cell(row=i, column=header.index("Valeur") + 1, value=5)
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview, saved = upload_and_confirm(client, world, SimpleUploadedFile("modele.xlsx", buffer.getvalue()))
    assert saved is not None and saved.status_code == 302, preview.context["errors"]
    assert fractions(indicator)["Les Escoumins"][:2] == (6, 30)


NUMBERS = st.sampled_from(["", "", "", "0", "1", "3", "10", "40"])
CELLS = st.one_of(*[NUMBERS] * 6, st.sampled_from(["-3", "2,5", "1e400", "NaN", "oui", "=1+1", "1/2"]),
                  st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8))
BAD_HEADERS = st.sampled_from(["Territoire : Forestville ()", "Territoire : Forestville (numérateur) (dénominateur)",
                               "Territoire : Tadoussac (numérateur)", "(numérateur)", ": (dénominateur)",
                               "Territoire : Forestville(NUMÉRATEUR)", "value"])
HEADERS = st.tuples(st.permutations(TOWNS + AGES[2:]), st.integers(0, 6), st.lists(BAD_HEADERS, max_size=1)).map(
    lambda t: [*t[0][:t[1]], *t[2]])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=HEADERS, cells=st.lists(st.lists(CELLS, min_size=2, max_size=9), min_size=1, max_size=2),
       indicators=st.lists(st.sampled_from(["PE-07", "pe-07", "PE-01", "PE-07", "PE-07", ""]), min_size=2,
                           max_size=2),
       required=st.sampled_from([False, False, True]), as_xlsx=st.booleans())
def test_files_with_percentage_columns_never_crash_and_save_all_or_nothing(client, world, measure, ages, share,
                                                                           extra, cells, indicators, required,
                                                                           as_xlsx):
    with scopes_disabled():
        IndicatorValue.objects.all().delete()
        share[0].requires_category_total = required
        share[0].save()
    client.force_login(world.partner)
    header = ["indicator", "period_start", "organization", "numerator", "denominator", *extra]
    rows = [[indicators[i], "2025-01-01", ORG, *row] for i, row in enumerate(cells)]
    upload = xlsx_file(rows, header=header) if as_xlsx else csv_file(rows, header=header)
    if saved_all_or_nothing(client, world, upload):
        with scopes_disabled():
            for row in IndicatorValue.objects.filter(category__isnull=False, indicator=share[0]):
                assert row.numerator <= row.denominator and row.denominator > 0


FRACTION = st.one_of(st.just(("", "")), st.integers(1, 50).flatmap(
    lambda d: st.integers(0, d).map(lambda n: (str(n), str(d)))))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(FRACTION, min_size=2, max_size=2), order=st.permutations(range(4)), as_xlsx=st.booleans())
def test_well_formed_percentage_breakdowns_are_saved_as_in_the_file_and_once(client, world, share, pairs, order,
                                                                              as_xlsx):
    """The numerators and denominators add up to the row's, whichever order the columns are in."""
    indicator, _towns = share
    with scopes_disabled():
        IndicatorValue.objects.all().delete()
    client.force_login(world.partner)
    filled = [(int(n), int(d)) for n, d in pairs if d]
    numerator, denominator = sum(n for n, _d in filled) or 1, sum(d for _n, d in filled) or 2
    if len(filled) < 2:
        with scopes_disabled():
            indicator.requires_category_total = False
            indicator.save()
    cells = [pairs[0][0], pairs[0][1], pairs[1][0], pairs[1][1]]
    header = ["indicator", "period_start", "organization", "numerator", "denominator", *[TOWNS[i] for i in order]]
    rows = [["PE-07", "2025-01-01", ORG, str(numerator), str(denominator), *[cells[i] for i in order]]]
    upload = (lambda: xlsx_file(rows, header=header)) if as_xlsx else (lambda: csv_file(rows, header=header))
    _preview, saved = upload_and_confirm(client, world, upload())
    assert saved is not None and saved.status_code == 302
    expected = {label: (Decimal(n), Decimal(d)) for label, (n, d) in zip(("Forestville", "Les Escoumins"), pairs,
                                                                         strict=True) if d}
    assert {label: row[:2] for label, row in fractions(indicator).items()} == expected
    before = stamps()
    upload_and_confirm(client, world, upload())
    assert stamps() == before
