from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from coalitions.permissions import requires
from coalitions.placeholders import condition_placeholder


@require_GET
@requires("conditions.agenda:view")
def agenda(request):
    return condition_placeholder(
        request,
        title=_("Common agenda"),
        intro=_("One shared understanding of the problem and one vision of change, written down and endorsed."),
        coming=[_("The problem, the target population and the vision of change"), _("The theory of change"),
                _("Strategic priorities and guiding principles"), _("Versions and endorsements by organizations")],
    )


@require_GET
@requires("conditions.plan:view")
def plan(request):
    return condition_placeholder(
        request,
        title=_("Action plan"),
        intro=_("Mutually reinforcing activities: who does what, together, along one shared plan."),
        coming=[_("Action plans and their actions"), _("Activities logged by partners"),
                _("The contribution matrix of organizations and priorities")],
    )
