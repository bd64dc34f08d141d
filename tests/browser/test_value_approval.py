"""A partner enters a value inline, a coordinator approves it, the indicator page shows it."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from ..factories import PASSWORD
from ..indicators.factories import IndicatorFactory, PeriodFactory, TargetFactory, assign
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_enters_a_value_a_coordinator_approves_it_and_the_coalition_value_shows(
    live_server, world, browser, screenshot
):
    indicator = IndicatorFactory(coalition=world.coalition, code="PE-01", unit="familles",
                                 name_fr="Familles rejointes par les visites à domicile")
    PeriodFactory(indicator=indicator, start=date(2025, 1, 1))
    TargetFactory(indicator=indicator, value=60)
    assign(indicator, world.organization)
    base = f"{live_server.url}/c/{world.coalition.slug}/measurement"

    partner_context = browser.new_context(locale="fr-CA")
    partner = partner_context.new_page()
    log_in(partner, live_server.url, world.partner.email, PASSWORD)
    partner.goto(f"{base}/entry/")
    expect(partner.get_by_role("heading", level=1)).to_contain_text("À déclarer")
    cell = partner.locator("section.entry-cell").first
    expect(cell).to_contain_text("En retard")
    cell.locator("summary").click()
    cell.get_by_label("Valeur (familles)").fill("42")
    cell.get_by_role("button", name="Soumettre pour révision").click()
    expect(partner.locator("section.entry-cell").first).to_contain_text("Soumis pour révision. Merci\u00a0!")
    expect(partner.locator("section.entry-cell").first).to_contain_text("Soumise")
    assert partner.url.endswith("/entry/")  # saved without leaving the page
    screenshot(partner, "value-submitted-inline")

    coordinator_context = browser.new_context(locale="fr-CA")
    coordinator = coordinator_context.new_page()
    log_in(coordinator, live_server.url, world.coordinator.email, PASSWORD)
    coordinator.goto(f"{base}/review/")
    expect(coordinator.get_by_role("table")).to_contain_text("Maison de la famille")
    coordinator.get_by_role("button", name=re.compile(r"^Approuver PE-01")).click()
    expect(coordinator.locator(".messages")).to_contain_text("1 donnée approuvée.")
    screenshot(coordinator, "value-approved")

    coordinator.goto(f"{base}/indicators/{indicator.pk}/")
    expect(coordinator.locator("td.coalition-value").first).to_have_text("42\u00a0familles")
    expect(coordinator.locator("svg.line-chart")).to_be_visible()
    screenshot(coordinator, "indicator-page-with-new-value")
    coordinator.goto(f"{base}/")
    expect(coordinator.get_by_role("table")).to_contain_text("42\u00a0familles")
    screenshot(coordinator, "indicator-list")
    partner_context.close()
    coordinator_context.close()
