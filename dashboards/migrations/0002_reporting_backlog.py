"""The reporting backlog (dashboards.ReportingBacklog), kept exact by the database itself.

One function recomputes the rows of some (organization, start, due date) keys, set-based;
statement-level triggers (with transition tables, so a 10,000-row import or a bulk approval
recomputes each key it touched once) call it for the keys a statement changed on values,
periods, indicators and reporting assignments. A per-organisation advisory lock makes two
transactions that touch the same organisation count one after the other, each on what the
other committed. The last operation fills the table for the data already there."""

import django.db.models.deletion
from django.db import migrations, models

# Who reports what (as indicators.selectors.reporters() says it, here in SQL because a trigger
# runs it): a ``report_indicator`` grant to the organisation's group, for an indicator of its
# coalition that the coordination team does not enter itself.
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

# The keys of (indicator, group or NULL, start or NULL, due date or NULL) changes: the
# group's organisation (NULL: every organisation assigned to the indicator) for those dates
# (NULL: every period of the indicator).
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


# The data already there: every assignment, every period of its indicator.
FILL = """
SELECT dashboards_backlog_refresh_indicators(
    array_agg(content_object_id), array_agg(group_id),
    array_fill(NULL::date, ARRAY[COUNT(*)::int]), array_fill(NULL::date, ARRAY[COUNT(*)::int]))
FROM indicators_indicatorgroupobjectpermission;
"""

class Migration(migrations.Migration):

    dependencies = [
        ('coalitions', '0007_move_reports_from_coalitions'),
        ('dashboards', '0001_move_reports_from_coalitions'),
        ('indicators', '0003_returned_value_index'),
    ]

    operations = [
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
        migrations.RunSQL(REFRESH + REFRESH_INDICATORS + ON_VALUES + ON_PERIODS + ON_INDICATORS + ON_ASSIGNMENTS
                          + triggers_sql(), drop_sql()),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
