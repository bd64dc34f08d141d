"""The private calendar feed per member: its page, its content, and revoking it."""

from datetime import timedelta

import icalendar
import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coalitions.models import Membership
from coordination.ics import meeting_uid
from coordination.models.calendar import CalendarFeed
from coordination.models.meetings import Meeting
from coordination.services import calendar as calendar_services

from .factories import InviteeFactory, MeetingFactory


def _page(world, name="calendar_feed", *args):
    return reverse(f"coordination:{name}", args=[world.coalition.slug, *args])


def _enable(user, coalition) -> CalendarFeed:
    with scope(coalition=coalition):
        return calendar_services.calendar_feed_enable(actor=user, coalition=coalition)


def _feed_url(feed) -> str:
    return reverse("calendar_feed_ics", args=[calendar_services.feed_token(feed)])


def _events(response) -> dict[str, icalendar.Event]:
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["summary"]).split(" — ")[0]: e for e in calendar.walk("VEVENT")}


def test_a_member_creates_a_link_sees_it_again_and_a_calendar_reads_it_without_a_session(client, world):
    client.force_login(world.partner)
    page = client.get(_page(world)).content.decode()
    assert "Créer mon lien de calendrier" in page
    assert client.post(_page(world, "calendar_feed_enable")).status_code == 302
    with scopes_disabled():
        feed = CalendarFeed.objects.get(user=world.partner)
    url = _feed_url(feed)
    assert url in client.get(_page(world)).content.decode()  # shown again on every visit
    assert "webcal://" in client.get(_page(world)).content.decode()
    client.logout()
    assert client.get(url).status_code == 200


def test_turning_it_on_twice_keeps_one_link(world):
    first = _enable(world.partner, world.coalition)
    second = _enable(world.partner, world.coalition)
    assert first.pk == second.pk
    with scopes_disabled():
        assert CalendarFeed.objects.filter(user=world.partner).count() == 1
        with pytest.raises(IntegrityError), transaction.atomic():  # the database holds the rule too
            CalendarFeed.objects.create(coalition=world.coalition, user=world.partner, key="second-active")


def test_the_feed_holds_the_meetings_i_am_invited_to_with_the_same_uid_and_time_zone(client, world):
    mine = MeetingFactory(coalition=world.coalition, title="Comité de pilotage")
    InviteeFactory(meeting=mine, user=world.partner)
    MeetingFactory(coalition=world.coalition, title="Groupe de travail sans moi")
    elsewhere = MeetingFactory(coalition=world.other_coalition, title="Réunion d'une autre table")
    InviteeFactory(meeting=elsewhere, user=world.partner)
    feed = _enable(world.partner, world.coalition)
    assert feed.only_invited
    events = _events(client.get(_feed_url(feed)))
    assert set(events) == {"Comité de pilotage"}
    event = events["Comité de pilotage"]
    assert str(event["uid"]) == meeting_uid(mine)  # the invitation's event is replaced, not doubled
    assert event["dtstart"].params["TZID"] == world.coalition.time_zone
    assert event.decoded("dtstart") == mine.starts_at


def test_every_meeting_when_the_member_asks_but_never_another_coalitions_or_old_ones(client, world):
    MeetingFactory(coalition=world.coalition, title="Assemblée générale")
    MeetingFactory(coalition=world.coalition, title="Bilan de l'an dernier",
                   starts_at=timezone.now() - timedelta(days=400))
    MeetingFactory(coalition=world.other_coalition, title="Réunion d'une autre table")
    feed = _enable(world.partner, world.coalition)
    client.force_login(world.partner)
    client.post(_page(world, "calendar_feed_settings"), {"only_invited": "0"})
    client.logout()
    assert set(_events(client.get(_feed_url(feed)))) == {"Assemblée générale"}


def test_a_funder_gets_every_meeting_but_only_its_public_parts_unless_shared(client, world):
    meeting = MeetingFactory(coalition=world.coalition, title="Comité", agenda="Point confidentiel",
                             video_url="https://visio.exemple.org/secret")
    feed = _enable(world.funder, world.coalition)
    assert not feed.only_invited
    body = client.get(_feed_url(feed)).content.decode()
    assert "Comité" in body and "Point confidentiel" not in body and "visio.exemple.org" not in body
    with scopes_disabled():
        Meeting.objects.filter(pk=meeting.pk).update(shared_with_funders=True)
    assert "Point confidentiel" in client.get(_feed_url(feed)).content.decode()


def test_a_revoked_link_answers_gone_and_revoking_again_changes_nothing(client, world):
    feed = _enable(world.partner, world.coalition)
    url = _feed_url(feed)
    client.force_login(world.partner)
    confirm = client.get(_page(world, "calendar_feed_revoke", feed.pk))
    assert confirm.status_code == 200 and "Révoquer le lien" in confirm.content.decode()
    assert client.post(_page(world, "calendar_feed_revoke", feed.pk)).status_code == 302
    assert client.post(_page(world, "calendar_feed_revoke", feed.pk)).status_code == 302  # a repeated submit
    client.logout()
    assert client.get(url).status_code == 410
    with scope(coalition=world.coalition):
        feed.refresh_from_db()
        revoked_at = feed.revoked_at
        calendar_services.calendar_feed_revoke(actor=world.partner, feed=feed)
        feed.refresh_from_db()
    assert feed.revoked_at == revoked_at is not None


def test_replacing_the_link_stops_the_old_one_and_a_retry_makes_no_third(client, world):
    old = _enable(world.partner, world.coalition)
    with scope(coalition=world.coalition):
        calendar_services.calendar_feed_update(actor=world.partner, feed=old, only_invited=False)
        new = calendar_services.calendar_feed_replace(actor=world.partner, feed=old)
        again = calendar_services.calendar_feed_replace(actor=world.partner, feed=old)  # the same request, retried
    assert again.pk == new.pk and new.pk != old.pk and not new.only_invited
    assert client.get(_feed_url(old)).status_code == 410
    assert client.get(_feed_url(new)).status_code == 200
    with scopes_disabled():
        assert CalendarFeed.objects.filter(user=world.partner).count() == 2


def test_the_link_stops_working_when_the_person_leaves_the_coalition(client, world):
    feed = _enable(world.partner, world.coalition)
    with scopes_disabled():
        Membership.objects.filter(coalition=world.coalition, user=world.partner).update(is_active=False)
    assert client.get(_feed_url(feed)).status_code == 410
    with scopes_disabled():
        Membership.objects.filter(coalition=world.coalition, user=world.partner).update(is_active=True)
    world.partner.is_active = False
    world.partner.save(update_fields=["is_active"])
    assert client.get(_feed_url(feed)).status_code == 410


@pytest.mark.parametrize("token", ["", "abc", "x" * 300, "matrix-1.forged-signature"])
def test_a_wrong_or_forged_token_is_not_found(client, world, token):
    _enable(world.partner, world.coalition)
    url = reverse("calendar_feed_ics", args=["placeholder"]).replace("placeholder", token)
    assert client.get(url).status_code == 404


def test_the_key_alone_does_not_open_the_feed(client, world):
    """What the database holds (the key) is not the URL: the signature needs the SECRET_KEY."""
    feed = _enable(world.partner, world.coalition)
    assert client.get(reverse("calendar_feed_ics", args=[feed.key])).status_code == 404


def test_nobody_else_changes_a_members_feed(client, world):
    feed = _enable(world.partner, world.coalition)
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        calendar_services.calendar_feed_revoke(actor=world.coordinator, feed=feed)
    client.force_login(world.coordinator)  # someone else's feed is not theirs to see: 404, as for no feed at all
    assert client.get(_page(world, "calendar_feed_revoke", feed.pk)).status_code == 404
    assert client.post(_page(world, "calendar_feed_revoke", feed.pk)).status_code == 404
    assert client.post(_page(world, "calendar_feed_replace", feed.pk)).status_code == 404
    with scopes_disabled():
        feed.refresh_from_db()
    assert feed.revoked_at is None


def test_the_last_read_is_shown_and_written_at_most_once_per_quarter_hour(client, world, django_assert_num_queries):
    feed = _enable(world.partner, world.coalition)
    client.get(_feed_url(feed))
    with scopes_disabled():
        feed.refresh_from_db()
    first = feed.last_fetched_at
    assert first is not None
    calendar_services.record_feed_read(feed, now=first + timedelta(minutes=5))
    with scopes_disabled():
        feed.refresh_from_db()
    assert feed.last_fetched_at == first
    calendar_services.record_feed_read(feed, now=first + timedelta(minutes=20))
    with scopes_disabled():
        feed.refresh_from_db()
    assert feed.last_fetched_at == first + timedelta(minutes=20)


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_feed_costs_the_same_queries_for_3_or_30_meetings(client, world):
    feed = _enable(world.partner, world.coalition)
    url = _feed_url(feed)

    def add(n):
        for _ in range(n):
            InviteeFactory(meeting=MeetingFactory(coalition=world.coalition, created_by=world.coordinator),
                           user=world.partner)

    add(3)
    small = _count_queries(client, url)
    add(27)
    assert len(_events(client.get(url))) == 30
    assert _count_queries(client, url) == small


def test_the_page_costs_the_same_queries_with_or_without_other_feeds(client, world):
    _enable(world.partner, world.coalition)
    client.force_login(world.partner)
    before = _count_queries(client, _page(world))
    for membership_user in (world.coordinator, world.funder):
        _enable(membership_user, world.coalition)
    assert _count_queries(client, _page(world)) == before


def test_turning_it_on_and_revoking_are_in_the_audit_trail_without_the_key(world):
    from coalitions.audit import events_page

    feed = _enable(world.partner, world.coalition)
    with scope(coalition=world.coalition):
        calendar_services.calendar_feed_revoke(actor=world.partner, feed=feed)
        events = [e for e in events_page(world.coalition, size=100).events if e.pgh_model.endswith("CalendarFeedEvent")]
    assert {e.pgh_label for e in events} == {"insert", "update"}
    assert all("key" not in (e.pgh_data or {}) for e in events)


def test_a_rotated_secret_key_keeps_the_links_while_the_old_key_is_a_fallback(client, world, settings):
    feed = _enable(world.partner, world.coalition)
    url = _feed_url(feed)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    settings.SECRET_KEY_FALLBACKS = [old]
    assert client.get(url).status_code == 200
    settings.SECRET_KEY_FALLBACKS = []
    assert client.get(url).status_code == 404
    assert client.get(_feed_url(feed)).status_code == 200  # the page shows the new link


def test_submitting_the_replacement_twice_keeps_the_link_the_member_just_got(client, world):
    old = _enable(world.partner, world.coalition)
    client.force_login(world.partner)
    client.post(_page(world, "calendar_feed_replace", old.pk))
    client.post(_page(world, "calendar_feed_replace", old.pk))  # a double click, or the browser resubmitting
    with scopes_disabled():
        feeds = list(CalendarFeed.objects.filter(user=world.partner).order_by("pk"))
    assert len(feeds) == 2 and feeds[0].revoked_at and feeds[1].revoked_at is None
    assert client.get(_feed_url(feeds[1])).status_code == 200


def test_calendar_apps_may_probe_the_feed_with_head(client, world):
    feed = _enable(world.partner, world.coalition)
    assert client.head(_feed_url(feed)).status_code == 200


def test_past_the_cap_the_oldest_meetings_are_left_out_not_the_upcoming_ones(world, monkeypatch):
    from coordination.selectors import meetings as meetings_selectors

    monkeypatch.setattr(meetings_selectors, "FEED_MAX_MEETINGS", 2)
    for days, title in ((-30, "Passée"), (3, "Bientôt"), (40, "Plus tard")):
        InviteeFactory(meeting=MeetingFactory(coalition=world.coalition, title=title,
                                              starts_at=timezone.now() + timedelta(days=days)),
                       user=world.partner)
    feed = _enable(world.partner, world.coalition)
    with scope(coalition=world.coalition):
        assert [m.title for m in meetings_selectors.feed_meetings(feed)] == ["Bientôt", "Plus tard"]


def test_every_answer_of_the_feed_keeps_its_url_private_gone_and_unknown_alike(client, world):
    live = _enable(world.partner, world.coalition)
    gone = _enable(world.coordinator, world.coalition)
    with scope(coalition=world.coalition):
        calendar_services.calendar_feed_revoke(actor=world.coordinator, feed=gone)
    answers = [client.get(_feed_url(live)), client.get(_feed_url(gone)),
               client.get(reverse("calendar_feed_ics", args=["inconnu.signature"]))]
    assert [r.status_code for r in answers] == [200, 410, 404]
    assert all(r["X-Robots-Tag"] == "noindex, nofollow" and r["Referrer-Policy"] == "no-referrer" for r in answers)


def test_reactivating_a_member_does_not_revive_their_old_calendar_link(client, world):
    from coalitions import services as coalition_services

    feed = _enable(world.partner, world.coalition)
    with scopes_disabled():
        membership = Membership.objects.get(coalition=world.coalition, user=world.partner)
    with scope(coalition=world.coalition):
        coalition_services.membership_deactivate(actor=world.coordinator, membership=membership)
        coalition_services.membership_reactivate(actor=world.coordinator, membership=membership)
    assert client.get(_feed_url(feed)).status_code == 410
    fresh = _enable(world.partner, world.coalition)  # the member subscribes again with a new link
    assert fresh.pk != feed.pk and client.get(_feed_url(fresh)).status_code == 200
