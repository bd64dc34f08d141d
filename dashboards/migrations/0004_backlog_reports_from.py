"""The reporting backlog counts only the periods an organisation owes: those that end on or
after its assignment's ``reports_from`` (issue 13; indicators.selectors.expected() says the
same in the ORM). Only the refresh function changes: the assignment triggers already recompute
every period of an assignment whose row changes."""

from django.db import migrations

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

# The function of migration 0002, restored on the way back.
PREVIOUS = """
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


class Migration(migrations.Migration):

    dependencies = [
        ('dashboards', '0003_audit_trail_index'),
        ('indicators', '0012_assignment_reports_from'),
    ]

    operations = [
        migrations.RunSQL(REFRESH, PREVIOUS),
    ]
