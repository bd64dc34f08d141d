"""Issue 13, point 7, in the browser: the version page says who was asked to endorse and who
could not be, offers to invite a person for an unreachable organisation, and sends a reminder
that a member of an organisation without representative follows to endorse."""

import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coalitions.models import Role

from ..conditions.test_agenda import publish
from ..factories import PASSWORD, MembershipFactory, OrganizationFactory
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_sees_who_was_asked_invites_the_unreachable_and_reminds_the_others(
        live_server, world, browser, screenshot):
    with scopes_disabled():
        world.organization.representative = world.partner
        world.organization.save()
    library = OrganizationFactory(coalition=world.coalition, name="Bibliothèque de Forestville")
    reader = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=library).user
    empty = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
    publish(world)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.partner.email, reader.email])

    context = browser.new_context(locale="fr-CA")
    page = context.new_page()
    log_in(page, live_server.url, world.coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/c/{world.coalition.slug}/agenda/versions/1/")
    requests = page.locator("#endorsement-requests")
    expect(requests.get_by_role("row").filter(has_text=library.name)).to_contain_text(str(reader))
    expect(requests.get_by_role("row").filter(has_text=world.organization.name)).to_contain_text(
        "personne représentante")
    unreachable = page.locator("#endorsement-unreachable")
    expect(unreachable).to_contain_text(empty.name)
    screenshot(page, "endorsement-requests")

    unreachable.get_by_role("listitem").filter(has_text=empty.name).get_by_role("link",
                                                                               name="Inviter une personne").click()
    expect(page.get_by_label("Organisme")).to_have_value(str(empty.pk))
    page.go_back()

    mail.outbox.clear()
    page.get_by_role("button", name="Envoyer un rappel").click()
    expect(page.get_by_role("status")).to_contain_text("Le rappel est envoyé à 2 personnes.")
    expect(page.locator("#endorsement-requests")).to_contain_text("1 rappel envoyé.")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.partner.email, reader.email])
    page.get_by_role("button", name="Envoyer un rappel").click()
    expect(page.get_by_role("alert")).to_contain_text("moins d’une heure")

    reminder = next(m for m in mail.outbox if m.to == [reader.email])
    assert reminder.subject.startswith("Rappel")
    link = re.search(r"http://\S+/agenda/endorse/", reminder.body).group(0).replace("http://127.0.0.1:8000",
                                                                                     live_server.url)
    member = browser.new_context(locale="fr-CA").new_page()
    log_in(member, live_server.url, reader.email, PASSWORD)
    member.goto(link)
    member.get_by_role("button", name="Adhérer", exact=True).click()
    expect(member.locator("#endorsements").get_by_role("row").filter(has_text=library.name)).to_contain_text(
        "Adhésion")
    page.reload()
    expect(page.locator("#endorsement-requests").get_by_role("row").filter(has_text=library.name)).to_contain_text(
        "Adhésion")
    context.close()
    member.context.close()
