# Squashed on 2026-12-01: the schema of the migrations it replaces, made in one step by
# SquashedSchema (coalitions/migration_ops.py). The replaced migrations stay until every
# database has applied them; a new database runs only this one.

from coalitions.migration_ops import SquashedSchema
from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion
import django.utils.timezone
import pgtrigger.compiler
import pgtrigger.migrations


# The reporting backlog's functions and statement triggers as they stand after 0004
# (0002_reporting_backlog explains them); a new database has no rows to fill.
REFRESH = """
CREATE OR REPLACE FUNCTION dashboards_backlog_refresh(org_ids bigint[], starts date[], dues date[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('reporting-backlog'), (o % 2147483647)::int)
    FROM (SELECT DISTINCT o FROM UNNEST(org_ids) AS o WHERE o IS NOT NULL ORDER BY o) AS sorted;
    WITH k AS (SELECT DISTINCT * FROM UNNEST(org_ids, starts, dues) AS k(organization_id, start, due_date))
    DELETE FROM dashboards_reportingbacklog b USING k
    WHERE b.organization_id = k.organization_id AND b.start = k.start AND b.due_date = k.due_date;
    WITH k AS (SELECT DISTINCT * FROM UNNEST(org_ids, starts, dues) AS k(organization_id, start, due_date))
    INSERT INTO dashboards_reportingbacklog (coalition_id, organization_id, start, due_date, missing, returned, drafts)
    SELECT o.coalition_id, o.id, k.start, k.due_date,
           COUNT(*) FILTER (WHERE v.status IS NULL OR v.status NOT IN ('submitted', 'approved')),
           COUNT(*) FILTER (WHERE v.status = 'returned'),
           COUNT(*) FILTER (WHERE v.status = 'draft')
    FROM k
    JOIN coalitions_organization o ON o.id = k.organization_id
    JOIN indicators_indicatorgroupobjectpermission a ON a.group_id = o.group_id
    JOIN auth_permission perm ON perm.id = a.permission_id AND perm.codename = 'report_indicator'
    JOIN indicators_indicator i ON i.id = a.content_object_id AND i.coalition_id = o.coalition_id
                                AND i.aggregation <> 'coordinator'
    JOIN indicators_period p ON p.indicator_id = i.id AND p.start = k.start AND p.due_date = k.due_date
                             AND NOT p.is_locked
                             AND (a.reports_from IS NULL OR a.reports_from <= p."end")
    LEFT JOIN LATERAL (  -- one probe of value_unique_cell per period (a plain join reads every organisation's)
        SELECT v.status FROM indicators_indicatorvalue v
        WHERE v.indicator_id = p.indicator_id AND v.period_id = p.id AND v.organization_id = k.organization_id
          AND v.category_id IS NULL LIMIT 1) v ON TRUE
    GROUP BY o.coalition_id, o.id, k.start, k.due_date
    HAVING COUNT(*) FILTER (WHERE v.status IS NULL OR v.status NOT IN ('submitted', 'approved')) > 0
    ON CONFLICT (organization_id, start, due_date) DO UPDATE SET
        missing = EXCLUDED.missing, returned = EXCLUDED.returned, drafts = EXCLUDED.drafts;
END $$;
"""

REFRESH_INDICATORS = """
CREATE OR REPLACE FUNCTION dashboards_backlog_refresh_indicators(
    indicator_ids bigint[], group_ids integer[], starts date[], dues date[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE orgs bigint[]; key_starts date[]; key_dues date[];
BEGIN
    SELECT array_agg(k.o), array_agg(k.s), array_agg(k.d) INTO orgs, key_starts, key_dues FROM (
        SELECT DISTINCT o.id AS o, dt.s, dt.d
        FROM UNNEST(indicator_ids, group_ids, starts, dues) AS c(indicator_id, group_id, start, due_date)
        CROSS JOIN LATERAL (
            SELECT c.group_id AS g WHERE c.group_id IS NOT NULL
            UNION SELECT a.group_id FROM indicators_indicatorgroupobjectpermission a
                  WHERE c.group_id IS NULL AND a.content_object_id = c.indicator_id) AS gr
        JOIN coalitions_organization o ON o.group_id = gr.g
        CROSS JOIN LATERAL (
            SELECT c.start AS s, c.due_date AS d WHERE c.start IS NOT NULL
            UNION ALL SELECT p.start, p.due_date FROM indicators_period p
                      WHERE c.start IS NULL AND p.indicator_id = c.indicator_id) AS dt) k;
    IF orgs IS NOT NULL THEN
        PERFORM dashboards_backlog_refresh(orgs, key_starts, key_dues);
    END IF;
END $$;
"""

# Values: the (organisation, period dates) of each row whose status, period, organisation
# or category a statement changed, before and after.
ON_VALUES = """
CREATE OR REPLACE FUNCTION dashboards_backlog_on_values() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE orgs bigint[]; starts date[]; dues date[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(k.o), array_agg(k.s), array_agg(k.d) INTO orgs, starts, dues FROM (
            SELECT DISTINCT n.organization_id AS o, p.start AS s, p.due_date AS d
            FROM new_rows n JOIN indicators_period p ON p.id = n.period_id
            WHERE n.category_id IS NULL AND n.organization_id IS NOT NULL) k;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(k.o), array_agg(k.s), array_agg(k.d) INTO orgs, starts, dues FROM (
            SELECT DISTINCT r.organization_id AS o, p.start AS s, p.due_date AS d
            FROM old_rows r JOIN indicators_period p ON p.id = r.period_id
            WHERE r.category_id IS NULL AND r.organization_id IS NOT NULL) k;
    ELSE
        SELECT array_agg(k.o), array_agg(k.s), array_agg(k.d) INTO orgs, starts, dues FROM (
            SELECT DISTINCT side.organization_id AS o, p.start AS s, p.due_date AS d
            FROM old_rows r JOIN new_rows n ON n.id = r.id
            CROSS JOIN LATERAL (VALUES (r.organization_id, r.period_id, r.category_id),
                                       (n.organization_id, n.period_id, n.category_id))
                AS side(organization_id, period_id, category_id)
            JOIN indicators_period p ON p.id = side.period_id
            WHERE (r.status, r.period_id, r.organization_id, r.category_id)
                  IS DISTINCT FROM (n.status, n.period_id, n.organization_id, n.category_id)
              AND side.category_id IS NULL AND side.organization_id IS NOT NULL) k;
    END IF;
    IF orgs IS NOT NULL THEN
        PERFORM dashboards_backlog_refresh(orgs, starts, dues);
    END IF;
    RETURN NULL;
END $$;
"""

# Periods: new, deleted, or whose indicator, dates or lock changed (both dates).
ON_PERIODS = """
CREATE OR REPLACE FUNCTION dashboards_backlog_on_periods() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids bigint[]; starts date[]; dues date[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(indicator_id), array_agg(start), array_agg(due_date) INTO ids, starts, dues FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(indicator_id), array_agg(start), array_agg(due_date) INTO ids, starts, dues FROM old_rows;
    ELSE
        SELECT array_agg(side.i), array_agg(side.s), array_agg(side.d) INTO ids, starts, dues
        FROM old_rows r JOIN new_rows n ON n.id = r.id
        CROSS JOIN LATERAL (VALUES (r.indicator_id, r.start, r.due_date),
                                   (n.indicator_id, n.start, n.due_date)) AS side(i, s, d)
        WHERE (r.indicator_id, r.start, r.due_date, r.is_locked)
              IS DISTINCT FROM (n.indicator_id, n.start, n.due_date, n.is_locked);
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM dashboards_backlog_refresh_indicators(ids, array_fill(NULL::integer, ARRAY[cardinality(ids)]),
                                                      starts, dues);
    END IF;
    RETURN NULL;
END $$;
"""

# Indicators: every period of one whose entry method changed (to or from the coordination team's).
ON_INDICATORS = """
CREATE OR REPLACE FUNCTION dashboards_backlog_on_indicators() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids bigint[];
BEGIN
    SELECT array_agg(n.id) INTO ids FROM old_rows r JOIN new_rows n ON n.id = r.id
    WHERE r.aggregation IS DISTINCT FROM n.aggregation;
    IF ids IS NOT NULL THEN
        PERFORM dashboards_backlog_refresh_indicators(
            ids, array_fill(NULL::integer, ARRAY[cardinality(ids)]),
            array_fill(NULL::date, ARRAY[cardinality(ids)]), array_fill(NULL::date, ARRAY[cardinality(ids)]));
    END IF;
    RETURN NULL;
END $$;
"""

# Reporting assignments made or removed: every period of the indicator, for that group's organisation.
ON_ASSIGNMENTS = """
CREATE OR REPLACE FUNCTION dashboards_backlog_on_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids bigint[]; groups integer[];
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT array_agg(content_object_id), array_agg(group_id) INTO ids, groups FROM new_rows;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        SELECT coalesce(ids, '{}') || array_agg(content_object_id), coalesce(groups, '{}') || array_agg(group_id)
        INTO ids, groups FROM old_rows;
    END IF;
    IF ids IS NOT NULL AND cardinality(ids) > 0 THEN
        PERFORM dashboards_backlog_refresh_indicators(
            ids, groups, array_fill(NULL::date, ARRAY[cardinality(ids)]),
            array_fill(NULL::date, ARRAY[cardinality(ids)]));
    END IF;
    RETURN NULL;
END $$;
"""

TABLES = [
    ("indicators_indicatorvalue", "values", ("INSERT", "UPDATE", "DELETE")),
    ("indicators_period", "periods", ("INSERT", "UPDATE", "DELETE")),
    ("indicators_indicator", "indicators", ("UPDATE",)),
    ("indicators_indicatorgroupobjectpermission", "assignments", ("INSERT", "UPDATE", "DELETE")),
]
REFERENCING = {"INSERT": "NEW TABLE AS new_rows", "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
               "DELETE": "OLD TABLE AS old_rows"}


def triggers_sql() -> str:
    return "".join(
        f"CREATE TRIGGER dashboards_backlog_{event.lower()} AFTER {event} ON {table} "
        f"REFERENCING {REFERENCING[event]} FOR EACH STATEMENT EXECUTE FUNCTION dashboards_backlog_on_{name}();\n"
        for table, name, events in TABLES for event in events
    )


def drop_sql() -> str:
    drops = "".join(f"DROP TRIGGER IF EXISTS dashboards_backlog_{event.lower()} ON {table};\n"
                    for table, _name, events in TABLES for event in events)
    return drops + "".join(f"DROP FUNCTION IF EXISTS dashboards_backlog_on_{name}();\n" for _t, name, _e in TABLES) + (
        "DROP FUNCTION IF EXISTS dashboards_backlog_refresh_indicators(bigint[], integer[], date[], date[]);\n"
        "DROP FUNCTION IF EXISTS dashboards_backlog_refresh(bigint[], date[], date[]);\n")


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('dashboards', '0001_move_reports_from_coalitions'),
        ('dashboards', '0002_reporting_backlog'),
        ('dashboards', '0003_audit_trail_index'),
        ('dashboards', '0004_backlog_reports_from'),
    ]

    dependencies = [
        ('coalitions', '0001_squashed_0016_export_jobs'),
        ('indicators', '0001_squashed_0013_merge_20261201_0908'),
        ('pghistory', '0007_auto_20250421_0444'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        SquashedSchema(operations=[
            migrations.CreateModel(
                name='ReportSnapshot',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('period_start', models.DateField(verbose_name='start')),
                    ('period_end', models.DateField(verbose_name='end')),
                    ('data', models.JSONField()),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='frozen on')),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'report snapshot',
                    'verbose_name_plural': 'report snapshots',
                    'db_table': 'coalitions_reportsnapshot',
                    'ordering': ['-created_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='ReportSnapshotEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('period_start', models.DateField(verbose_name='start')),
                    ('period_end', models.DateField(verbose_name='end')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='frozen on')),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('created_by', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='dashboards.reportsnapshot')),
                ],
                options={
                    'db_table': 'coalitions_reportsnapshotevent',
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ShareLink',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('expires_at', models.DateTimeField(verbose_name='expires on')),
                    ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked on')),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('snapshot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='dashboards.reportsnapshot')),
                ],
                options={
                    'verbose_name': 'share link',
                    'verbose_name_plural': 'share links',
                    'db_table': 'coalitions_sharelink',
                    'ordering': ['-created_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='ShareLinkEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('expires_at', models.DateTimeField(verbose_name='expires on')),
                    ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked on')),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('created_by', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='dashboards.sharelink')),
                    ('snapshot', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='dashboards.reportsnapshot')),
                ],
                options={
                    'db_table': 'coalitions_sharelinkevent',
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ShareLinkOpening',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('opened_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('ip_address', models.GenericIPAddressField(blank=True, null=True)),
                    ('user_agent', models.CharField(blank=True, max_length=300)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('link', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='openings', to='dashboards.sharelink')),
                ],
                options={
                    'db_table': 'coalitions_sharelinkopening',
                    'ordering': ['-opened_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='ReportingBacklog',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('start', models.DateField()),
                    ('due_date', models.DateField()),
                    ('missing', models.PositiveIntegerField()),
                    ('returned', models.PositiveIntegerField(default=0)),
                    ('drafts', models.PositiveIntegerField(default=0)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='coalitions.coalition')),
                    ('organization', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='coalitions.organization')),
                ],
                options={
                    'indexes': [models.Index(fields=['coalition', 'due_date'], name='backlog_due')],
                    'constraints': [models.UniqueConstraint(fields=('organization', 'start', 'due_date'), name='backlog_unique_key')],
                },
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='reportsnapshot',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_reportsnapshotevent" ("coalition_id", "created_at", "created_by_id", "id", "period_end", "period_start", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "title") VALUES (NEW."coalition_id", NEW."created_at", NEW."created_by_id", NEW."id", NEW."period_end", NEW."period_start", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."title"); RETURN NULL;', hash='af8603a7628c01f2b87ead71279ee687784c9567', operation='INSERT', pgid='pgtrigger_insert_insert_b97c6', table='coalitions_reportsnapshot', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='reportsnapshot',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."created_by_id" IS DISTINCT FROM (NEW."created_by_id") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."period_end" IS DISTINCT FROM (NEW."period_end") OR OLD."period_start" IS DISTINCT FROM (NEW."period_start") OR OLD."title" IS DISTINCT FROM (NEW."title"))', func='INSERT INTO "coalitions_reportsnapshotevent" ("coalition_id", "created_at", "created_by_id", "id", "period_end", "period_start", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "title") VALUES (NEW."coalition_id", NEW."created_at", NEW."created_by_id", NEW."id", NEW."period_end", NEW."period_start", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."title"); RETURN NULL;', hash='ae153b6bdc7d3bad64c3161bc47e04939bd9c98f', operation='UPDATE', pgid='pgtrigger_update_update_6a876', table='coalitions_reportsnapshot', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='reportsnapshot',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_reportsnapshotevent" ("coalition_id", "created_at", "created_by_id", "id", "period_end", "period_start", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "title") VALUES (OLD."coalition_id", OLD."created_at", OLD."created_by_id", OLD."id", OLD."period_end", OLD."period_start", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."title"); RETURN NULL;', hash='99487f999517232c988256c420daa23fbca8dc41', operation='DELETE', pgid='pgtrigger_delete_delete_c0c41', table='coalitions_reportsnapshot', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='reportsnapshotevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coalitions__coaliti_8aebfb_idx'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='sharelink',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_sharelinkevent" ("coalition_id", "created_at", "created_by_id", "expires_at", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "snapshot_id") VALUES (NEW."coalition_id", NEW."created_at", NEW."created_by_id", NEW."expires_at", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."revoked_at", NEW."snapshot_id"); RETURN NULL;', hash='ad9d6ab0f633755c4c6e2b3ab622cf013d121f80', operation='INSERT', pgid='pgtrigger_insert_insert_356e9', table='coalitions_sharelink', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='sharelink',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."created_by_id" IS DISTINCT FROM (NEW."created_by_id") OR OLD."expires_at" IS DISTINCT FROM (NEW."expires_at") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."revoked_at" IS DISTINCT FROM (NEW."revoked_at") OR OLD."snapshot_id" IS DISTINCT FROM (NEW."snapshot_id"))', func='INSERT INTO "coalitions_sharelinkevent" ("coalition_id", "created_at", "created_by_id", "expires_at", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "snapshot_id") VALUES (NEW."coalition_id", NEW."created_at", NEW."created_by_id", NEW."expires_at", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."revoked_at", NEW."snapshot_id"); RETURN NULL;', hash='773da561e3e15757fbe260834399023ffe78b32d', operation='UPDATE', pgid='pgtrigger_update_update_3c0b9', table='coalitions_sharelink', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='sharelink',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_sharelinkevent" ("coalition_id", "created_at", "created_by_id", "expires_at", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "snapshot_id") VALUES (OLD."coalition_id", OLD."created_at", OLD."created_by_id", OLD."expires_at", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."revoked_at", OLD."snapshot_id"); RETURN NULL;', hash='cdf09036a0fd779f2a7366c50d585127d6f1faf0', operation='DELETE', pgid='pgtrigger_delete_delete_089cf', table='coalitions_sharelink', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='sharelinkevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coalitions__coaliti_38d059_idx'),
            ),
        ]),
        migrations.RunSQL(REFRESH + REFRESH_INDICATORS + ON_VALUES + ON_PERIODS + ON_INDICATORS
                          + ON_ASSIGNMENTS + triggers_sql(), drop_sql()),
    ]
