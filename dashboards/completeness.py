"""Coalition-wide completeness at a glance: every organisation x every indicator for its current
period, and the one-click reminder to the late organisations (coordinators)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from coalitions.models import Organization
from coalitions.permissions import requires
from coalitions.web import paginate, redirect_with_message
from coordination.permissions import REMINDERS_MANAGE
from coordination.services import reminders
from indicators.permissions import COMPLETENESS_VIEW
from indicators.selectors import board, reporters


@require_GET
@requires(COMPLETENESS_VIEW)
def completeness_overview(request):
    organizations = Organization.objects.filter(
        coalition=request.coalition, pk__in=reporters(request.coalition).values("organization_id")).order_by("name")
    page = paginate(request, organizations)
    return render(request, "dashboards/completeness_overview.html", {
        "overview": board.overview(request.coalition, page.object_list), "page_obj": page,
    })


@require_POST
@requires(REMINDERS_MANAGE)
def completeness_remind(request):
    count = reminders.remind_late_now(actor=request.user, coalition=request.coalition)
    if count:
        message = ngettext("Reminder sent to %(count)s person.", "Reminder sent to %(count)s people.",
                           count) % {"count": count}
        return redirect_with_message(request, "dashboards:completeness_overview", success=message)
    return redirect_with_message(request, "dashboards:completeness_overview", error=_(
        "Nobody to remind: the late organizations were already reminded today, or have no active member "
        "who reports values."))
