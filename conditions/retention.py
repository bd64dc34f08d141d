"""Retention of the activities' attachments (coalitions.retention)."""

from coalitions import retention

from .models import Activity


def delete_removed_attachments(coalition, cutoff, now) -> int:
    """Attachments whose activity was deleted, or that a new file replaced."""
    activities = Activity.objects.filter(coalition=coalition).exclude(attachment="")
    storage = Activity._meta.get_field("attachment").storage
    return retention.delete_unreferenced_files(
        storage, f"conditions/activities/{coalition.pk}", set(activities.values_list("attachment", flat=True)),
        cutoff)


retention.register("removed_files", delete_removed_attachments)
