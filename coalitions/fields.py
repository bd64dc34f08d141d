"""Names and titles fit on one line.

A coalition's or an organisation's name, an action's or a meeting's title end up in email
subjects, calendar entries, exports and page titles: a line break there breaks the email
header (Django refuses to send it) and an invisible control character (a bidi override, a
zero-width space) makes two names look alike. ``SingleLineCharField`` refuses them, with the
error next to the form field, and again on every save, so no service, import or task can
write one either."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

SINGLE_LINE_ERROR = _("Remove the line breaks and invisible control characters: this text must fit on one line.")
LINE_BREAKING = {"Cc", "Zl", "Zp"}  # control characters (line breaks, tabs) and Unicode line/paragraph separators
_REFUSED = LINE_BREAKING | {"Cf"}  # plus invisible formatting characters (bidi overrides, zero-width spaces)
_JOINERS = {"\u200c", "\u200d"}  # zero-width (non-)joiners: needed by some scripts and emoji, harmless


def validate_single_line(value) -> None:
    """Refuse control characters (Unicode categories Cc and Cf: line breaks and tabs included)
    and the Unicode line and paragraph separators (Zl, Zp)."""
    if isinstance(value, str) and any(unicodedata.category(c) in _REFUSED and c not in _JOINERS for c in value):
        raise ValidationError(SINGLE_LINE_ERROR, code="control_characters")


def flatten_to_one_line(text: str) -> str:
    """``text`` with every run of line-breaking characters turned into one space, for a text
    stored before the validator existed (an email subject built from an old name)."""
    flat = "".join(" " if unicodedata.category(c) in LINE_BREAKING else c for c in text)
    return " ".join(part for part in flat.split(" ") if part)


class SingleLineCharField(models.CharField):
    default_validators = [validate_single_line]

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        try:
            validate_single_line(value)
        except ValidationError as error:
            raise ValidationError({self.name: error.error_list}) from None
        return value

    def deconstruct(self):
        # The column is a plain varchar: migrations need not know (nor change) anything.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
