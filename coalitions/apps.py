from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "coalitions"
    verbose_name = _("Coalitions")

    def ready(self):
        from . import checks  # noqa: F401  (registers the tenant-ownership system check)
