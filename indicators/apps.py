from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    tenant_app = True  # tenant-owned models, permissions in permissions.py (see coalitions/apps.py)
    verbose_name = _("Shared measurement")

    def ready(self):
        from coalitions import audit

        audit.register(
            "indicators.Indicator", "indicators.Period", "indicators.Target", "indicators.Category",
            "indicators.IndicatorValue", "indicators.LearningNote",
        )
