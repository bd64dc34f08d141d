import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ..factories import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_schedules_a_meeting_records_a_decision_and_the_partner_sees_the_follow_up(
    live_server, world, browser, screenshot
):
    base = f"{live_server.url}/c/{world.coalition.slug}/communication"
    today = timezone.localdate()
    coordinator = browser.new_context(locale="fr-CA").new_page()
    log_in(coordinator, live_server.url, world.coordinator.email, PASSWORD)
    coordinator.goto(f"{base}/meetings/new/")
    coordinator.get_by_label("Titre", exact=True).fill("Comité de pilotage d'hiver")
    coordinator.get_by_label("Type de rencontre").select_option("steering_committee")
    coordinator.get_by_label("Date", exact=True).fill(today.isoformat())
    coordinator.get_by_label(re.compile("^Heure de début")).fill("23:00")
    coordinator.get_by_label(re.compile("^Lieu")).fill("Hôtel de ville")
    coordinator.get_by_label(world.organization.name).check()
    coordinator.get_by_role("button", name="Planifier la rencontre").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Comité de pilotage d'hiver")
    meeting_url = coordinator.url
    screenshot(coordinator, "meeting-scheduled")

    partner = browser.new_context(locale="fr-CA").new_page()
    log_in(partner, live_server.url, world.partner.email, PASSWORD)
    partner.goto(meeting_url)
    partner.get_by_label("Oui").check()
    partner.get_by_role("button", name="Envoyer ma réponse").click()
    expect(partner.locator("main")).to_contain_text("Vous avez répondu\u00a0: Oui.")

    coordinator.goto(meeting_url)
    coordinator.get_by_role("link", name="Prendre les présences").click()
    coordinator.get_by_label(re.compile(re.escape(world.partner.full_name))).check()
    coordinator.get_by_role("button", name="Enregistrer les présences").click()
    expect(coordinator.locator("main")).to_contain_text("Les présences sont enregistrées.")
    coordinator.get_by_role("link", name="Consigner une décision").click()
    coordinator.get_by_label(re.compile("^Décision")).fill("Lancer la campagne de lecture")
    coordinator.get_by_label(re.compile("ce qui doit être fait")).fill("Réserver les salles de la bibliothèque")
    coordinator.get_by_label(re.compile("organisme responsable")).select_option(label=world.organization.name)
    coordinator.get_by_label(re.compile("échéance")).fill((today + timedelta(days=14)).isoformat())
    coordinator.get_by_role("button", name="Consigner la décision").click()
    expect(coordinator.locator("#decision-1")).to_contain_text("Lancer la campagne de lecture")
    expect(coordinator.get_by_role("table").first).to_contain_text("Présent")
    screenshot(coordinator, "meeting-decision-recorded")

    partner.goto(f"{base}/follow-ups/")
    expect(partner.get_by_role("heading", level=1)).to_contain_text("Mes suivis")
    expect(partner.get_by_role("table")).to_contain_text("Réserver les salles de la bibliothèque")
    screenshot(partner, "partner-follow-ups")
