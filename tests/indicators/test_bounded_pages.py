"""Pages bounded by what they show: lists paginated, indexes that match their sort (EXPLAIN),
the entry list ordered and filtered in SQL."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django_scopes import scope

from indicators.selectors import queue, worklist
from tests.factories import OrganizationFactory
from tests.helpers import analyse_planned_tables

from .factories import IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign

pytestmark = pytest.mark.django_db


def plan(queryset, *, ordered=False) -> str:
    """The plan PostgreSQL picks when it may not read a whole table (the tables here are tiny)
    nor, for ``ordered``, sort a few rows: proves an index serves the query's filter and sort."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        analyse_planned_tables(cursor)
        cursor.execute("SET LOCAL enable_seqscan = off")
        if ordered:
            cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_review_queue_reads_its_page_from_an_index_in_its_order(world, measure, values_as_in_life):
    for k in range(3):
        IndicatorValueFactory(period=measure.period, organization=OrganizationFactory(coalition=world.coalition),
                              status="submitted", is_flagged=k == 1)
    with scope(coalition=world.coalition):
        found = plan(queue.review_queue(world.coalition).select_related(None)[:25], ordered=True)
    assert "value_review_queue" in found and "Sort" not in found  # no sort of every submitted value


def test_the_entry_list_reads_the_organisations_values_from_one_index(world, measure, values_as_in_life):
    IndicatorValueFactory(period=measure.period, organization=world.organization, status="submitted")
    with scope(coalition=world.coalition):
        membership = world.organization.memberships.first()
        found = plan(worklist.to_report(world.coalition, membership, world.organization))
    # value_own_cell (index-only) at scale; on these small tables the planner may take another
    # index that starts with the organisation: each reads only the organisation's values.
    assert re.search(r"Scan using \w+ on indicators_indicatorvalue own .*\n\s+Index Cond: \(organization_id = ",
                     found), found
    assert "Seq Scan on indicators_indicatorvalue" not in found


def api_plan(membership, *, ordered=True, **filters) -> str:
    """The plan of a page of the API's values (api.views.ValueList: id order, 101 rows), when
    PostgreSQL may not read a whole table (the tables here are tiny) nor, for ``ordered``, sort:
    then an index must give the rows in order."""
    from indicators.selectors import files

    rows = files.value_rows(membership.coalition, membership, **filters).select_related(None)
    return plan(rows.order_by("pk")[:101] if ordered else rows.order_by(), ordered=ordered)


@pytest.mark.parametrize("filters,index", [
    # The page starts at the coalition's first value, found in one step down (coalition, id)
    ({}, "using value_coalition_pk"),
    ({"indicator": "indicator"}, "Index Scan using value_api_indicator"),
    ({"organization": "organization"}, "Index Scan using value_api_organization"),
    ({"status": "submitted"}, "Index Scan using value_api_status"),
])
def test_a_page_of_the_api_values_reads_an_index_of_its_filter_in_id_order(world, measure, values_as_in_life,
                                                                           filters, index):
    ids = {"indicator": measure.indicator.pk, "organization": world.organization.pk}
    found = api_plan(values_as_in_life, **{name: str(ids.get(value, value)) for name, value in filters.items()})
    assert index in found and "Sort" not in found, found


def test_the_values_changed_since_a_moment_are_read_from_an_index(values_as_in_life):
    """An incremental sync asks for the few values changed since its last run: they come from
    value_api_updated (then sorted), not from a walk through the coalition's values."""
    from django.utils import timezone

    assert "value_api_updated" in api_plan(values_as_in_life, ordered=False, updated_since=timezone.now())


def test_the_partner_home_reads_its_values_to_report_by_one_join(world, measure):
    """The home's to-do list: the organisation's value of each period by one join (on
    value_own_cell at scale, index-only), not four correlated subqueries (each of which read the
    heap for the coalition the scoped manager adds). On these tiny tables the planner may take
    another index of the organisation: the plan is checked for its shape."""
    from dashboards.partner import periods_to_report

    IndicatorValueFactory(period=measure.period, organization=world.organization, status="returned")
    with scope(coalition=world.coalition):
        found = plan(periods_to_report(world.coalition, world.organization, date(2026, 6, 20),
                                       [(measure.period.start, measure.period.due_date)])[:10])
    assert "SubPlan" not in found and "Left Join" in found
    assert found.count("on indicators_indicatorvalue") == 1


def test_the_entry_list_is_ordered_and_filtered_in_sql(world, measure):
    """Returned first, then late, due, draft, open, submitted; approved ones only if recent."""
    indicator = IndicatorFactory(coalition=world.coalition, frequency="quarterly")
    assign(indicator, world.organization)
    today = date(2026, 6, 20)
    old = PeriodFactory(indicator=indicator, start=date(2024, 1, 1))  # approved, ended long ago: hidden
    late = PeriodFactory(indicator=indicator, start=date(2025, 10, 1))
    returned = PeriodFactory(indicator=indicator, start=date(2025, 7, 1))
    approved = PeriodFactory(indicator=indicator, start=date(2026, 1, 1))
    due = PeriodFactory(indicator=indicator, start=date(2026, 3, 1), due_date=today + timedelta(days=3))
    open_ = PeriodFactory(indicator=indicator, start=date(2026, 6, 1))
    IndicatorValueFactory(period=old, organization=world.organization, status="approved")
    IndicatorValueFactory(period=returned, organization=world.organization, status="returned")
    IndicatorValueFactory(period=approved, organization=world.organization, status="approved")
    with scope(coalition=world.coalition):
        membership = world.organization.memberships.first()
        rows = worklist.to_report(world.coalition, membership, world.organization, today).filter(
            indicator=indicator)
        assert [(p.pk, p.cell_status) for p in rows] == [
            (returned.pk, "returned"), (late.pk, "late"), (due.pk, "due"), (open_.pk, "open"),
            (approved.pk, "approved")]
        assert old.pk not in {p.pk for p in worklist.to_report(world.coalition, membership, world.organization, today)}


def test_the_completeness_board_shows_a_page_of_organisations_and_counts_them_all(client, world, measure):
    for n in range(26):  # 28 with the two of ``measure``
        assign(measure.indicator, OrganizationFactory(coalition=world.coalition, name=f"Comptoir {n:02d}"))
    client.force_login(world.coordinator)
    url = reverse("indicators:completeness", args=[world.coalition.slug]) + f"?indicator={measure.indicator.pk}"
    first = client.get(url).content.decode()
    assert "28 organismes déclarants" in first and "Page 1 sur 2" in first
    second = client.get(url + "&page=2").content.decode()
    names = ["CPE Les Petits Pas", "Maison de la famille"] + [f"Comptoir {n:02d}" for n in range(26)]
    on_first = {name for name in names if f"<th scope=\"row\">{name}</th>" in first}
    on_second = {name for name in names if f"<th scope=\"row\">{name}</th>" in second}
    assert len(on_first) == 25 and len(on_second) == 3 and on_first | on_second == set(names)


def test_the_indicator_page_shows_the_organisations_values_a_page_at_a_time(client, world, measure):
    for n in range(30):
        IndicatorValueFactory(period=measure.period2, status="approved", value=n,
                              organization=OrganizationFactory(coalition=world.coalition, name=f"Partenaire {n:02d}"))
    client.force_login(world.coordinator)
    url = reverse("indicators:indicator_detail", args=[world.coalition.slug, measure.indicator.pk])
    first = client.get(url).content.decode()
    assert "Partenaire 00" in first and "Partenaire 24" in first and "Partenaire 25" not in first
    assert "Page 1 sur 2" in first
    assert "Partenaire 29" in client.get(url + "?page=2").content.decode()
