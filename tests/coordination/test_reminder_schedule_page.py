"""The coordinator's reminders page (settings and the 14-day schedule): a fixed number of
queries whatever the data (issue 12 measured 262-270 when it asked for each day apart), and the
schedule paginated."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coordination.models.reminders import ReminderKind, SentReminder
from coordination.selectors import reminders as reminders_selectors

from ..indicators.factories import IndicatorFactory, PeriodFactory, assign
from .factories import FollowUpFactory, InviteeFactory, MeetingFactory

QUERIES = 23  # reporting_missing: periods due, the unreported pairs, their organisations; the open consultation,
# the organisations that have not answered it and their partners (read even with no consultation open)


def _grow(world, n):
    """n of each reminder source in the next 14 days: meetings with an invitee, meetings whose
    minutes are late, follow-ups due, indicator values due; one meeting reminder already sent."""
    now = timezone.now().replace(second=0, microsecond=0)
    today = timezone.localdate()
    for i in range(n):
        meeting = MeetingFactory(coalition=world.coalition, starts_at=now + timedelta(days=1 + i % 13, hours=2))
        InviteeFactory(meeting=meeting, user=world.partner, rsvp="yes")
        MeetingFactory(coalition=world.coalition, starts_at=now - timedelta(days=4, hours=i))
        FollowUpFactory(meeting=meeting, assignee_user=world.partner, due_on=today + timedelta(days=2 + i % 10))
        indicator = IndicatorFactory(coalition=world.coalition)
        PeriodFactory(indicator=indicator, start=today - timedelta(days=60), end=today - timedelta(days=1),
                      due_date=today + timedelta(days=3 + i % 10))
        assign(indicator, world.organization)
    with scopes_disabled():
        SentReminder.objects.create(coalition=world.coalition, recipient=world.partner, kind=ReminderKind.MEETING,
                                    subject=f"meeting:{meeting.pk}", period=meeting.starts_at.isoformat(),
                                    claimed_at=now, delivered_at=now)


def test_the_reminders_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    url = reverse("coordination:reminders", args=[world.coalition.slug])
    _grow(world, 2)
    with django_assert_num_queries(QUERIES):
        page = client.get(url).content.decode()
    assert "Rencontre" in page and 'class="pagination"' not in page
    _grow(world, 30)
    with django_assert_num_queries(QUERIES):
        page = client.get(url).content.decode()
    assert 'class="pagination"' in page
    assert page.count("<tr><td>") == 25  # one page of the schedule


@pytest.mark.parametrize("days", [0, 3, 14])
def test_the_schedule_lists_what_each_days_run_would_send(world, days):
    """The window read at once gives, day by day, what due_reminders gives for that day alone."""
    _grow(world, 5)
    now = timezone.now()
    at = now + timedelta(days=days)
    with scope(coalition=world.coalition):
        alone = reminders_selectors.due_reminders(world.coalition, now=at)
        together = reminders_selectors.due_reminders_at(world.coalition, [now, now + timedelta(days=1), at])[-1]
    keys = [(r["recipient_id"], r["kind"], r["subject"], r["period"]) for r in alone]
    assert keys == [(r["recipient_id"], r["kind"], r["subject"], r["period"]) for r in together]
    assert alone
