"""Values and rollups in CSV, for Excel and Power BI: the same rows as the JSON (every page at
once), streamed, formulas quoted, errors still problem details."""

import csv
import io

from django_scopes import scopes_disabled

from indicators.models import IndicatorValue

from .helpers import api_url, bearer, token_for


def read_csv(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_values_in_csv_by_query_parameter_or_accept_header(client, world, data):
    with scopes_disabled():
        IndicatorValue.objects.filter(pk=data.own_draft.pk).update(comment="=HYPERLINK(\"http://x\")")
    secret = token_for(world.partner, world.coalition)
    by_param = read_csv(client.get(api_url(world.coalition, "values/"), {"format": "csv", "page_size": 1},
                                   **bearer(secret)))
    by_header = read_csv(client.get(api_url(world.coalition, "values/"), HTTP_ACCEPT="text/csv", **bearer(secret)))
    assert by_param == by_header
    assert {int(row["id"]) for row in by_param} == {data.own_draft.pk, data.other_approved.pk}  # every page
    own = next(row for row in by_param if int(row["id"]) == data.own_draft.pk)
    assert own["value"] == "12.5000" and own["comment"].startswith("'=HYPERLINK")
    assert next(row for row in by_param if int(row["id"]) == data.other_approved.pk)["comment"] == ""


def test_rollups_in_csv_for_a_funder_with_the_filters(client, world, data):
    secret = token_for(world.funder, world.coalition, can_write=False)
    rows = read_csv(client.get(api_url(world.coalition, "rollups/"), {"format": "csv", "indicator": data.indicator.pk},
                               **bearer(secret)))
    assert [(row["indicator_code"], row["completeness"]) for row in rows] == [("PE-01", "0.5000")]
    assert read_csv(client.get(api_url(world.coalition, "rollups/"), {"format": "csv", "period": 999999},
                               **bearer(secret))) == []


def test_a_refusal_in_csv_is_still_problem_details(client, world, data):
    secret = token_for(world.funder, world.coalition, can_write=False)
    response = client.get(api_url(world.coalition, "values/"), {"format": "csv"}, **bearer(secret))
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 403
