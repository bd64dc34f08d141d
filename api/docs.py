"""The OpenAPI schema and its reference page (Swagger UI), served from our own static files
(drf-spectacular-sidecar): no CDN, no inline script or style, within the site's CSP."""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


class SchemaView(SpectacularAPIView):
    pass


class DocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
