"""A member's private calendar feed: the page that shows its URL, and the feed itself, which
calendar apps read without a session (the signed token in its URL is the only key)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe
from django_scopes import scope

from coalitions.permissions import object_for, requires
from coalitions.web import confirm_then_act, post_action, secret_url

from .. import permissions as rules
from ..ics import feed_calendar
from ..models.calendar import CalendarFeed
from ..permissions import CALENDAR_FEED_USE
from ..selectors import meetings as meetings_selectors
from ..services import calendar as calendar_services

PAGE = "coordination:calendar_feed"


def _feed_or_404(request):
    feed = meetings_selectors.my_calendar_feed(request.membership)
    if feed is None:
        raise Http404
    return feed


def _own_feed(request, pk: int) -> CalendarFeed:
    """The feed named in the URL (active or not, so a repeated submit finds the one it acted
    on), if it is the current person's: someone else's feed is not theirs to see (404)."""
    return object_for(request, CalendarFeed, pk=pk, sees=rules.can_manage_calendar_feed)


def feed_url(request, feed) -> str:
    return request.build_absolute_uri(reverse("calendar_feed_ics", args=[calendar_services.feed_token(feed)]))


@require_GET
@requires(CALENDAR_FEED_USE)
def calendar_feed(request):
    feed = meetings_selectors.my_calendar_feed(request.membership)
    url = feed_url(request, feed) if feed else ""
    return render(request, "coordination/calendar_feed.html", {
        "feed": feed, "feed_url": url, "webcal_url": url.replace("https://", "webcal://").replace("http://", "webcal://"),
    })


@require_POST
@requires(CALENDAR_FEED_USE)
def calendar_feed_enable(request):
    return post_action(request, calendar_services.calendar_feed_enable, _("Your calendar link is ready."), PAGE,
                       coalition=request.coalition)


@require_POST
@requires(CALENDAR_FEED_USE)
def calendar_feed_settings(request):
    return post_action(request, calendar_services.calendar_feed_update, _("Your calendar now follows your choice."),
                       PAGE,
                       feed=_feed_or_404(request), only_invited=request.POST.get("only_invited") == "1")


@requires(CALENDAR_FEED_USE)
def calendar_feed_replace(request, pk: int):
    return confirm_then_act(
        request, calendar_services.calendar_feed_replace, feed=_own_feed(request, pk),
        success=_("Here is your new calendar link. The old one no longer works."), to=PAGE,
        title=_("Replace my calendar link?"),
        consequence=_("The current link stops working at once: calendars subscribed to it will no longer be "
                      "updated. You will then subscribe again with the new link."),
        confirm_label=_("Replace the link"),
    )


@requires(CALENDAR_FEED_USE)
def calendar_feed_revoke(request, pk: int):
    return confirm_then_act(
        request, calendar_services.calendar_feed_revoke, feed=_own_feed(request, pk),
        success=_("Your calendar link is revoked. Calendars subscribed to it no longer receive the meetings."),
        to=PAGE, title=_("Revoke my calendar link?"),
        consequence=_("Calendars subscribed to this link will no longer receive the coalition's meetings. "
                      "You can create a new link at any time."),
        confirm_label=_("Revoke the link"),
    )


@require_safe  # calendar apps probe with HEAD
@secret_url
def calendar_feed_ics(request, token: str):
    """The feed, read by calendar apps. A revoked link, or one whose owner no longer belongs to
    the coalition, answers 410 Gone so that calendars stop asking."""
    feed = calendar_services.find_feed(token)
    if feed is None:
        raise Http404
    membership = calendar_services.feed_reader(feed)
    if membership is None:
        return HttpResponse(_("This calendar link no longer works."), status=410,
                            content_type="text/plain; charset=utf-8")
    with scope(coalition=feed.coalition):
        body = feed_calendar(feed.coalition, meetings_selectors.feed_meetings(feed), membership=membership)
    calendar_services.record_feed_read(feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="concerto.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
