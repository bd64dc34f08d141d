"""Issue 13, point 10: a partner downloads the import template, fills in two rows, imports it,
and every count is explained (the rows left as downloaded are ignored, not errors)."""

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from ..factories import PASSWORD
from ..indicators.factories import IndicatorFactory, PeriodFactory, assign
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_fills_two_rows_of_the_template_and_reads_the_explained_counts(
    live_server, world, browser, screenshot, tmp_path
):
    first = date.today() - timedelta(days=330)
    for code in ("PE-01", "PE-02"):
        indicator = IndicatorFactory(coalition=world.coalition, code=code, unit="familles")
        for quarter in range(3):
            PeriodFactory(indicator=indicator, start=first + timedelta(days=91 * quarter))
        assign(indicator, world.organization)

    context = browser.new_context(locale="fr-CA", accept_downloads=True)
    page = context.new_page()
    log_in(page, live_server.url, world.partner.email, PASSWORD)
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/measurement/transfer/")
    with page.expect_download() as download:
        page.locator("ol").get_by_role("link", name="Excel").click()  # the template, not an export
    template = tmp_path / "modele.xlsx"
    download.value.save_as(template)

    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Indicateur", "Début de la période", "Organisme", "Valeur"]
    assert sheet.max_row == 7  # the header and six rows: two indicators, three periods each
    column = header.index("Valeur") + 1
    sheet.cell(row=2, column=column, value=12)
    sheet.cell(row=6, column=column, value=7)
    workbook.save(template)

    page.locator("input[type=file]").set_input_files(str(template))
    page.get_by_role("button", name="Vérifier le fichier").click()
    expect(page.get_by_role("heading", level=2, name="Aperçu\u00a0: 2 données prêtes à importer")).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        "6 lignes lues\u00a0: 4 lignes sans valeur ignorées, 2 données prêtes à enregistrer.")
    screenshot(page, "import-template-preview")
    page.get_by_role("button", name="Enregistrer toutes ces données").click()
    expect(page.locator("#import-summary")).to_contain_text(
        "6 lignes lues\u00a0: 4 lignes sans valeur ignorées, 2 données enregistrées (2 nouvelles, 0 modifiée, "
        "0 inchangée).")
    screenshot(page, "import-template-done")
    context.close()
