import icalendar
import pytest
from playwright.sync_api import expect

from ..coordination.factories import InviteeFactory, MeetingFactory
from ..factories import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_subscribes_to_the_meetings_then_revokes_the_link(live_server, world, browser, screenshot):
    InviteeFactory(meeting=MeetingFactory(coalition=world.coalition, title="Comité de pilotage"),
                   user=world.partner)
    context = browser.new_context(locale="fr-CA", viewport={"width": 375, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, world.partner.email, PASSWORD)
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/communication/meetings/")
    page.get_by_role("link", name="M'abonner dans mon calendrier").click()
    page.get_by_role("button", name="Créer mon lien de calendrier").click()
    expect(page.locator("main")).to_contain_text("Votre lien de calendrier est prêt.")
    feed_url = page.get_by_label("Lien du calendrier", exact=False).input_value()
    screenshot(page, "calendar-feed")

    anonymous = browser.new_context().request  # a calendar app: no session, only the link
    response = anonymous.get(feed_url)
    assert response.status == 200 and response.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    assert [str(e["summary"]).split(" — ")[0] for e in events] == ["Comité de pilotage"]

    page.get_by_role("link", name="Révoquer le lien").click()
    page.get_by_role("button", name="Révoquer le lien").click()
    expect(page.locator("main")).to_contain_text("Votre lien de calendrier est révoqué.")
    assert anonymous.get(feed_url).status == 410
