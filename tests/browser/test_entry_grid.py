"""A partner enters a period's values in the entry grid from the keyboard: Enter moves down the
column, leaving a changed cell saves its row, an implausible value asks for a comment next to
the cell, and nothing reloads the page."""

from datetime import date

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from indicators.models import IndicatorValue, ValueStatus

from ..factories import PASSWORD
from ..indicators.factories import IndicatorFactory, PeriodFactory, assign
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_fills_the_grid_from_the_keyboard_and_each_row_is_saved(live_server, world, browser, screenshot):
    visits = IndicatorFactory(coalition=world.coalition, code="PE-01", unit="familles", expected_min=0,
                              expected_max=500, name_fr="Familles rejointes par les visites à domicile")
    first = PeriodFactory(indicator=visits, start=date(2025, 1, 1))
    second = PeriodFactory(indicator=visits, start=date(2025, 4, 1))
    workshops = IndicatorFactory(coalition=world.coalition, code="PE-03", unit="ateliers",
                                 name_fr="Ateliers parent-enfant offerts")
    PeriodFactory(indicator=workshops, start=date(2025, 1, 1))
    assign(visits, world.organization)
    assign(workshops, world.organization)

    context = browser.new_context(locale="fr-CA", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, world.partner.email, PASSWORD)
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/measurement/entry/")
    page.get_by_role("link", name="Saisir toutes les valeurs en grille").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Saisie en grille")
    page.evaluate("window.notReloaded = true")
    rows = page.locator("tbody.grid-row")
    expect(rows).to_have_count(3)

    key = f"c{first.pk}-{world.organization.pk}"
    page.locator(f"#id_{key}-value").focus()
    page.keyboard.type("42")
    page.keyboard.press("Enter")  # down the column: the next period's value, and the row is saved
    expect(page.locator(f"#id_c{second.pk}-{world.organization.pk}-value")).to_be_focused()
    expect(page.locator(f"#s-{key}")).to_contain_text("Enregistrée et soumise pour révision.")

    page.keyboard.type("900")
    page.keyboard.press("Tab")  # to the comment: the row is saved, the value is implausible
    second_key = f"c{second.pk}-{world.organization.pk}"
    comment = page.locator(f"#id_{second_key}-comment")
    expect(comment).to_be_focused()
    expect(page.locator(f"#id_{second_key}-comment_e")).to_contain_text(
        "plus haute valeur plausible (500\u00a0familles)")
    expect(comment).to_have_attribute("aria-invalid", "true")
    page.keyboard.type("Nouveau programme de visites")
    page.keyboard.press("Tab")
    expect(page.locator(f"#s-{second_key}")).to_contain_text("Signalée à la révision")
    expect(page.locator(f"#id_{second_key}-comment_e")).to_be_empty()
    expect(comment).not_to_have_attribute("aria-invalid", "true")
    assert page.evaluate("window.notReloaded === true")
    screenshot(page, "entry-grid-1366")

    with scopes_disabled():
        saved = {v.period_id: v for v in IndicatorValue.objects.filter(organization=world.organization,
                                                                       category__isnull=True)}
    assert saved[first.pk].value == 42 and saved[first.pk].status == ValueStatus.SUBMITTED
    assert saved[second.pk].value == 900 and saved[second.pk].is_flagged
    assert len(saved) == 2  # the workshops row, untouched, is not saved

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    screenshot(page, "entry-grid-390")
    context.close()
