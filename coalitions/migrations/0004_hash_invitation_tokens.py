import hashlib

from django.db import migrations, models


def hash_clear_tokens(apps, schema_editor):
    """Links already emailed keep working: their clear token becomes its hash (no salt, so the
    token cannot be derived again; a resend gives the invitation a derived one)."""
    Invitation = apps.get_model("coalitions", "Invitation")
    for invitation in Invitation.objects.only("pk", "token").iterator():
        Invitation.objects.filter(pk=invitation.pk).update(
            token_hash=hashlib.sha256(invitation.token.encode()).hexdigest())


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0003_coalition_fiscal_year_start_month")]

    operations = [
        migrations.AddField("invitation", "token_hash", models.CharField(editable=False, max_length=64, null=True)),
        migrations.AddField("invitation", "token_salt",
                            models.CharField(blank=True, default="", editable=False, max_length=32)),
        migrations.RunPython(hash_clear_tokens, migrations.RunPython.noop),
        migrations.RemoveField("invitation", "token"),
        migrations.AlterField("invitation", "token_hash", models.CharField(editable=False, max_length=64, unique=True)),
    ]
