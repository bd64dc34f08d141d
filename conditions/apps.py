from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConditionsConfig(AppConfig):
    name = "conditions"
    tenant_app = True  # tenant-owned models, permissions in permissions.py (see coalitions/apps.py)
    verbose_name = _("Common agenda and action plan")

    def ready(self):
        from coalitions import audit

        audit.register(
            "conditions.Priority", "conditions.AgendaVersion", "conditions.TheoryOfChangeStatement",
            "conditions.TheoryOfChangeLink", "conditions.Endorsement", "conditions.ActionPlan",
            "conditions.Action", "conditions.Activity", "conditions.EndorsementRequest",
        )
