"""@mention suggestions in comment boxes: only members who may read the thread, matching what
was typed, as JSON; a thread the person may not see is not found."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from coalitions.models import Role
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from ..indicators.factories import IndicatorFactory
from .factories import AnnouncementFactory

pytestmark = pytest.mark.django_db


def ask(client, world, on, q=""):
    return client.get(reverse("coordination:mention_candidates", args=[world.coalition.slug]), {"on": on, "q": q})


@pytest.fixture
def people(world):
    with scopes_disabled():
        org = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
        marie = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=org,
                                  user=UserFactory(first_name="Marie", last_name="Tremblay",
                                                   email="marie@cpe.test")).user
        gone = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=org, is_active=False,
                                 user=UserFactory(first_name="Marie", last_name="Gagnon")).user
        MembershipFactory(coalition=world.other_coalition, role=Role.PARTNER,
                          user=UserFactory(first_name="Marie", last_name="Ailleurs"))
        world.funder.first_name, world.funder.last_name = "Marie", "Bailleur"
        world.funder.save()
        # the world's other members have random names: none may match « Marie » by chance
        for user, first in ((world.coordinator, "Jean"), (world.partner, "Luc")):
            user.first_name, user.last_name = first, "Roy"
            user.save()
    return marie, gone


def test_it_suggests_the_members_who_may_read_an_indicator_thread(client, world, people):
    marie, _gone = people
    indicator = IndicatorFactory(coalition=world.coalition)
    client.force_login(world.coordinator)
    response = ask(client, world, f"indicator:{indicator.pk}", "mari")
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"name": "Marie Tremblay", "organization": "CPE Les Petits Pas", "mention": "@Marie Tremblay"}]
    # not the funder (funders see no comment), not an inactive member, not another coalition's


def test_an_announcement_for_coordinators_offers_no_partner(client, world, people):
    with scopes_disabled():
        private = AnnouncementFactory(coalition=world.coalition, audience="coordinator")
        public = AnnouncementFactory(coalition=world.coalition, audience="all")
    client.force_login(world.coordinator)
    assert ask(client, world, f"announcement:{private.pk}", "Marie").json()["results"] == []
    names = [r["name"] for r in ask(client, world, f"announcement:{public.pk}", "Marie").json()["results"]]
    assert names == ["Marie Bailleur", "Marie Tremblay"]


def test_a_member_without_a_name_is_mentioned_by_email(client, world, people):
    with scopes_disabled():
        MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=world.organization,
                          user=UserFactory(first_name="", last_name="", email="sans.nom@maison.test"))
    indicator = IndicatorFactory(coalition=world.coalition)
    client.force_login(world.partner)
    results = ask(client, world, f"indicator:{indicator.pk}", "sans.nom").json()["results"]
    assert [r["mention"] for r in results] == ["@sans.nom@maison.test"]


@pytest.mark.parametrize("on", ["", "meeting", "meeting:abc", "nothing:1", "indicator:"])
def test_a_missing_or_malformed_thread_gets_no_suggestion(client, world, people, on):
    client.force_login(world.partner)
    response = ask(client, world, on, "Marie")
    assert response.status_code == 200 and response.json() == {"results": []}


def test_a_thread_the_person_may_not_see_is_not_found(client, world, people):
    with scopes_disabled():
        private = AnnouncementFactory(coalition=world.coalition, audience="coordinator")
        elsewhere = IndicatorFactory(coalition=world.other_coalition)
    client.force_login(world.partner)
    assert ask(client, world, f"announcement:{private.pk}").status_code == 404
    assert ask(client, world, f"indicator:{elsewhere.pk}").status_code == 404
    assert ask(client, world, "indicator:999999").status_code == 404


def test_the_comment_box_carries_its_suggestions_url(client, world, people):
    indicator = IndicatorFactory(coalition=world.coalition)
    client.force_login(world.partner)
    page = reverse("indicators:indicator_detail", args=[world.coalition.slug, indicator.pk])
    html = client.get(page).content.decode()
    assert f'data-mentions="/c/{world.coalition.slug}/communication/mentions/?on=indicator:{indicator.pk}"' in html
    assert "coordination/mentions.js" in html
