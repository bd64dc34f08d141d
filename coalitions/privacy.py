"""A coalition's privacy settings (Law 25): the person in charge of the protection of personal
information, read by the coalition's privacy page and written by its coordinators.

The row is created on the first save: reading the settings of a coalition that never saved
them gives an unsaved row with the defaults, so a page never writes on GET."""

from django.core.exceptions import ValidationError
from django.db import transaction
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
