# Issue 13, point 8: this app's texts stored before the forms normalised their input.
from django.db import migrations

from coalitions.fields import normalize_stored_texts_operation


class Migration(migrations.Migration):
    dependencies = [("indicators", "0007_value_import")]
    operations = [normalize_stored_texts_operation("indicators")]
