"""Issue 13, point 18: the partner's entry page (and its inline editing) breaks no rule of the
Content Security Policy: no inline style or script the browser refuses."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_entry_page_breaks_no_content_security_rule(live_server, browser):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = browser.new_context(locale="fr-CA").new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(page, live_server.url, "partenaire@haute-cote.demo", "concerto-demo-2026")
    page.goto(f"{live_server.url}/c/petite-enfance-haute-cote/measurement/entry/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert refused == []
