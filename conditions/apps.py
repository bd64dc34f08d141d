from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = _("Common agenda and action plan")

    def ready(self):
        from coalitions import audit

        audit.register(
            "conditions.Priority", "conditions.AgendaVersion", "conditions.TheoryOfChangeStatement",
            "conditions.TheoryOfChangeLink", "conditions.Endorsement", "conditions.ActionPlan",
            "conditions.Action", "conditions.Activity",
        )
