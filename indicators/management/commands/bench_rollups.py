"""Time the rollups on a large coalition: full recompute vs one hand-made GROUP BY query,
and an incremental recompute after one value changes.

The benchmark coalition is built with set-based SQL (``generate_series``) for speed, inside
a transaction that is rolled back at the end: nothing is left in the database."""

import math
import time
from datetime import date

import pgtrigger
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django_scopes import scopes_disabled

from coalitions.models import Coalition, Organization
from indicators import rollups


class Rollback(Exception):
    pass


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


class Command(BaseCommand):
    help = "Benchmark the indicator rollups with N approved values (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--values", type=int, default=1_000_000)
        parser.add_argument("--organizations", type=int, default=40)
        parser.add_argument("--indicators", type=int, default=50)

    def handle(self, *args, values: int, organizations: int, indicators: int, **options):
        try:
            with transaction.atomic(), scopes_disabled():
                self._run(values, organizations, indicators)
                raise Rollback
        except Rollback:
            self.stdout.write("The benchmark data was rolled back.")

    def _run(self, n_values: int, n_orgs: int, n_indicators: int):
        periods_per_indicator = max(1, math.ceil(n_values / (n_orgs * n_indicators)))
        stamp = int(time.time() * 1000)
        coalition = Coalition.objects.create(name=f"Banc d'essai {stamp}", slug=f"bench-{stamp}", territory="Banc")
        orgs = []
        for i in range(n_orgs):
            group = Group.objects.create(name=f"bench-{stamp}-{i}")
            orgs.append(Organization(coalition=coalition, name=f"Organisme {i}", sector="community",
                                     kind="community", group=group))
        Organization.objects.bulk_create(orgs)
        started = time.perf_counter()
        # The audit triggers would record a million insert events: a benchmark does not need them.
        audit_triggers = [f"indicators.{m}:insert_insert" for m in ("Indicator", "Period", "IndicatorValue")]
        with pgtrigger.ignore(*audit_triggers), connection.cursor() as cursor:
            cursor.execute("""
                INSERT INTO indicators_indicator (coalition_id, code, name_fr, name_en, definition_fr, definition_en,
                    level, unit, value_type, scale_labels, direction, frequency, aggregation, data_source, due_days,
                    reporting_start, created_at)
                SELECT %s, 'B-' || g, 'Indicateur ' || g, 'Indicator ' || g, '', '', 'performance', '',
                    CASE WHEN g %% 5 = 0 THEN 'percentage' ELSE 'count' END, '', 'higher', 'monthly',
                    (ARRAY['sum','average','min','max','latest','weighted_average'])[1 + g %% 6], '', 15,
                    %s, NOW()
                FROM generate_series(1, %s) g""", [coalition.pk, date(1900, 1, 1), n_indicators])
            cursor.execute("""
                INSERT INTO indicators_period (coalition_id, indicator_id, start, "end", due_date, is_locked)
                SELECT %s, i.id, (DATE '1900-01-01' + make_interval(months => g))::date,
                    (DATE '1900-01-01' + make_interval(months => g + 1) - INTERVAL '1 day')::date,
                    (DATE '1900-01-01' + make_interval(months => g + 1) + INTERVAL '14 days')::date, FALSE
                FROM indicators_indicator i, generate_series(0, %s - 1) g WHERE i.coalition_id = %s""",
                [coalition.pk, periods_per_indicator, coalition.pk])
            cursor.execute("""
                INSERT INTO indicators_indicatorgroupobjectpermission (coalition_id, content_object_id, group_id,
                    permission_id)
                SELECT %s, i.id, o.group_id, p.id
                FROM indicators_indicator i, coalitions_organization o, auth_permission p
                WHERE i.coalition_id = %s AND o.coalition_id = %s AND p.codename = 'report_indicator'""",
                [coalition.pk] * 3)
            cursor.execute("""
                INSERT INTO indicators_indicatorvalue (coalition_id, indicator_id, period_id, organization_id, value,
                    numerator, denominator, weight, comment, source, confidence, status, is_flagged, flag_reason,
                    review_note, return_count, emailed_returns, submitted_at, updated_at)
                SELECT %s, p.indicator_id, p.id, o.id,
                    CASE WHEN i.value_type = 'percentage' THEN NULL ELSE (random() * 1000)::numeric(18, 4) END,
                    CASE WHEN i.value_type = 'percentage' THEN floor(random() * 50) END,
                    CASE WHEN i.value_type = 'percentage' THEN 50 + floor(random() * 50) END,
                    1 + floor(random() * 20), '', '', 'high', 'approved', FALSE, '', '', 0, 0, NOW(), NOW()
                FROM indicators_period p JOIN indicators_indicator i ON i.id = p.indicator_id,
                     coalitions_organization o
                WHERE p.coalition_id = %s AND o.coalition_id = %s""", [coalition.pk] * 3)
            cursor.execute("SELECT COUNT(*) FROM indicators_indicatorvalue WHERE coalition_id = %s", [coalition.pk])
            count = cursor.fetchone()[0]
            cursor.execute("ANALYZE indicators_indicatorvalue")
            cursor.execute("ANALYZE indicators_indicatorrollup")
        self.stdout.write(f"Built {count:,} approved values ({n_indicators} indicators x {periods_per_indicator} "
                          f"periods x {n_orgs} organizations) in {time.perf_counter() - started:.1f} s")

        def hand_made():
            with connection.cursor() as cursor:
                cursor.execute(rollups.HAND_MADE, [coalition.pk])
                return len(cursor.fetchall())

        with connection.cursor() as cursor:  # same settings for both: the recompute turns JIT off
            cursor.execute("SET LOCAL jit = off")
        hand_time, groups = timed(hand_made)
        full_time, (written, _deleted) = timed(rollups.recompute, coalition.pk)
        again_time, (rewritten, _d) = timed(rollups.recompute, coalition.pk)
        hand_again, _g = timed(hand_made)
        self.stdout.write(f"Hand-made GROUP BY query:        {hand_time:8.3f} s ({groups:,} groups; "
                          f"again {hand_again:.3f} s)")
        self.stdout.write(f"Full recompute (INSERT ... ON CONFLICT): {full_time:8.3f} s ({written:,} rows written)")
        self.stdout.write(f"Ratio full / hand-made:          {full_time / hand_time:8.2f}x")
        self.stdout.write(f"Full recompute again (no change): {again_time:8.3f} s ({rewritten} rows changed)")
        with connection.cursor() as cursor:
            cursor.execute("""
                UPDATE indicators_indicatorvalue SET value = COALESCE(value, 0) + 1, updated_at = NOW()
                WHERE id = (SELECT MIN(id) FROM indicators_indicatorvalue WHERE coalition_id = %s AND value IS NOT NULL)
                RETURNING indicator_id, period_id""", [coalition.pk])
            key = tuple(cursor.fetchone())
        incremental_time, (changed, _d) = timed(rollups.recompute, coalition.pk, [key])
        self.stdout.write(f"Incremental recompute after one value changed: {incremental_time * 1000:.1f} ms "
                          f"({changed} row changed)")
