"""Indicator list and page, completeness board; fixed query counts at two data sizes."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from indicators import rollups
from indicators.charts import AT_RISK, NO_DATA, OFF_TRACK, ON_TRACK, trend_status
from tests.factories import OrganizationFactory

from .factories import (
    CategoryFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    LearningNoteFactory,
    PeriodFactory,
    TargetFactory,
    assign,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("values,target,direction,expected", [
    ([], 10, "higher", NO_DATA),
    ([5, 12], 10, "higher", ON_TRACK),
    ([5], 10, "higher", AT_RISK),
    ([5, 8], 10, "higher", AT_RISK),
    ([9, 8], 10, "higher", OFF_TRACK),
    ([30, 25], 20, "lower", AT_RISK),
    ([30, 18], 20, "lower", ON_TRACK),
    ([25, 28], 20, "lower", OFF_TRACK),
])
def test_it_computes_the_status_from_direction_target_and_trend(values, target, direction, expected):
    assert trend_status(values, target, direction) == expected


def populate(world, *, indicators: int, periods: int, organizations: int):
    with scopes_disabled():
        orgs = [world.organization] + [OrganizationFactory(coalition=world.coalition) for _ in range(organizations - 1)]
        made = []
        for _i in range(indicators):
            indicator = IndicatorFactory(coalition=world.coalition, aggregation="sum")
            assign(indicator, *orgs)
            TargetFactory(indicator=indicator, value=100)
            categories = [CategoryFactory(indicator=indicator, dimension="Territoire", label=label)
                          for label in ("Forestville", "Les Escoumins")]
            for p in range(periods):
                period = PeriodFactory(indicator=indicator, start=date(2023 + p // 4, 1 + 3 * (p % 4), 1))
                LearningNoteFactory(period=period)
                for k, org in enumerate(orgs):
                    status = "approved" if (p + k) % 3 else "submitted"
                    IndicatorValueFactory(period=period, organization=org, value=10 + p + k, status=status)
                    for category, part in zip(categories, (4, 6 + p + k), strict=True):  # a breakdown
                        IndicatorValueFactory(period=period, organization=org, category=category, value=part,
                                              status=status)
            made.append(indicator)
    rollups.recompute(world.coalition.pk)
    return made


def test_the_list_shows_latest_value_target_status_and_a_sparkline(client, world):
    indicator = populate(world, indicators=1, periods=3, organizations=2)[0]
    client.force_login(world.funder)
    html = client.get(reverse("indicators:index", args=[world.coalition.slug])).content.decode()
    assert indicator.code in html
    assert '<svg class="sparkline"' in html and "<polyline points=" in html
    assert 'style="' not in html.split("<main", 1)[-1]
    assert "En décalage" in html or "À surveiller" in html or "En bonne voie" in html
    assert "T3 2023" in html  # the latest period with a coalition value


def test_the_indicator_page_shows_chart_table_and_organisations_to_partners_only(client, world):
    indicator = populate(world, indicators=1, periods=3, organizations=2)[0]
    url = reverse("indicators:indicator_detail", args=[world.coalition.slug, indicator.pk])
    client.force_login(world.partner)
    html = client.get(url).content.decode()
    assert 'class="line-chart"' in html and "Par organisme" in html and "Maison de la famille" in html
    assert not re.search(r' (cx|cy|x|y|y1)="\d+,\d', html.split("<svg", 1)[1].split("</svg>")[0])
    client.force_login(world.funder)
    html = client.get(url).content.decode()
    assert 'class="line-chart"' in html and "Les ateliers du samedi" in html
    assert "Par organisme" not in html and "Maison de la famille" not in html
    assert "Soumise" not in html


def test_funders_see_only_approved_values_in_the_coalition_value(client, world):
    indicator = IndicatorFactory(coalition=world.coalition)
    period = PeriodFactory(indicator=indicator, start=date(2025, 1, 1))
    IndicatorValueFactory(period=period, organization=world.organization, value=7, status="approved")
    IndicatorValueFactory(period=period, value=9000, status="submitted")
    rollups.recompute(world.coalition.pk)
    client.force_login(world.funder)
    url = reverse("indicators:indicator_detail", args=[world.coalition.slug, indicator.pk])
    html = client.get(url).content.decode()
    assert "9\u00a0000" not in html and "9000" not in html
    assert '<td class="coalition-value">7' in html


def test_the_completeness_board_marks_each_organisation_and_period(client, world):
    indicator = populate(world, indicators=1, periods=2, organizations=2)[0]
    missing_org = OrganizationFactory(coalition=world.coalition, name="Bibliothèque de Forestville")
    assign(indicator, missing_org)
    with scopes_disabled():
        on_time = indicator.values.filter(organization=world.organization, category__isnull=True).order_by(
            "period__start").first()
        on_time.submitted_at = datetime.combine(on_time.period.due_date - timedelta(days=3), time(12), tzinfo=UTC)
        on_time.save()
    client.force_login(world.coordinator)
    html = client.get(reverse("indicators:completeness", args=[world.coalition.slug]) + f"?indicator={indicator.pk}")
    html = html.content.decode()
    assert "Bibliothèque de Forestville" in html and "Manquante" in html and "✕" in html
    assert "À temps" in html and "En retard" in html


# page -> (who opens it, its URL, its queries at any data size)
PAGES = {
    "entry": ("partner", lambda world, ind: reverse("indicators:entry", args=[world.coalition.slug]), 9),
    "index": ("funder", lambda world, ind: reverse("indicators:index", args=[world.coalition.slug]), 9),
    "detail": ("partner",
               lambda world, ind: reverse("indicators:indicator_detail", args=[world.coalition.slug, ind.pk]), 15),
    "completeness": ("coordinator", lambda world, ind: reverse("indicators:completeness", args=[world.coalition.slug])
                     + f"?indicator={ind.pk}", 10),
    "review": ("coordinator", lambda world, ind: reverse("indicators:review", args=[world.coalition.slug]), 8),
}


@pytest.mark.parametrize("page_name", PAGES)
def test_the_query_count_does_not_grow_with_the_data(client, world, page_name, django_assert_num_queries):
    actor, url_for, queries = PAGES[page_name]
    small = populate(world, indicators=1, periods=2, organizations=2)[0]
    client.force_login(world.user(actor))
    client.get(url_for(world, small))  # warm caches (content types, sessions)
    with django_assert_num_queries(queries):
        assert client.get(url_for(world, small)).status_code == 200
    big = populate(world, indicators=6, periods=8, organizations=5)[-1]
    with django_assert_num_queries(queries):
        assert client.get(url_for(world, big)).status_code == 200


def test_the_completeness_board_shows_the_newest_periods_first(client, world, measure):
    client.force_login(world.coordinator)
    response = client.get(reverse("indicators:completeness", args=[world.coalition.slug])
                          + f"?indicator={measure.indicator.pk}")
    periods = response.context["board"].periods
    assert [p.pk for p in periods] == [measure.period2.pk, measure.period.pk]
    html = response.content.decode()
    assert html.index(f">{measure.period2.label}<") < html.index(f">{measure.period.label}<")


def test_the_coordinators_entry_screen_runs_the_same_queries_empty_or_not(client, world, django_assert_num_queries):
    """Nothing to report (no coordinator-entered indicator) or one cell: the same queries, so
    the screen's count compares between coalitions (bench_pages)."""
    url = reverse("indicators:entry", args=[world.coalition.slug])
    client.force_login(world.coordinator)
    client.get(url)
    with django_assert_num_queries(10):
        assert client.get(url).context["page_obj"].object_list == []
    indicator = IndicatorFactory(coalition=world.coalition, aggregation="coordinator")
    PeriodFactory(indicator=indicator, start=date.today().replace(day=1) - timedelta(days=31))
    with django_assert_num_queries(10):
        assert len(client.get(url).context["page_obj"].object_list) == 1
