"""Coordinators define indicators, periods, targets and reporting assignments."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions.dates import local_today
from indicators.models import Indicator, Period, Target
from indicators.selectors import reported_indicators
from indicators.services import framework, values

from .factories import IndicatorFactory
from .helpers import indicator_post

pytestmark = pytest.mark.django_db


def test_it_creates_an_indicator_with_its_periods(client, world):
    client.force_login(world.coordinator)
    url = reverse("indicators:indicator_create", args=[world.coalition.slug])
    response = client.post(url, indicator_post())
    assert response.status_code == 302
    with scope(coalition=world.coalition):
        indicator = Indicator.objects.get(code="PE-02")
        periods = list(Period.objects.filter(indicator=indicator).order_by("start"))
    assert periods[0].start == date(2023, 9, 1) and periods[0].end == date(2024, 8, 31)
    # a period over before the indicator existed is due 30 days from its creation, not from its end
    assert periods[0].due_date == local_today(world.coalition) + timedelta(days=30)
    assert len(periods) >= 3


def test_it_refuses_a_duplicate_code_next_to_the_field(client, world):
    IndicatorFactory(coalition=world.coalition, code="PE-02")
    client.force_login(world.coordinator)
    response = client.post(reverse("indicators:indicator_create", args=[world.coalition.slug]), indicator_post())
    assert response.status_code == 200
    assert "Un autre indicateur utilise déjà ce code." in response.content.decode()
    with scopes_disabled():
        assert Indicator.objects.filter(code="PE-02").count() == 1


def test_it_refuses_an_inverted_expected_range(world):
    with scope(coalition=world.coalition), pytest.raises(ValidationError) as error:
        framework.indicator_create(actor=world.coordinator, coalition=world.coalition,
                                  **{**_fields(), "expected_min": 10, "expected_max": 5})
    assert "expected_max" in error.value.error_dict
    with scopes_disabled():
        assert not Indicator.objects.exists()


def _fields():
    return {"code": "X-1", "name_fr": "Nom", "value_type": "count", "frequency": "quarterly",
            "aggregation": "sum", "reporting_start": date(2025, 1, 1)}


def test_a_partner_cannot_create_an_indicator(world):
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        framework.indicator_create(actor=world.partner, coalition=world.coalition, **_fields())


def test_it_stores_assignments_as_guardian_group_grants(client, world, measure):
    client.force_login(world.coordinator)
    second = IndicatorFactory(coalition=world.coalition)
    url = reverse("indicators:indicator_assignments", args=[world.coalition.slug, second.pk])
    assert client.post(url, {"organizations": [world.organization.pk]}).status_code == 302
    with scope(coalition=world.coalition):
        mine = set(reported_indicators(world.coalition, world.organization))
        theirs = set(reported_indicators(world.coalition, measure.other_org))
    assert mine == {measure.indicator, second}
    assert theirs == {measure.indicator}
    # Removing the grant removes the indicator from the organisation's list
    assert client.post(url, {}).status_code == 302
    with scope(coalition=world.coalition):
        assert set(reported_indicators(world.coalition, world.organization)) == {measure.indicator}


def test_it_sets_final_and_period_targets(client, world, measure):
    client.force_login(world.coordinator)
    url = reverse("indicators:indicator_targets", args=[world.coalition.slug, measure.indicator.pk])
    assert client.post(url, {"period": "", "value": "400"}).status_code == 302
    assert client.post(url, {"period": measure.period.pk, "value": "90"}).status_code == 302
    assert client.post(url, {"period": "", "value": "450"}).status_code == 302  # replaces the final target
    with scope(coalition=world.coalition):
        targets = {t.period_id: t.value for t in Target.objects.filter(indicator=measure.indicator)}
    assert targets == {None: 450, measure.period.pk: 90}


def test_a_locked_period_refuses_values(client, world, measure):
    client.force_login(world.coordinator)
    client.post(reverse("indicators:period_lock", args=[world.coalition.slug, measure.period.pk]), {"locked": "1"})
    with scope(coalition=world.coalition):
        with pytest.raises(ValidationError):
            values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                                organization=world.organization, value="12")
        assert not measure.indicator.values.exists()


def test_it_writes_a_learning_note_partners_and_funders_read(client, world, measure):
    client.force_login(world.coordinator)
    url = reverse("indicators:note_edit", args=[world.coalition.slug, measure.period.pk])
    assert client.post(url, {"learned": "Les pères viennent le samedi."}).status_code == 302
    for reader in (world.partner, world.funder):
        client.force_login(reader)
        page = client.get(reverse("indicators:indicator_detail", args=[world.coalition.slug, measure.indicator.pk]))
        assert "Les pères viennent le samedi." in page.content.decode()


def test_a_note_without_what_was_learned_is_refused(client, world, measure):
    client.force_login(world.coordinator)
    url = reverse("indicators:note_edit", args=[world.coalition.slug, measure.period.pk])
    response = client.post(url, {"learned": "   "})
    assert response.status_code == 200
    with scopes_disabled():
        assert not measure.period.notes.exists()


def test_it_edits_an_indicator_and_keeps_the_input_on_error(client, world, measure):
    client.force_login(world.coordinator)
    url = reverse("indicators:indicator_edit", args=[world.coalition.slug, measure.indicator.pk])
    data = indicator_post(code="PE-01", value_type="count", frequency="quarterly", reporting_start="2025-01-01",
                          expected_min="10", expected_max="5", name_fr="Familles rejointes (visites)")
    response = client.post(url, data)
    assert response.status_code == 200 and "Familles rejointes (visites)" in response.content.decode()
    with scopes_disabled():
        measure.indicator.refresh_from_db()
    assert measure.indicator.name_fr == "Familles rejointes par les visites à domicile"
    data.update(expected_min="0", expected_max="300")
    assert client.post(url, data).status_code == 302
    with scopes_disabled():
        measure.indicator.refresh_from_db()
    assert measure.indicator.name_fr == "Familles rejointes (visites)" and measure.indicator.expected_max == 300


def test_an_indicator_with_approved_values_is_not_deleted(client, world, measure):
    from .factories import IndicatorValueFactory

    IndicatorValueFactory(period=measure.period, organization=world.organization, status="approved")
    client.force_login(world.coordinator)
    url = reverse("indicators:indicator_delete", args=[world.coalition.slug, measure.indicator.pk])
    assert "indicateur PE-01\u00a0?" in client.get(url).content.decode()
    client.post(url)
    with scopes_disabled():
        assert Indicator.objects.filter(pk=measure.indicator.pk).exists()
    second = IndicatorFactory(coalition=world.coalition)
    client.post(reverse("indicators:indicator_delete", args=[world.coalition.slug, second.pk]))
    with scopes_disabled():
        assert not Indicator.objects.filter(pk=second.pk).exists()
