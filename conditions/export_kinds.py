"""The activities export, whose size grows with history, registered with
coalitions.export_jobs so that a large XLSX file is prepared in the background. It names the
people's organisations and what they did: each download is logged (Law 25), in the background
as at once."""

from django.utils.translation import gettext_lazy

from coalitions.export_jobs import ExportKind, register
from coalitions.models import DownloadKind

from . import exports, selectors
from .forms import ActivityFilterForm
from .permissions import ACTIVITIES_VIEW, sees_people_counts


def _activities(coalition, parameters: dict):
    """The activities of the list's filters (the query string of the list, kept as text)."""
    filters = ActivityFilterForm(parameters or None, coalition=coalition).filters()
    return selectors.activity_list(coalition, **filters)


def activity_sheets(coalition, membership, parameters: dict):
    return [exports.activity_sheet(_activities(coalition, parameters).prefetch_related("action__priorities"),
                                   people_counts=sees_people_counts(membership))]


def activity_count(coalition, membership, parameters: dict, limit: int) -> int:
    return _activities(coalition, parameters).order_by()[:limit].count()


ACTIVITIES = register(ExportKind(
    key="conditions.activities", label=gettext_lazy("Activities"), permission=ACTIVITIES_VIEW,
    url_name="conditions:activity_export", page_name="conditions:activities", filename="activites",
    parameters=("action", "priority", "organization", "date_from", "date_to"),
    sheets=activity_sheets, count=activity_count, download_kind=DownloadKind.ACTIVITIES,
))
