"""A coalition's date is its own: at 01:00 in Toronto (the server's zone) on New Year's Day,
it is still December 31 in Vancouver."""

from datetime import UTC, date, datetime
from types import SimpleNamespace
from unittest import mock

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions.dates import local_today

NEW_YEAR_IN_TORONTO = datetime(2026, 1, 1, 6, 0, tzinfo=UTC)  # 01:00 in Toronto, 22:00 the day before in Vancouver


def test_each_coalition_has_its_own_date_at_the_boundary():
    with mock.patch("django.utils.timezone.now", return_value=NEW_YEAR_IN_TORONTO):
        assert timezone.localdate() == date(2026, 1, 1)  # the server's date
        assert local_today(SimpleNamespace(time_zone="America/Vancouver")) == date(2025, 12, 31)
        assert local_today(SimpleNamespace(time_zone="America/Toronto")) == date(2026, 1, 1)
    assert local_today(SimpleNamespace(time_zone="America/Halifax"), NEW_YEAR_IN_TORONTO) == date(2026, 1, 1)


def test_pages_use_the_coalitions_date_not_the_servers(client, world):
    with scopes_disabled():
        world.coalition.time_zone = "America/Vancouver"
        world.coalition.save(update_fields=["time_zone"])
    client.force_login(world.coordinator)
    with mock.patch("django.utils.timezone.now", return_value=NEW_YEAR_IN_TORONTO):
        export = client.get(reverse("conditions:activity_export", args=[world.coalition.slug]), {"format": "csv"})
        form = client.get(reverse("conditions:activity_create", args=[world.coalition.slug]))
    assert "activites-2025-12-31.csv" in export["Content-Disposition"]
    assert form.context["form"].initial["date"] == date(2025, 12, 31)
