# Issue 13, point 8: this app's texts stored before the forms normalised their input.
from django.db import migrations

from coalitions.fields import normalize_stored_texts_operation


class Migration(migrations.Migration):
    dependencies = [("conditions", "0002_endorsement_requests_reach_every_member")]
    operations = [normalize_stored_texts_operation("conditions")]
