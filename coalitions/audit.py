"""The coalition's audit trail, read from the pghistory event tables.

pghistory records every insert, update and delete (bulk ones included) with Postgres
triggers on the models decorated with ``models.audited``; the request middleware adds the
acting person and URL as context. Each app registers its audited models here so the
coalition's trail shows them all.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection

AUDITED_MODELS: list[str] = []  # "app_label.Model" of tenant-owned audited models


def register(*labels: str) -> None:
    for label in labels:
        if label not in AUDITED_MODELS:
            AUDITED_MODELS.append(label)


register("coalitions.Organization", "coalitions.Membership", "coalitions.Invitation", "coalitions.ApiToken",
         "coalitions.PrivacySettings", "coalitions.ConfidentialityIncident", "coalitions.ExportJob")


def _event_models():
    models = [apps.get_model("coalitions", "CoalitionEvent")]
    for label in AUDITED_MODELS:
        tracked = apps.get_model(label)
        models.extend(m for m in apps.get_models() if getattr(m, "pgh_tracked_model", None) is tracked)
    return models


@dataclass
class AuditEvent:
    """One row of an event table, with what the trail shows (the names of pghistory's Events)."""

    pgh_model: str  # the event model, "app_label.ModelEvent"
    pgh_id: int
    pgh_created_at: datetime
    pgh_label: str
    pgh_obj_model: str  # the tracked model, "app_label.Model"
    pgh_obj_id: int
    pgh_context: dict | None
    pgh_data: dict
    pgh_diff: dict | None = None  # {column: [old, new]} against the object's previous event
    rank: int = 0  # the event table's place in _event_models(): breaks ties between tables

    @property
    def key(self) -> str:
        """Where a page starts or ends: « time~table~id »."""
        return f"{self.pgh_created_at.isoformat()}~{self.rank}~{self.pgh_id}"


@dataclass
class AuditPage:
    events: list[AuditEvent]
    newer: str | None  # the key to ask for the newer page with (?after=), None on the newest
    older: str | None  # the key to ask for the older page with (?before=), None on the oldest


def _parse_key(text: str) -> tuple[datetime, int, int] | None:
    try:
        moment, rank, pgh_id = text.split("~")
        return datetime.fromisoformat(moment), int(rank), int(pgh_id)
    except (ValueError, TypeError, OverflowError):
        return None


def _branch(rank: int, model, coalition, key, newer: bool, size: int) -> tuple[str, list]:
    """One event table's events past ``key`` (newest first, or oldest first when ``newer``),
    at most ``size``, read from its (coalition, time, id) index: the keyset condition
    (time, table, id) beyond the key, written per table so that the index serves it."""
    table = connection.ops.quote_name(model._meta.db_table)
    if model.pgh_tracked_model is apps.get_model("coalitions", "Coalition"):
        where, params = ["pgh_obj_id = %s"], [coalition.pk]
    else:
        where, params = ["coalition_id = %s"], [coalition.pk]
    if key is not None:
        moment, key_rank, key_id = key
        sign = ">" if newer else "<"
        if rank == key_rank:
            where.append(f"(pgh_created_at, pgh_id) {sign} (%s, %s)")
            params += [moment, key_id]
        elif (rank < key_rank) != newer:  # this table sorts after the key's at the same time
            where.append(f"pgh_created_at {sign}= %s")
            params.append(moment)
        else:
            where.append(f"pgh_created_at {sign} %s")
            params.append(moment)
    order = "ASC" if newer else "DESC"
    sql = (f"(SELECT {rank} AS rank, pgh_id, pgh_created_at, pgh_label, pgh_obj_id, pgh_context_id, "
           f"to_jsonb(e) AS data FROM {table} e WHERE {' AND '.join(where)} "
           f"ORDER BY pgh_created_at {order}, pgh_id {order} LIMIT {int(size)})")
    return sql, params


def _previous_data(page: list[AuditEvent], models: list) -> dict[tuple[int, int], dict]:
    """{(rank, pgh_id): the data of the same object's previous event} for the page's events:
    one query, an index lookup (pgh_obj_id) per event."""
    branches, params = [], []
    for rank in sorted({e.rank for e in page}):
        table = connection.ops.quote_name(models[rank]._meta.db_table)
        branches.append(
            f"(SELECT {rank} AS rank, e.pgh_id, to_jsonb(p) AS data FROM {table} e "
            f"CROSS JOIN LATERAL (SELECT * FROM {table} p WHERE p.pgh_obj_id = e.pgh_obj_id "
            f"AND p.pgh_id < e.pgh_id ORDER BY p.pgh_id DESC LIMIT 1) p WHERE e.pgh_id = ANY(%s))")
        params.append([e.pgh_id for e in page if e.rank == rank])
    sql = " UNION ALL ".join(branches) or "SELECT NULL::int, NULL::int, NULL::jsonb WHERE false"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(rank, pgh_id): _json(data) for rank, pgh_id, data in cursor.fetchall()}


def _json(data):
    return json.loads(data) if isinstance(data, str) else data


def _tracked_data(data: dict) -> dict:
    return {k: v for k, v in data.items() if not k.startswith("pgh_")}


def events_page(coalition, *, before: str = "", after: str = "", size: int = 25) -> AuditPage:
    """A page of the coalition's audit trail, newest first: the events older than ``before``
    (or newer than ``after``, or the newest), each with its changes against the object's
    previous event. Keyset pagination over every event table at once: each table gives its
    first ``size + 1`` events past the key from its (coalition, time, id) index, one UNION ALL
    sorts these few; no count, no union of whole tables. Three queries whatever the history
    (the page, the previous events, the actors)."""
    models = _event_models()
    newer = bool(after) and not before
    key = _parse_key(after if newer else before)
    if (before or after) and key is None:
        key = None  # an unreadable key: the newest page
        newer = False
    branches, params = [], []
    for rank, model in enumerate(models):
        sql, branch_params = _branch(rank, model, coalition, key, newer, size + 1)
        branches.append(sql)
        params += branch_params
    order = "ASC" if newer else "DESC"
    sql = (f"SELECT u.*, c.metadata FROM ({' UNION ALL '.join(branches)} "
           f"ORDER BY pgh_created_at {order}, rank {order}, pgh_id {order} LIMIT {size + 1}) u "
           f"LEFT JOIN pghistory_context c ON c.id = u.pgh_context_id "
           f"ORDER BY u.pgh_created_at {order}, u.rank {order}, u.pgh_id {order}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    more = len(rows) > size
    rows = rows[:size]
    if newer:
        rows.reverse()
    events = []
    for rank, pgh_id, created_at, label, obj_id, _context_id, data, metadata in rows:
        model = models[rank]
        events.append(AuditEvent(
            pgh_model=model._meta.label, pgh_id=pgh_id, pgh_created_at=created_at, pgh_label=label,
            pgh_obj_model=model.pgh_tracked_model._meta.label, pgh_obj_id=obj_id,
            pgh_context=_json(metadata), pgh_data=_tracked_data(_json(data)), rank=rank))
    previous = _previous_data(events, models)
    for event in events:
        before_data = previous.get((event.rank, event.pgh_id))
        if before_data is not None:
            old = _tracked_data(before_data)
            event.pgh_diff = {k: [old[k], v] for k, v in event.pgh_data.items() if k in old and old[k] != v} or None
    if newer:
        newer_key = events[0].key if more and events else None
        older_key = events[-1].key if events else None
    else:
        newer_key = events[0].key if key is not None and events else None
        older_key = events[-1].key if more and events else None
    return AuditPage(events=events, newer=newer_key, older=older_key)


def _field_label(model, column: str) -> str:
    for field in model._meta.concrete_fields:
        if field.column == column:
            return str(field.verbose_name)
    return column


def attach_actors(events) -> None:
    """Give each event ``actor`` (a User or None), ``model_label`` and ``changes``
    [(field label, (old, new))], with one query for the whole page."""
    events = list(events)
    ids = {user for e in events if isinstance(user := (e.pgh_context or {}).get("user"), int)}
    users = get_user_model().objects.in_bulk(ids)
    for event in events:
        model = apps.get_model(event.pgh_obj_model)
        event.actor = users.get((event.pgh_context or {}).get("user"))
        event.model_label = model._meta.verbose_name
        diff = event.pgh_diff or {}
        event.changes = sorted((_field_label(model, column), values) for column, values in diff.items())
