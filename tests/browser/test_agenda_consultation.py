from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from conditions.services import agenda as agenda_services

from ..conditions.test_agenda import DRAFT
from ..factories import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partners_are_consulted_on_the_draft_and_the_published_version_says_how(live_server, world, browser,
                                                                                 screenshot):
    with scopes_disabled():
        agenda_services.agenda_draft_update(actor=world.coordinator, coalition=world.coalition, **DRAFT)
    base = f"{live_server.url}/c/{world.coalition.slug}"

    coordinator_context = browser.new_context(locale="fr-CA")
    page = coordinator_context.new_page()
    log_in(page, live_server.url, world.coordinator.email, PASSWORD)
    page.goto(f"{base}/agenda/")
    page.get_by_role("link", name="Consulter les partenaires").click()
    page.get_by_label("Date de clôture").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    page.get_by_label("Message aux partenaires").fill("Regardez surtout les priorités.")
    page.get_by_role("button", name="Ouvrir la consultation").click()
    expect(page.get_by_role("status")).to_contain_text("La consultation est ouverte")

    partner_context = browser.new_context(locale="fr-CA")
    partner = partner_context.new_page()
    log_in(partner, live_server.url, world.partner.email, PASSWORD)
    partner.goto(f"{base}/agenda/")
    partner.get_by_role("link", name="Lire le projet et donner votre avis").click()
    expect(partner.locator("main")).to_contain_text("Regardez surtout les priorités.")
    partner.get_by_role("link", name="Donner la position de votre organisme").click()
    partner.get_by_role("group", name="Position de votre organisme sur « Vision du changement »").get_by_label(
        "D’accord", exact=True).check()
    partner.get_by_role("group", name="Position de votre organisme sur « Priorités stratégiques »").get_by_label(
        "Objection", exact=True).check()
    partner.locator("#id_reason_priorities").fill("La priorité « Accès » n'a pas de cible.")
    partner.get_by_role("button", name="Enregistrer nos positions").click()
    expect(partner.get_by_role("status")).to_contain_text("La position de Maison de la famille est enregistrée")
    vision = partner.locator("#section-vision")
    vision.get_by_text("Ajouter un commentaire").click()
    vision.get_by_label("Votre commentaire sur « Vision du changement »").fill("Belle vision, ambitieuse.")
    vision.get_by_role("button", name="Ajouter le commentaire").click()
    expect(partner.locator("#section-vision")).to_contain_text("Belle vision, ambitieuse.")
    screenshot(partner, "consultation-answered")

    page.goto(f"{base}/agenda/consultation/responses/")
    expect(page.locator("main")).to_contain_text("1 objection à laquelle répondre avant de publier")
    page.get_by_role("link", name="Rédiger la réponse (Maison de la famille, Priorités stratégiques)").click()
    page.get_by_label("Réponse de l’équipe de coordination").fill("La cible sera un premier service en 30 jours.")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    page.get_by_role("link", name="Publier le brouillon").first.click()
    page.get_by_label("Résumé des changements").fill("Version consultée.")
    page.get_by_label("Bilan de la consultation").fill("Un organisme a répondu; la priorité Accès a une cible.")
    page.get_by_role("button", name="Publier cette version").click()
    expect(page.get_by_role("status")).to_contain_text("La version 1 est publiée")

    partner.goto(f"{base}/agenda/")
    summary = partner.locator("#consultation")
    expect(summary).to_contain_text("Un organisme a répondu; la priorité Accès a une cible.")
    expect(summary).to_contain_text("La cible sera un premier service en 30 jours.")
    screenshot(partner, "consultation-published")
    coordinator_context.close()
    partner_context.close()
