"""Coalition-wide completeness at a glance: organisations x indicators for each indicator's
current period, and the one-click reminder to the late organisations, sent once a day."""

from datetime import date

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from coordination.models.communication import Notification
from indicators.models import IndicatorGroupObjectPermission, ValueStatus
from indicators.selectors.board import NOT_OWED_YET
from tests.factories import MembershipFactory, OrganizationFactory

from ..helpers import url
from ..indicators.conftest import Measure
from ..indicators.factories import IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(world):
    return Measure(world)


def test_it_shows_each_organisation_and_indicator_for_the_current_period(client, world, measure):
    IndicatorValueFactory(period=measure.period2, organization=world.organization, status=ValueStatus.APPROVED)
    other = IndicatorFactory(coalition=world.coalition, code="PE-09")
    PeriodFactory(indicator=other, start=date(2025, 1, 1))
    assign(other, world.organization)  # not reported by the other organisation
    client.force_login(world.coordinator)
    response = client.get(url(world, "dashboards:completeness_overview"))
    html = response.content.decode()
    overview = response.context["overview"]
    with scopes_disabled():
        other_period = other.periods.get()
    assert [(i.code, p.pk) for i, p in overview.columns] == [("PE-01", measure.period2.pk), ("PE-09", other_period.pk)]
    rows = {o.name: cells for o, cells in overview.rows}
    assert rows == {"CPE Les Petits Pas": ["missing", ""], "Maison de la famille": ["late", "missing"]}
    assert overview.late == 2
    assert "Complétude du regroupement" in html and "Non déclaré par cet organisme" in html
    assert "Relancer les 2 organismes en retard" in html


@pytest.mark.parametrize(("language", "not_yet", "not_reported"), [
    ("fr", "Pas encore attendu de cet organisme", "Non déclaré par cet organisme"),
    ("en", "Not expected yet from this organization", "Not reported by this organization"),
])
def test_a_blank_cell_says_not_expected_yet_when_the_assignment_starts_later(client, world, measure, language,
                                                                              not_yet, not_reported):
    """Issue 13 (left): an organisation that reports PE-01 only from after its current period
    (Q2 2025) is not expected yet; the page said « not reported by this organisation »."""
    newcomer = OrganizationFactory(coalition=world.coalition, name="Centre de pédiatrie sociale")
    assign(measure.indicator, newcomer)
    with scopes_disabled():
        IndicatorGroupObjectPermission.objects.filter(group__organization=newcomer).update(
            reports_from=date(2025, 7, 1))
        world.coordinator.language = language
        world.coordinator.save(update_fields=["language"])
    client.force_login(world.coordinator)
    response = client.get(url(world, "dashboards:completeness_overview"))
    rows = {o.name: cells for o, cells in response.context["overview"].rows}
    assert rows["Centre de pédiatrie sociale"] == [NOT_OWED_YET]
    assert response.context["overview"].late == 2  # not late either
    html = response.content.decode()
    assert html.count(not_yet) == 1 and not_reported not in html  # every other organisation reports PE-01


def test_one_click_reminds_the_late_organisations_once_a_day(client, world, measure):
    IndicatorValueFactory(period=measure.period2, organization=world.organization, status=ValueStatus.SUBMITTED)
    client.force_login(world.coordinator)
    response = client.post(url(world, "dashboards:completeness_remind"))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[measure.other_partner.email]]  # the late one only
    assert "Familles rejointes par les visites à domicile" in mail.outbox[0].body
    with scopes_disabled():
        assert Notification.objects.filter(recipient=measure.other_partner).count() == 1
    page = client.get(response.url).content.decode()
    assert "Rappel envoyé à 1 personne." in page
    again = client.post(url(world, "dashboards:completeness_remind"))  # a double click, a retry
    assert len(mail.outbox) == 1
    assert "Personne à relancer" in client.get(again.url).content.decode()


def test_an_organisation_without_members_is_counted_late_but_nobody_is_emailed(client, world, measure):
    silent = OrganizationFactory(coalition=world.coalition, name="Bibliothèque de Forestville")
    assign(measure.indicator, silent)
    client.force_login(world.coordinator)
    assert client.get(url(world, "dashboards:completeness_overview")).context["overview"].late == 3
    client.post(url(world, "dashboards:completeness_remind"))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.partner.email, measure.other_partner.email])


def test_a_partner_cannot_remind(client, world, measure):
    client.force_login(world.partner)
    assert client.post(url(world, "dashboards:completeness_remind")).status_code == 403
    assert not mail.outbox


def test_the_overview_costs_the_same_queries_at_two_sizes(client, world, measure, django_assert_num_queries):
    client.force_login(world.coordinator)
    client.get(url(world, "dashboards:completeness_overview"))
    with django_assert_num_queries(11) as small:
        client.get(url(world, "dashboards:completeness_overview"))
    for k in range(4):
        organization = OrganizationFactory(coalition=world.coalition)
        MembershipFactory(coalition=world.coalition, role="partner", organization=organization)
        indicator = IndicatorFactory(coalition=world.coalition)
        for month in (1, 4):
            PeriodFactory(indicator=indicator, start=date(2025, month, 1))
        assign(indicator, organization, world.organization)
        IndicatorValueFactory(period=measure.period2, organization=organization, status=ValueStatus.APPROVED)
        assert k >= 0
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url(world, "dashboards:completeness_overview")).status_code == 200
