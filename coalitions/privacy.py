"""A coalition's privacy settings (Law 25): the person in charge of the protection of personal
information, read by the coalition's privacy page and written by its coordinators.

The row is created on the first save: reading the settings of a coalition that never saved
them gives an unsaved row with the defaults, so a page never writes on GET."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .concurrency import check_version
from .models import Coalition, PrivacySettings
from .permissions import SETTINGS_MANAGE, require_permission


def privacy_settings(coalition: Coalition) -> PrivacySettings:
    """The coalition's privacy settings, saved or the defaults (one query)."""
    found = PrivacySettings.objects.filter(coalition=coalition).first()
    return found if found is not None else PrivacySettings(coalition=coalition)


@transaction.atomic
def privacy_settings_update(*, actor, coalition: Coalition, version: str | None = None, **fields) -> PrivacySettings:
    """Save the fields of the privacy settings page. ``version`` is the one the form started
    from: someone else's newer save is refused (EditConflict), never overwritten."""
    require_permission(actor, coalition, SETTINGS_MANAGE)
    unknown = set(fields) - set(PrivacySettings.EDIT_FIELDS)
    if unknown:
        raise ValueError(unknown)
    PrivacySettings.objects.get_or_create(coalition=coalition)
    current = PrivacySettings.objects.select_for_update().get(coalition=coalition)
    check_version(current, version=version, fields=PrivacySettings.EDIT_FIELDS, submitted=fields)
    if "retention_days" in fields:
        fields["retention_days"] = _checked_retention_days(fields["retention_days"])
    for name, value in fields.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    current.full_clean(exclude=["coalition"])
    current.save()
    return current


def _checked_retention_days(chosen) -> dict:
    """The periods chosen, each a whole number of days within its kind's limits."""
    from .retention import KINDS_BY_KEY

    if not isinstance(chosen, dict) or set(chosen) - set(KINDS_BY_KEY):
        raise ValueError(chosen)
    for key, days in chosen.items():
        kind = KINDS_BY_KEY[key]
        if type(days) is not int or not kind.min_days <= days <= kind.max_days:
            raise ValidationError({f"retention_{key}": _("Choose between %(min)s and %(max)s days.") % {
                "min": kind.min_days, "max": kind.max_days}})
    return dict(chosen)


def record_download(request, kind: str, *, detail: str = "", row_count: int | None = None) -> None:
    """Log that the person asking downloads personal information (``DownloadKind``): the view
    calls it as it serves the file, inside the coalition."""
    from .models import DownloadKind, PersonalDataDownload

    if kind not in DownloadKind.values:
        raise ValueError(kind)
    PersonalDataDownload.objects.create(
        coalition=request.coalition, actor=request.user, kind=kind, detail=detail[:200], row_count=row_count,
    )


def download_log(coalition: Coalition):
    from .models import PersonalDataDownload

    return (PersonalDataDownload.objects.filter(coalition=coalition).select_related("actor")
            .order_by("-created_at", "-pk"))


def member_rows(members):
    """The members list as rows of a spreadsheet, header first."""
    yield [_("Name"), _("Email"), _("Role"), _("Organization"), _("Status"), _("Joined on")]
    for membership in members.iterator(chunk_size=500):
        yield [
            membership.user.full_name, membership.user.email, membership.get_role_display(),
            membership.organization.name if membership.organization else "",
            _("Active") if membership.is_active else _("Deactivated"),
            timezone.localtime(membership.created_at).date().isoformat(),
        ]
