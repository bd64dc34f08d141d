"""Reads of the harmonised practices (condition 2). Fixed query counts whatever the data size."""

from django.db.models import Prefetch, QuerySet

from coordination.selectors import backbone as library_selectors

from ..models import Practice, PracticeKind, Priority


def practices(coalition, *, kind: str = "", priority_id: int | None = None, archived: bool | None = False
              ) -> QuerySet[Practice]:
    """The coalition's practices in use (the archived ones with ``archived=True``, both with
    None), by kind then title, with their priorities (one more query when iterated)."""
    found = Practice.objects.filter(coalition=coalition)
    if archived is not None:
        found = found.filter(archived_at__isnull=not archived)
    if kind in PracticeKind.values:
        found = found.filter(kind=kind)
    if priority_id is not None:
        found = found.filter(priorities=priority_id)
    return found.prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.order_by("position", "pk"))
    ).order_by("kind", "title", "pk")


def archived_count(coalition) -> int:
    return Practice.objects.filter(coalition=coalition, archived_at__isnull=False).count()


def library_choices(coalition) -> list[tuple[int, str]]:
    """The library's resources a practice can point to, as choices (id, title)."""
    return [(item.pk, item.title) for item in library_selectors.library(coalition).order_by("title", "pk")]


def library_items(practice: Practice) -> list:
    """The library resources of a practice that still exist, by title. One query."""
    if not practice.library_item_ids:
        return []
    return list(library_selectors.library(practice.coalition).filter(pk__in=practice.library_item_ids)
                .order_by("title", "pk"))
