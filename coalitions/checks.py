"""System check: every model of the tenant apps (AppConfig.tenant_app) is tenant-owned, or listed as global."""

from django.apps import apps
from django.core import checks

from .tenancy import is_tenant_owned

GLOBAL_MODELS: set[str] = set()  # "app_label.Model" that are deliberately not tenant-owned


def is_tenant_app(app_config) -> bool:
    """The apps above the core say so with ``tenant_app = True`` on their AppConfig."""
    return getattr(app_config, "tenant_app", False)


def untenanted_models() -> list[str]:
    from pghistory.models import Event

    offenders = []
    for model in apps.get_models():
        label = model._meta.label
        if not is_tenant_app(model._meta.app_config) or label in GLOBAL_MODELS:
            continue
        if issubclass(model, Event):  # audit rows copy the tracked row, coalition_id included
            continue
        if not is_tenant_owned(model):
            offenders.append(label)
    return offenders


@checks.register(checks.Tags.models)
def check_tenant_ownership(app_configs, **kwargs):
    return [
        checks.Error(
            f"{label} is not tenant-owned.",
            hint="Inherit coalitions.tenancy.TenantModel, or list it in coalitions.checks.GLOBAL_MODELS.",
            id="coalitions.E001",
        )
        for label in untenanted_models()
    ]
