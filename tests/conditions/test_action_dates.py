"""The action page writes its dates out in words, the French way (« 1er avril 2026 »), and
the meetings that decided on it on their day in the coalition's time zone."""

import html
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from ..coordination.factories import DecisionFactory, MeetingFactory
from .factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(world):
    with scopes_disabled():
        world.coalition.time_zone = "America/Vancouver"
        world.coalition.save()
    action = ActionFactory(plan__coalition=world.coalition, lead_organization=world.organization,
                           start_date=date(2026, 4, 1), end_date=date(2027, 3, 31))
    # 2 April at 1:00 in Toronto (the server's zone), still 1 April at 22:00 in Vancouver
    meeting = MeetingFactory(coalition=world.coalition, title="Comité de pilotage",
                             starts_at=datetime(2026, 4, 2, 5, 0, tzinfo=UTC))
    DecisionFactory(meeting=meeting, action=action, number=3)
    return action


def page(client, world, action) -> str:
    client.force_login(world.coordinator)
    response = client.get(reverse("conditions:action", args=[world.coalition.slug, action.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_decisions_give_the_meetings_day_in_french_words_where_the_coalition_is(client, world, action):
    text = page(client, world, action)
    assert "Comité de pilotage</a>, 1er avril 2026 ·" in text
    assert "1er avril 2026 → 31 mars 2027" in text


def test_in_english_the_dates_read_the_english_way(client, world, action, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = page(client, world, action)
    assert "Comité de pilotage</a>, April 1, 2026 ·" in text
    assert "April 1, 2026 → March 31, 2027" in text
