"""Frozen period reports and their read-only share links.

These models moved here from coalitions (issue 11) without moving their data: they keep their
``coalitions_*`` tables, and so do their pghistory event models (see migration 0001).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.fields import SingleLineCharField
from coalitions.models import audited
from coalitions.tenancy import TenantModel


@audited(exclude=["data"], meta={"db_table": "coalitions_reportsnapshotevent"})
class ReportSnapshot(TenantModel):
    """A period report frozen as data: it never changes when the coalition's data changes."""

    title = SingleLineCharField(_("title"), max_length=200)
    period_start = models.DateField(_("start"))
    period_end = models.DateField(_("end"))
    data = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("frozen on"), auto_now_add=True)

    class Meta:
        db_table = "coalitions_reportsnapshot"
        verbose_name = _("report snapshot")
        verbose_name_plural = _("report snapshots")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


@audited(exclude=["token_hash"], meta={"db_table": "coalitions_sharelinkevent"})
class ShareLink(TenantModel):
    """A read-only link to one snapshot. Only the SHA-256 of its token is stored."""

    snapshot = models.ForeignKey(ReportSnapshot, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires on"))
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)

    class Meta:
        db_table = "coalitions_sharelink"
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.snapshot} ({self.pk})"

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"


class ShareLinkOpening(TenantModel):
    """One opening of a share link: when, from which address and browser."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="openings")
    opened_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "coalitions_sharelinkopening"
        ordering = ["-opened_at", "-pk"]
