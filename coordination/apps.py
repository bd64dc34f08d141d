from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "coordination"
    tenant_app = True  # tenant-owned models, permissions in permissions.py (see coalitions/apps.py)
    verbose_name = _("Communication and backbone support")

    def ready(self):
        from coalitions import audit
        from coalitions.services import membership_deactivated

        from .services.calendar import revoke_member_feeds

        membership_deactivated.connect(
            lambda sender, membership, **kwargs: revoke_member_feeds(membership=membership),
            weak=False, dispatch_uid="coordination.revoke_member_feeds",
        )

        audit.register(
            "coordination.GovernanceBody", "coordination.TeamMember", "coordination.Meeting", "coordination.Invitee",
            "coordination.Decision", "coordination.FollowUp", "coordination.Announcement", "coordination.Comment",
            "coordination.ReminderSettings", "coordination.BackboneTask", "coordination.LibraryItem",
            "coordination.AssessmentRound", "coordination.AssessmentQuestion", "coordination.AssessmentResponse",
            "coordination.CalendarFeed",
        )
