"""Issue 13, point 9, in the browser: a coordinator posts an announcement for the partners, finds
it in the list with its audience, corrects it, then deletes it after confirming."""

import pytest
from playwright.sync_api import expect

from ..factories import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_posts_sees_edits_and_deletes_an_announcement_for_partners(live_server, world, browser,
                                                                                  screenshot):
    page = browser.new_context(locale="fr-CA").new_page()
    log_in(page, live_server.url, world.coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/communication/announcements/")
    page.get_by_role("link", name="Publier une annonce").first.click()
    page.get_by_label("Titre").fill("Atelier réservé aux partenaires")
    page.get_by_label("Message").fill("Inscriptions ouvertes.")
    page.get_by_label("Destinataires").select_option("partner")
    page.get_by_role("button", name="Publier").click()
    item = page.locator("article.announcement").filter(has_text="Atelier réservé aux partenaires")
    expect(item).to_contain_text("Partenaires")

    page.get_by_role("link", name="Atelier réservé aux partenaires").click()
    page.get_by_role("link", name="Modifier", exact=True).click()
    page.get_by_label("Titre").fill("Atelier des partenaires")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("L’annonce est enregistrée.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier des partenaires")
    screenshot(page, "announcement-edited")

    page.get_by_role("link", name="Supprimer", exact=True).click()
    expect(page.locator("main")).to_contain_text("Le journal d’audit en garde une copie.")
    page.get_by_role("button", name="Supprimer l’annonce").click()
    expect(page.get_by_role("status")).to_contain_text("L’annonce est supprimée.")
    expect(page.locator("main")).not_to_contain_text("Atelier des partenaires")
