"""What a funder reads on the home and the year report (issue 13, points 1 and 2): percentages
keep their sign, and a period only one organisation of three has reported is shown as partial,
not as the coalition's latest result."""

import pytest
from playwright.sync_api import expect

from ..dashboards.numbers import YEAR, numbers
from ..factories import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NB = "\u00a0"


def chart(page, code):
    return page.locator("figure.dashboard-chart").filter(has=page.get_by_role("heading", name=code))


def test_the_funder_reads_a_percentage_with_its_sign_on_the_home_and_the_report(live_server, world, browser,
                                                                               screenshot):
    numbers(world)
    page = browser.new_context(locale="fr-CA", viewport={"width": 1366, "height": 900}).new_page()
    log_in(page, live_server.url, world.funder.email, PASSWORD)
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/")
    share = chart(page, "PE-02")
    expect(share.locator(".chart-summary")).to_contain_text(f"Dernière valeur du regroupement{NB}: 28,4{NB}% ({YEAR}).")
    expect(share.locator(".chart-summary")).to_contain_text(f"Cible finale{NB}: 24{NB}%.")
    screenshot(page, "numbers-funder-home-1366")

    page.goto(f"{live_server.url}/c/{world.coalition.slug}/reports/{YEAR}/")
    expect(chart(page, "PE-02").locator(".chart-summary")).to_contain_text(f"28,4{NB}%")
    expect(chart(page, "PE-02").locator("table.chart-data")).to_contain_text(f"28,4{NB}%")


def test_the_funder_home_shows_the_last_complete_value_and_labels_the_partial_period(live_server, world, browser,
                                                                                   screenshot):
    numbers(world)  # PE-01: three complete quarters (111, 120, 126), the fourth 1 organisation of 3 (45)
    for width in (1366, 390):
        page = browser.new_context(locale="fr-CA", viewport={"width": width, "height": 900}).new_page()
        log_in(page, live_server.url, world.funder.email, PASSWORD)
        page.goto(f"{live_server.url}/c/{world.coalition.slug}/")
        families = chart(page, "PE-01")
        summary = families.locator(".chart-summary")
        expect(summary).to_contain_text(f"Dernière valeur du regroupement{NB}: 126{NB}familles (T3 {YEAR}).")
        expect(summary).to_contain_text(f"T4 {YEAR} (partiel{NB}: 1 organisme sur 3){NB}: 45{NB}familles jusqu’ici")
        expect(families.locator("svg .dot-partial")).to_have_count(1)
        expect(families.locator("svg .partial-label")).to_have_text("partiel")
        expect(families.locator("svg .dot")).to_have_count(3)
        families.locator("summary").click()
        expect(families.locator("tr.partial-row")).to_contain_text("partiel\u00a0: 1 organisme sur 3")
        screenshot(page, f"numbers-funder-partial-{width}")
