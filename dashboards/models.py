"""Frozen period reports and their read-only share links.

These models moved here from coalitions (issue 11) without moving their data: they keep their
``coalitions_*`` tables, and so do their pghistory event models (see migration 0001).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.fields import SingleLineCharField
from coalitions.models import audited, secret_status
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
        return secret_status(revoked_at=self.revoked_at, expires_at=self.expires_at)


class ShareLinkOpening(TenantModel):
    """One opening of a share link: when, from which address and browser."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="openings")
    opened_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "coalitions_sharelinkopening"
        ordering = ["-opened_at", "-pk"]


class ReportingBacklog(TenantModel):
    """What an organisation still has to report, per reporting period's dates: of the unlocked
    periods starting on ``start`` and due on ``due_date`` of the indicators it reports (not
    those the coordination team enters), how many have no submitted or approved value
    (``missing``), of which ``returned`` were returned for revision and ``drafts`` are drafts.

    A summary for the dashboards, never written by Python: database triggers on values,
    periods, indicators and reporting assignments recompute the rows of the keys a statement
    changed (migration 0002). Rows with nothing missing are deleted. Organisation and
    coalition are plain keys (no constraint): rows of a deleted organisation are never read."""

    coalition = models.ForeignKey("coalitions.Coalition", on_delete=models.DO_NOTHING, db_constraint=False,
                                  related_name="+")
    organization = models.ForeignKey("coalitions.Organization", on_delete=models.DO_NOTHING, db_constraint=False,
                                     related_name="+")
    start = models.DateField()
    due_date = models.DateField()
    missing = models.PositiveIntegerField()
    returned = models.PositiveIntegerField(default=0)
    drafts = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "start", "due_date"], name="backlog_unique_key"),
        ]
        indexes = [models.Index(fields=["coalition", "due_date"], name="backlog_due")]

    def __str__(self):
        return f"{self.organization_id} {self.start} {self.missing}"
