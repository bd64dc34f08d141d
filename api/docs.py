"""The OpenAPI schema and its reference page (Swagger UI), served from our own static files
(drf-spectacular-sidecar): no CDN, no inline script or style, within the site's CSP."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.views import APIView


class SchemaView(SpectacularAPIView):
    pass


class DocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Any other address under /api/v1/ (an id that is not a number, a typo): 404 as problem
    details, like every other refusal of the API, not the HTML page of the site."""

    authentication_classes: list = []
    permission_classes: list = []

    def initial(self, request, *args, **kwargs):
        raise exceptions.NotFound()
