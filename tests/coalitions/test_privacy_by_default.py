"""Privacy by default: funders never see individual people; contact details are the
coordination team's unless their owner agreed to the members' directory."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions.models import ConsentPurpose

from ..coordination.factories import (
    AnnouncementFactory,
    CommentFactory,
    FollowUpFactory,
    InviteeFactory,
    LibraryItemFactory,
    MeetingFactory,
)
from ..factories import MembershipFactory, consent_to
from ..url_map import COALITION_PATTERNS, EXPECTED, HIDDEN, build_url, object_kwargs

FUNDER_PAGES = [(name, route) for name, route in COALITION_PATTERNS
                if "funder" in EXPECTED[name][0] and "GET" in EXPECTED[name][1]
                and "funder" not in HIDDEN.get(name, ())]  # someone else's object: 404 for the funder


@pytest.fixture
def people(world):
    """The coalition's people, named, and their traces on the pages: meetings, comments,
    announcements, follow-ups, the coordination team, the library."""
    with scopes_disabled():
        for user, (first, last) in ((world.coordinator, ("Geneviève", "Tremblay-Simard")),
                                    (world.partner, ("Mélodie", "Bouchard-Lavoie"))):
            user.first_name, user.last_name = first, last
            user.save()
    meeting = MeetingFactory(coalition=world.coalition, title="Comité de pilotage")
    with scope(coalition=world.coalition):
        InviteeFactory(meeting=meeting, user=world.partner, rsvp="yes")
        CommentFactory(meeting=meeting, author=world.coordinator, body="Ordre du jour envoyé")
        AnnouncementFactory(coalition=world.coalition, author=world.coordinator, title="Bienvenue")
        FollowUpFactory(meeting=meeting, what="Bilan", assignee_user=world.partner)
        LibraryItemFactory(coalition=world.coalition, added_by=world.coordinator)
    return [world.coordinator, world.partner]


@pytest.mark.parametrize("name,route", FUNDER_PAGES, ids=[n for n, _ in FUNDER_PAGES])
def test_a_funder_sees_no_individual_person_on_any_page_they_can_open(client, world, people, name, route):
    url = build_url(name, route, object_kwargs(world), world.coalition.slug)
    client.force_login(world.funder)
    response = client.get(url)
    assert response.status_code == 200
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return  # a file the funder downloads (a library document): no page
    text = response.content.decode()
    for person in people:
        for identity in (person.email, person.full_name, person.last_name):
            assert identity not in text, f"{url} shows {identity} to a funder"


def test_contact_details_are_the_coordination_teams_unless_the_person_opts_in(client, world, people):
    directory = reverse("coalitions:directory", args=[world.coalition.slug])
    client.force_login(world.partner)
    page = client.get(directory).content.decode()
    assert "Geneviève Tremblay-Simard" in page and world.coordinator.email not in page
    consent_to(ConsentPurpose.DIRECTORY, world.coordinator)
    assert world.coordinator.email in client.get(directory).content.decode()
    client.force_login(world.coordinator)
    assert world.partner.email in client.get(directory).content.decode()  # the coordination team sees them
    client.force_login(world.funder)
    assert client.get(directory).status_code == 403


def test_the_directory_takes_a_fixed_number_of_queries(client, world, people):
    client.force_login(world.partner)
    url = reverse("coalitions:directory", args=[world.coalition.slug])
    client.get(url)
    before = _count(client, url)
    for _ in range(4):
        MembershipFactory(coalition=world.coalition, organization=world.organization)
    assert _count(client, url) == before


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
