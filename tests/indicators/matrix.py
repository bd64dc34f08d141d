"""This app's rows of the URL x role matrix (tests/test_url_role_matrix.py)."""

from datetime import date

from indicators.models import ImportStatus, ValueImport

from ..matrix_roles import ALL, BOTH, COORD, GET, POST, TAKE_PART
from .factories import CategoryFactory, IndicatorFactory, IndicatorValueFactory, PeriodFactory, TargetFactory, assign

# url name -> (roles allowed, methods served[, status of an allowed empty POST])
EXPECTED = {
    "indicators:index": (ALL, GET),
    "indicators:indicator_create": (COORD, BOTH, 200),
    "indicators:indicator_detail": (ALL, GET),
    "indicators:indicator_edit": (COORD, BOTH, 200),
    "indicators:indicator_delete": (COORD, BOTH, 302),
    "indicators:indicator_assignments": (COORD, BOTH, 302),
    "indicators:indicator_targets": (COORD, BOTH, 200),
    "indicators:indicator_periods": (COORD, GET),
    "indicators:target_delete": (COORD, POST, 302),
    "indicators:indicator_categories": (COORD, BOTH, 200),
    "indicators:category_delete": (COORD, POST, 302),
    "indicators:period_lock": (COORD, POST, 302),
    "indicators:note_edit": (COORD, BOTH, 200),
    "indicators:entry": (TAKE_PART, GET),
    "indicators:entry_api": (TAKE_PART, GET),
    "indicators:entry_grid": (TAKE_PART, BOTH, 200),
    "indicators:entry_cell": (TAKE_PART, BOTH, 200),
    "indicators:entry_cell_coalition": (COORD, BOTH, 200),
    "indicators:review": (COORD, GET),
    "indicators:review_approve": (COORD, POST, 302),
    "indicators:value_detail": (TAKE_PART, GET),
    "indicators:value_return": (COORD, BOTH, 200),
    "indicators:completeness": (COORD, GET),
    "indicators:transfer": (TAKE_PART, BOTH, 200),
    "indicators:import_template": (TAKE_PART, GET),
    "indicators:import_status": (TAKE_PART, GET),
    # POST: prepare the Excel file in the background (then the job's page)
    "indicators:export_values": (TAKE_PART, BOTH, 302),
    "indicators:export_rollups": (ALL, BOTH, 302),
}


def url_kwargs(world) -> dict:
    """URL name -> the kwargs (besides coalition_slug) to reverse it with, objects of world.coalition."""
    indicator = IndicatorFactory(coalition=world.coalition)
    period = PeriodFactory(indicator=indicator, start=date(2025, 1, 1))
    assign(indicator, world.organization)
    by_coordinator = IndicatorFactory(coalition=world.coalition, aggregation="coordinator")
    coalition_period = PeriodFactory(indicator=by_coordinator, start=date(2025, 1, 1))
    target = TargetFactory(indicator=indicator)
    category = CategoryFactory(indicator=indicator)
    value = IndicatorValueFactory(period=period, organization=world.organization)
    done = ValueImport.objects.create(coalition=world.coalition, created_by=world.partner, status=ImportStatus.DONE,
                                      rows_read=1, values_count=1, created_count=1)
    return {
        "indicators:import_status": {"pk": done.pk},
        "indicators:indicator_detail": {"pk": indicator.pk},
        "indicators:indicator_edit": {"pk": indicator.pk},
        "indicators:indicator_delete": {"pk": indicator.pk},
        "indicators:indicator_assignments": {"pk": indicator.pk},
        "indicators:indicator_targets": {"pk": indicator.pk},
        "indicators:indicator_periods": {"pk": indicator.pk},
        "indicators:target_delete": {"pk": target.pk},
        "indicators:indicator_categories": {"pk": indicator.pk},
        "indicators:category_delete": {"pk": category.pk},
        "indicators:period_lock": {"pk": period.pk},
        "indicators:note_edit": {"pk": period.pk},
        "indicators:entry_cell": {"period_pk": period.pk, "organization_pk": world.organization.pk},
        "indicators:entry_cell_coalition": {"period_pk": coalition_period.pk},
        "indicators:value_detail": {"pk": value.pk},
        "indicators:value_return": {"pk": value.pk},
    }
