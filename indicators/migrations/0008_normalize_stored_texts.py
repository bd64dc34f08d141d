"""Texts stored before the forms normalised their input (issue 13, point 8): line endings to
"\\n", no trailing spaces or tabs, Unicode NFC, so that comparing two versions shows only real
changes. Not reversible in a useful way: the old "\\r\\n" and trailing spaces carried no
meaning, so going back leaves the texts normalised (a no-op)."""

from functools import partial

from django.db import migrations

from coalitions.fields import normalize_stored_texts


class Migration(migrations.Migration):
    dependencies = [
        ('indicators', '0007_value_import'),
    ]

    operations = [
        migrations.RunPython(partial(normalize_stored_texts, app_label="indicators"), migrations.RunPython.noop),
    ]
