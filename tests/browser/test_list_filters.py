"""A coordinator filters and pages through the members list: htmx swaps only the results, the
address bar follows (a shareable URL), and the back button returns to the previous results."""

import pytest
from django.test import override_settings
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coalitions.models import Role

from ..factories import PASSWORD, MembershipFactory
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@override_settings(PAGE_SIZE=2)
def test_filters_and_pages_swap_the_results_in_place_and_keep_the_url(live_server, world, browser):
    with scopes_disabled():
        for _ in range(3):
            MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=world.organization)
    context = browser.new_context(locale="fr-CA")
    page = context.new_page()
    log_in(page, live_server.url, world.coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/settings/members/")
    expect(page.locator("#results-count")).to_have_text("(6)")
    page.evaluate("window.notReloaded = true")

    page.get_by_label("Rôle").select_option("partner")
    page.locator("form.filters").get_by_role("button").click()
    expect(page.locator("#results-count")).to_have_text("(4)")  # the title's count follows
    assert "role=partner" in page.url
    expect(page.locator("#results")).to_contain_text("Page 1 sur 2")

    page.locator("#results").get_by_role("link", name="Suivante").click()
    expect(page.locator("#results")).to_contain_text("Page 2 sur 2")
    assert "role=partner" in page.url and "page=2" in page.url
    assert page.evaluate("window.notReloaded === true"), "htmx swapped the results without reloading the page"
    expect(page.locator("#results")).to_be_focused()  # the link that had the focus is gone

    page.go_back()
    expect(page.locator("#results")).to_contain_text("Page 1 sur 2")
    context.close()
