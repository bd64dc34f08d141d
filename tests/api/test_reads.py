"""The read endpoints: what each role reads (the rules of the pages), the filters, the cursor
pages, decimals as text and datetimes with their offset, nothing of another coalition, and a
number of queries that does not grow with the data."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from tests.indicators.factories import CategoryFactory, IndicatorRollupFactory

from .helpers import api_url, bearer, token_for

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")


def get(client, world, role, path, **params):
    secret = token_for(world.user(role), world.coalition, can_write=role != "funder")
    return client.get(api_url(world.coalition, path), params, **bearer(secret))


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_a_partner_reads_its_own_values_and_the_approved_ones_of_others(client, world, data):
    rows = ids(get(client, world, "partner", "values/"))
    assert rows == {data.own_draft.pk, data.other_approved.pk}


def test_the_coordination_team_reads_every_value_of_its_coalition_only(client, world, data):
    assert ids(get(client, world, "coordinator", "values/")) == {
        data.own_draft.pk, data.other_approved.pk, data.other_submitted.pk}


def test_values_carry_decimals_as_text_and_datetimes_with_their_offset(client, world, data):
    rows = {row["id"]: row for row in get(client, world, "partner", "values/").json()["results"]}
    own = rows[data.own_draft.pk]
    assert own["value"] == "12.5000" and own["status"] == "draft" and own["comment"] == "Notre note"
    assert ISO_WITH_OFFSET.match(own["updated_at"]), own["updated_at"]
    assert rows[data.other_approved.pk]["comment"] is None  # another organisation's comment stays with it


@pytest.mark.parametrize("params,expected", [
    ({"status": "approved"}, {"other_approved"}),
    ({"organization": "own"}, {"own_draft"}),
    ({"period": "period2"}, {"other_submitted"}),
    ({"indicator": "indicator"}, {"own_draft", "other_approved", "other_submitted"}),
    ({"updated_since": "2999-01-01"}, set()),
    ({"updated_since": "2000-01-01T00:00:00-05:00"}, {"own_draft", "other_approved", "other_submitted"}),
    ({"updated_since": "0149-04-10T15:33:20-20:33"}, {"own_draft", "other_approved", "other_submitted"}),
])
def test_values_filter_by_period_indicator_organization_status_and_update(client, world, data, params, expected):
    objects = {"own": world.organization, "period2": data.period2, "indicator": data.indicator}
    query = {key: (objects[value].pk if value in objects else value) for key, value in params.items()}
    assert ids(get(client, world, "coordinator", "values/", **query)) == {getattr(data, n).pk for n in expected}


@pytest.mark.parametrize("since", ["yesterday", "2025-13-45", "\u00b2", "2025-02-30T10:00",
                                   "0001-01-01T00:00+20:00"])
def test_a_bad_updated_since_is_a_400_naming_the_field(client, world, data, since):
    response = get(client, world, "coordinator", "values/", updated_since=since)
    assert response.status_code == 400 and "updated_since" in response.json()["errors"]


def test_pages_follow_a_cursor(client, world, data):
    secret = token_for(world.coordinator, world.coalition)
    seen, url = [], api_url(world.coalition, "values/") + "?page_size=1"
    while url:
        page = client.get(url, **bearer(secret)).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted({data.own_draft.pk, data.other_approved.pk, data.other_submitted.pk})
    assert len(seen) == 3


def test_a_funder_reads_rollups_with_their_completeness_but_no_values(client, world, data):
    assert get(client, world, "funder", "values/").status_code == 403
    [rollup] = get(client, world, "funder", "rollups/").json()["results"]
    assert rollup["value"] == "30.000000" and rollup["completeness"] == "0.5000"
    assert rollup["reported_count"] == 1 and rollup["expected_count"] == 2


def test_indicators_come_with_their_targets_and_categories(client, world, data):
    [indicator] = get(client, world, "funder", "indicators/").json()["results"]
    assert indicator["code"] == "PE-01" and indicator["targets"][0]["value"] == "120.5000"
    assert indicator["categories"][0]["label"] == "Forestville"
    assert get(client, world, "funder", f"indicators/{data.indicator.pk}/").json()["code"] == "PE-01"
    assert get(client, world, "funder", f"indicators/{data.foreign_indicator.pk}/").status_code == 404


def test_names_follow_the_persons_language(client, world, data):
    world.funder.language = "en"
    world.funder.save()
    [indicator] = get(client, world, "funder", "indicators/").json()["results"]
    assert indicator["name"] == "Families reached"


def test_funders_see_accepted_actions_only_and_no_meeting_details(client, world, data):
    assert ids(get(client, world, "funder", "actions/")) == {data.action.pk}
    assert ids(get(client, world, "partner", "actions/")) == {data.action.pk, data.proposal.pk}
    [meeting] = get(client, world, "funder", "meetings/").json()["results"]
    assert meeting["agenda"] is None and meeting["decisions"][0]["text"] == "Adopter le plan"
    [meeting] = get(client, world, "partner", "meetings/").json()["results"]
    assert meeting["agenda"] == "Point 1"


def test_only_the_coordination_team_reads_the_members_with_their_emails(client, world, data):
    rows = get(client, world, "coordinator", "members/").json()["results"]
    assert world.partner.email in {row["email"] for row in rows}
    assert get(client, world, "funder", "members/").status_code == 403
    assert get(client, world, "partner", "members/").status_code == 403


def test_the_published_agenda_and_the_rest(client, world, data):
    agenda = get(client, world, "funder", "agenda/").json()
    assert agenda["number"] == 1 and "vision" in agenda
    assert ids(get(client, world, "funder", "priorities/")) == {data.priority.pk}
    assert ids(get(client, world, "funder", "activities/")) == {data.activity.pk}
    assert ids(get(client, world, "funder", "announcements/")) == {data.announcement.pk}
    assert world.organization.pk in ids(get(client, world, "funder", "organizations/"))


LISTS = ["organizations/", "members/", "priorities/", "actions/", "activities/", "indicators/", "periods/",
         "values/", "rollups/", "meetings/", "announcements/"]


def _queries(client, secret, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **bearer(secret))
    assert response.status_code == 200
    return len(queries)


DETAILS = ["", "agenda/", "indicators/{indicator}/", "values/{value}/"]
ROLES = ["coordinator", "partner", "funder"]
N = 3  # rows of each kind added for the first size; the second has 3N


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_makes_the_same_queries_with_n_and_3n_rows(client, world, data, role):
    """As each role, every endpoint it may read: the count with N more rows of every kind equals
    the count with 3N, so a page costs the same whatever the coalition's size (no query per row).
    The rows are added once for all the endpoints of the role."""
    secret = token_for(world.user(role), world.coalition, can_write=role != "funder")
    urls = {}
    for path in LISTS + DETAILS:
        url = api_url(world.coalition, path.format(indicator=data.indicator.pk, value=data.own_draft.pk))
        first = client.get(url, **bearer(secret))  # the token's first use is recorded once
        if first.status_code != 403:  # what the role may not read, it is not counted on
            urls[path] = url
    assert "indicators/" in urls and "rollups/" in urls  # each role reads some
    data.more(N)
    with_n = {path: _queries(client, secret, url) for path, url in urls.items()}
    data.more(2 * N)
    assert {path: _queries(client, secret, url) for path, url in urls.items()} == with_n, role
    assert max(with_n.values()) <= 8, f"{role}: {with_n}"


def test_a_funder_reads_small_counts_of_people_hidden_even_across_pages(client, world, data):
    """Law 25: the same rule as the funder's pages and exports. The total (23) would give away
    its small category (3) by subtraction, so the other category (20) is hidden too; with one
    row per page, the rows of the next page must not undo it."""
    with scopes_disabled():
        data.indicator.counts_people = True
        data.indicator.save()
        total = IndicatorRollupFactory(period=data.period2, value=23)
        small, large = (IndicatorRollupFactory(period=data.period2, value=v,
                                               category=CategoryFactory(indicator=data.indicator, label=label))
                        for v, label in ((3, "Sacré-Coeur"), (20, "Les Escoumins")))
    secret = token_for(world.funder, world.coalition, can_write=False)
    url, rows = api_url(world.coalition, "rollups/") + f"?period={data.period2.pk}&page_size=1", {}
    while url:
        page = client.get(url, **bearer(secret)).json()
        rows.update({row["id"]: row for row in page["results"]})
        url = page["next"]
    assert rows[total.pk]["value"] == "23.000000" and rows[total.pk]["suppressed"] is None
    assert rows[small.pk]["value"] is None and rows[small.pk]["suppressed"] == "<5"
    assert rows[large.pk]["value"] is None and rows[large.pk]["suppressed"] == "*"
    csv = b"".join(client.get(api_url(world.coalition, "rollups/") + f"?period={data.period2.pk}&format=csv",
                              **bearer(secret)).streaming_content).decode()
    assert ",3.000000," not in csv and ",20.000000," not in csv and "<5" in csv
    # The coordination team reads the exact counts
    exact = get(client, world, "coordinator", "rollups/", period=data.period2.pk).json()["results"]
    assert {row["value"] for row in exact} == {"23.000000", "3.000000", "20.000000"}


def test_a_nul_byte_in_the_query_is_a_400_as_problem_details(client, world, data):
    """Refused by a middleware before any view (coalitions.middleware): still the API's format."""
    response = get(client, world, "coordinator", "periods/", cursor="a\x00b")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 400
    # The site's pages keep their own page
    assert client.get(f"/c/{world.coalition.slug}/?q=a%00b")["Content-Type"].startswith("text/html")
