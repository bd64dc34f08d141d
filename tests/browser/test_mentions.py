"""A coordinator @mentions a partner in an indicator's discussion: the suggestions list only
people who may read the thread, the keyboard picks one, and the person is notified."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coalitions.models import Role
from coordination.models.communication import Notification

from ..factories import PASSWORD, MembershipFactory, OrganizationFactory, UserFactory
from ..indicators.factories import IndicatorFactory
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_mentions_a_partner_from_the_suggestions(live_server, world, browser):
    with scopes_disabled():
        org = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
        marie = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=org,
                                  user=UserFactory(first_name="Marie", last_name="Tremblay")).user
        # funders read no discussion: never suggested
        world.funder.first_name, world.funder.last_name = "Marie", "Bailleur"
        world.funder.save()
        # the world's other members have random names: none may match « Mar » by chance
        for user, first in ((world.coordinator, "Jean"), (world.partner, "Luc")):
            user.first_name, user.last_name = first, "Roy"
            user.save()
    indicator = IndicatorFactory(coalition=world.coalition, code="PE-01")
    context = browser.new_context(locale="fr-CA")
    page = context.new_page()
    log_in(page, live_server.url, world.coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/measurement/indicators/{indicator.pk}/")
    box = page.get_by_label("Votre commentaire")
    box.click()
    page.keyboard.type("Merci @Mar")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("Marie Tremblay — CPE Les Petits Pas")
    page.keyboard.press("Enter")
    expect(box).to_have_value("Merci @Marie Tremblay ")
    page.keyboard.type("pour les chiffres.")
    page.get_by_role("button", name="Publier le commentaire").click()
    expect(page.locator("#comments")).to_contain_text("Merci @Marie Tremblay pour les chiffres.")
    with scopes_disabled():
        assert Notification.objects.filter(recipient=marie, event="mention").count() == 1
        assert not Notification.objects.filter(recipient=world.funder).exists()
    context.close()
