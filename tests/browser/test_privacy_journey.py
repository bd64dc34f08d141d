import io
import json
import re
import zipfile

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from coalitions.models import Consent

from ..factories import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_agrees_to_a_new_policy_turns_on_the_summary_and_downloads_their_data(
    live_server, world, browser, screenshot
):
    context = browser.new_context(locale="fr-CA", accept_downloads=True)
    page = context.new_page()
    with override_settings(PRIVACY_POLICY_VERSION="2027-01"):
        log_in(page, live_server.url, world.partner.email, PASSWORD)
        # A new policy version: the first page asks again, and the policy is one click away.
        expect(page.get_by_role("heading", level=1)).to_have_text("Votre consentement")
        expect(page.get_by_role("link", name="Politique de confidentialité").first).to_be_visible()
        screenshot(page, "privacy-consent")
        page.get_by_role("button", name="Continuer").click()
        expect(page.get_by_role("alert")).to_contain_text("cochez cette case")
        page.get_by_label(re.compile("ai lu la politique")).check()
        page.get_by_role("button", name="Continuer").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(world.coalition.name)

        # The profile: an optional purpose turned on, then the data downloaded at once.
        page.locator("summary", has_text=str(world.partner)).click()
        page.get_by_role("link", name="Mon profil").click()
        expect(page.get_by_label("Recevoir le résumé hebdomadaire par courriel")).not_to_be_checked()
        page.get_by_label("Recevoir le résumé hebdomadaire par courriel").check()
        page.get_by_label("Rôle dans votre organisme").fill("Intervenante famille")
        page.get_by_role("button", name="Enregistrer mon profil").click()
        expect(page.get_by_role("status")).to_contain_text("Votre profil est enregistré")
        screenshot(page, "privacy-profile")
        with page.expect_download() as download:
            page.get_by_role("link", name="Télécharger mes données").click()
        archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    data = json.loads(archive.read("data.json"))
    assert data["profile"][0]["organization_role"] == "Intervenante famille"
    assert {(c["purpose"], c["granted"], c["policy_version"]) for c in data["coalitions.Consent"]} >= {
        ("service", True, "2027-01"), ("weekly_summary", True, "2027-01")}
    assert Consent.objects.filter(user=world.partner, purpose="weekly_summary", granted=True).exists()
    context.close()
