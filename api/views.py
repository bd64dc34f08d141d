"""The endpoints of a coalition, under /api/v1/c/<slug>/. Each declares, per method, the
permission of the registry it needs (the web view's), reads through the apps' selectors (and
their object rules) and writes through their services."""

import zoneinfo
from datetime import datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins
from rest_framework.response import Response

from coalitions import selectors as coalition_selectors
from coalitions.permissions import HOME_VIEW, MEMBERS_MANAGE, ORGANIZATIONS_VIEW
from conditions import selectors as condition_selectors
from conditions.permissions import ACTIVITIES_VIEW, AGENDA_VIEW, PLAN_VIEW
from coordination.permissions import ANNOUNCEMENTS_VIEW, MEETINGS_VIEW
from coordination.selectors import communication as communication_selectors
from coordination.selectors import meetings as meeting_selectors
from indicators.permissions import INDICATORS_VIEW, VALUES_EXPORT
from indicators.selectors import catalogue as indicator_selectors
from indicators.selectors import files as indicator_files

from . import serializers
from .base import CoalitionAPIView
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

    def get(self, request, coalition_slug: str):
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
            raise exceptions.ValidationError({"updated_since": [
                _("Give a date or a date and time in ISO 8601, e.g. 2026-03-31 or 2026-03-31T17:00:00-04:00.")]})
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, zoneinfo.ZoneInfo(self.request.coalition.time_zone))
        return moment


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
        return coalition_selectors.organization_list(self.request.coalition)


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
        return condition_selectors.activity_list(self.request.coalition)


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


@_filters("period", "indicator", "organization", since=True)
class ValueList(ListView):
    """The values you may read: the coordination team every one; a partner its organisation's
    and the approved values of the others. Funders read the rollups instead. ``status`` filters
    by draft, submitted, approved or returned."""

    permission_for = {"GET": VALUES_EXPORT}
    serializer_class = serializers.ValueSerializer

    def get_queryset(self):
        return indicator_files.value_rows(
            self.request.coalition, self.request.membership, indicator=self.param("indicator"),
            status=self.param("status"), period=self.param("period"), organization=self.param("organization"),
            updated_since=self.since())


@_filters("period", "indicator", since=True)
class RollupList(ListView):
    """The coalition values per indicator and period (and category), with their completeness."""

    permission_for = {"GET": INDICATORS_VIEW}
    serializer_class = serializers.RollupSerializer

    def get_queryset(self):
        return indicator_files.rollup_rows(self.request.coalition, indicator=self.param("indicator"),
                                           period=self.param("period"), updated_since=self.since())


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
