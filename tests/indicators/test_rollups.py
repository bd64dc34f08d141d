"""Coalition values: set-based SQL from approved values only, incremental and full alike."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators import rollups, tasks
from indicators.models import IndicatorRollup, IndicatorValue
from indicators.services import review
from tests.factories import OrganizationFactory

from .factories import CategoryFactory, IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign

pytestmark = pytest.mark.django_db

Q6 = Decimal("0.000001")


def reference(aggregation: str, value_type: str, rows: list[dict]) -> Decimal | None:
    """The coalition value, computed in plain Python."""
    if value_type == "percentage":
        den = sum(r["denominator"] for r in rows)
        return (100 * sum(r["numerator"] for r in rows) / den) if den else None
    values = [r["value"] for r in rows]
    if aggregation == "sum":
        return sum(values)
    if aggregation == "average":
        return sum(values) / len(values)
    if aggregation == "weighted_average":
        return sum(r["value"] * r["weight"] for r in rows) / sum(r["weight"] for r in rows)
    if aggregation == "min":
        return min(values)
    if aggregation == "max":
        return max(values)
    return rows[-1]["value"]  # latest: the last one written


amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
row = st.fixed_dictionaries({
    "value": amounts,
    "weight": st.decimals(min_value=1, max_value=500, places=0),
    "denominator": st.integers(min_value=1, max_value=5000),
    "fraction": st.floats(min_value=0, max_value=1),
    "approved": st.booleans(),
})


@pytest.fixture
def organizations(world):
    with scopes_disabled():
        return [world.organization] + [OrganizationFactory(coalition=world.coalition) for _ in range(5)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    aggregation=st.sampled_from(["sum", "average", "weighted_average", "min", "max", "latest"]),
    value_type=st.sampled_from(["amount", "percentage"]),
    rows=st.lists(row, min_size=1, max_size=6),
)
def test_the_sql_rollup_matches_the_python_reference(world, organizations, aggregation, value_type, rows):
    indicator = IndicatorFactory(coalition=world.coalition, aggregation=aggregation, value_type=value_type)
    period = PeriodFactory(indicator=indicator)
    assign(indicator, *organizations)
    with scopes_disabled():
        approved = []
        base = timezone.now()
        for i, (organization, data) in enumerate(zip(organizations, rows, strict=False)):
            numerator = int(data["fraction"] * data["denominator"])
            status = "approved" if data["approved"] else "submitted"
            value = IndicatorValueFactory(
                period=period, organization=organization, status=status, weight=data["weight"],
                value=data["value"] if value_type != "percentage" else Decimal(100 * numerator) / data["denominator"],
                numerator=numerator if value_type == "percentage" else None,
                denominator=data["denominator"] if value_type == "percentage" else None,
            )
            # "latest" is the most recently written value: make the order explicit
            IndicatorValue.objects.filter(pk=value.pk).update(updated_at=base + timedelta(seconds=i))
            if data["approved"]:
                approved.append({**data, "value": data["value"], "numerator": numerator})
        rollups.recompute(world.coalition.pk, [(indicator.pk, period.pk)])
        result = IndicatorRollup.objects.filter(indicator=indicator, period=period).first()
    if not approved:
        assert result is None
        return
    expected = reference(aggregation, value_type, approved)
    assert result.reported_count == len(approved) and result.expected_count == len(organizations)
    if expected is None:
        assert result.value is None
    else:
        assert abs(result.value - Decimal(expected).quantize(Q6)) <= Decimal("0.000002")


def build(world, organizations):
    """Two indicators, three periods, values in every status, one category."""
    with scopes_disabled():
        made = []
        for aggregation in ("sum", "average"):
            indicator = IndicatorFactory(coalition=world.coalition, aggregation=aggregation)
            assign(indicator, *organizations[:4])
            category = CategoryFactory(indicator=indicator)
            for q in range(3):
                period = PeriodFactory(indicator=indicator, start=date(2024, 1 + 3 * q, 1))
                for k, organization in enumerate(organizations[:4]):
                    IndicatorValueFactory(period=period, organization=organization, value=10 * (k + 1) + q,
                                          status="approved" if k < 3 else "submitted")
                IndicatorValueFactory(period=period, organization=organizations[0], category=category, value=3,
                                      status="approved")
            made.append(indicator)
    return made


def snapshot(coalition):
    with scopes_disabled():
        return sorted(
            IndicatorRollup.objects.filter(coalition=coalition).values_list(
                "indicator_id", "period_id", "category_id", "value", "reported_count", "expected_count", "computed_at"
            ),
            key=lambda r: (r[0], r[1], r[2] or 0),
        )


def test_it_uses_approved_values_only_and_counts_who_reported(world, organizations):
    first, _second = build(world, organizations)
    rollups.recompute(world.coalition.pk)
    with scopes_disabled():
        row = IndicatorRollup.objects.get(indicator=first, period__start=date(2024, 1, 1), category__isnull=True)
        by_category = IndicatorRollup.objects.get(indicator=first, period__start=date(2024, 1, 1),
                                                  category__isnull=False)
    assert row.value == 10 + 20 + 30 and row.reported_count == 3 and row.expected_count == 4
    assert by_category.value == 3


def test_running_the_full_recompute_twice_changes_nothing(world, organizations):
    build(world, organizations)
    tasks.recompute_all_rollups()
    before = snapshot(world.coalition)
    changed, deleted = rollups.recompute(world.coalition.pk)
    assert (changed, deleted) == (0, 0)
    assert snapshot(world.coalition) == before  # not even computed_at moved


def test_incremental_updates_give_the_nightly_numbers(world, organizations, django_capture_on_commit_callbacks):
    indicators = build(world, organizations)
    rollups.recompute(world.coalition.pk)
    with scopes_disabled():
        pending = IndicatorValue.objects.filter(indicator=indicators[0], status="submitted").first()
        approved = IndicatorValue.objects.filter(indicator=indicators[1], status="approved").first()
    with scope(coalition=world.coalition), django_capture_on_commit_callbacks(execute=True):
        review.value_approve(actor=world.coordinator, value=pending)
        review.value_return(actor=world.coordinator, value=approved, note="À revoir")
    incremental = [r[:-1] for r in snapshot(world.coalition)]
    with scopes_disabled():
        IndicatorRollup.objects.all().delete()
    tasks.recompute_all_rollups()
    assert [r[:-1] for r in snapshot(world.coalition)] == incremental


def test_a_rollup_disappears_when_its_last_approved_value_is_returned(world, organizations,
                                                                      django_capture_on_commit_callbacks):
    indicator = IndicatorFactory(coalition=world.coalition)
    value = IndicatorValueFactory(period=PeriodFactory(indicator=indicator), organization=world.organization,
                                  status="approved")
    rollups.recompute(world.coalition.pk)
    with scope(coalition=world.coalition), django_capture_on_commit_callbacks(execute=True):
        review.value_return(actor=world.coordinator, value=value, note="Erreur de saisie")
    with scopes_disabled():
        assert not IndicatorRollup.objects.filter(indicator=indicator).exists()


def test_the_beat_schedule_runs_the_nightly_recompute():
    assert tasks.BEAT_SCHEDULE["indicators-nightly-rollups"]["task"] == "indicators.tasks.recompute_all_rollups"


def test_recompute_of_one_coalition_leaves_the_other_alone(world, organizations):
    build(world, organizations)
    foreign = IndicatorFactory(coalition=world.other_coalition)
    IndicatorValueFactory(period=PeriodFactory(indicator=foreign), status="approved")
    rollups.recompute(world.coalition.pk)
    with scopes_disabled():
        assert not IndicatorRollup.objects.filter(coalition=world.other_coalition).exists()
