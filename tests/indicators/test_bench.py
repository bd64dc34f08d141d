import io

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from coalitions.models import Coalition
from indicators.models import IndicatorValue


@pytest.mark.django_db
def test_bench_rollups_times_both_queries_and_leaves_nothing_behind():
    out = io.StringIO()
    call_command("bench_rollups", values=800, organizations=4, indicators=5, stdout=out)
    text = out.getvalue()
    assert "Built 800 approved values" in text
    assert "Ratio full / hand-made" in text and "Incremental recompute" in text
    with scopes_disabled():
        assert not Coalition.objects.filter(slug__startswith="bench-").exists()
        assert not IndicatorValue.objects.exists()
