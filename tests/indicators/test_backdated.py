"""Backdated obligations (issue 13, point 6): an indicator whose reporting starts in the past
made every partner instantly « en retard » (by up to 214 days) and sent reminders. The form
now warns and offers to start at the period under way; kept in the past, the periods already
over are due ``due_days`` after the indicator's creation (Indicator.obligations_from), and an
approved value never says « en retard de N jours ».

Decision: lateness counts from the indicator's creation (or the day its start was moved back).
An organisation assigned later to an old indicator owes only the periods from its assignment's
start (test_assignment_start.py)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions.dates import local_today
from dashboards.health import late_organizations
from indicators.models import Indicator, Period
from indicators.periods import period_containing
from indicators.selectors.board import completeness
from indicators.services import framework

from .factories import IndicatorValueFactory, PeriodFactory, assign
from .helpers import indicator_post

pytestmark = pytest.mark.django_db


def create_url(world):
    return reverse("indicators:indicator_create", args=[world.coalition.slug])


def create_backdated(client, world, choice: str):
    """PE-09, quarterly from 2025-01-01, created through the form with ``choice``."""
    client.force_login(world.coordinator)
    response = client.post(create_url(world), indicator_post(code="PE-09", frequency="quarterly",
                                                             reporting_start="2025-01-01", backdated=choice))
    assert response.status_code == 302
    with scope(coalition=world.coalition):
        return Indicator.objects.get(code="PE-09"), local_today(world.coalition)


def test_the_form_warns_about_a_start_in_the_past_and_saves_nothing_until_asked(client, world):
    client.force_login(world.coordinator)
    data = indicator_post(code="PE-09", frequency="quarterly", reporting_start="2025-01-01")
    del data["backdated"]
    response = client.post(create_url(world), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "La déclaration commence dans le passé" in html and "Choisissez comment commencer." in html
    assert 'type="radio" name="backdated" value="current"' in html
    assert "Commencer à la période en cours" in html and "Garder ce début" in html
    with scopes_disabled():
        assert not Indicator.objects.filter(code="PE-09").exists()


def test_the_coordinator_starts_at_the_period_under_way(client, world):
    indicator, today = create_backdated(client, world, "current")
    with scope(coalition=world.coalition):
        assert indicator.reporting_start == period_containing("quarterly", today)[0]
        assert Period.objects.filter(indicator=indicator).count() == 1


def test_kept_in_the_past_nobody_is_late_for_periods_over_before_the_indicator_existed(client, world):
    indicator, today = create_backdated(client, world, "past")
    with scope(coalition=world.coalition):
        assert indicator.obligations_from == today
        assign(indicator, world.organization)
        past = Period.objects.filter(indicator=indicator, end__lt=today)
        assert past.count() >= 4
        assert {p.due_date for p in past} == {today + timedelta(days=30)}
        board = completeness(world.coalition, indicator)
        assert {status for _p, status in board.rows[0][1]} == {"due"}  # not « missing », not late
        assert late_organizations(world.coalition, today) == []  # no « en retard » on the home
    partner_home = client.get(reverse("coalitions:home", args=[world.coalition.slug]))
    assert partner_home.status_code == 200


def test_a_start_that_is_not_in_the_past_is_not_questioned(client, world):
    client.force_login(world.coordinator)
    start = period_containing("quarterly", local_today(world.coalition))[0]
    data = indicator_post(code="PE-09", frequency="quarterly", reporting_start=start.isoformat())
    del data["backdated"]
    assert client.post(create_url(world), data).status_code == 302


@pytest.mark.parametrize("choice", ["later", "", "<script>", "past" * 100])
def test_an_unknown_choice_is_refused_on_the_field(client, world, choice):
    client.force_login(world.coordinator)
    response = client.post(create_url(world), indicator_post(code="PE-09", frequency="quarterly",
                                                             reporting_start="2025-01-01", backdated=choice))
    assert response.status_code == 200
    assert response.context["form"].errors["backdated"]


def test_a_seeded_history_keeps_its_own_due_dates(world):
    with scope(coalition=world.coalition):
        indicator = framework.indicator_create(
            actor=world.coordinator, coalition=world.coalition, late_for_past_periods=True, code="H-1",
            name_fr="Historique", value_type="count", frequency="quarterly", aggregation="sum",
            reporting_start=date(2025, 1, 1))
        first = Period.objects.filter(indicator=indicator).order_by("start").first()
    assert indicator.obligations_from is None and first.due_date == date(2025, 3, 31) + timedelta(days=15)


def test_an_approved_value_never_says_how_late_it_was(client, world):
    today = local_today(world.coalition)
    with scopes_disabled():
        start = period_containing("quarterly", today - timedelta(days=200))[0]
        late = PeriodFactory(indicator__coalition=world.coalition, indicator__code="PE-11", start=start)
        missing = PeriodFactory(indicator=late.indicator,
                                start=period_containing("quarterly", start + timedelta(95))[0])
        assign(late.indicator, world.organization)
        IndicatorValueFactory(period=late, organization=world.organization, status="approved")
    client.force_login(world.partner)
    html = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    assert f"Échéance le {late.due_date.isoformat()}</span>" in html  # approved: the date, no lateness
    assert html.count("en retard de") == 1  # only the period still missing says how late it is
    assert missing.label in html
