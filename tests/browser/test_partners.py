"""Issue 16, the web of partners in the browser: a coordinator opens an organisation's partner
card, the network (its drawing and the table that says the same) and the equity view, each
showing the partners' real work; axe-core checks every page (tests/browser/conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coalitions.models import Sector

from ..conditions.factories import ActionFactory, ActivityFactory
from ..factories import PASSWORD, OrganizationFactory
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_sees_a_partners_card_the_network_and_the_equity_view(live_server, world, browser, screenshot):
    home = world.organization
    with scopes_disabled():
        home.skills = "Animation de groupes de parents, Traduction"
        home.save()
    library = OrganizationFactory(coalition=world.coalition, name="Bibliothèque de Forestville", sector="education")
    OrganizationFactory(coalition=world.coalition, name="Popote roulante")  # at the edge: no link
    shared = ActionFactory(plan__coalition=world.coalition, title="Heure du conte en famille", lead_organization=home,
                           review_status="accepted", contributors=[library])
    for k in range(3):
        ActionFactory(plan=shared.plan, title=f"Halte-garderie {k}", lead_organization=home, review_status="accepted")
    ActivityFactory(action=shared, organization=library, hours=12, date=timezone.localdate() - timedelta(days=3))

    context = browser.new_context(locale="fr-CA")
    page = context.new_page()
    log_in(page, live_server.url, world.coordinator.email, PASSWORD)
    base = f"{live_server.url}/c/{world.coalition.slug}/partners"

    page.goto(f"{base}/{home.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(home.name)
    actions = page.locator("section[aria-labelledby=actions-title]")
    expect(actions).to_contain_text("Heure du conte en famille")
    expect(actions.locator("dd").first).to_have_text("4")
    expect(page.locator("section[aria-labelledby=skills-title]")).to_contain_text("Traduction")
    expect(page.locator("section[aria-labelledby=people-title]")).to_contain_text(world.partner.full_name)

    page.goto(f"{base}/network/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Réseau des partenaires")
    expect(page.get_by_role("img", name="Réseau des partenaires")).to_be_visible()
    expect(page.locator("svg.network-drawing line")).to_have_count(1)  # the one shared action
    def row(name):
        return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name, exact=True))

    expect(row("Popote roulante")).to_contain_text("Isolé")
    expect(row(home.name)).to_contain_text("Surchargé")
    expect(row("Bibliothèque de Forestville")).to_contain_text(f"{home.name} (1, 0)")  # one action, no meeting
    screenshot(page, "partner-network")

    page.goto(f"{base}/equity/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Charge et voix des partenaires")
    with translation.override("fr"):
        community, education = str(Sector.COMMUNITY.label), str(Sector.EDUCATION.label)
    by_sector = page.get_by_role("table").filter(has=page.get_by_text("Par secteur", exact=True))
    expect(by_sector.get_by_role("row").filter(has_text=community)).to_contain_text("4 (100 %)")  # all led there
    expect(by_sector.get_by_role("row").filter(has_text=education)).to_contain_text("12")  # the library's hours

    # The year report says the same, as of today (axe checks its new sections too).
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/reports/{timezone.localdate().year}/")
    network = page.get_by_role("region", name="La toile des partenaires")
    expect(network).to_contain_text("Popote roulante")
    expect(page.get_by_role("heading", name="Autoévaluation du partenariat")).to_be_visible()
    context.close()
