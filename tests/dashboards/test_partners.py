"""The web of partners (issue 16, part 3): each organisation's card."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions.models import Organization, Role

from ..conditions.factories import ActionFactory, ActivityFactory, AgendaVersionFactory, EndorsementFactory
from ..coordination.factories import InviteeFactory, MeetingFactory
from ..factories import MembershipFactory, OrganizationFactory
from ..indicators.factories import IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign
from .data import assert_same_queries_at_two_sizes

pytestmark = pytest.mark.django_db


def card(world, organization=None):
    return reverse("dashboards:partner_card", args=[world.coalition.slug, (organization or world.organization).pk])


@pytest.mark.parametrize("actor,queries", [("coordinator", 20), ("partner", 20), ("funder", 18)])
def test_the_card_runs_the_same_queries_at_two_data_sizes(client, world, actor, queries, django_assert_num_queries):
    client.force_login(world.user(actor))
    response = assert_same_queries_at_two_sizes(client, world, card(world), queries, django_assert_num_queries)
    assert response.context["contributed_count"] == 10 and response.context["meetings_attended"] == 10


def _punctual_data(world):
    """One value on time, one late, one missing, over three periods due in the last year."""
    today = timezone.localdate()
    indicator = IndicatorFactory(coalition=world.coalition)
    assign(indicator, world.organization)
    for due_ago, submitted_after_due in ((40, -2), (100, 5), (200, None)):
        start = today - timedelta(days=due_ago + 105)
        period = PeriodFactory(indicator=indicator, start=start, due_date=today - timedelta(days=due_ago))
        if submitted_after_due is not None:
            moment = datetime.combine(period.due_date + timedelta(days=submitted_after_due), time(12),
                                      tzinfo=timezone.get_current_timezone())
            IndicatorValueFactory(period=period, organization=world.organization, submitted_at=moment)
    old = PeriodFactory(indicator=indicator, start=today - timedelta(days=600), due_date=today - timedelta(days=500))
    IndicatorValueFactory(period=old, organization=world.organization, submitted_at=timezone.now())  # out of the year


def test_the_card_shows_what_the_organization_leads_contributes_reports_attends_and_offers(client, world):
    with scopes_disabled():
        Organization.objects.filter(pk=world.organization.pk).update(
            skills="Animation de groupes de parents\nTraduction, animation de groupes de parents ; Transport")
        other = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
        ActionFactory(plan__coalition=world.coalition, title="Halte-garderie", lead_organization=world.organization)
        shared = ActionFactory(plan__coalition=world.coalition, title="Fête de quartier", lead_organization=other,
                               contributors=[world.organization])
        ActionFactory(plan__coalition=world.coalition, title="Proposition", lead_organization=world.organization,
                      review_status="proposed")
        ActivityFactory(action=shared, organization=world.organization, hours=3, cost=150)
        MeetingFactory(coalition=world.coalition, title="Comité de coordination")
        past = MeetingFactory(coalition=world.coalition, title="Forum annuel",
                              starts_at=timezone.now() - timedelta(days=12))
        InviteeFactory(meeting=past, user=world.partner, attended=True)
        skipped = MeetingFactory(coalition=world.coalition, title="Rencontre manquée",
                                 starts_at=timezone.now() - timedelta(days=30))
        InviteeFactory(meeting=skipped, user=world.partner, attended=False)
        version = AgendaVersionFactory(coalition=world.coalition, number=2)
        EndorsementFactory(version=version, organization=world.organization, with_reservations=True,
                           comment="Le territoire nord est oublié.")
        _punctual_data(world)
    client.force_login(world.partner)
    response = client.get(card(world))
    page = response.content.decode()
    # the proposal is not counted
    assert (response.context["led_count"], response.context["contributed_count"]) == (1, 1)
    assert "Halte-garderie" in page and "Fête de quartier" in page and "Proposition" not in page
    assert response.context["activity_totals"]["hours"] == 3
    assert response.context["meetings_attended"] == 1 and "Forum annuel" in page and "Rencontre manquée" not in page
    assert response.context["skills"] == ["Animation de groupes de parents", "Traduction", "Transport"]
    assert "Adhésion avec réserves" in page
    assert "Le territoire nord est oublié." in page
    punctuality = response.context["punctuality"]
    assert (punctuality["due"], punctuality["on_time"], punctuality["late"], punctuality["missing"]) == (3, 1, 1, 1)
    assert punctuality["on_time_share"] == 33


def test_funders_see_the_organization_but_never_its_people(client, world):
    with scopes_disabled():
        world.partner.first_name, world.partner.last_name = "Awa", "Diallo"
        world.partner.save()
        MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=world.organization,
                          user__first_name="Jean", user__last_name="Tremblay")
        shared = ActionFactory(plan__coalition=world.coalition, lead_organization=world.organization)
        ActivityFactory(action=shared, organization=world.organization, description="Atelier avec Mme Roy")
    client.force_login(world.coordinator)
    page = client.get(card(world)).content.decode()
    assert "Awa Diallo" in page and "Jean Tremblay" in page
    assert world.partner.email not in page  # names only, never emails
    client.force_login(world.funder)
    response = client.get(card(world))
    page = response.content.decode()
    assert response.status_code == 200 and world.organization.name in page
    assert "Awa Diallo" not in page and "Jean Tremblay" not in page and world.partner.email not in page
    assert response.context["people"] == [] and response.context["activities"] == []
    assert response.context["activity_totals"]["count"] == 1  # the count, not the record


def test_a_card_of_another_coalitions_organization_is_not_found(client, world):
    with scopes_disabled():
        elsewhere = OrganizationFactory(coalition=world.other_coalition)
    client.force_login(world.coordinator)
    assert client.get(card(world, elsewhere)).status_code == 404


def test_the_organizations_list_links_to_each_card(client, world):
    client.force_login(world.funder)
    page = client.get(reverse("coalitions:organizations", args=[world.coalition.slug])).content.decode()
    assert f'href="{card(world)}"' in page


def test_the_coordinator_declares_the_skills_on_the_organization_form(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:organization_edit", args=[world.coalition.slug, world.organization.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(skills="Interprétariat, Locaux\nInterprétariat", representative="")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    with scopes_disabled():
        organization = Organization.objects.get(pk=world.organization.pk)
    assert organization.skill_list == ["Interprétariat", "Locaux"]
    assert "Locaux" in client.get(card(world)).content.decode()
