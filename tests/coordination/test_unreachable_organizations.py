"""Issue 13, point 11: inviting an organisation that has no active member reaches nobody; the
meeting says so where it happens and offers to invite a person of that organisation."""

from django_scopes import scopes_disabled

from coordination.models.meetings import Meeting

from ..factories import OrganizationFactory
from ..helpers import url
from .test_meetings import _schedule


def test_a_meeting_that_invites_an_organization_without_members_says_so_and_offers_an_invitation(client, world):
    empty = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
    client.force_login(world.coordinator)
    response = client.post(url(world, "coordination:meeting_create"),
                           _schedule(world, invited_organizations=[world.organization.pk, empty.pk]), follow=True)
    html = response.content.decode()
    assert "CPE Les Petits Pas n’a aucun membre actif" in html  # right after saving
    assert "1 organisme invité n’a aucun membre actif" in html  # and on the meeting page, with a way out
    assert f"{url(world, 'coalitions:invitation_create')}?organization={empty.pk}" in html
    assert world.organization.name not in html.split('id="unreachable-organizations"')[1].split("</ul>")[0]
    with scopes_disabled():
        meeting = Meeting.objects.get()
    # Partners see the meeting, not the coordination's to-do.
    client.force_login(world.partner)
    page = client.get(url(world, "coordination:meeting", meeting.pk)).content.decode()
    assert "unreachable-organizations" not in page


def test_a_meeting_whose_organizations_all_have_members_warns_of_nothing(client, world):
    client.force_login(world.coordinator)
    html = client.post(url(world, "coordination:meeting_create"), _schedule(world), follow=True).content.decode()
    assert "unreachable-organizations" not in html and "aucun membre actif" not in html


def test_assigning_an_indicator_to_an_organization_without_members_says_nobody_will_report(client, world):
    from indicators.models import Indicator

    from ..indicators.factories import IndicatorFactory

    indicator = IndicatorFactory(coalition=world.coalition)
    empty = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
    client.force_login(world.coordinator)
    assignments = url(world, "indicators:indicator_assignments", indicator.pk)
    response = client.post(assignments, {"organizations": [world.organization.pk, empty.pk]}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == assignments
    assert "CPE Les Petits Pas n’a aucun membre actif\u00a0: personne ne déclarera ses données." in html
    assert f"{url(world, 'coalitions:invitation_create')}?organization={empty.pk}" in html
    with scopes_disabled():
        assert Indicator.objects.filter(pk=indicator.pk).exists()
    # Every organisation has someone: straight back to the indicator, no warning.
    response = client.post(assignments, {"organizations": [world.organization.pk]}, follow=True)
    assert response.redirect_chain[-1][0] == url(world, "indicators:indicator_detail", indicator.pk)
    assert "aucun membre actif" not in response.content.decode()
