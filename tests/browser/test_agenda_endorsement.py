import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from ..factories import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_publishes_the_agenda_and_a_representative_endorses_it(live_server, world, browser, screenshot):
    with scopes_disabled():
        world.organization.representative = world.partner
        world.organization.save()

    coordinator_context = browser.new_context(locale="fr-CA")
    page = coordinator_context.new_page()
    log_in(page, live_server.url, world.coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/agenda/")
    page.get_by_role("link", name="Rédiger la vision commune").click()
    page.get_by_label("Problème").fill("Trop d'enfants arrivent à l'école vulnérables.")
    page.get_by_label("Vision du changement").fill("Chaque enfant arrive à l'école prêt à apprendre.")
    page.get_by_label("Théorie du changement").fill(
        "Visites à domicile -> Des parents plus confiants -> Moins d'enfants vulnérables")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_label("Résumé des changements").fill("Première version, adoptée en assemblée.")
    page.get_by_role("button", name="Publier cette version").click()
    expect(page.get_by_role("status")).to_contain_text("La version 1 est publiée")
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/agenda/")  # publishing shows who was asked
    expect(page.locator("#endorsements")).to_contain_text("Pas encore d’adhésion")
    screenshot(page, "agenda-published")

    message = next(m for m in mail.outbox if m.to == [world.partner.email])
    link = re.search(r"http://\S+/agenda/endorse/", message.body).group(0)
    link = link.replace("http://127.0.0.1:8000", live_server.url)

    partner_context = browser.new_context(locale="fr-CA")
    partner = partner_context.new_page()
    log_in(partner, live_server.url, world.partner.email, PASSWORD)
    partner.goto(link)
    partner.get_by_label("Commentaire").fill("Nous y contribuerons par nos visites à domicile.")
    partner.get_by_role("button", name="Adhérer", exact=True).click()
    endorsements = partner.locator("#endorsements")
    expect(endorsements).to_contain_text("1 organisme sur")
    row = endorsements.get_by_role("row").filter(has_text=world.organization.name)
    expect(row).to_contain_text("Adhésion")
    expect(row).to_contain_text("Nous y contribuerons par nos visites à domicile.")
    screenshot(partner, "agenda-endorsed")

    page.reload()
    expect(page.locator("#endorsements").get_by_role("row").filter(has_text=world.organization.name)).to_contain_text(
        "Adhésion")
    coordinator_context.close()
    partner_context.close()
