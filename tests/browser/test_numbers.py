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
    expect(share.locator(".chart-summary")).to_contain_text(f"Dernière valeur du regroupement{NB}: 28,4{NB}%.")
    expect(share.locator(".chart-summary")).to_contain_text(f"Cible finale{NB}: 24{NB}%.")
    screenshot(page, "numbers-funder-home-1366")

    page.goto(f"{live_server.url}/c/{world.coalition.slug}/reports/{YEAR}/")
    expect(chart(page, "PE-02").locator(".chart-summary")).to_contain_text(f"28,4{NB}%")
    expect(chart(page, "PE-02").locator("table.chart-data")).to_contain_text(f"28,4{NB}%")
