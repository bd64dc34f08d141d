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


# Text as people type it ---------------------------------------------------------------
# A browser posts a textarea's line breaks as "\r\n", a paste brings trailing spaces, and the
# same "é" can come as one character or as "e" plus a combining accent: stored as typed, two
# identical-looking texts differ (an agenda version's comparison showed untouched fields as
# changed). Every text that comes in through a form is normalised on the way in, once, here.


def normalize_text(value: str) -> str:
    """Line endings to "\n", no trailing spaces or tabs on any line, Unicode NFC. The same
    rule as normalize_stored_texts, which fixes what was stored before."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip(" \t") for line in value.split("\n"))


def _normalizing_to_python(to_python):
    def normalized(self, value):
        value = to_python(self, value)
        # A field that keeps its whitespace (a password: strip=False) is left as typed.
        return normalize_text(value) if isinstance(value, str) and self.strip else value

    normalized.normalizes_text = True  # type: ignore[attr-defined]
    return normalized


def install_text_normalization() -> None:
    """The one mechanism: every forms.CharField (and its subclasses: email, URL, slug, the
    CharField and TextField of every ModelForm, allauth's and the admin's forms) normalises
    the text it cleans. Installed once, by CoalitionsConfig.ready()."""
    from django import forms

    if not getattr(forms.CharField.to_python, "normalizes_text", False):
        forms.CharField.to_python = _normalizing_to_python(forms.CharField.to_python)  # type: ignore[method-assign]


def _normalized_sql(column: str) -> str:
    return (f"regexp_replace(normalize(replace(replace({column}, E'\\r\\n', E'\\n'), E'\\r', E'\\n'), NFC), "
            f"'[ \\t]+$', '', 'gn')")


def normalize_stored_texts(apps, schema_editor, app_label: str) -> None:
    """Data migration step: normalize_text, in SQL, over every text and character column of an
    app's models (choices and keys are left alone), for the rows stored before the forms
    normalised their input. Only rows that change are written."""
    from django.db import models as django_models

    for model in apps.get_app_config(app_label).get_models():
        if model._meta.proxy or not model._meta.managed or model.__name__.endswith("Event"):
            continue  # pghistory's event tables keep what was recorded
        columns = [schema_editor.quote_name(field.column) for field in model._meta.concrete_fields
                   if isinstance(field, django_models.CharField | django_models.TextField) and not field.choices]
        if not columns:
            continue
        table = schema_editor.quote_name(model._meta.db_table)
        sets = ", ".join(f"{c} = {_normalized_sql(c)}" for c in columns)
        changed = " OR ".join(f"{c} IS DISTINCT FROM {_normalized_sql(c)}" for c in columns)
        schema_editor.execute(f"UPDATE {table} SET {sets} WHERE {changed}")


def normalize_stored_texts_operation(app_label: str):
    """The migration operation that runs normalize_stored_texts over ``app_label``. Going back
    is a no-op: the old "\\r\\n" and trailing spaces carried no meaning."""
    from functools import partial

    from django.db import migrations

    return migrations.RunPython(partial(normalize_stored_texts, app_label=app_label), migrations.RunPython.noop)
