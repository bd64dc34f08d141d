"""Coalition values ("rollups"), computed in SQL, set-based, from approved values only.

One ``INSERT ... SELECT ... GROUP BY ... ON CONFLICT DO UPDATE`` per call, for every key of
the coalition (the nightly full recompute) or only for the (indicator, period) keys that
changed. An update that would not change the numbers is skipped (``WHERE ... IS DISTINCT
FROM``), so running either twice changes nothing, not even ``computed_at``."""

from django.db import connection, transaction
from django.db.models import Count
from django_scopes import scope

# The indicator's method; a percentage is always the sum of numerators over the sum of denominators.
VALUE_SQL = """
    CASE WHEN i.value_type = 'percentage'
         THEN 100 * SUM(v.numerator) / NULLIF(SUM(v.denominator), 0)
    ELSE CASE i.aggregation
         WHEN 'sum' THEN SUM(v.value)
         WHEN 'average' THEN AVG(v.value)
         WHEN 'weighted_average'
              THEN SUM(v.value * v.weight) / NULLIF(SUM(v.weight) FILTER (WHERE v.value IS NOT NULL), 0)
         WHEN 'min' THEN MIN(v.value)
         WHEN 'max' THEN MAX(v.value)
         ELSE (ARRAY_AGG(v.value ORDER BY v.updated_at DESC, v.id DESC))[1]
    END END
"""

# How many organisations must report: those that owe the period (one, the coordination team, for coordinator-entered).
EXPECTED_SQL = "CASE WHEN i.aggregation = 'coordinator' THEN 1 ELSE COALESCE(MAX(e.n), 0) END"

KEY_FILTER = (
    "AND (v.indicator_id, v.period_id) IN (SELECT * FROM UNNEST(%s::bigint[], %s::bigint[]))"
)
ROLLUP_KEY_FILTER = (
    "AND (r.indicator_id, r.period_id) IN (SELECT * FROM UNNEST(%s::bigint[], %s::bigint[]))"
)

UPSERT = """
WITH expected AS ({reporters})
INSERT INTO indicators_indicatorrollup AS r
    (coalition_id, indicator_id, period_id, category_id, value, numerator, denominator,
     reported_count, expected_count, computed_at)
SELECT v.coalition_id, v.indicator_id, v.period_id, v.category_id, {value},
       SUM(v.numerator), SUM(v.denominator),
       COUNT(DISTINCT COALESCE(v.organization_id, 0)), {expected}, NOW()
FROM indicators_indicatorvalue v JOIN indicators_indicator i ON i.id = v.indicator_id
    LEFT JOIN expected e ON e.period_id = v.period_id
WHERE v.coalition_id = %s AND v.status = 'approved' {keys}
GROUP BY v.coalition_id, v.indicator_id, v.period_id, v.category_id, i.id, i.value_type, i.aggregation
ON CONFLICT (indicator_id, period_id, category_id) DO UPDATE SET
    value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
    reported_count = EXCLUDED.reported_count, expected_count = EXCLUDED.expected_count,
    computed_at = EXCLUDED.computed_at
WHERE (r.value, r.numerator, r.denominator, r.reported_count, r.expected_count)
    IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.numerator, EXCLUDED.denominator,
                      EXCLUDED.reported_count, EXCLUDED.expected_count)
"""

DELETE_STALE = """
DELETE FROM indicators_indicatorrollup r
WHERE r.coalition_id = %s {keys}
  AND NOT EXISTS (
    SELECT 1 FROM indicators_indicatorvalue v
    WHERE v.indicator_id = r.indicator_id AND v.period_id = r.period_id
      AND v.category_id IS NOT DISTINCT FROM r.category_id AND v.status = 'approved')
"""

# The same aggregation written by hand as one plain GROUP BY query (bench_rollups compares).
HAND_MADE = f"""
SELECT v.indicator_id, v.period_id, v.category_id, {VALUE_SQL}, COUNT(DISTINCT COALESCE(v.organization_id, 0))
FROM indicators_indicatorvalue v JOIN indicators_indicator i ON i.id = v.indicator_id
WHERE v.coalition_id = %s AND v.status = 'approved'
GROUP BY v.indicator_id, v.period_id, v.category_id, i.id, i.value_type, i.aggregation
"""


def is_complete(reported: int, expected: int, threshold: int = 100) -> bool:
    """Is a coalition value the coalition's result? When at least ``threshold`` % of the
    organisations expected to report it are counted (all of them at 100, the default; the
    coalition's ``completeness_threshold``). A value nobody is expected to report (its
    organisations were unassigned since) is complete: there is no one left to wait for."""
    return reported * 100 >= threshold * expected


def recompute(coalition_id: int, keys: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """Recompute the rollups of a coalition: all of them (keys=None) or only (indicator_id,
    period_id) ``keys``. Returns (rows inserted or changed, stale rows deleted)."""
    params = [coalition_id]
    if keys is not None:
        keys = sorted(set(keys))
        if not keys:
            return 0, 0
        params += [[k[0] for k in keys], [k[1] for k in keys]]
    with scope(coalition=coalition_id):  # who owes what: selectors.expected(), compiled into the upsert
        from .selectors import among, expected

        periods = among(k[1] for k in keys) if keys is not None else None  # only the keys' periods
        expected_sql, expected_params = (expected(coalition_id, periods).values("period_id")
                                         .annotate(n=Count("*")).order_by().query.sql_with_params())
    with transaction.atomic(), connection.cursor() as cursor:
        # One recompute at a time per coalition: concurrent ones would only redo the same work.
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('indicator-rollups'), %s)", [coalition_id])
        # Compiling this query just in time costs more than running it; restored below.
        cursor.execute("SELECT current_setting('jit')")
        jit = cursor.fetchone()[0]
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            UPSERT.format(reporters=expected_sql, value=VALUE_SQL, expected=EXPECTED_SQL,
                          keys=KEY_FILTER if keys is not None else ""),
            [*expected_params, *params],
        )
        changed = cursor.rowcount
        cursor.execute(DELETE_STALE.format(keys=ROLLUP_KEY_FILTER if keys is not None else ""), params)
        deleted = cursor.rowcount
        cursor.execute("SELECT set_config('jit', %s, true)", [jit])
    return changed, deleted
