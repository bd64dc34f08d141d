from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    tenant_app = True  # tenant-owned models, permissions in permissions.py (see coalitions/apps.py)
    verbose_name = _("Dashboards and reports")

    def ready(self):
        from coalitions import audit

        audit.register("dashboards.ReportSnapshot", "dashboards.ShareLink")
