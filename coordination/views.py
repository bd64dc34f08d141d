from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from coalitions.permissions import requires
from coalitions.placeholders import condition_placeholder


@require_GET
@requires("coordination.communication:view")
def communication(request):
    return condition_placeholder(
        request,
        title=_("Continuous communication"),
        intro=_("Regular, open communication that builds trust and keeps the common goals in sight."),
        coming=[_("Meetings, minutes, decisions and follow-ups"), _("Announcements and comments"),
                _("Notifications, reminders and digests")],
    )


@require_GET
@requires("coordination.backbone:view")
def backbone(request):
    return condition_placeholder(
        request,
        title=_("Backbone support"),
        intro=_("The coordination team that weaves and maintains the links between partners."),
        coming=[_("The coordination team and governance bodies"), _("The backbone's task board"),
                _("The resource library"), _("The partnership self-assessment")],
    )
