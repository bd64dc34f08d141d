"""The read serializers' quick rows (api.serializers.Rows) write exactly what DRF's own
Serializer.to_representation writes: the answers' shape, decimals as text, datetimes with their
offset (or Z), nulls, and the values only a DRF field can read."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone
from django_scopes import scope
from rest_framework import serializers as drf
from rest_framework.renderers import JSONRenderer

from api import serializers, views
from indicators.models import Indicator, IndicatorValue, Period

ROWS = [cls for cls in vars(serializers).values()
        if isinstance(cls, type) and issubclass(cls, serializers.Rows) and cls is not serializers.Rows]


def drf_rows(serializer_class, objects, context) -> list:
    """What DRF's own serializer writes for ``objects``, nested serializers included."""
    def plain(cls):  # the same fields, without the quick rows
        return type(cls.__name__, (cls,), {"to_representation": lambda self, instance: _drf(self, instance)})

    def _drf(serializer, instance):
        for field in serializer.fields.values():
            child = getattr(field, "child", None)
            if isinstance(child, serializers.Rows):
                field.child = plain(type(child))(context=context)
                field.child.bind(field.field_name, field)
        data = drf.Serializer.to_representation(serializer, instance)
        own = type(serializer).__mro__[1].to_representation  # a serializer's own touch (funders' counts)
        return data if own is serializers.Rows.to_representation else _after(serializer, instance, data)

    return as_json([plain(serializer_class)(instance, context=context).data for instance in objects])


def _after(serializer, instance, data):
    if isinstance(serializer, serializers.ActivitySerializer) and not serializer.context.get("people_counts"):
        data.update(people_reached=None, families_reached=None)
    if isinstance(serializer, serializers.RollupSerializer) and data["suppressed"]:
        data.update(value=None, numerator=None, denominator=None)
    return data


def quick_rows(serializer_class, objects, context) -> bytes:
    return as_json(serializer_class(objects, many=True, context=context).data)


def as_json(rows) -> bytes:
    """As the API sends them (1 and 1.0, or True and 1, are equal in Python, not in JSON)."""
    return JSONRenderer().render(rows)


LIST_VIEWS = [view for view in vars(views).values()
              if isinstance(view, type) and issubclass(view, views.ListView) and view is not views.ListView]


@pytest.fixture
def lists(world, data):
    """Every list of the API as its view reads it (the coordination team's), in the coalition of ``data``."""
    with scope(coalition=world.coalition):
        coordinator = world.coordinator.memberships.get(coalition=world.coalition)
        request = SimpleNamespace(coalition=world.coalition, membership=coordinator, query_params={})
        yield {view.serializer_class: view(request=request, kwargs={}).get_queryset() for view in LIST_VIEWS}


@pytest.mark.parametrize("zone", ["UTC", "America/Toronto"])
@pytest.mark.parametrize("role", ["coordinator", "partner", "funder"])
def test_every_list_writes_what_drf_writes(world, data, lists, zone, role):
    rows = lists
    membership = world.user(role).memberships.get(coalition=world.coalition)
    context = {"request": SimpleNamespace(membership=membership), "people_counts": role != "funder"}
    with timezone.override(zone):
        for serializer_class, queryset in rows.items():
            objects = list(queryset)
            assert objects, serializer_class
            assert quick_rows(serializer_class, objects, context) == drf_rows(serializer_class, objects, context)
    assert {serializers.CoalitionSerializer, serializers.AgendaSerializer, serializers.PublishedPrioritySerializer,
            serializers.TargetSerializer, serializers.CategorySerializer, serializers.DecisionSerializer,
            *rows} == set(ROWS)  # the others are written inside these, or alone (tests/api/test_reads.py)


def test_odd_values_are_written_as_drf_writes_them(world, data):
    """Numbers of another scale (rounded as DRF rounds), nulls, a naive datetime, a date as text."""
    indicator = Indicator(id=1, code="PE-01")
    period = Period(id=2, indicator=indicator, start=date(2025, 1, 1), end=date(2025, 3, 31))
    odd = IndicatorValue(
        id=3, indicator=indicator, period=period, organization_id=None, category_id=None, value=Decimal("12.5"),
        numerator=Decimal("1.23456"), denominator=7, weight=None, comment="x", review_note="", source="",
        confidence="high", status="draft", is_flagged=1, flag_reason="", submitted_at=datetime(2025, 2, 1, 12),
        reviewed_at=datetime(2025, 2, 1, 12, 0, 0, 5, tzinfo=UTC), updated_at=datetime(2025, 2, 1, 17, tzinfo=UTC))
    odd.period.start = "2025-01-01"
    with scope(coalition=world.coalition):
        membership = world.coordinator.memberships.get(coalition=world.coalition)
    context = {"request": SimpleNamespace(membership=membership)}
    for zone in ("UTC", "America/Toronto"):
        with timezone.override(zone):
            quick = quick_rows(serializers.ValueSerializer, [odd], context)
            assert quick == drf_rows(serializers.ValueSerializer, [odd], context)
    [row] = json.loads(quick)
    assert row["value"] == "12.5000" and row["numerator"] == "1.2346" and row["weight"] is None
    assert row["is_flagged"] is True and row["period_start"] == "2025-01-01"


def test_a_published_agenda_s_priorities_are_read_from_their_snapshot(world):
    """A list of mappings (the published priorities) is read the way DRF reads it."""
    snapshot = [{"id": 1, "title": "Maturité scolaire", "description": "Tous prêts"}]
    context = {}
    assert quick_rows(serializers.PublishedPrioritySerializer, snapshot, context) == drf_rows(
        serializers.PublishedPrioritySerializer, snapshot, context) == as_json(snapshot)
