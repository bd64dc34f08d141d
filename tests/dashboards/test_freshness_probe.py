"""bench_load's freshness probe approves a submitted value as the coordinator and times its
rollup; here Celery runs inline, so the rollup is there as soon as the approval commits."""

import pytest
from django_scopes import scopes_disabled

from dashboards.loadtest.freshness import approval_to_rollup_seconds
from dashboards.management.commands.bench_load import format_freshness
from indicators.models import IndicatorRollup, ValueStatus
from tests.indicators.factories import IndicatorValueFactory, PeriodFactory


@pytest.mark.django_db(transaction=True)
def test_it_times_an_approval_until_the_coalition_value_counts_it(world):
    period = PeriodFactory(indicator__coalition=world.coalition)
    value = IndicatorValueFactory(period=period, organization=world.organization, value=7)

    delay = approval_to_rollup_seconds(world.coalition.slug, timeout=5)

    assert delay is not None and 0 <= delay < 5
    with scopes_disabled():
        value.refresh_from_db()
        assert value.status == ValueStatus.APPROVED
        assert IndicatorRollup.objects.get(period=period, category__isnull=True).value == 7
    # Nothing left to approve: not measured, said as such.
    assert approval_to_rollup_seconds(world.coalition.slug, timeout=1) is None
    assert format_freshness([None]).startswith("freshness: not measured")
    assert format_freshness([0.2, 0.4, None]).endswith("median, 0.40 s at worst, over 2 approvals under load; "
                                                      "1 not within 30 s")
