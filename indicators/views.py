from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from coalitions.permissions import requires
from coalitions.placeholders import condition_placeholder


@require_GET
@requires("indicators.indicators:view")
def index(request):
    return condition_placeholder(
        request,
        title=_("Shared measurement"),
        intro=_("A short list of common indicators to see progress and learn together."),
        coming=[_("Indicators, targets and baselines"), _("Values reported by partners and their review"),
                _("Rolled-up trends and reporting completeness"), _("Import and export")],
    )
