"""A coalition's privacy settings (Law 25): the person in charge of the protection of personal
information, read by the coalition's privacy page and written by its coordinators.

The row is created on the first save: reading the settings of a coalition that never saved
them gives an unsaved row with the defaults, so a page never writes on GET."""

from django.db import transaction

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
    for name, value in fields.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    current.full_clean(exclude=["coalition"])
    current.save()
    return current
