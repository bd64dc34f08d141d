"""Dashboards on the demo data: each role's home (screenshots in test-artifacts/), a funder
sees the indicators chart, a coordinator freezes a report and opens its share link in a
fresh browser context without logging in."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ..conftest import log_in
from .conftest import DEMO_PASSWORD, SLUG

# One worker runs the package, so the demo is seeded once (`make test` runs `--dist loadgroup`).
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.xdist_group("browser-demo")]


def test_each_role_sees_its_dashboard_and_a_funder_sees_the_indicators_chart(demo_server, browser, screenshot):
    home = f"{demo_server.url}/c/{SLUG}/"

    coordinator = browser.new_context(locale="fr-CA", viewport={"width": 1280, "height": 900}).new_page()
    log_in(coordinator, demo_server.url, "coordination@haute-cote.demo", DEMO_PASSWORD)
    coordinator.goto(home)
    expect(coordinator.get_by_role("heading", name="Santé du regroupement\u00a0: les cinq conditions")).to_be_visible()
    expect(coordinator.locator(".health-panel")).to_have_count(5)
    expect(coordinator.get_by_role("heading", name="À votre attention")).to_be_visible()
    screenshot(coordinator, "dashboard-coordinator")
    coordinator.locator(".attention-list a").first.click()
    expect(coordinator).not_to_have_url(home)  # one click to where the item is handled

    partner = browser.new_context(locale="fr-CA", viewport={"width": 1280, "height": 900}).new_page()
    log_in(partner, demo_server.url, "partenaire@haute-cote.demo", DEMO_PASSWORD)
    partner.goto(home)
    expect(partner.get_by_role("heading", name="Valeurs à déclarer")).to_be_visible()
    expect(partner.get_by_text("Santé du regroupement")).to_have_count(0)
    screenshot(partner, "dashboard-partner")

    funder = browser.new_context(locale="fr-CA", viewport={"width": 1280, "height": 900}).new_page()
    log_in(funder, demo_server.url, "bailleur@haute-cote.demo", DEMO_PASSWORD)
    funder.goto(home)
    expect(funder.get_by_role("heading", name="Indicateurs par rapport à leurs cibles")).to_be_visible()
    chart = funder.locator("figure.dashboard-chart svg[role=img]").first
    expect(chart).to_be_visible()
    expect(funder.locator("figure.dashboard-chart table.chart-data").first).to_be_attached()
    expect(funder.get_by_text("À votre attention")).to_have_count(0)
    screenshot(funder, "dashboard-funder")


def test_a_coordinator_freezes_a_report_and_the_share_link_opens_without_an_account(
    demo_server, browser, screenshot
):
    year = timezone.localdate().year
    coordinator = browser.new_context(locale="fr-CA").new_page()
    log_in(coordinator, demo_server.url, "coordination@haute-cote.demo", DEMO_PASSWORD)
    coordinator.goto(f"{demo_server.url}/c/{SLUG}/reports/{year}/")
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text("Regroupement")
    screenshot(coordinator, "report-year")
    coordinator.get_by_role("button", name="Figer le rapport").click()
    expect(coordinator.get_by_role("heading", name="Liens de partage")).to_be_visible()
    coordinator.get_by_label("Lien valide pendant (jours)").fill("7")
    coordinator.get_by_role("button", name="Créer un lien de partage").click()
    share_url = coordinator.get_by_label("Lien de partage").input_value()
    assert "/share/" in share_url

    stranger_context = browser.new_context(locale="fr-CA")  # fresh: no session cookie
    stranger = stranger_context.new_page()
    stranger.goto(share_url)
    expect(stranger.get_by_text("Rapport en lecture seule")).to_be_visible()
    expect(stranger.get_by_role("heading", name="Indicateurs par rapport à leurs cibles")).to_be_visible()
    assert stranger.locator("a").count() == 0  # no way into the coalition
    screenshot(stranger, "report-shared")
    stranger_context.close()
