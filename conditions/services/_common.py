"""Checks shared by the plan and the activities."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import MAX_AMOUNT


def _check_period(start, end, *, end_field: str = "end_date") -> None:
    if start and end and end < start:
        raise ValidationError({end_field: _("The end date cannot be before the start date.")})


def _check_amounts(**amounts) -> None:
    errors = {}
    for name, value in amounts.items():
        if value is None:
            continue
        if value < 0:
            errors[name] = _("Enter an amount of zero or more.")
        elif value > MAX_AMOUNT:
            errors[name] = _("This amount is over %(max)s $: check it.") % {"max": f"{MAX_AMOUNT:,.0f}"}
    if errors:
        raise ValidationError(errors)


def _clean_title(same_title, title: str, *, exclude_pk=None, empty: str, taken: str) -> str:
    """The stripped title, refused when empty or when ``same_title`` (the coalition's rows with
    this title, case aside) holds another row than ``exclude_pk``."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": empty})
    if exclude_pk:
        same_title = same_title.exclude(pk=exclude_pk)
    if same_title.exists():
        raise ValidationError({"title": taken})
    return title
