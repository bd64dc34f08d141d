"""Coordinators approve values one by one or in bulk, or return them with a note."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from indicators.models import IndicatorRollup, IndicatorValue, ValueStatus
from indicators.services import review

from .factories import IndicatorValueFactory

pytestmark = pytest.mark.django_db


def test_it_lists_submitted_values_with_flags_first(client, world, measure):
    IndicatorValueFactory(period=measure.period, organization=world.organization, value=12)
    IndicatorValueFactory(period=measure.period, organization=measure.other_org, value=480, is_flagged=True,
                          flag_reason="au-dessus de la plus haute valeur plausible (400)")
    client.force_login(world.coordinator)
    page = client.get(reverse("indicators:review", args=[world.coalition.slug])).content.decode()
    assert "(2)" in page
    assert page.index("CPE Les Petits Pas") < page.index("Maison de la famille")
    assert "au-dessus de la plus haute valeur plausible" in page


def test_it_approves_in_bulk_and_updates_the_coalition_value(
    client, world, measure, django_capture_on_commit_callbacks
):
    a = IndicatorValueFactory(period=measure.period, organization=world.organization, value=12)
    b = IndicatorValueFactory(period=measure.period, organization=measure.other_org, value=30)
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("indicators:review_approve", args=[world.coalition.slug]),
                               {"values": [a.pk, b.pk]})
    assert response.status_code == 302
    with scopes_disabled():
        assert set(IndicatorValue.objects.values_list("status", flat=True)) == {ValueStatus.APPROVED}
        rollup = IndicatorRollup.objects.get(indicator=measure.indicator, period=measure.period)
    assert rollup.value == 42 and rollup.reported_count == 2 and rollup.expected_count == 2


def _approve_in_bulk(world, measure, count, capture):
    """Approve ``count`` submitted values, each broken down in two categories, and return the
    queries it took."""
    from .factories import CategoryFactory

    with scopes_disabled():
        categories = CategoryFactory.create_batch(2, indicator=measure.indicator)
        values = IndicatorValueFactory.create_batch(count, period=measure.period)
        for value in values:
            for category in categories:
                IndicatorValueFactory(period=measure.period, organization=value.organization, category=category)
    with scope(coalition=world.coalition), capture() as queries:
        approved = review.values_approve(actor=world.coordinator, coalition=world.coalition,
                                         ids=[v.pk for v in values])
    assert approved == count
    with scopes_disabled():
        rows = IndicatorValue.objects.filter(period=measure.period, organization__in=[v.organization for v in values])
        assert rows.count() == 3 * count and {r.status for r in rows} == {ValueStatus.APPROVED}
        assert all(r.reviewed_by == world.coordinator for r in rows)
        # One UPDATE statement, yet pghistory's row triggers record an update event per row.
        for value in values:
            assert list(value.events.order_by("pgh_id").values_list("pgh_label", "status"))[-1] == (
                "update", ValueStatus.APPROVED)
    return len(queries)


def test_bulk_approval_writes_in_sets(world, measure, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def capture():
        return CaptureQueriesContext(connection)

    with django_capture_on_commit_callbacks() as callbacks:
        few = _approve_in_bulk(world, measure, 2, capture)
        many = _approve_in_bulk(world, measure, 20, capture)
    assert few == many == 6  # 25 for 20 values when each row had its own UPDATE
    assert len(callbacks) == 2  # the rollups are queued, once per approval


def test_bulk_approval_ignores_ids_of_another_coalition(client, world, measure):
    from .factories import IndicatorFactory, PeriodFactory

    foreign_period = PeriodFactory(indicator=IndicatorFactory(coalition=world.other_coalition))
    foreign = IndicatorValueFactory(period=foreign_period)
    client.force_login(world.coordinator)
    client.post(reverse("indicators:review_approve", args=[world.coalition.slug]), {"values": [foreign.pk]})
    with scopes_disabled():
        foreign.refresh_from_db()
    assert foreign.status == ValueStatus.SUBMITTED


def test_it_returns_a_value_with_a_note_emailed_in_the_partners_language(
    client, world, measure, django_capture_on_commit_callbacks
):
    value = IndicatorValueFactory(period=measure.period, organization=world.organization, value=12,
                                  entered_by=world.partner)
    client.force_login(world.coordinator)
    url = reverse("indicators:value_return", args=[world.coalition.slug, value.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"note": "Le nombre inclut-il les familles de Tadoussac?"})
    assert response.status_code == 302
    with scopes_disabled():
        value.refresh_from_db()
    assert value.status == ValueStatus.RETURNED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.partner.email]
    assert "doit être corrigée" in message.subject
    assert "Tadoussac" in message.body and "Tadoussac" in message.alternatives[0][0]
    # The partner sees the note on its screen
    client.force_login(world.partner)
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    assert "Tadoussac" in page and "Retournée" in page


def test_returning_twice_with_the_same_note_sends_one_email(world, measure, django_capture_on_commit_callbacks):
    value = IndicatorValueFactory(period=measure.period, organization=world.organization, entered_by=world.partner)
    with scope(coalition=world.coalition), django_capture_on_commit_callbacks(execute=True):
        review.value_return(actor=world.coordinator, value=value, note="Vérifiez le total.")
        review.value_return(actor=world.coordinator, value=value, note="Vérifiez le total.")
    assert len(mail.outbox) == 1


def test_a_return_needs_a_note(client, world, measure):
    value = IndicatorValueFactory(period=measure.period, organization=world.organization)
    client.force_login(world.coordinator)
    response = client.post(reverse("indicators:value_return", args=[world.coalition.slug, value.pk]), {"note": ""})
    assert response.status_code == 200
    with scopes_disabled():
        value.refresh_from_db()
    assert value.status == ValueStatus.SUBMITTED


def test_a_partner_cannot_approve(world, measure):
    value = IndicatorValueFactory(period=measure.period, organization=world.organization)
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        review.value_approve(actor=world.partner, value=value)


def test_a_draft_cannot_be_approved(world, measure):
    value = IndicatorValueFactory(period=measure.period, organization=world.organization, status="draft")
    with scope(coalition=world.coalition), pytest.raises(ValidationError):
        review.value_approve(actor=world.coordinator, value=value)
