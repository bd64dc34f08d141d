from django.db import migrations, models


def delivered_before(apps, schema_editor):
    # Keys written before this migration were claimed by runs that have finished.
    SentReminder = apps.get_model("coordination", "SentReminder")
    SentReminder.objects.filter(delivered_at__isnull=True).update(delivered_at=models.F("claimed_at"))


class Migration(migrations.Migration):
    dependencies = [("coordination", "0004_decision_action")]

    operations = [
        migrations.RenameField("sentreminder", "sent_at", "claimed_at"),
        migrations.AddField("sentreminder", "delivered_at", models.DateTimeField(blank=True, null=True)),
        migrations.RunPython(delivered_before, migrations.RunPython.noop),
    ]
