"""Tenant ownership: the one mechanism that keeps a coalition's data inside it.

Every tenant-owned model inherits ``TenantModel``: a direct ``coalition`` foreign key and a
django-scopes manager, so that a query outside ``scope(coalition=...)`` raises instead of
returning every coalition's rows.
"""

from typing import TYPE_CHECKING, ClassVar, Self

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager, scope, scopes_disabled  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    from django_scopes import ScopedManagerType  # typings/django_scopes: a type only, not importable


class TenantModel(models.Model):
    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="+", verbose_name=_("coalition")
    )

    objects: ClassVar["ScopedManagerType[Self]"] = ScopedManager(coalition="coalition")

    class Meta:
        abstract = True


def is_tenant_owned(model) -> bool:
    return issubclass(model, TenantModel)
