"""Time an import of N values end to end, and the audited insert rate of the values table.

    manage.py bench_import --values 10000 [--format csv|xlsx]

A coalition of organisations x count indicators x monthly periods is built with set-based SQL,
with three approved values of history per indicator and organisation (the plausibility check
reads them); a file of N new values is written, then read (parse), checked (check) and saved
(write, audit included) through the import services, as a coordinator would. Everything runs in
one transaction rolled back at the end: nothing is left in the database.

The audited insert rate is measured apart: the same N rows inserted into the values table in one
statement with the audit triggers, then without them (the difference is the audit's cost)."""

import math
import time
from datetime import date

import pghistory
import pgtrigger
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django_scopes import scope, scopes_disabled

from coalitions.models import Coalition, Membership, Organization, Role
from coalitions.spreadsheets import CSV_CONTENT_TYPE, Sheet, csv_lines, xlsx_bytes
from indicators import transfer
from indicators.models import IndicatorValue
from indicators.services import import_write, imports

HISTORY = 3  # approved values per indicator and organisation before the imported periods
HEADER = ["indicator", "period_start", "organization", "value", "comment"]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark an import of N values (parse, check, write with audit) and audited inserts per second."

    def add_arguments(self, parser):
        parser.add_argument("--values", type=int, default=10_000)
        parser.add_argument("--organizations", "--organisations", dest="organizations", type=int, default=50)
        parser.add_argument("--indicators", type=int, default=20)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")

    def handle(self, *args, values: int, organizations: int, indicators: int, format: str, **options):
        try:
            with transaction.atomic():
                self._run(values, min(organizations, values), min(indicators, values), format)
                raise Rollback
        except Rollback:
            self.stdout.write("The benchmark data was rolled back.")

    def _run(self, n_values: int, n_orgs: int, n_indicators: int, file_format: str):
        periods = math.ceil(n_values / (n_orgs * n_indicators))
        with scopes_disabled():
            coalition, actor = self._coalition(n_orgs, n_indicators, periods)
        rows = self._rows(coalition, n_values)
        upload = _file(rows, file_format)
        self.stdout.write(f"{len(rows):,} values to import ({n_indicators} indicators x {n_orgs} organisations x "
                          f"{periods} periods, {HISTORY} approved values of history each), {file_format.upper()} "
                          f"of {upload.size / 1024:,.0f} KB")
        with scope(coalition=coalition), pghistory.context(user=actor.pk, url="bench_import"):
            started = time.perf_counter()
            parsed = transfer.read_rows(upload, transfer.IMPORT_COLUMNS)
            parse_time = time.perf_counter() - started
            started = time.perf_counter()
            checked = imports.values_check_import(actor=actor, coalition=coalition, rows=parsed)
            check_time = time.perf_counter() - started
            events_before = _events()
            started = time.perf_counter()
            written = import_write.write_values(actor=actor, coalition=coalition, values=checked.values,
                                                categories=checked.categories)
            write_time = time.perf_counter() - started
            events = _events() - events_before
            saved = written.created + written.changed
        self.stdout.write(f"Parse:  {parse_time:8.3f} s")
        self.stdout.write(f"Check:  {check_time:8.3f} s ({len(checked.values):,} values ready)")
        self.stdout.write(f"Write:  {write_time:8.3f} s ({saved:,} values saved, {events:,} audit events)")
        self.stdout.write(f"Import end to end: {parse_time + check_time + write_time:.3f} s")
        self._audited_inserts(coalition, n_values)

    def _coalition(self, n_orgs: int, n_indicators: int, periods: int):
        stamp = int(time.time() * 1000)
        coalition = Coalition.objects.create(name=f"Banc d'import {stamp}", slug=f"bench-import-{stamp}",
                                             territory="Banc")
        actor = get_user_model().objects.create_user(email=f"bench-import-{stamp}@example.org")
        Membership.objects.create(coalition=coalition, user=actor, role=Role.COORDINATOR)
        orgs = []
        for i in range(n_orgs):
            group = Group.objects.create(name=f"bench-import-{stamp}-{i}")
            orgs.append(Organization(coalition=coalition, name=f"Organisme {i:04d}", sector="community",
                                     kind="community", group=group))
        Organization.objects.bulk_create(orgs)
        c = coalition.pk
        with connection.cursor() as cursor:
            cursor.execute("""
                INSERT INTO indicators_indicator (coalition_id, code, name_fr, name_en, definition_fr, definition_en,
                    level, unit, value_type, scale_labels, direction, frequency, aggregation, data_source, due_days,
                    reporting_start, requires_category_total, created_at)
                SELECT %s, 'B-' || g, 'Indicateur ' || g, 'Indicator ' || g, '', '', 'performance', '', 'count', '',
                    'higher', 'monthly', 'sum', '', 15, %s, FALSE, NOW()
                FROM generate_series(1, %s) g""", [c, date(2000, 1, 1), n_indicators])
            cursor.execute("""
                INSERT INTO indicators_period (coalition_id, indicator_id, start, "end", due_date, is_locked)
                SELECT %s, i.id, (DATE '2000-01-01' + make_interval(months => g))::date,
                    (DATE '2000-01-01' + make_interval(months => g + 1) - INTERVAL '1 day')::date,
                    (DATE '2000-01-01' + make_interval(months => g + 1) + INTERVAL '14 days')::date, FALSE
                FROM indicators_indicator i, generate_series(0, %s - 1) g WHERE i.coalition_id = %s""",
                [c, HISTORY + periods, c])
            cursor.execute("""
                INSERT INTO indicators_indicatorgroupobjectpermission (coalition_id, content_object_id, group_id,
                    permission_id)
                SELECT %s, i.id, o.group_id, p.id
                FROM indicators_indicator i, coalitions_organization o, auth_permission p
                WHERE i.coalition_id = %s AND o.coalition_id = %s AND p.codename = 'report_indicator'""", [c] * 3)
            cursor.execute("""
                INSERT INTO indicators_indicatorvalue (coalition_id, indicator_id, period_id, organization_id, value,
                    comment, source, confidence, status, is_flagged, flag_reason, review_note, return_count,
                    emailed_returns, submitted_at, updated_at)
                SELECT %s, p.indicator_id, p.id, o.id, 100 + floor(random() * 20), '', '', 'high', 'approved',
                    FALSE, '', '', 0, 0, NOW(), NOW()
                FROM indicators_period p, coalitions_organization o
                WHERE p.coalition_id = %s AND o.coalition_id = %s AND p.start < %s""",
                [c, c, c, date(2000, 1 + HISTORY, 1)])
            cursor.execute("ANALYZE indicators_indicatorvalue")
        return coalition, actor

    def _rows(self, coalition, n_values: int) -> list[list]:
        with connection.cursor() as cursor:
            cursor.execute("""
                SELECT i.code, p.start, o.name FROM indicators_period p
                    JOIN indicators_indicator i ON i.id = p.indicator_id, coalitions_organization o
                WHERE p.coalition_id = %s AND o.coalition_id = %s AND p.start >= %s
                ORDER BY p.start, i.id, o.id LIMIT %s""", [coalition.pk, coalition.pk, date(2000, 1 + HISTORY, 1),
                                                          n_values])
            return [[code, start.isoformat(), org, 95 + n % 30, ""]
                    for n, (code, start, org) in enumerate(cursor.fetchall())]

    def _audited_inserts(self, coalition, n_values: int):
        """The same N values inserted in one statement, with and without the audit triggers."""
        statement = """
            INSERT INTO indicators_indicatorvalue (coalition_id, indicator_id, period_id, organization_id, value,
                comment, source, confidence, status, is_flagged, flag_reason, review_note, return_count,
                emailed_returns, submitted_at, updated_at)
            SELECT coalition_id, indicator_id, period_id, organization_id, value + 1, comment, source, confidence,
                'submitted', FALSE, '', '', 0, 0, NOW(), NOW()
            FROM indicators_indicatorvalue WHERE coalition_id = %s AND status = 'submitted'"""

        def insert(audited: bool) -> tuple[float, int]:
            with connection.cursor() as cursor:
                cursor.execute("SAVEPOINT bench_insert")
                cursor.execute("CREATE TEMP TABLE bench_copy ON COMMIT DROP AS SELECT * FROM indicators_indicatorvalue"
                               " WHERE coalition_id = %s AND status = 'submitted'", [coalition.pk])
                with pgtrigger.ignore("indicators.IndicatorValue:delete_delete"):
                    cursor.execute("DELETE FROM indicators_indicatorvalue WHERE coalition_id = %s "
                                   "AND status = 'submitted'", [coalition.pk])
                triggers = [] if audited else ["indicators.IndicatorValue:insert_insert"]
                with pghistory.context(user=None, url="bench_import"), pgtrigger.ignore(*triggers):
                    started = time.perf_counter()
                    cursor.execute(statement.replace("FROM indicators_indicatorvalue", "FROM bench_copy"),
                                   [coalition.pk])
                    elapsed, count = time.perf_counter() - started, cursor.rowcount
                cursor.execute("ROLLBACK TO SAVEPOINT bench_insert")
            return elapsed, count

        audited_time, count = insert(True)
        plain_time, _count = insert(False)
        if count:
            self.stdout.write(f"Audited inserts: {count / audited_time:10,.0f} values/s ({count:,} in one statement: "
                              f"{audited_time:.3f} s with audit, {plain_time:.3f} s without, audit "
                              f"{max(audited_time - plain_time, 0):.3f} s)")


def _events() -> int:
    event = next(m for m in _models() if getattr(m, "pgh_tracked_model", None) is IndicatorValue)
    with scopes_disabled():
        return event.objects.count()


def _models():
    from django.apps import apps

    return apps.get_models()


def _file(rows: list[list], file_format: str):
    """The file a person would upload, written by the project's one spreadsheet writer."""
    if file_format == "xlsx":
        return SimpleUploadedFile("valeurs.xlsx", xlsx_bytes([Sheet("valeurs", [HEADER, *rows])]))
    text = "".join(csv_lines([HEADER, *rows]))
    return SimpleUploadedFile("valeurs.csv", text.encode("utf-8"), content_type=CSV_CONTENT_TYPE)
