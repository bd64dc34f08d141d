from django.db import migrations
from django.db.models import Exists, OuterRef
from django.utils import timezone


def revoke(apps, schema_editor):
    """Feeds of members deactivated before feeds were revoked on deactivation: revoke them now,
    so reactivating those members does not revive their old calendar URLs."""
    CalendarFeed = apps.get_model("coordination", "CalendarFeed")
    Membership = apps.get_model("coalitions", "Membership")
    inactive = Membership.objects.filter(coalition_id=OuterRef("coalition_id"), user_id=OuterRef("user_id"),
                                         is_active=False)
    CalendarFeed.objects.filter(revoked_at__isnull=True).filter(Exists(inactive)).update(revoked_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0006_undelivered_claims_index"),
        ("coalitions", "0003_coalition_fiscal_year_start_month"),
    ]

    operations = [migrations.RunPython(revoke, migrations.RunPython.noop)]
