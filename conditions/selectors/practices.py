"""Reads of the harmonised practices (condition 2). Fixed query counts whatever the data size."""

import math
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet

from coalitions.models import OrganizationKind
from coordination.selectors import backbone as library_selectors

from ..models import ADOPTED, AdoptionStatus, Practice, PracticeAdoption, PracticeKind, Priority, ReferralPath
from . import endorsing_organizations


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


# Adoption ------------------------------------------------------------------------------


def adoptions_of(organization_id: int | None, practice_ids) -> dict[int, PracticeAdoption]:
    """An organisation's adoption of each of these practices, by practice id. One query."""
    if organization_id is None:
        return {}
    return {a.practice_id: a for a in PracticeAdoption.objects.filter(organization_id=organization_id,
                                                                       practice_id__in=list(practice_ids))}


def practice_adoptions(practice: Practice) -> list[dict]:
    """Every partner organisation and where it stands with this practice (None: nothing
    recorded). Two queries."""
    found = {a.organization_id: a for a in PracticeAdoption.objects.filter(practice=practice)}
    return [{"organization": org, "adoption": found.get(org.pk)}
            for org in endorsing_organizations(practice.coalition).order_by("name")]


def _counts(statuses) -> dict:
    counts = {status: 0 for status in AdoptionStatus.values}
    for status in statuses:
        counts[status] += 1
    return counts


def adoption_board(coalition) -> dict:
    """Practices in use x partner organisations: each cell the adoption or None; per practice the
    number of organisations that adopted it (in place or adapted). Three queries."""
    practice_list = list(practices(coalition).prefetch_related(None))
    organizations = list(endorsing_organizations(coalition).order_by("name"))
    cells = {(a.practice_id, a.organization_id): a
             for a in PracticeAdoption.objects.filter(coalition=coalition, practice__archived_at__isnull=True)}
    rows: list[dict] = []
    total = 0
    for practice in practice_list:
        found = [cells.get((practice.pk, org.pk)) for org in organizations]
        adopted = sum(1 for a in found if a is not None and a.status in ADOPTED)
        row = [{"organization": org, "adoption": a} for org, a in zip(organizations, found, strict=True)]
        rows.append({"practice": practice, "cells": row, "adopted": adopted})
        total += adopted
    possible = len(practice_list) * len(organizations)
    return {"organizations": organizations, "rows": rows, "possible": possible, "adopted": total,
            "share": round(100 * total / possible) if possible else None}


def _states_on(coalition, day: date) -> QuerySet:
    """The audit event in force on ``day`` for each (practice in use, partner organisation) pair
    that had one: the last one recorded with ``since`` on or before the day (DISTINCT ON)."""
    events = PracticeAdoption.pgh_event_model.objects  # type: ignore[attr-defined]
    return (events.filter(coalition=coalition, since__lte=day, pgh_obj__practice__archived_at__isnull=True)
            .exclude(pgh_obj__organization__kind=OrganizationKind.FUNDER)
            .order_by("pgh_obj_id", "-pgh_id").distinct("pgh_obj_id"))


def statuses_on(coalition, day: date) -> list[str]:
    """The status in force on ``day`` of each pair that had one. One query, bounded by
    practices x organisations."""
    return list(_states_on(coalition, day).values_list("status", flat=True))


def practices_in_use(coalition) -> QuerySet[Practice]:
    return Practice.objects.filter(coalition=coalition, archived_at__isnull=True)


def adopted_pairs(coalition, *, on: date | None = None) -> QuerySet:
    """The (practice in use, partner organisation) pairs adopted (in place or adapted), today or
    as they stood ``on`` a past day (then audit events): for counting, e.g. in a subquery."""
    if on is not None:
        events = PracticeAdoption.pgh_event_model.objects  # type: ignore[attr-defined]
        return events.filter(pgh_id__in=_states_on(coalition, on).values("pgh_id"), status__in=ADOPTED)
    return PracticeAdoption.objects.filter(
        coalition=coalition, practice__archived_at__isnull=True, status__in=ADOPTED,
    ).exclude(organization__kind=OrganizationKind.FUNDER)


TREND_MONTHS = (6, 3, 0)


def adoption_trend(coalition, today: date, *, possible: int) -> list[dict]:
    """Counts per status six and three months ago and today, and the share adopted of
    ``possible`` (practices in use x organisations, as today). One query per date."""
    trend = []
    for months in TREND_MONTHS:
        day = today - timedelta(days=round(months * 30.44))
        counts = _counts(statuses_on(coalition, day))
        adopted = sum(counts[status] for status in ADOPTED)
        trend.append({"months": months, "day": day, "counts": counts, "adopted": adopted,
                      "by_status": [counts[status] for status in AdoptionStatus.values],
                      "share": round(100 * adopted / possible) if possible else None})
    return trend


def adoption_share(coalition) -> dict:
    """How many (practice in use, partner organisation) pairs are adopted, of all possible.
    Three queries (the health view counts the same querysets in its one query)."""
    practice_count = practices_in_use(coalition).count()
    organization_count = endorsing_organizations(coalition).count()
    adopted = adopted_pairs(coalition).count()
    possible = practice_count * organization_count
    return {"practices": practice_count, "organizations": organization_count, "adopted": adopted,
            "possible": possible, "share": round(100 * adopted / possible) if possible else None}


REPORT_PRACTICES = 100  # a coalition shares a few dozen practices; a bound all the same


def adoption_as_of(coalition, day: date, moment) -> dict:
    """Each practice in use at ``moment`` (an aware datetime: created before it and not archived
    by then) with how many partner organisations had it in place, adapted, planned or not
    started on ``day``: the status in force then by the adoption dates (``_states_on``'s rule,
    so a status recorded late but dated before the day counts); « not started » also counts the
    organisations with nothing recorded. For a year report. Three queries."""
    in_use = list(Practice.objects.filter(coalition=coalition, created_at__lt=moment)
                  .filter(Q(archived_at__isnull=True) | Q(archived_at__gte=moment))
                  .order_by("kind", "title", "pk").values("pk", "title", "kind")[:REPORT_PRACTICES])
    organizations = endorsing_organizations(coalition).count()
    events = PracticeAdoption.pgh_event_model.objects  # type: ignore[attr-defined]
    in_force = (events.filter(coalition=coalition, since__lte=day, practice_id__in=[p["pk"] for p in in_use])
                .exclude(organization__kind=OrganizationKind.FUNDER)
                .exclude(pgh_label="delete", pgh_created_at__gte=moment)  # deleted since: still in force then
                .order_by("pgh_obj_id", "-pgh_id").distinct("pgh_obj_id").values("pgh_id"))
    counts = {(row["practice_id"], row["status"]): row["n"] for row in events.filter(pgh_id__in=in_force)
              .exclude(pgh_label="delete").values("practice_id", "status").annotate(n=Count("pgh_id"))
              } if in_use else {}
    rows = []
    for practice in in_use:
        found = {status: counts.get((practice["pk"], status), 0) for status in AdoptionStatus.values}
        started = sum(n for status, n in found.items() if status != AdoptionStatus.NOT_STARTED)
        rows.append({"title": practice["title"], "kind": practice["kind"], **found,
                     AdoptionStatus.NOT_STARTED.value: max(organizations - started, 0)})
    return {"organizations": organizations, "practices": rows}


# A partner card shows the adopted practices first, then what is planned, then the rest.
STATUS_ORDER = (AdoptionStatus.IN_PLACE, AdoptionStatus.ADAPTED, AdoptionStatus.PLANNED, AdoptionStatus.NOT_STARTED)


def organization_practices(coalition, organization) -> dict | None:
    """Each practice in use (by kind and title, bounded) with ``organization``'s adoption, grouped
    by status, adopted first; « not started » also holds the practices it recorded nothing for
    (``adoption`` None). None for a funder, which adopts none. Two queries (none for a funder)."""
    if organization.kind == OrganizationKind.FUNDER:
        return None
    in_use = list(practices_in_use(coalition).order_by("kind", "title", "pk")[:REPORT_PRACTICES])
    # By subquery rather than ids: one query even when there is no practice (a constant count).
    found = {a.practice_id: a for a in PracticeAdoption.objects.filter(
        organization=organization, practice__in=practices_in_use(coalition))}
    groups: dict[str, list[dict]] = {status: [] for status in STATUS_ORDER}
    for practice in in_use:
        adoption = found.get(practice.pk)
        groups[adoption.status if adoption else AdoptionStatus.NOT_STARTED].append(
            {"practice": practice, "adoption": adoption})
    return {"count": len(in_use), "recorded": len(found),
            "adopted": sum(len(groups[status]) for status in ADOPTED),
            "groups": [{"status": status, "label": AdoptionStatus(status).label, "rows": groups[status]}
                       for status in STATUS_ORDER if groups[status]]}


# Referral paths --------------------------------------------------------------------------

DIAGRAM_WIDTH, DIAGRAM_HEIGHT, NODE_RADIUS = 720, 460, 10


def referral_map(coalition, priority: Priority | None) -> dict:
    """The referral paths under a priority, and their diagram: the organisations involved on a
    circle, an arrow per path (coordinates computed here, drawn as SVG by the template). One
    query."""
    if priority is None:
        return {"paths": [], "nodes": [], "edges": []}
    paths = list(ReferralPath.objects.filter(priority=priority)
                 .select_related("from_organization", "to_organization")
                 .order_by("from_organization__name", "to_organization__name"))
    involved = sorted({p.from_organization for p in paths} | {p.to_organization for p in paths},
                      key=lambda org: (org.name, org.pk))
    cx, cy, radius = DIAGRAM_WIDTH / 2, DIAGRAM_HEIGHT / 2, min(DIAGRAM_WIDTH, DIAGRAM_HEIGHT) / 2 - 60
    nodes, where = [], {}
    for index, org in enumerate(involved):
        angle = 2 * math.pi * index / max(1, len(involved)) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        where[org.pk] = (x, y)
        nodes.append({"organization": org, "x": round(x, 1), "y": round(y, 1),
                      "label_x": round(cx + (radius + 18) * math.cos(angle), 1),
                      "label_y": round(cy + (radius + 18) * math.sin(angle) + 4, 1),
                      "anchor": "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle",
                      "sent": sum(1 for p in paths if p.from_organization_id == org.pk),
                      "received": sum(1 for p in paths if p.to_organization_id == org.pk)})
    edges = []
    for path in paths:
        (x1, y1), (x2, y2) = where[path.from_organization_id], where[path.to_organization_id]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        dx, dy = (x2 - x1) / length, (y2 - y1) / length
        edges.append({"path": path, "x1": round(x1 + dx * NODE_RADIUS, 1), "y1": round(y1 + dy * NODE_RADIUS, 1),
                      "x2": round(x2 - dx * (NODE_RADIUS + 6), 1), "y2": round(y2 - dy * (NODE_RADIUS + 6), 1)})
    return {"paths": paths, "nodes": nodes, "edges": edges, "width": DIAGRAM_WIDTH, "height": DIAGRAM_HEIGHT}
