"""The values CSV export streams (issue 12 point 6): rows read from a server-side cursor in
pieces while the file is sent, in the tenant scope, in an order the indexes give (no
whole-table sort), with the text neutralised in SQL exactly as coalitions.spreadsheets does."""

import csv
import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalitions.models import Membership
from coalitions.spreadsheets import FORMULA_STARTS, neutralise, neutralised_sql
from indicators.selectors import files
from tests.factories import OrganizationFactory

from ..helpers import analyse_planned_tables, body
from .factories import CategoryFactory, IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign

pytestmark = pytest.mark.django_db


def export(client, world, query="") -> list[list[str]]:
    response = client.get(reverse("indicators:export_values", args=[world.coalition.slug]) + query)
    assert isinstance(response, StreamingHttpResponse)
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"), newline="")))


def test_it_streams_every_value_in_code_period_and_organisation_order(client, world, measure):
    """Periods of a later code come after, earlier periods first even when made later, then the
    organisations by name, the categories after the
    value they break down."""
    early = PeriodFactory(indicator=measure.indicator, start=date(2024, 10, 1))  # made after, sorted first
    other = IndicatorFactory(coalition=world.coalition, code="AA-00")
    other_period = PeriodFactory(indicator=other, start=date(2025, 1, 1))
    assign(other, world.organization)
    zeta = OrganizationFactory(coalition=world.coalition, name="Zêta")
    assign(measure.indicator, zeta)
    category = CategoryFactory(indicator=measure.indicator, dimension="Territoire", label="Forestville")
    submitted = timezone.now().replace(microsecond=0)
    for period in (measure.period2, measure.period, early):
        IndicatorValueFactory(period=period, organization=zeta, value=3, status="approved")
        IndicatorValueFactory(period=period, organization=world.organization, value=4, status="approved",
                              submitted_at=submitted)
        IndicatorValueFactory(period=period, organization=world.organization, category=category, value=4,
                              status="approved")
        IndicatorValueFactory(period=period, organization=measure.other_org, value=Decimal("-5"), status="approved")
    IndicatorValueFactory(period=other_period, organization=world.organization, value=1, status="approved",
                          comment="@SUM(1)", source="=A1", submitted_at=datetime(2025, 2, 3, 4, 5, 6, 7, tzinfo=UTC))
    client.force_login(world.coordinator)
    rows = export(client, world)
    assert rows[0][:5] == ["indicator", "period_start", "period_end", "organization", "category"]
    keys = [(r[0], r[1], r[3], r[4]) for r in rows[1:]]
    organisations = [("CPE Les Petits Pas", ""), (world.organization.name, ""),
                     (world.organization.name, "Territoire: Forestville"), ("Zêta", "")]
    assert keys == [("AA-00", "2025-01-01", world.organization.name, "")] + [
        ("PE-01", start, name, label) for start in ("2024-10-01", "2025-01-01", "2025-04-01")
        for name, label in organisations]
    first = rows[1]
    assert first[11:13] == ["'@SUM(1)", "'=A1"]  # neutralised in SQL
    assert first[14] == "2025-02-03T04:05:06.000007+00:00"  # as datetime.isoformat()
    own = rows[3]
    assert own[5] == "4.0000" and own[14] == submitted.astimezone(UTC).isoformat()
    assert rows[2][5] == "-5.0000"  # a genuine number is not quoted


def test_a_partner_exports_its_own_values_and_the_others_approved_ones(client, world, measure):
    IndicatorValueFactory(period=measure.period, organization=measure.other_org, value=5, status="submitted")
    IndicatorValueFactory(period=measure.period2, organization=measure.other_org, value=6, status="approved",
                          comment="interne")
    IndicatorValueFactory(period=measure.period, organization=world.organization, value=7, status="draft",
                          comment="le nôtre")
    client.force_login(world.partner)
    rows = export(client, world)[1:]
    assert [(r[1], r[3], r[9], r[11]) for r in rows] == [
        ("2025-01-01", world.organization.name, "draft", "le nôtre"),
        ("2025-04-01", "CPE Les Petits Pas", "approved", ""),  # another organisation's comment stays with it
    ]
    assert [r[3] for r in export(client, world, "?status=approved")[1:]] == ["CPE Les Petits Pas"]
    assert export(client, world, f"?indicator={measure.indicator.pk + 999}") == [export(client, world)[0]]
    client.force_login(world.funder)
    response = client.get(reverse("indicators:export_values", args=[world.coalition.slug]))
    assert response.status_code == 403


def test_the_export_reads_each_period_through_the_cell_index_without_a_whole_table_sort(world, measure,
                                                                                          values_as_in_life):
    """EXPLAIN of the export's query: an index scan of value_unique_cell per period and an
    incremental sort (one period at a time), never a Sort of the values table."""
    from unittest import mock

    captured = {}

    class Recorder:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, sql, params):
            captured["sql"], captured["params"] = sql, params

        def fetchmany(self, size):
            return []

    with measure.scope(), mock.patch.object(connection, "chunked_cursor", Recorder):
        membership = Membership.objects.get(user=world.coordinator, coalition=world.coalition)
        list(files.value_export_rows(world.coalition, membership))
    with connection.cursor() as cursor:
        # The tables here are tiny: the planner would as well sort them whole. Without these two
        # settings it must show the plan it takes at scale (seen with EXPLAIN on echelle-200).
        analyse_planned_tables(cursor)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + captured["sql"], captured["params"])
        text = "\n".join(row[0] for row in cursor.fetchall())
    # Each period's values through an index on the period (value_unique_cell at scale; on these
    # tiny tables the planner may take the period's own index), sorted a period at a time.
    per_period = r"Index (Only )?Scan using \w+ on indicators_indicatorvalue v .*\n\s+Index Cond: \(.*period_id = p\.id"
    assert re.search(per_period, text), text
    assert "Incremental Sort" in text, text
    assert "Seq Scan on indicators_indicatorvalue" not in text, text


def test_the_scope_and_the_language_hold_while_the_file_is_sent(client, world, measure):
    """The rows are read after the view returned (the middleware's scope is gone): the stream
    opens the coalition's scope and the request's language again; activities go through a
    scoped manager, which would raise outside it."""
    client.force_login(world.coordinator)
    response = client.get(reverse("conditions:activity_export", args=[world.coalition.slug]),
                          HTTP_ACCEPT_LANGUAGE="fr")
    assert isinstance(response, StreamingHttpResponse)
    assert body(response).decode("utf-8-sig").startswith("Date,Date de fin,Action")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(
    st.text(alphabet=st.sampled_from([*FORMULA_STARTS, "0", "9", "٣", ".", ",", "a", "'", " ", "\n", "é"]),
            max_size=6),
    st.text(max_size=8).filter(lambda t: "\x00" not in t),
))
def test_the_sql_neutralisation_is_the_python_one(db, text):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {neutralised_sql('x.t')} FROM (SELECT %s::text AS t) x", [text])
        assert cursor.fetchone()[0] == neutralise(text)
