"""List pages with filters or pagination answer htmx with only their results region
(coalitions.web.render_list): the filter form and the page links swap the rows in place, the
same GET without JavaScript loads the whole page, and both run the list's queries once.

The pattern for a new list page: wrap the rows, the pagination and the empty state in
``<div id="results" data-results tabindex="-1">{% partialdef results inline %}...{% endpartialdef %}</div>``,
give the GET filter form ``hx-get="{{ request.path }}" hx-target="#results" hx-push-url="true"``,
include the pagination ``with region="results"``, render with ``render_list`` and add the page to
LIST_PAGES below."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from coalitions.models import Role

from .factories import MembershipFactory
from .helpers import url

# url name -> (a query string: a filter, and where the fixture fills two pages, the second page;
#              the queries of what the page shows around its results: the filter form's choices)
LIST_PAGES = {
    "coalitions:members": ("?role=partner&page=2", 0),
    "coalitions:audit": ("?before=9999-12-31T00:00:00%2B00:00~0~0", 0),  # keyset pages: no count
    "coalitions:invitations": ("?status=all", 0),
    "coalitions:organizations": ("?page=1", 0),
    "conditions:activities": ("?action=", 3),  # actions, priorities and organizations to filter by
    "coordination:announcements": ("?unread=1", 0),
    "coordination:library": ("?q=budget", 0),
    "coordination:meetings": ("?when=past", 0),
    "coordination:notifications": ("?unread=1", 0),
    "indicators:index": ("?q=absent", 0),
    "indicators:review": ("?status=all", 1),  # the indicators to filter by
}
UNCOUNTED = {"coalitions:audit"}  # millions of events: older and newer pages, no total
LAYOUT_QUERIES = 2  # base.html's own: the coalition switcher and the notifications badge

OUT_OF_BAND_COUNT = re.compile(r'<span class="count" id="results-count" hx-swap-oob="true">\(\d+\)</span>')
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results", "HTTP_HX_CURRENT_URL": "http://testserver/"}


@pytest.fixture
def crowded(world, settings):
    """Enough partners for a second page of two rows."""
    settings.PAGE_SIZE = 2
    with scopes_disabled():
        for _ in range(4):
            MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=world.organization)
    return world


def counted_get(client, address, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address, **headers)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize("name", sorted(LIST_PAGES))
def test_it_answers_htmx_with_the_results_only_and_a_plain_get_with_the_whole_page(client, crowded, name):
    client.force_login(crowded.coordinator)
    query, around_results = LIST_PAGES[name]
    address = url(crowded, name) + query
    page, page_queries = counted_get(client, address)
    region, region_queries = counted_get(client, address, **HTMX)
    page_html, region_html = page.content.decode(), region.content.decode()

    assert "<html" in page_html and 'id="results"' in page_html
    assert "<html" not in region_html and "<nav class=\"main-nav\"" not in region_html
    assert '<form method="get"' not in region_html  # the filter form stays in the page, with its input
    count = OUT_OF_BAND_COUNT.search(region_html)
    assert count or name in UNCOUNTED, "the count in the title follows the filters"
    rows = region_html.replace(count.group(0), "", 1) if count else region_html.strip()
    if "page=2" in address:
        assert 'rel="prev"' in rows and 'hx-target="#results"' in rows, "the second page, with its links"
    assert rows in page_html, "the region is the page's own markup, written once"
    assert "HX-Request" in page["Vary"] and "HX-Request" in region["Vary"]
    # The list's queries run once either way, with the same count: the whole page adds only the
    # layout's own and those of what it shows around the results.
    assert page_queries - region_queries == LAYOUT_QUERIES + around_results, (page_queries, region_queries)


def test_a_history_restore_gets_the_whole_page(client, crowded):
    client.force_login(crowded.coordinator)
    response = client.get(url(crowded, "coalitions:members"), HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert "<html" in response.content.decode()


def test_an_htmx_request_for_another_target_gets_the_whole_page(client, crowded):
    client.force_login(crowded.coordinator)
    response = client.get(url(crowded, "coalitions:members"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main")
    assert "<html" in response.content.decode()
