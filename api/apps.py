from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API under /api/v1/ (issue 14): on top of the domain apps, beside dashboards. It
    owns no table: its tokens belong to the core (coalitions.ApiToken), tied to a membership."""

    name = "api"
    verbose_name = _("API")
