"""seed_scale at a tiny size: the same SQL as the 1.2 M-value coalition, checked value by value."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from coalitions.management.commands.seed_demo import PASSWORD
from coalitions.models import Coalition, Membership, Organization
from conditions.models import Activity, Endorsement
from coordination.models.meetings import Meeting
from indicators import rollups
from indicators.models import (
    IndicatorGroupObjectPermission,
    IndicatorRollup,
    IndicatorValue,
    ValueStatus,
)
from indicators.services.breakdown import category_values, check_categories
from indicators.services.parsing import clean_amounts

pytestmark = pytest.mark.django_db


def seed(organisations=3, indicators=10, periods=3):
    out = io.StringIO()
    call_command("seed_scale", organisations=organisations, indicators=indicators, periods=periods, stdout=out)
    return out.getvalue()


def value_events(coalition):
    event = next(m for m in apps.get_models() if getattr(m, "pgh_tracked_model", None) is IndicatorValue)
    return event.objects.filter(coalition_id=coalition.pk)


def snapshot(coalition):
    values = IndicatorValue.objects.filter(coalition=coalition)
    return {
        "values": list(values.order_by("pk").values_list(
            "indicator__code", "period__start", "organization__name", "category__label", "value", "numerator",
            "denominator", "status")),
        "events": value_events(coalition).count(),
        "rollups": list(IndicatorRollup.objects.filter(coalition=coalition).order_by("pk")
                        .values_list("indicator_id", "period_id", "category_id", "value", "computed_at")),
        "organizations": Organization.objects.filter(coalition=coalition).count(),
        "activities": Activity.objects.filter(coalition=coalition).count(),
        "meetings": Meeting.objects.filter(coalition=coalition).count(),
        "endorsements": Endorsement.objects.filter(coalition=coalition).count(),
    }


def test_it_builds_valid_values_beside_the_demo_in_queries_that_do_not_grow_and_a_second_run_changes_nothing():
    with CaptureQueriesContext(connection) as small:
        text = seed()
    with CaptureQueriesContext(connection) as larger:
        seed(organisations=4, indicators=20, periods=6)
    # The values are written set-based: more organisations, indicators and periods, same queries.
    assert len(larger.captured_queries) == len(small.captured_queries)
    assert "/c/echelle-3/" in text and "coordination@echelle-3.demo" in text
    assert "analyze" in text and any(q["sql"] == "ANALYZE" for q in small.captured_queries)  # planner statistics
    with scopes_disabled():
        coalition = Coalition.objects.get(slug="echelle-3")
        roles = dict(Membership.objects.filter(coalition=coalition).values_list("user__email", "role"))
        assert {roles["coordination@echelle-3.demo"], roles["partenaire@echelle-3.demo"],
                roles["bailleur@echelle-3.demo"]} == {"coordinator", "partner", "funder"}
        assert Membership.objects.get(coalition=coalition, role="partner", user__email__startswith="partenaire@") \
            .user.check_password(PASSWORD)
        partners = Organization.objects.filter(coalition=coalition).exclude(kind="funder")
        assert partners.count() == 3

        values = IndicatorValue.objects.filter(coalition=coalition).select_related("indicator", "organization")
        parents = [v for v in values if v.category_id is None]
        # 3 organisations x 10 indicators x 3 ended periods, less the late ones of the last period
        assert 3 * 10 * 2 < len(parents) <= 3 * 10 * 3
        assert {v.indicator.value_type for v in parents} == {"count", "amount", "percentage", "rate", "yes_no",
                                                             "scale"}
        assert {v.status for v in parents} <= {ValueStatus.APPROVED, ValueStatus.SUBMITTED, ValueStatus.RETURNED}
        assert sum(v.status == ValueStatus.APPROVED for v in parents) > len(parents) / 2
        granted = set(IndicatorGroupObjectPermission.objects.filter(coalition=coalition)
                      .values_list("content_object_id", "group_id"))
        broken_down = 0
        for value in parents:
            assert (value.indicator_id, value.organization.group_id) in granted
            numbers = clean_amounts(value.indicator, value=value.value, numerator=value.numerator,
                                    denominator=value.denominator, weight=value.weight)
            assert numbers == {"value": value.value, "numerator": value.numerator,
                               "denominator": value.denominator, "weight": value.weight}, value.indicator.code
            breakdown = category_values(value)
            if value.indicator.requires_category_total:
                assert breakdown, f"{value.indicator.code} has categories that must add up"
                broken_down += 1
                check_categories(value.indicator, numbers, breakdown)  # raises if they do not add up
        assert broken_down
        children = [v for v in values if v.category_id is not None]
        parent_status = {(v.indicator_id, v.period_id, v.organization_id): v.status for v in parents}
        assert all(parent_status[(v.indicator_id, v.period_id, v.organization_id)] == v.status for v in children)

        # The audit trail has one insert event per value, in the coordinator's name.
        events = value_events(coalition)
        assert events.filter(pgh_label="insert").count() == values.count()
        assert {e.pgh_context.metadata["user"] for e in events.select_related("pgh_context")} == {
            Membership.objects.filter(coalition=coalition, role="coordinator").order_by("pk").first().user_id}
        # Coalition values exist and are up to date; the rest of the coalition is there too.
        assert IndicatorRollup.objects.filter(coalition=coalition).exists()
        assert rollups.recompute(coalition.pk) == (0, 0)
        assert Meeting.objects.filter(coalition=coalition).count() >= 12
        assert Activity.objects.filter(coalition=coalition).count() == 3 * 5
        assert Endorsement.objects.filter(coalition=coalition).exists()
        before = snapshot(coalition)

    seed()
    with scopes_disabled():
        assert snapshot(coalition) == before

