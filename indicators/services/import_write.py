"""The write of checked values in sets: what ``values.write_value`` does for one value, for
every value of an import in two statements, whatever their number.

1. One statement with data-modifying CTEs compares each value with the one stored (before any
   write: every CTE sees the same snapshot), inserts the new values and updates the changed
   ones (``INSERT ... ON CONFLICT DO UPDATE``), deletes the categories emptied and upserts the
   breakdowns that changed.
2. One UPDATE gives the categories of each value written its status (``sync_category_status``).

A value is left as it is when nothing changed (same numbers, texts, flag and breakdown) and it is
already submitted or approved: uploading the same file again changes nothing. The audit trail
comes from the statement-level pghistory triggers of the values table: one event per row
changed, with the context (person, URL, import) of the transaction."""

import json
import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from ._common import queue_rollups

VALUES = """
    SELECT (e->>0)::int AS row_number, (e->>1)::int AS indicator_id, (e->>2)::int AS period_id,
        (e->>3)::int AS organization_id, (e->>4)::numeric AS value, (e->>5)::numeric AS numerator,
        (e->>6)::numeric AS denominator, (e->>7)::numeric AS weight, e->>8 AS comment, e->>9 AS source,
        e->>10 AS confidence, (e->>11)::boolean AS is_flagged, e->>12 AS flag_reason
    FROM jsonb_array_elements(%(values)s::jsonb) e"""
CATEGORIES = """
    SELECT (e->>0)::int AS indicator_id, (e->>1)::int AS period_id, (e->>2)::int AS organization_id,
        (e->>3)::int AS category_id, (e->>4)::numeric AS value, (e->>5)::numeric AS numerator,
        (e->>6)::numeric AS denominator
    FROM jsonb_array_elements(%(categories)s::jsonb) e"""

STORED = "id, status, value, numerator, denominator, weight, comment, source, confidence, is_flagged, flag_reason"


def _stored(source: str, category: str) -> str:
    """The stored row of each row of ``source`` (same indicator, period, organisation and
    ``category``), by the unique index: an organisation's, or the coordination team's."""
    cell = (f"v.indicator_id = {source}.indicator_id AND v.period_id = {source}.period_id "
            f"AND v.category_id {category}")
    return f"""LEFT JOIN LATERAL (
        SELECT {STORED} FROM indicators_indicatorvalue v WHERE {cell} AND v.organization_id = {source}.organization_id
        UNION ALL
        SELECT {STORED} FROM indicators_indicatorvalue v
        WHERE {cell} AND v.organization_id IS NULL AND {source}.organization_id IS NULL) old ON TRUE"""


def _same(a: str, b: str, columns: str) -> str:
    return " AND ".join(f"{a}.{c} IS NOT DISTINCT FROM {b}.{c}" for c in columns.split())


SAME_KEY = ("{a}.indicator_id = {b}.indicator_id AND {a}.period_id = {b}.period_id "
            "AND {a}.organization_id IS NOT DISTINCT FROM {b}.organization_id")

WRITE = f"""
WITH s AS ({VALUES}), c AS ({CATEGORIES}),
c_old AS (SELECT c.*, old.id AS old_id, old.value AS old_value, old.numerator AS old_numerator,
        old.denominator AS old_denominator
    FROM c {_stored("c", "= c.category_id")}),
new_breakdown AS (SELECT DISTINCT indicator_id, period_id, organization_id FROM c_old
    WHERE CASE WHEN value IS NULL THEN old_id IS NOT NULL
          ELSE old_id IS NULL OR old_value IS DISTINCT FROM value OR old_numerator IS DISTINCT FROM numerator
               OR old_denominator IS DISTINCT FROM denominator END),
plan AS (SELECT s.*, old.status AS old_status, b.indicator_id IS NOT NULL AS breakdown_changed,
        (old.id IS NOT NULL AND b.indicator_id IS NULL AND old.status IN ('submitted', 'approved')
         AND {_same("old", "s", "value numerator denominator weight comment source confidence is_flagged flag_reason")}
        ) AS unchanged
    FROM s {_stored("s", "IS NULL")}
    LEFT JOIN new_breakdown b ON {SAME_KEY.format(a="b", b="s")}),
parents AS (
    INSERT INTO indicators_indicatorvalue (coalition_id, indicator_id, period_id, organization_id, category_id,
        value, numerator, denominator, weight, comment, source, confidence, status, is_flagged, flag_reason,
        review_note, return_count, emailed_returns, entered_by_id, submitted_at, updated_at)
    SELECT %(coalition)s, indicator_id, period_id, organization_id, NULL, value, numerator, denominator, weight,
        comment, source, confidence, 'submitted', is_flagged, flag_reason, '', 0, 0, %(actor)s, %(now)s, %(now)s
    FROM plan WHERE NOT unchanged
    ON CONFLICT (indicator_id, period_id, organization_id, category_id) DO UPDATE SET
        value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
        weight = EXCLUDED.weight, comment = EXCLUDED.comment, source = EXCLUDED.source,
        confidence = EXCLUDED.confidence, is_flagged = EXCLUDED.is_flagged, flag_reason = EXCLUDED.flag_reason,
        status = 'submitted', entered_by_id = EXCLUDED.entered_by_id, submitted_at = EXCLUDED.submitted_at,
        updated_at = EXCLUDED.updated_at
    RETURNING xmax = 0 AS inserted),
emptied AS (
    DELETE FROM indicators_indicatorvalue v USING c_old c JOIN plan p ON {SAME_KEY.format(a="c", b="p")}
    WHERE v.id = c.old_id AND c.value IS NULL AND p.breakdown_changed AND NOT p.unchanged RETURNING v.id),
breakdowns AS (
    INSERT INTO indicators_indicatorvalue (coalition_id, indicator_id, period_id, organization_id, category_id,
        value, numerator, denominator, comment, source, confidence, status, is_flagged, flag_reason,
        review_note, return_count, emailed_returns, entered_by_id, submitted_at, updated_at)
    SELECT %(coalition)s, c.indicator_id, c.period_id, c.organization_id, c.category_id, c.value, c.numerator,
        c.denominator, '', p.source, p.confidence, 'submitted', FALSE, '', '', 0, 0, %(actor)s, %(now)s, %(now)s
    FROM c JOIN plan p ON {SAME_KEY.format(a="c", b="p")}
    WHERE c.value IS NOT NULL AND p.breakdown_changed AND NOT p.unchanged
    ON CONFLICT (indicator_id, period_id, organization_id, category_id) DO UPDATE SET
        value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
        status = EXCLUDED.status, entered_by_id = EXCLUDED.entered_by_id, submitted_at = EXCLUDED.submitted_at,
        confidence = EXCLUDED.confidence, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at
    WHERE indicators_indicatorvalue.status IS DISTINCT FROM EXCLUDED.status
        OR NOT ({_same("indicators_indicatorvalue", "EXCLUDED", "value numerator denominator")})
    RETURNING 1)
SELECT (SELECT COUNT(*) FROM parents WHERE inserted), (SELECT COUNT(*) FROM parents WHERE NOT inserted),
    (SELECT COUNT(*) FROM plan WHERE unchanged), (SELECT COUNT(*) FROM emptied) + (SELECT COUNT(*) FROM breakdowns),
    (SELECT jsonb_agg(DISTINCT jsonb_build_array(indicator_id, period_id)) FROM plan
     WHERE NOT unchanged AND old_status = 'approved')"""

# The categories of the values of the file take their value's status and review (they are
# reviewed with it); the categories of unchanged values already have it.
SYNC_CATEGORIES = f"""
WITH s AS ({VALUES})
UPDATE indicators_indicatorvalue cv
SET status = pv.status, reviewed_by_id = pv.reviewed_by_id, reviewed_at = pv.reviewed_at, updated_at = %(now)s
FROM s JOIN indicators_indicatorvalue pv ON {SAME_KEY.format(a="pv", b="s")} AND pv.category_id IS NULL
WHERE {SAME_KEY.format(a="cv", b="pv")} AND cv.category_id IS NOT NULL AND cv.status <> pv.status"""


@dataclass
class Written:
    created: int
    changed: int
    unchanged: int
    categories: int


@transaction.atomic
def write_values(*, actor, coalition, values: list, categories: list) -> Written:
    """Write checked values (``imports.Checked``) for ``actor``: two statements whatever
    their number. The caller checked them (``imports.values_check_import``) and re-checks what
    may have changed since (``import_jobs``)."""
    params = {"values": json.dumps(values), "categories": json.dumps(categories), "coalition": coalition.pk,
              "actor": actor.pk, "now": timezone.now()}
    with connection.cursor() as cursor:
        _execute(cursor, WRITE, params)
        created, changed, unchanged, category_rows, approved = cursor.fetchone()
        if created or changed:
            _execute(cursor, SYNC_CATEGORIES, params)
    queue_rollups(coalition.pk, json.loads(approved) if isinstance(approved, str) else approved or [])
    return Written(created=created, changed=changed, unchanged=unchanged, categories=category_rows)


def _execute(cursor, sql: str, params: dict) -> None:
    """Named parameters as positional ones: pghistory's and pgtrigger's cursor wrappers prepend
    positional parameters of their own."""
    cursor.execute(re.sub(r"%\((\w+)\)s", "%s", sql), [params[name] for name in re.findall(r"%\((\w+)\)s", sql)])
