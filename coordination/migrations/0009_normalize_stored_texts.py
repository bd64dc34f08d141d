# Issue 13, point 8: this app's texts stored before the forms normalised their input.
from django.db import migrations

from coalitions.fields import normalize_stored_texts_operation


class Migration(migrations.Migration):
    dependencies = [("coordination", "0008_notification_not_emailed_index")]
    operations = [normalize_stored_texts_operation("coordination")]
