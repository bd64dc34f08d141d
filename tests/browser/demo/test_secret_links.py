"""Issue 13, point 12: every secret link (a report's share link, the calendar feed) is shown in
full, on a phone too, with a copy button (static/js/app.js, no inline script) that copies it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ..conftest import log_in
from .conftest import DEMO_PASSWORD, SLUG

# One worker runs the package, so the demo is seeded once (`make test` runs `--dist loadgroup`).
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.xdist_group("browser-demo")]


def _copy_and_read(page, label: str) -> str:
    field = page.get_by_label(label, exact=False)
    link = field.input_value()
    # Shown whole: the field is as wide as its text needs, over several lines if need be.
    assert field.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1")
    page.get_by_role("button", name="Copier le lien").click()
    expect(page.locator(".secret-link-status")).to_have_text("Le lien est copié.")
    assert page.evaluate("navigator.clipboard.readText()") == link
    return link


def test_the_share_link_and_the_calendar_link_are_shown_whole_with_a_copy_button(
        demo_server, browser, screenshot):
    context = browser.new_context(locale="fr-CA", viewport={"width": 375, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_server.url)
    page = context.new_page()
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(page, demo_server.url, "coordination@haute-cote.demo", DEMO_PASSWORD)

    page.goto(f"{demo_server.url}/c/{SLUG}/reports/{timezone.localdate().year}/")
    page.get_by_role("button", name="Figer le rapport").click()
    page.get_by_role("button", name="Créer un lien de partage").click()
    share_url = _copy_and_read(page, "Lien de partage")
    assert "/share/" in share_url
    screenshot(page, "share-link-phone")

    page.goto(f"{demo_server.url}/c/{SLUG}/communication/calendar/")
    page.get_by_role("button", name="Créer mon lien de calendrier").click()
    feed_url = _copy_and_read(page, "Lien du calendrier")
    assert feed_url.startswith(demo_server.url) or "/calendar/" in feed_url
    screenshot(page, "calendar-link-phone")
    assert csp_errors == []
    context.close()


def test_without_javascript_the_link_is_there_and_no_dead_button_shows(demo_server, browser):
    context = browser.new_context(locale="fr-CA", java_script_enabled=False)
    page = context.new_page()
    # The partner: the coordinator's calendar link is the other test's (the demo is shared).
    log_in(page, demo_server.url, "partenaire@haute-cote.demo", DEMO_PASSWORD)
    page.goto(f"{demo_server.url}/c/{SLUG}/communication/calendar/")
    page.get_by_role("button", name="Créer mon lien de calendrier").click()
    assert "/calendar/" in page.get_by_label("Lien du calendrier", exact=False).input_value()
    expect(page.get_by_role("button", name="Copier le lien")).to_be_hidden()
    context.close()
