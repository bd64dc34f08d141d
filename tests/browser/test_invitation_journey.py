import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from ..factories import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_invites_a_partner_who_accepts_and_sees_the_coalition(
    live_server, world, browser, screenshot
):
    coordinator_context = browser.new_context(locale="fr-CA")
    page = coordinator_context.new_page()
    log_in(page, live_server.url, world.coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/settings/invitations/new/")
    page.get_by_label(re.compile("courriel", re.I)).fill("nouvelle.partenaire@exemple.org")
    page.get_by_label("Rôle").select_option("partner")
    page.get_by_label("Organisme").select_option(label=world.organization.name)
    page.get_by_role("button", name=re.compile("envoyer l'invitation", re.I)).click()
    expect(page.get_by_role("table")).to_contain_text("nouvelle.partenaire@exemple.org")
    screenshot(page, "invitation-sent")

    link = re.search(r"http://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    link = link.replace("http://127.0.0.1:8000", live_server.url)

    partner_context = browser.new_context(locale="fr-CA")
    partner = partner_context.new_page()
    partner.goto(link)
    partner.get_by_role("link", name="Créer mon compte").click()
    partner.get_by_label("Prénom").fill("Nadia")
    partner.get_by_label("Nom de famille").fill("Ouellet")
    partner.get_by_label("Courriel", exact=True).fill("nouvelle.partenaire@exemple.org")
    partner.get_by_label("Mot de passe", exact=True).fill("Un-secret-bien-long-2026")
    partner.get_by_label("Mot de passe (confirmation)").fill("Un-secret-bien-long-2026")
    partner.get_by_label(re.compile("ai lu la politique")).check()
    partner.get_by_role("button", name="Créer un compte").click()
    partner.get_by_role("button", name=re.compile("rejoindre le regroupement", re.I)).click()
    expect(partner.get_by_role("heading", level=1)).to_have_text(world.coalition.name)
    expect(partner.get_by_role("navigation", name=re.compile("principal|menu", re.I))).to_contain_text(
        "Vision commune"
    )
    screenshot(partner, "partner-lands-in-coalition")
    coordinator_context.close()
    partner_context.close()
