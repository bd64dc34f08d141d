"""The coalition home shows each role its dashboard, with a fixed number of queries."""

import time

import pytest
from django.urls import reverse
from django.utils.html import escape
from django_scopes import scope, scopes_disabled

from dashboards import health

from .data import grow

pytestmark = pytest.mark.django_db


def home(world):
    return reverse("coalitions:home", args=[world.coalition.slug])


def _counting_people(world):
    """Every indicator counts people: the funder's home decides their hidden cells (one query)."""
    from indicators.models import Indicator

    with scopes_disabled():
        Indicator.objects.filter(coalition=world.coalition).update(counts_people=True)


# The coordinator's: one more since the self-assessment reads the coalition's small-numbers threshold.
@pytest.mark.parametrize("actor,queries", [("coordinator", 22), ("partner", 19), ("funder", 16)])
def test_each_dashboard_runs_a_fixed_number_of_queries(client, world, actor, queries, django_assert_num_queries):
    client.force_login(world.user(actor))
    grow(world, 2)
    _counting_people(world)
    client.get(home(world))
    with django_assert_num_queries(queries):
        assert client.get(home(world)).status_code == 200
    grow(world, 8)
    _counting_people(world)
    with django_assert_num_queries(queries):
        response = client.get(home(world))
    assert response.status_code == 200


def test_the_coordinator_home_stays_within_the_foundation_query_budget(client, world, django_assert_num_queries):
    """tests/coalitions/test_query_counts.py pins the home at 16 queries with data; empty, it runs the same."""
    client.force_login(world.coordinator)
    with django_assert_num_queries(16):
        assert client.get(home(world)).status_code == 200


def test_the_coordinator_sees_five_panels_with_a_status_in_words_and_the_attention_list(client, world):
    grow(world, 3)
    client.force_login(world.coordinator)
    response = client.get(home(world))
    html = response.content.decode()
    panels = response.context["panels"]
    assert [p.number for p in panels] == [1, 2, 3, 4, 5]
    for panel in panels:
        assert panel.status_word in html  # a word, not a colour alone
    assert "Santé du regroupement" in html
    assert "À votre attention" in html
    attention = {item.url for item in response.context["attention"]}
    slug = world.coalition.slug
    assert reverse("indicators:review", args=[slug]) in attention  # 3 submitted values
    # 3 overdue follow-ups and tasks: the lists filtered as counted (issue 13, point 5)
    assert reverse("coordination:follow_ups", args=[slug]) + "?show=all&overdue=1" in attention
    assert reverse("coordination:tasks", args=[slug]) + "?overdue=1" in attention
    late = reverse("indicators:entry", args=[slug]) + f"?organization={world.organization.pk}&late=1"
    assert late in attention  # a late organisation: its late values (test_counts.py)
    for url in attention:
        assert f'href="{escape(url)}"' in html


def test_the_signals_count_what_the_data_says(world):
    grow(world, 3)
    with scope(coalition=world.coalition):
        data = health.coalition_health(world.coalition)
    agenda, plan, measurement, communication, backbone = data["panels"]
    assert agenda.signals[0].detail == "3 / 5"  # the world's two organisations have not endorsed
    assert plan.signals[0].detail == "3 / 3"  # each action: a lead and a contributor
    assert measurement.signals[0].detail == "3 / 6"  # last closed period: 1 of 2 reported, x3
    assert measurement.signals[2].value == "3"  # one submitted value each
    assert communication.signals[0].value == "3"
    assert communication.signals[1].value == "3"
    assert backbone.signals[0].value == "3"
    assert communication.signals[0].detail == "attendance 50\u00a0%" or "50" in communication.signals[0].detail


def test_a_coalition_without_data_says_so_rather_than_failing(client, world):
    client.force_login(world.coordinator)
    response = client.get(home(world))
    assert response.status_code == 200
    assert "Aucune vision commune n’est encore publiée." in response.content.decode()


def test_the_partner_sees_its_organizations_to_dos_and_contributions(client, world):
    grow(world, 2)
    client.force_login(world.partner)
    response = client.get(home(world))
    html = response.content.decode()
    assert response.context["kind"] == "partner"
    assert len(response.context["follow_ups"]) == 2  # assigned to the Maison de la famille
    assert len(response.context["rsvps"]) == 2
    assert response.context["totals"]["count"] == 2
    assert "Ce que Maison de la famille doit faire" in html
    assert reverse("coordination:meeting", args=[world.coalition.slug, response.context["rsvps"][0].meeting.pk]) in html
    assert "Santé du regroupement" not in html


def test_the_funder_sees_only_approved_values_and_accepted_actions(client, world):
    grow(world, 2)
    with scopes_disabled():
        from ..conditions.factories import ActionFactory

    ActionFactory(plan__coalition=world.coalition, review_status="proposed", title="Projet secret")
    client.force_login(world.funder)
    response = client.get(home(world))
    html = response.content.decode()
    assert response.context["kind"] == "funder"
    assert response.context["plan"]["total"] == 2  # the proposal is not counted
    assert "Projet secret" not in html
    assert "<svg" in html and 'role="img"' in html  # the charts
    assert "chart-data" in html  # each with its data table
    assert "À votre attention" not in html


def test_render_time_on_realistic_data_is_measured(client, world, capsys):
    """Not a timed assertion: prints the figure for the report."""
    grow(world, 10)
    timings = {}
    for actor in ("coordinator", "partner", "funder"):
        client.force_login(world.user(actor))
        client.get(home(world))
        start = time.perf_counter()
        assert client.get(home(world)).status_code == 200
        timings[actor] = round((time.perf_counter() - start) * 1000)
    with capsys.disabled():
        print(f"\ndashboard render times (ms): {timings}")


def test_the_funder_and_partner_homes_chart_their_indicators_a_page_at_a_time(client, world):
    from ..indicators.factories import IndicatorFactory, assign

    for k in range(14):
        assign(IndicatorFactory(coalition=world.coalition, code=f"IND-{k:02d}"), world.organization)
    for actor in ("funder", "partner"):
        client.force_login(world.user(actor))
        first = client.get(home(world))
        assert [s.indicator.code for s in first.context["series"]] == [f"IND-{k:02d}" for k in range(12)]
        assert first.context["page_obj"].paginator.num_pages == 2
        assert 'rel="next"' in first.content.decode()  # the pagination links
        second = client.get(home(world), {"page": 2})
        assert [s.indicator.code for s in second.context["series"]] == ["IND-12", "IND-13"]
