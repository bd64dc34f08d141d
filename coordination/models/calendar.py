"""A person's private calendar feed of the coalition's meetings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalitions.models import audited
from coalitions.tenancy import TenantModel

USER = settings.AUTH_USER_MODEL


@audited(exclude=["key", "last_fetched_at"])
class CalendarFeed(TenantModel):
    """A member's private calendar subscription (webcal) to the coalition's meetings.

    Its URL carries ``key`` signed with the SECRET_KEY (coordination.calendar.feed_token), so a
    copy of the database alone does not open it, yet the member can read it again at any time.
    Revoking sets ``revoked_at``; a new URL is a new row. One active feed per member."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    key = models.CharField(max_length=32, unique=True, editable=False)
    only_invited = models.BooleanField(
        _("only the meetings I am invited to"), default=True,
        help_text=_("Otherwise, every meeting of the coalition."),
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    last_fetched_at = models.DateTimeField(_("last read by a calendar"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint("coalition", "user", condition=Q(revoked_at__isnull=True),
                                    name="calendar_feed_one_active_per_member"),
        ]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
