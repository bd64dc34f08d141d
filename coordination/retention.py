"""Retention of notifications and of the library's files (coalitions.retention)."""

from coalitions import retention

from .models.backbone import LibraryItem
from .models.communication import Notification


def delete_old_notifications(coalition, cutoff, now) -> int:
    return Notification.objects.filter(coalition=coalition, created_at__lt=cutoff).delete()[0]


def delete_removed_library_files(coalition, cutoff, now) -> int:
    """Files of the library whose item was deleted (or whose file was replaced)."""
    items = LibraryItem.objects.filter(coalition=coalition).exclude(file="")
    storage = LibraryItem._meta.get_field("file").storage
    return retention.delete_unreferenced_files(
        storage, f"coordination/library/{coalition.pk}", set(items.values_list("file", flat=True)), cutoff)


retention.register("notifications", delete_old_notifications)
retention.register("removed_files", delete_removed_library_files)
