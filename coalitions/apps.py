from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "coalitions"
    verbose_name = _("Coalitions")

    def ready(self):
        from importlib import import_module

        from django.apps import apps
        from django.contrib.auth.signals import user_logged_in

        from . import checks, permissions  # checks registers the tenant-ownership system check
        from .fields import install_text_normalization

        install_text_normalization()  # every text that comes in through a form (coalitions.fields)
        from .rights import cancel_deletion_on_login

        user_logged_in.connect(cancel_deletion_on_login, dispatch_uid="coalitions-cancel-deletion-on-login")

        # Inverted dependency: each tenant app declares its permissions; the core imports them by
        # discovery, never by name.
        for app_config in apps.get_app_configs():
            if checks.is_tenant_app(app_config):
                permissions.register(app_config.label, import_module(f"{app_config.name}.permissions").PERMISSIONS)
