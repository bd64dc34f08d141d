"""Who opened a share link: counts and last opening on the snapshot page, and each link's
openings, for the coordinators who manage the links."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from dashboards.openings import browser_summary, masked_ip

from ..helpers import url
from .factories import ReportSnapshotFactory, ShareLinkOpeningFactory, shared

pytestmark = pytest.mark.django_db

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                 "Version/17.5 Mobile/15E148 Safari/604.1")


def opened(link, count, **kwargs):
    """``count`` openings of ``link``, one a day back from 1 March 2026 at 15:00 UTC."""
    start = datetime(2026, 3, 1, 15, 0, tzinfo=UTC)
    return [ShareLinkOpeningFactory(link=link, opened_at=start - timedelta(days=i), **kwargs) for i in range(count)]


@pytest.fixture
def snapshot(world):
    with scopes_disabled():
        return ReportSnapshotFactory(coalition=world.coalition, title="Rapport 2025")


def test_the_snapshot_page_gives_each_link_its_openings_count_and_last_opening(client, world, snapshot):
    seen, _token = shared(snapshot=snapshot)
    unseen, _token = shared(snapshot=snapshot)
    with scopes_disabled():
        opened(seen, 3)
    client.force_login(world.coordinator)
    response = client.get(url(world, "dashboards:snapshot", snapshot.pk))
    html = response.content.decode()
    counts = {link.pk: (link.opening_count, link.last_opened_at) for link in response.context["links"]}
    assert counts == {seen.pk: (3, datetime(2026, 3, 1, 15, 0, tzinfo=UTC)), unseen.pk: (0, None)}
    assert "3 ouvertures" in html and "Aucune pour l’instant" in html
    assert "1er mars 2026 à 10\u00a0h\u00a000" in html  # the last opening, in the coalition's time zone (Toronto)
    assert url(world, "dashboards:share_link_openings", seen.pk) in html
    assert url(world, "dashboards:share_link_openings", unseen.pk) not in html  # nothing to list yet


def test_the_openings_page_lists_when_which_browser_and_a_shortened_address(client, world, snapshot):
    with scopes_disabled():
        world.coalition.time_zone = "America/Vancouver"
        world.coalition.save()
        link, _token = shared(snapshot=snapshot)
        opened(link, 1, ip_address="203.0.113.7", user_agent=FIREFOX_WINDOWS)
    ShareLinkOpeningFactory(link=link, opened_at=datetime(2026, 3, 2, 18, 30, tzinfo=UTC),
                            ip_address="2001:db8:85a3::8a2e:370:7334", user_agent=SAFARI_IPHONE)
    client.force_login(world.coordinator)
    response = client.get(url(world, "dashboards:share_link_openings", link.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert [o["browser"] for o in response.context["page_obj"]] == ["Safari sous iPhone", "Firefox sous Windows"]
    assert "1 ouverture" not in html and "2 ouvertures" in html
    # Vancouver time, newest first
    assert "2 mars 2026 à 10\u00a0h\u00a030" in html and "1er mars 2026 à 7\u00a0h\u00a000" in html
    assert "America/Vancouver" in html
    assert "203.0.113.x" in html and "203.0.113.7" not in html
    assert "2001:db8:85a3:x:x:x:x:x" in html and "7334" not in html
    assert "Rapport 2025" in html and url(world, "dashboards:snapshot", snapshot.pk) in html


def test_a_link_never_opened_says_so(client, world, snapshot):
    link, _token = shared(snapshot=snapshot)
    client.force_login(world.coordinator)
    html = client.get(url(world, "dashboards:share_link_openings", link.pk)).content.decode()
    assert "Pas encore ouvert" in html and "<table" not in html


def test_a_long_list_of_openings_is_paginated(client, world, snapshot, settings):
    link, _token = shared(snapshot=snapshot)
    with scopes_disabled():
        opened(link, settings.PAGE_SIZE + 3)
    client.force_login(world.coordinator)
    response = client.get(url(world, "dashboards:share_link_openings", link.pk), {"page": 2})
    assert len(response.context["page_obj"].object_list) == 3
    assert "Page 2 sur 2" in response.content.decode()


def test_a_funder_sees_neither_the_counts_nor_the_openings(client, world, snapshot):
    link, _token = shared(snapshot=snapshot)
    with scopes_disabled():
        opened(link, 2)
    client.force_login(world.funder)
    html = client.get(url(world, "dashboards:snapshot", snapshot.pk)).content.decode()
    assert "Ouvertures" not in html and url(world, "dashboards:share_link_openings", link.pk) not in html
    assert client.get(url(world, "dashboards:share_link_openings", link.pk)).status_code == 403


def test_another_coalitions_link_is_not_found(client, world):
    link, _token = shared(snapshot=ReportSnapshotFactory(coalition=world.other_coalition))
    with scopes_disabled():
        opened(link, 1)
    client.force_login(world.coordinator)
    assert client.get(url(world, "dashboards:share_link_openings", link.pk)).status_code == 404


def _links_with_openings(snapshot, links, openings_each):
    with scopes_disabled():
        for _ in range(links):
            link, _token = shared(snapshot=snapshot)
            opened(link, openings_each)
    return link


def test_the_snapshot_page_runs_the_same_queries_whatever_the_links_and_openings(
        client, world, snapshot, django_assert_num_queries):
    client.force_login(world.coordinator)
    _links_with_openings(snapshot, 1, 1)
    client.get(url(world, "dashboards:snapshot", snapshot.pk))
    # 9: the threshold and, for a report frozen in the old format, its indicators' types (dashboards.snapshots)
    with django_assert_num_queries(9):
        assert client.get(url(world, "dashboards:snapshot", snapshot.pk)).status_code == 200
    _links_with_openings(snapshot, 8, 12)
    with django_assert_num_queries(9):
        response = client.get(url(world, "dashboards:snapshot", snapshot.pk))
    assert len(response.context["links"]) == 9


def test_the_openings_page_runs_the_same_queries_whatever_the_openings(
        client, world, snapshot, django_assert_num_queries, settings):
    client.force_login(world.coordinator)
    link = _links_with_openings(snapshot, 1, 2)
    page = url(world, "dashboards:share_link_openings", link.pk)
    client.get(page)
    with django_assert_num_queries(8):
        assert client.get(page).status_code == 200
    with scopes_disabled():
        opened(link, settings.PAGE_SIZE * 2)
    with django_assert_num_queries(8):
        response = client.get(page)
    assert response.context["page_obj"].paginator.count == settings.PAGE_SIZE * 2 + 2


@pytest.mark.parametrize("user_agent,summary", [
    (FIREFOX_WINDOWS, "Firefox on Windows"),
    (SAFARI_IPHONE, "Safari on iPhone"),
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile "
     "Safari/537.36", "Chrome on Android"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 "
     "Safari/537.36 Edg/126.0", "Edge on Windows"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
     "Safari/605.1.15", "Safari on macOS"),
    ("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Link preview or robot"),
    ("Lecteur/1.0", "Unknown browser"),
    ("", "Not given"),
])
def test_it_sums_up_the_browser_in_words(user_agent, summary):
    from django.utils import translation

    with translation.override("en"):
        assert browser_summary(user_agent) == summary


@pytest.mark.parametrize("address,shown", [
    ("203.0.113.7", "203.0.113.x"),
    ("::ffff:198.51.100.4", "198.51.100.x"),
    ("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8:85a3:x:x:x:x:x"),
    (None, "—"),
    ("not an address", "—"),
])
def test_it_never_shows_a_whole_address(address, shown):
    assert masked_ip(address) == shown


def test_the_openings_page_writes_dates_and_times_out_the_quebec_way(client, world, snapshot, settings):
    link, _token = shared(snapshot=snapshot, expires_at=datetime(2026, 5, 1, 3, 30, tzinfo=UTC))
    with scopes_disabled():
        link.created_at = datetime(2026, 4, 1, 14, 0, tzinfo=UTC)
        link.save()
    client.force_login(world.coordinator)
    text = client.get(url(world, "dashboards:share_link_openings", link.pk)).content.decode()
    # Toronto time: « 1er » on the first of the month, « 10 h 00 » with non-breaking spaces
    assert "créé le 1er avril 2026 à 10\u00a0h\u00a000, expire le 30 avril 2026 à 23\u00a0h\u00a030." in text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(url(world, "dashboards:share_link_openings", link.pk)).content.decode()
    assert "created on April 1, 2026 at 10:00 a.m., expires on April 30, 2026 at 11:30 p.m." in text


# The address an opening records, behind TRUSTED_PROXY_COUNT reverse proxies -------------


def opening_address(client, settings, proxies, **meta):
    settings.TRUSTED_PROXY_COUNT = proxies
    link, token = shared(snapshot=ReportSnapshotFactory())
    response = client.get(reverse("share_link", args=[token]), **meta)
    assert response.status_code == 200
    with scopes_disabled():
        return link.openings.get().ip_address


@pytest.mark.parametrize(("proxies", "meta", "recorded"), [
    # one proxy: the address it added, last in the header; what the visitor sent before it is ignored
    (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.9, 203.0.113.7"}, "203.0.113.7"),
    # two proxies (e.g. a CDN then nginx): the address the first one added
    (2, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7,10.0.0.1"}, "203.0.113.7"),
    (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": " 2001:db8::1 "}, "2001:db8::1"),
    # no trusted proxy: the header is never believed
    (0, {"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}, "203.0.113.7"),
    # a header shorter than the proxies, or none: the address of the connection
    (2, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}, "10.0.0.2"),
    (1, {"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
    # garbage is no address, never an error
    (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7, not-an-ip"}, None),
    (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7:443"}, None),
    (0, {"REMOTE_ADDR": "unix:/run/gunicorn.sock"}, None),
])
def test_an_opening_records_the_visitors_address_behind_the_trusted_proxies(client, settings, proxies, meta,
                                                                            recorded):
    assert opening_address(client, settings, proxies, **meta) == recorded
