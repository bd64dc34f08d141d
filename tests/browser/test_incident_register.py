import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ..factories import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_records_an_incident_then_notes_the_notice_to_the_commission(
    live_server, world, browser, screenshot
):
    today = timezone.localdate()
    context = browser.new_context(locale="fr-CA")
    page = context.new_page()
    log_in(page, live_server.url, world.coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/settings/")
    page.get_by_role("navigation", name="Paramètres").get_by_role("link", name="Incidents").click()
    expect(page.get_by_text("Aucun incident consigné")).to_be_visible()
    page.get_by_role("link", name="Consigner un incident").click()

    page.get_by_label("Date de l'incident").fill((today - timedelta(days=4)).isoformat())
    page.get_by_label("Date de la découverte").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Comment il a été découvert").fill("Un partenaire a reçu un courriel erroné.")
    page.get_by_label("Nature de l'incident").select_option("disclosure")
    page.get_by_label("Ce qui s'est passé").fill("La liste des présences a été envoyée à un organisme externe.")
    page.get_by_label("Renseignements personnels visés").fill("Noms et courriels des membres")
    page.get_by_label("Nombre de personnes concernées").fill("23")
    page.get_by_label("Risque de préjudice sérieux").check()
    page.get_by_label("Évaluation du risque").fill("Modéré : hameçonnage possible.")
    page.get_by_label("Mesures prises").fill("Demande de suppression confirmée par écrit.")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("status")).to_contain_text("L'incident est consigné au registre.")
    row = page.get_by_role("row", name=re.compile("Divulgation non autorisée"))
    expect(row).to_contain_text("23")
    expect(row).to_contain_text("Avis à envoyer")
    screenshot(page, "incident-register")

    row.get_by_role("link", name=re.compile("Consulter et mettre à jour")).click()
    page.get_by_label("Commission avisée le").fill(today.isoformat())
    page.get_by_label("Personnes avisées le").fill(today.isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    row = page.get_by_role("row", name=re.compile("Divulgation non autorisée"))
    expect(row).not_to_contain_text("Avis à envoyer")
    expect(row).to_contain_text(f"Commission : {today.isoformat()}")

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le registre (Excel)").click()
    assert download.value.suggested_filename.startswith("registre-incidents-")
    context.close()
