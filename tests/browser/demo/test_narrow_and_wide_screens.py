"""Phones and wide screens, on the demo data: at 390 px and 1366 px no page scrolls sideways
(wide tables scroll inside their own region, which the keyboard can reach, their first column
staying in view), and the filters fit. Screenshots of the funder's home, an indicator's page and
the entry grid at both widths go to test-artifacts/. The partner's entry pages break no rule of
the Content Security Policy (no inline style or script the browser refuses)."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from indicators.models import Indicator

from ..conftest import log_in
from .conftest import DEMO_PASSWORD, SLUG

# One worker runs the package, so the demo is seeded once (`make test` runs `--dist loadgroup`).
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.xdist_group("browser-demo")]

WIDTHS = (1366, 390)

NO_PAGE_SCROLL = "document.scrollingElement.scrollWidth <= window.innerWidth"
# Every table region that scrolls takes the focus and has a name.
REGIONS_REACHABLE = """() => Array.from(document.querySelectorAll('.table-wrap')).every(w =>
    w.scrollWidth <= w.clientWidth + 1
    || (w.tabIndex === 0 && w.getAttribute('role') === 'region' && (w.getAttribute('aria-label') || '').length > 0))"""
FIRST_COLUMN_STICKY = """() => Array.from(document.querySelectorAll('.table-wrap tbody th[scope=row]:first-child'))
    .every(th => getComputedStyle(th).position === 'sticky')"""


def visit(page, url: str) -> None:
    page.goto(url)
    assert page.evaluate(NO_PAGE_SCROLL), f"{url} scrolls sideways at {page.viewport_size['width']} px"
    assert page.evaluate(REGIONS_REACHABLE), f"{url}: a scrolling table region is not focusable and named"
    assert page.evaluate(FIRST_COLUMN_STICKY)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_and_wide_tables_scroll_in_their_region(demo_server, browser, screenshot, width):
    with scopes_disabled():
        indicator = Indicator.objects.filter(coalition__slug=SLUG).order_by("code").first()
    base = f"{demo_server.url}/c/{SLUG}"
    viewport = {"width": width, "height": 900 if width > 800 else 844}

    funder = browser.new_context(locale="fr-CA", viewport=viewport).new_page()
    log_in(funder, demo_server.url, "bailleur@haute-cote.demo", DEMO_PASSWORD)
    visit(funder, f"{base}/")
    expect(funder.get_by_role("heading", name="Indicateurs par rapport à leurs cibles")).to_be_visible()
    screenshot(funder, f"funder-home-{width}")
    visit(funder, f"{base}/measurement/indicators/{indicator.pk}/")
    screenshot(funder, f"indicator-page-{width}")

    partner = browser.new_context(locale="fr-CA", viewport=viewport).new_page()
    refused = []  # issue 13, point 18: the entry pages break no rule of the Content Security Policy
    partner.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(partner, demo_server.url, "partenaire@haute-cote.demo", DEMO_PASSWORD)
    visit(partner, f"{base}/measurement/entry/grid/")
    expect(partner.get_by_role("heading", level=1)).to_contain_text("Saisie en grille")
    screenshot(partner, f"demo-entry-grid-{width}")
    visit(partner, f"{base}/measurement/entry/")
    expect(partner.get_by_role("heading", level=1)).to_be_visible()
    partner.wait_for_load_state("networkidle")
    assert refused == []

    coordinator = browser.new_context(locale="fr-CA", viewport=viewport).new_page()
    log_in(coordinator, demo_server.url, "coordination@haute-cote.demo", DEMO_PASSWORD)
    for path in ("/measurement/completeness/", "/plan/matrix/", "/measurement/review/", "/settings/members/",
                 "/measurement/"):
        visit(coordinator, base + path)
    coordinator.goto(f"{base}/plan/matrix/")
    region = coordinator.locator(".table-wrap").first
    region.focus()  # the keyboard reaches the matrix's last column
    region.press("End")
    last = coordinator.locator("table.matrix thead th").last
    region.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    box, frame = last.bounding_box(), region.bounding_box()
    assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1  # not clipped
