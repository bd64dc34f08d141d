"""Equity between partners (issue 16, part 3): load and voice by sector and by size."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions.models import Role

from ..conditions.factories import ActionFactory, ActivityFactory, AgendaVersionFactory, EndorsementFactory
from ..coordination.factories import InviteeFactory, MeetingFactory
from ..factories import MembershipFactory, OrganizationFactory
from .data import assert_same_queries_at_two_sizes

pytestmark = pytest.mark.django_db


def equity(world):
    return reverse("dashboards:partner_equity", args=[world.coalition.slug])


def test_the_equity_view_runs_the_same_queries_at_two_data_sizes(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    response = assert_same_queries_at_two_sizes(client, world, equity(world), 10, django_assert_num_queries)
    assert sum(line["organizations"] for line in response.context["by_sector"]) >= 11


def test_it_sums_leading_hours_money_attendance_and_open_reservations_by_sector_and_size(client, world):
    with scopes_disabled():
        city = OrganizationFactory(coalition=world.coalition, name="Ville", sector="municipal")
        for _ in range(5):
            MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=city)
        led = ActionFactory(plan__coalition=world.coalition, lead_organization=city, contributors=[world.organization])
        ActionFactory(plan__coalition=world.coalition, lead_organization=city)
        ActivityFactory(action=led, organization=world.organization, hours=6, cost=0)
        ActivityFactory(action=led, organization=city, hours=2, cost=300)
        meeting = MeetingFactory(coalition=world.coalition, starts_at=timezone.now() - timedelta(days=3))
        InviteeFactory(meeting=meeting, user=world.partner, attended=True)
        old = AgendaVersionFactory(coalition=world.coalition, number=1)
        EndorsementFactory(version=old, organization=city, with_reservations=True)  # answered by version 2
        current = AgendaVersionFactory(coalition=world.coalition, number=2)
        EndorsementFactory(version=current, organization=world.organization, with_reservations=True)
        EndorsementFactory(version=current, organization=city)
    client.force_login(world.coordinator)
    response = client.get(equity(world))
    by_sector = {line["label"]: line for line in response.context["by_sector"]}
    municipal, family = by_sector["Municipalité"], by_sector[world.organization.get_sector_display()]
    assert (municipal["led"], municipal["hours"], municipal["cost"], municipal["reservations"]) == (2, 2, 300, 0)
    assert (family["contributed"], family["hours"], family["meetings"], family["reservations"]) == (1, 6, 1, 1)
    assert municipal["shares"]["led"] == 100 and family["shares"]["hours"] == 75
    by_size = {line["label"]: line for line in response.context["by_size"]}
    assert by_size["3 à 5 membres"]["led"] == 2 and by_size["1 ou 2 membres"]["hours"] == 6
    page = response.content.decode()
    assert "Par secteur" in page and "Municipalité" in page
