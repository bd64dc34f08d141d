"""The endpoints of a coalition, under /api/v1/c/<slug>/. Each declares, per method, the
permission of the registry it needs (the web view's), reads through the apps' selectors and
writes through their services."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from coalitions.permissions import HOME_VIEW

from . import serializers
from .base import CoalitionAPIView


class CoalitionView(CoalitionAPIView):
    """The coalition itself, and your role in it."""

    permission_for = {"GET": HOME_VIEW}
    serializer_class = serializers.CoalitionSerializer

    @extend_schema(operation_id="coalition_retrieve")
    def get(self, request, coalition_slug: str):
        return Response(self.get_serializer(request.coalition).data)
