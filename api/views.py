"""The endpoints of a coalition, under /api/v1/c/<slug>/. Each declares, per method, the
permission of the registry it needs (the web view's), reads through the apps' selectors (and
their object rules) and writes through their services."""

import zoneinfo
from datetime import UTC, datetime, time

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from coalitions import selectors as coalition_selectors
from coalitions.permissions import HOME_VIEW, MEMBERS_MANAGE, ORGANIZATIONS_VIEW, has_permission, object_for
from conditions import selectors as condition_selectors
from conditions.permissions import ACTIVITIES_VIEW, AGENDA_VIEW, PLAN_VIEW, sees_people_counts
from coordination.permissions import ANNOUNCEMENTS_VIEW, MEETINGS_VIEW
from coordination.selectors import communication as communication_selectors
from coordination.selectors import meetings as meeting_selectors
from indicators.permissions import (
    INDICATORS_VIEW,
    SMALL_COUNTS_VIEW,
    VALUES_ENTER,
    VALUES_EXPORT,
    VALUES_REVIEW,
    can_report,
)
from indicators.selectors import catalogue as indicator_selectors
from indicators.selectors import files as indicator_files
from indicators.selectors import suppression
from indicators.services import breakdown as breakdown_services
from indicators.services import review as review_services
from indicators.services import values as value_services

from . import csv, serializers
from .base import CoalitionAPIView
from .errors import field_errors, flatten, problem
from .idempotency import idempotent
from .pagination import Cursor


class CoalitionView(CoalitionAPIView):
    """The coalition itself, and your role in it."""

    permission_for = {"GET": HOME_VIEW}
    serializer_class = serializers.CoalitionSerializer

    @extend_schema(operation_id="coalition_retrieve")
    def get(self, request, coalition_slug: str):
        return Response(self.get_serializer(request.coalition).data)


class ListView(mixins.ListModelMixin, CoalitionAPIView):
    """A paginated list (cursor pagination: follow ``next``)."""

    pagination_class = Cursor
    SINCE_FORMAT = _lazy("Give a date or a date and time in ISO 8601, e.g. 2026-03-31 or 2026-03-31T17:00:00-04:00.")
    csv_name = ""  # a list that also answers CSV: its file name (renderer_classes adds CSVRenderer)

    def get(self, request, coalition_slug: str):
        if self.csv_name and getattr(request.accepted_renderer, "format", "") == "csv":
            return csv.stream(self, self.csv_name)
        return self.list(request)

    def param(self, name: str) -> str:
        return self.request.query_params.get(name, "")

    def since(self) -> datetime | None:
        """``updated_since``: an ISO 8601 date or datetime (in the coalition's time zone when it
        carries no offset), or 400."""
        text = self.param("updated_since")
        if not text:
            return None
        try:
            moment = parse_datetime(text)
            day = None if moment else parse_date(text)
        except ValueError:
            moment = day = None
        if moment is None and day is not None:
            moment = datetime.combine(day, time.min)
        if moment is None:
            raise exceptions.ValidationError({"updated_since": [self.SINCE_FORMAT]})
        try:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, zoneinfo.ZoneInfo(self.request.coalition.time_zone))
            return moment.astimezone(UTC)  # the database refuses some offsets Python takes
        except (OverflowError, ValueError):
            raise exceptions.ValidationError({"updated_since": [self.SINCE_FORMAT]}) from None


def _filters(*names: str, since: bool = False):
    parameters = [OpenApiParameter(name, OpenApiTypes.INT, description=f"Only the rows of this {name} (its id).")
                  for name in names]
    if since:
        parameters.append(OpenApiParameter(
            "updated_since", OpenApiTypes.DATETIME,
            description="Only the rows changed since this moment (ISO 8601), to synchronise incrementally."))
    return extend_schema(parameters=parameters)


class OrganizationList(ListView):
    """The coalition's partner organisations."""

    permission_for = {"GET": ORGANIZATIONS_VIEW}
    serializer_class = serializers.OrganizationSerializer

    def get_queryset(self):
        return coalition_selectors.organization_list(self.request.coalition).select_related(None).only(
            "id", "name", "sector", "kind", "website", "description")


class MemberList(ListView):
    """The members, as on the members page (the coordination team only)."""

    permission_for = {"GET": MEMBERS_MANAGE}
    serializer_class = serializers.MemberSerializer

    def get_queryset(self):
        return coalition_selectors.member_list(self.request.coalition)


class PriorityList(ListView):
    """The strategic priorities as they stand (the agenda being written included)."""

    permission_for = {"GET": AGENDA_VIEW}
    serializer_class = serializers.PrioritySerializer

    def get_queryset(self):
        return condition_selectors.priorities(self.request.coalition)


class AgendaView(CoalitionAPIView):
    """The current published version of the common agenda, with its priorities as published."""

    permission_for = {"GET": AGENDA_VIEW}
    serializer_class = serializers.AgendaSerializer

    def get(self, request, coalition_slug: str):
        version = condition_selectors.current_version(request.coalition)
        if version is None:
            raise exceptions.NotFound(_("The common agenda has no published version yet."))
        return Response(self.get_serializer(version).data)


class ActionList(ListView):
    """The actions of the plan (funders: the accepted ones only, as on the pages)."""

    permission_for = {"GET": PLAN_VIEW}
    serializer_class = serializers.ActionSerializer

    def get_queryset(self):
        return condition_selectors.action_rows(
            condition_selectors.visible_actions(self.request.membership, self.request.coalition))


class ActivityList(ListView):
    """The activities the partners logged."""

    permission_for = {"GET": ACTIVITIES_VIEW}
    serializer_class = serializers.ActivitySerializer

    def get_queryset(self):
        return condition_selectors.activity_list(self.request.coalition).select_related(None).only(
            "id", "action_id", "organization_id", "date", "end_date", "description", "people_reached",
            "families_reached", "hours", "cost")

    def get_serializer_context(self):
        return {**super().get_serializer_context(),
                "people_counts": sees_people_counts(self.request.membership)}


class IndicatorList(ListView):
    """The indicators, with their targets and categories."""

    permission_for = {"GET": INDICATORS_VIEW}
    serializer_class = serializers.IndicatorSerializer

    def get_queryset(self):
        return indicator_selectors.indicator_framework(self.request.coalition)


class IndicatorDetail(CoalitionAPIView):
    permission_for = {"GET": INDICATORS_VIEW}
    serializer_class = serializers.IndicatorSerializer

    def get(self, request, coalition_slug: str, pk: int):
        indicator = indicator_selectors.indicator_framework(request.coalition).filter(pk=pk).first()
        if indicator is None:
            raise exceptions.NotFound()
        return Response(self.get_serializer(indicator).data)


@_filters("indicator")
class PeriodList(ListView):
    """The reporting periods; ``open=1``: only those not locked."""

    permission_for = {"GET": INDICATORS_VIEW}
    serializer_class = serializers.PeriodSerializer

    def get_queryset(self):
        return indicator_selectors.periods(self.request.coalition, indicator=self.param("indicator"),
                                           open_only=self.param("open") == "1")


# The columns a page reads (the serializers' fields, the comment rule, the funders' small counts):
# no other column is read, and a row is built from three narrow objects, not three whole ones.
VALUE_COLUMNS = (
    "id", "indicator_id", "indicator__code", "period_id", "period__start", "period__end", "organization_id",
    "category_id", "value", "numerator", "denominator", "weight", "comment", "review_note", "source",
    "confidence", "status", "is_flagged", "flag_reason", "submitted_at", "reviewed_at", "updated_at",
)
ROLLUP_COLUMNS = (
    "id", "indicator_id", "indicator__code", "indicator__counts_people", "period_id", "period__start",
    "period__end", "category_id", "value", "numerator", "denominator", "reported_count", "expected_count",
    "computed_at",
)


@_filters("period", "indicator", since=True)
class RollupList(ListView):
    """The coalition values per indicator and period (and category), with their completeness."""

    permission_for = {"GET": INDICATORS_VIEW}
    serializer_class = serializers.RollupSerializer
    renderer_classes = [JSONRenderer, csv.CSVRenderer]
    csv_name = "concerto-rollups"

    def get_queryset(self):
        return indicator_files.rollup_rows(
            self.request.coalition, indicator=self.param("indicator"), period=self.param("period"),
            updated_since=self.since(),
        ).select_related(None).select_related("indicator", "period").only(*ROLLUP_COLUMNS)

    def _threshold(self) -> int | None:
        """The small-numbers threshold for a funder (Law 25), None for those who see exact counts."""
        if has_permission(self.request.membership, SMALL_COUNTS_VIEW):
            return None
        return suppression.threshold_for(self.request.coalition)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        if (threshold := self._threshold()) is not None:
            suppression.mark_rollups(request.coalition, page, threshold)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def csv_objects(self, queryset):
        """The rows of the CSV answer, read in order: a funder's small counts hidden group by group,
        each group decided whole (``updated_since`` may have left out some of its rows)."""
        rows = queryset.iterator(chunk_size=2000)
        if (threshold := self._threshold()) is None:
            yield from rows
            return
        for rollup, shown in suppression.suppress_rollups(self.request.coalition, rows, threshold):
            rollup.shown_value = shown
            yield rollup


class MeetingList(ListView):
    """The meetings and their decisions; the agenda and minutes for those who see them."""

    permission_for = {"GET": MEETINGS_VIEW}
    serializer_class = serializers.MeetingSerializer

    def get_queryset(self):
        return meeting_selectors.meetings_with_decisions(self.request.coalition)


class AnnouncementList(ListView):
    """The announcements addressed to you."""

    permission_for = {"GET": ANNOUNCEMENTS_VIEW}
    serializer_class = serializers.AnnouncementSerializer

    def get_queryset(self):
        return communication_selectors.announcements_for(self.request.membership)


# Writes: values --------------------------------------------------------------------------------


class BulkRefused(Exception):
    """Raised inside the bulk's transaction to undo every value already saved."""


def _resolve(request, data) -> dict:
    """The objects the ids of a value name, in the request's coalition, or ValidationError."""
    coalition, errors = request.coalition, {}
    indicator = indicator_selectors.indicators(coalition).filter(pk=data["indicator"]).first()
    period = indicator_selectors.periods(coalition).filter(pk=data["period"]).first()
    organization = None
    if data.get("organization") is not None:
        organization = coalition_selectors.organization_list(coalition).filter(pk=data["organization"]).first()
        if organization is None:
            errors["organization"] = [_("No organization of this coalition has this id.")]
    if indicator is None:
        errors["indicator"] = [_("No indicator of this coalition has this id.")]
    if period is None or (indicator is not None and period.indicator_id != indicator.pk):
        errors["period"] = [_("No period of this indicator has this id.")]
    if errors:
        raise exceptions.ValidationError(errors)
    return {"indicator": indicator, "period": period, "organization": organization}


def _numbers(data: dict, value=None) -> dict:
    """The service's arguments from the request's fields; those not sent keep ``value``'s."""
    fields = {}
    for name in ("value", "numerator", "denominator", "weight"):
        fields[name] = data[name] if name in data else (getattr(value, name) if value is not None else None)
    for name, default in (("comment", ""), ("source", ""), ("confidence", "high")):
        fields[name] = data[name] if name in data else (getattr(value, name) if value is not None else default)
    return fields


def _breakdown(indicator, data: dict, value=None) -> dict | None:
    """The service's ``categories`` from the request's list, as the entry page sends them: every
    category of the indicator, those not sent empty. Not sent: None for a new value (no
    breakdown), the saved breakdown for a change, so that it is checked against the new total."""
    if "categories" not in data:
        return breakdown_services.category_values(value) if value is not None else None
    known = {category.pk for category in indicator.categories.all()}
    sent = {item["category"]: item for item in data["categories"]}
    if unknown := sorted(set(sent) - known):
        raise exceptions.ValidationError({"categories": [
            _("No category of this indicator has this id: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}]})
    if indicator.is_percentage:
        return {pk: (sent[pk].get("numerator") or "", sent[pk].get("denominator") or "") if pk in sent else ("", "")
                for pk in known}
    return {pk: (sent[pk].get("value") or "") if pk in sent else "" for pk in known}


def _save(request, *, targets: dict, data: dict, submit: bool, value=None):
    return value_services.value_save(actor=request.user, submit=submit, **targets, **_numbers(data, value),
                                     categories=_breakdown(targets["indicator"], data, value))


def _reportable(membership, value) -> bool:
    return value.category_id is None and can_report(membership, value.indicator, value.organization)


class ValueWrites:
    def value_out(self, row) -> dict:
        fresh = indicator_files.value_rows(self.request.coalition, self.request.membership).get(pk=row.pk)
        return serializers.ValueSerializer(fresh, context=self.get_serializer_context()).data

    def get_value(self, pk: int, may=None):
        rows = indicator_files.value_rows(self.request.coalition, self.request.membership)
        return object_for(self.request, rows, pk=pk, may=may)


@_filters("period", "indicator", "organization", since=True)
class ValueList(ValueWrites, ListView):
    """The values you may read: the coordination team every one; a partner its organisation's
    and the approved values of the others. Funders read the rollups instead. ``status`` filters
    by draft, submitted, approved or returned.

    POST enters a value for your organisation (the coordination team: for any organisation
    that reports the indicator), as the entry page does: as a draft, or submitted for review
    with ``"submit": true``. The same value sent again changes nothing."""

    permission_for = {"GET": VALUES_EXPORT, "POST": VALUES_ENTER}
    serializer_class = serializers.ValueSerializer
    renderer_classes = [JSONRenderer, csv.CSVRenderer]
    csv_name = "concerto-values"

    def get_queryset(self):
        return indicator_files.value_rows(
            self.request.coalition, self.request.membership, indicator=self.param("indicator"),
            status=self.param("status"), period=self.param("period"), organization=self.param("organization"),
            updated_since=self.since(),
        ).select_related(None).select_related("indicator", "period").only(*VALUE_COLUMNS)

    @extend_schema(request=serializers.ValueInputSerializer, responses={201: serializers.ValueSerializer,
                                                                        200: serializers.ValueSerializer})
    @idempotent
    def post(self, request, coalition_slug: str):
        incoming = serializers.ValueInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        targets = _resolve(request, data)
        organization = targets["organization"]
        existed = indicator_files.value_rows(request.coalition, request.membership).filter(
            indicator=targets["indicator"], period=targets["period"], category__isnull=True,
            organization_id=organization.pk if organization else None).exists()
        row = _save(request, targets=targets, data=data, submit=data["submit"])
        return Response(self.value_out(row), status=200 if existed else 201)


class ValueDetail(ValueWrites, CoalitionAPIView):
    """One value. PATCH changes the fields sent, as the entry page does: a draft stays a draft,
    and a submitted or approved value goes back to review, unless ``submit`` says otherwise."""

    permission_for = {"GET": VALUES_ENTER, "PATCH": VALUES_ENTER}
    serializer_class = serializers.ValueSerializer

    def get(self, request, coalition_slug: str, pk: int):
        return Response(self.value_out(self.get_value(pk)))

    @extend_schema(request=serializers.ValueChangeSerializer, responses=serializers.ValueSerializer)
    def patch(self, request, coalition_slug: str, pk: int):
        value = self.get_value(pk, may=_reportable)
        incoming = serializers.ValueChangeSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        submit = data["submit"] if "submit" in request.data else value.status in ("submitted", "approved")
        targets = {"indicator": value.indicator, "period": value.period, "organization": value.organization}
        return Response(self.value_out(_save(request, targets=targets, data=data, submit=submit, value=value)))


class ValueSubmit(ValueWrites, CoalitionAPIView):
    """Submit a value for review, as it stands."""

    permission_for = {"POST": VALUES_ENTER}
    serializer_class = serializers.ValueSerializer

    @extend_schema(request=None, responses=serializers.ValueSerializer)
    @idempotent
    def post(self, request, coalition_slug: str, pk: int):
        value = self.get_value(pk, may=_reportable)
        targets = {"indicator": value.indicator, "period": value.period, "organization": value.organization}
        return Response(self.value_out(_save(request, targets=targets, data={}, submit=True, value=value)))


class ValueApprove(ValueWrites, CoalitionAPIView):
    """Approve a submitted value (the coordination team): the coalition's rollup follows."""

    permission_for = {"POST": VALUES_REVIEW}
    serializer_class = serializers.ValueSerializer

    @extend_schema(request=None, responses=serializers.ValueSerializer)
    @idempotent
    def post(self, request, coalition_slug: str, pk: int):
        value = review_services.value_approve(actor=request.user, value=self.get_value(pk))
        return Response(self.value_out(value))


class ValueReturn(ValueWrites, CoalitionAPIView):
    """Return a value for revision with a note (the coordination team); its author is emailed."""

    permission_for = {"POST": VALUES_REVIEW}
    serializer_class = serializers.ValueSerializer

    @extend_schema(request=serializers.ReturnSerializer, responses=serializers.ValueSerializer)
    @idempotent
    def post(self, request, coalition_slug: str, pk: int):
        value = self.get_value(pk)
        incoming = serializers.ReturnSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        value = review_services.value_return(actor=request.user, value=value, note=incoming.validated_data["note"])
        return Response(self.value_out(value))


class ValueBulk(ValueWrites, CoalitionAPIView):
    """Enter many values at once (at most 500): all are saved, or none. When one is refused,
    nothing is saved and ``errors`` lists each refused value by its index in the list."""

    permission_for = {"POST": VALUES_ENTER}
    serializer_class = serializers.BulkResultSerializer
    MAX_ITEMS = 500

    @extend_schema(request=serializers.ValueInputSerializer(many=True), responses=serializers.BulkResultSerializer)
    @idempotent
    def post(self, request, coalition_slug: str):
        items = request.data
        if not isinstance(items, list) or not 1 <= len(items) <= self.MAX_ITEMS:
            raise exceptions.ValidationError({"non_field_errors": [
                _("Send a list of 1 to %(count)d values.") % {"count": self.MAX_ITEMS}]})
        errors, prepared = [], []
        for index, item in enumerate(items):
            incoming = serializers.ValueInputSerializer(data=item)
            try:
                incoming.is_valid(raise_exception=True)
                prepared.append((index, _resolve(request, incoming.validated_data), incoming.validated_data))
            except exceptions.ValidationError as error:
                errors.append({"index": index, "errors": flatten(error.detail)})
        saved = []
        if not errors:
            try:
                with transaction.atomic():
                    for index, targets, data in prepared:
                        try:
                            with transaction.atomic():
                                saved.append(_save(request, targets=targets, data=data, submit=data["submit"]))
                        except DjangoValidationError as error:
                            errors.append({"index": index, "errors": field_errors(error)})
                        except PermissionDenied:
                            errors.append({"index": index, "errors": {"non_field_errors": [
                                _("You may not report this indicator for this organization.")]}})
                    if errors:
                        raise BulkRefused
            except BulkRefused:
                pass
        if errors:
            return problem(400, detail=_("No value was saved: correct the values listed in errors, then send "
                                         "them all again."), errors=errors, instance=request.path)
        return Response({"results": [self.value_out(row) for row in saved]})
