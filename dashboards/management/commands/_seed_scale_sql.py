"""The set-based SQL of ``seed_scale``: each builder returns statements (SQL and parameters)
that insert what is missing (``ON CONFLICT DO NOTHING``), with numbers drawn from a hash of the
cell, so a second run adds nothing. The command runs them, one transaction per step."""

import re
from datetime import timedelta

import pgtrigger
from django.apps import apps
from django.db import connection

# (name prefix, sector, kind) of the organisations, in turn
ORGANIZATION_KINDS = [
    ("Maison de la famille", "family", "community"),
    ("CPE", "childcare", "community"),
    ("Bibliothèque", "library", "public"),
    ("CLSC", "health", "public"),
    ("École primaire", "education", "public"),
    ("Municipalité", "municipal", "public"),
    ("Carrefour communautaire", "community", "community"),
    ("Coopérative", "other", "private"),
]
# value type and aggregation of indicator g, by g % 10 (a weighted average needs a weight)
INDICATOR_KINDS = "(ARRAY['count', 'count', 'count', 'count', 'amount', 'percentage', 'percentage', 'rate', " \
    "'yes_no', 'scale'])"
AGGREGATIONS = "(ARRAY['sum', 'average', 'weighted_average', 'latest', 'sum', 'sum', 'sum', 'average', 'average', " \
    "'average'])"
SCALE_LEVELS = "Insuffisant\nÀ améliorer\nSatisfaisant\nExcellent"
ACTIVITIES_PER_ORGANIZATION = 5  # activities logged per organisation over the last year

# A pseudo-random number in [0, 1) drawn from a text key: the same cell always gets the same value.
RANDOM = "((abs(hashtext({key})::bigint) %% 1000003) / 1000003.0)"


def rand(key: str) -> str:
    return RANDOM.format(key=key)


def organization_statements(c: int, count: int) -> list[tuple[str, list]]:
    """``count`` partner organisations, each with its auth group, named like the services name
    them (``organization:<id>``) once they have an id."""
    kinds = ORGANIZATION_KINDS
    create = (f"""
        WITH wanted AS (
            SELECT g, (%s::text[])[1 + (g - 1) %% {len(kinds)}] || ' ' || lpad(g::text, 3, '0') AS name,
                   (%s::text[])[1 + (g - 1) %% {len(kinds)}] AS sector,
                   (%s::text[])[1 + (g - 1) %% {len(kinds)}] AS kind
            FROM generate_series(1, %s) g
            WHERE NOT EXISTS (SELECT 1 FROM coalitions_organization o WHERE o.coalition_id = %s
                AND lower(o.name) = lower((%s::text[])[1 + (g - 1) %% {len(kinds)}]
                                          || ' ' || lpad(g::text, 3, '0')))
        ), groups AS (
            INSERT INTO auth_group (name) SELECT 'seed-scale-' || %s || '-' || g FROM wanted RETURNING id, name
        )
        INSERT INTO coalitions_organization (coalition_id, name, sector, kind, website, description, skills,
                                             group_id)
        SELECT %s, w.name, w.sector, w.kind, '', '', '', groups.id
        FROM wanted w JOIN groups ON groups.name = 'seed-scale-' || %s || '-' || w.g""",
        [[k[0] for k in kinds], [k[1] for k in kinds], [k[2] for k in kinds], count, c,
         [k[0] for k in kinds], c, c, c])
    # The services name an organisation's group after it, once it has an id.
    rename = ("""UPDATE auth_group g SET name = 'organization:' || o.id FROM coalitions_organization o
                WHERE o.group_id = g.id AND o.coalition_id = %s AND g.name LIKE 'seed-scale-%%'""", [c])
    return [create, rename]


def indicator_statements(c: int, count: int, first_month, today) -> list[tuple[str, list]]:
    """``count`` monthly indicators of every type, their periods, a final target, the categories
    of one in ten, and every partner organisation assigned to report each (guardian grants)."""
    statements = []
    statements.append((f"""
        INSERT INTO indicators_indicator (coalition_id, code, name_fr, name_en, definition_fr, definition_en,
            level, unit, value_type, scale_labels, direction, frequency, aggregation, data_source,
            expected_min, expected_max, due_days, reporting_start, requires_category_total, created_at)
        SELECT %s, 'ECH-' || lpad(g::text, 3, '0'), 'Indicateur ' || g, 'Indicator ' || g,
            'Un indicateur de mesure partagée, pour mesurer à l''échelle.', '',
            CASE WHEN g %% 10 = 5 THEN 'population' ELSE 'performance' END,
            CASE WHEN g %% 10 < 4 THEN 'personnes' ELSE '' END,
            {INDICATOR_KINDS}[1 + g %% 10],
            CASE WHEN g %% 10 = 9 THEN %s ELSE '' END, 'higher', 'monthly', {AGGREGATIONS}[1 + g %% 10],
            'Registres des organismes', 0,
            CASE {INDICATOR_KINDS}[1 + g %% 10] WHEN 'count' THEN 1000 WHEN 'amount' THEN 100000
                 WHEN 'rate' THEN 1000 END,
            15, %s, g %% 20 IN (1, 5), NOW()
        FROM generate_series(1, %s) g
        ON CONFLICT DO NOTHING""", [c, SCALE_LEVELS, first_month, count]))
    # Every monthly period from the first month to the one that contains today (not yet ended).
    statements.append(("""
        INSERT INTO indicators_period (coalition_id, indicator_id, start, "end", due_date, is_locked)
        SELECT %s, i.id, s.start::date, (s.start + INTERVAL '1 month - 1 day')::date,
            (s.start + INTERVAL '1 month - 1 day')::date + i.due_days, FALSE
        FROM indicators_indicator i,
             generate_series(i.reporting_start::timestamp, date_trunc('month', %s::timestamp), '1 month') s(start)
        WHERE i.coalition_id = %s
        ON CONFLICT DO NOTHING""", [c, today, c]))
    statements.append(("""
        INSERT INTO indicators_target (coalition_id, indicator_id, period_id, value)
        SELECT %s, i.id, NULL, CASE i.value_type WHEN 'percentage' THEN 60 WHEN 'yes_no' THEN 1
            WHEN 'scale' THEN 3 ELSE i.expected_max / 4 END
        FROM indicators_indicator i WHERE i.coalition_id = %s
        ON CONFLICT DO NOTHING""", [c, c]))
    # Counts (g % 20 = 1) break down in three territories, percentages (g % 20 = 5) in two age
    # groups; both must add up. Two parts keep a percentage's numerators within denominators.
    statements.append(("""
        INSERT INTO indicators_category (coalition_id, indicator_id, dimension, label)
        SELECT %s, i.id, d.dimension, d.label
        FROM indicators_indicator i JOIN (VALUES
            ('count', 'Territoire', 'Secteur est'), ('count', 'Territoire', 'Secteur nord'),
            ('count', 'Territoire', 'Secteur ouest'),
            ('percentage', 'Groupe d''âge', '0-2 ans'), ('percentage', 'Groupe d''âge', '3-5 ans')
        ) d(value_type, dimension, label) ON d.value_type = i.value_type
        WHERE i.coalition_id = %s AND i.requires_category_total
        ON CONFLICT DO NOTHING""", [c, c]))
    statements.append(("""
        INSERT INTO indicators_indicatorgroupobjectpermission (coalition_id, content_object_id, group_id,
            permission_id)
        SELECT %s, i.id, o.group_id, p.id
        FROM indicators_indicator i, coalitions_organization o, auth_permission p
            JOIN django_content_type t ON t.id = p.content_type_id
        WHERE i.coalition_id = %s AND o.coalition_id = %s AND o.kind <> 'funder'
            AND p.codename = 'report_indicator' AND t.app_label = 'indicators'
        ON CONFLICT DO NOTHING""", [c, c, c]))
    return statements


def value_inserts(c: int, *, partner: int, coordinator: int, today) -> tuple[str, str, dict]:
    """The INSERT of the values (one per organisation, indicator and ended period, valid for its
    type: 10 % of the organisations have not reported the last period yet, a quarter of the last
    two periods' values wait for review, one in 100 was returned, the rest are approved), the
    INSERT of their categories (adding up to the value, with its status), and their parameters."""
    key = "i.code || '/' || o.name || '/' || p.start"
    r1, r2, r3 = rand(key), rand(f"{key} || '/status'"), rand(f"{key} || '/return'")
    base = "(20 + abs(hashtext(o.name || i.code)) %% 200)"  # each organisation's usual size
    values = f"""
        INSERT INTO indicators_indicatorvalue (coalition_id, indicator_id, period_id, organization_id,
            category_id, value, numerator, denominator, weight, comment, source, confidence, status,
            is_flagged, flag_reason, review_note, return_count, emailed_returns, entered_by_id,
            reviewed_by_id, submitted_at, reviewed_at, updated_at)
        SELECT %(c)s, i.id, p.id, o.id, NULL,
            CASE i.value_type
                WHEN 'count' THEN floor({base} * (0.8 + 0.4 * {r1}))
                WHEN 'amount' THEN round(({base} * 100 * (0.8 + 0.4 * {r1}))::numeric, 2)
                WHEN 'rate' THEN round(({base} * (0.8 + 0.4 * {r1}))::numeric, 2)
                WHEN 'yes_no' THEN CASE WHEN {r1} < 0.7 THEN 1 ELSE 0 END
                WHEN 'scale' THEN 1 + floor({r1} * 4)
                ELSE round(100 * floor((50 + {base}) * (0.2 + 0.6 * {r1})) / (50 + {base}), 4)
            END,
            CASE WHEN i.value_type = 'percentage' THEN floor((50 + {base}) * (0.2 + 0.6 * {r1})) END,
            CASE WHEN i.value_type = 'percentage' THEN 50 + {base} END,
            CASE WHEN i.aggregation = 'weighted_average' THEN {base} END,
            '', 'Registres des organismes', 'high', s.status, FALSE, '',
            CASE WHEN s.status = 'returned' THEN 'Pouvez-vous vérifier ce total ?' ELSE '' END,
            (s.status = 'returned')::int, (s.status = 'returned')::int,
            CASE WHEN m.organization_id = o.id THEN %(partner)s ELSE %(coordinator)s END,
            CASE WHEN s.status IN ('approved', 'returned') THEN %(coordinator)s END,
            s.submitted_at,
            CASE WHEN s.status IN ('approved', 'returned') THEN s.submitted_at + INTERVAL '3 days' END,
            s.submitted_at
        FROM indicators_period p
            JOIN indicators_indicator i ON i.id = p.indicator_id
            JOIN indicators_indicatorgroupobjectpermission g ON g.content_object_id = i.id
            JOIN coalitions_organization o ON o.group_id = g.group_id
            LEFT JOIN coalitions_membership m ON m.coalition_id = %(c)s AND m.user_id = %(partner)s
            CROSS JOIN LATERAL (SELECT
                CASE WHEN p."end" >= %(recent)s AND {r2} < 0.25 THEN 'submitted'
                     WHEN {r3} < 0.01 THEN 'returned' ELSE 'approved' END AS status,
                LEAST(p."end" + 1 + floor({r2} * 20)::int, %(today)s)::timestamptz + INTERVAL '10 hours'
                    AS submitted_at) s
        WHERE p.coalition_id = %(c)s AND p."end" < %(today)s
            AND NOT (p."end" >= %(last)s AND {r2} < 0.1)
        ON CONFLICT DO NOTHING"""
    last_end = today.replace(day=1) - timedelta(days=1)
    recent = (last_end.replace(day=1) - timedelta(days=1)).replace(day=1)  # the last two periods
    params = {"c": c, "partner": partner, "coordinator": coordinator, "today": today,
              "recent": recent, "last": last_end.replace(day=1)}
    # The k-th of n categories of a value: the first n - 1 get an equal share, the last the rest.
    share = "floor({x} / c.n)"
    rest = "({x} - (c.n - 1) * floor({x} / c.n))"
    part = f"CASE WHEN c.k < c.n THEN {share} ELSE {rest} END"
    categories = f"""
        INSERT INTO indicators_indicatorvalue (coalition_id, indicator_id, period_id, organization_id,
            category_id, value, numerator, denominator, weight, comment, source, confidence, status,
            is_flagged, flag_reason, review_note, return_count, emailed_returns, entered_by_id,
            reviewed_by_id, submitted_at, reviewed_at, updated_at)
        SELECT v.coalition_id, v.indicator_id, v.period_id, v.organization_id, c.id,
            CASE WHEN v.numerator IS NULL THEN {part.format(x='v.value')}
                 ELSE round(100 * {part.format(x='v.numerator')} / {part.format(x='v.denominator')}, 4) END,
            {part.format(x='v.numerator')}, {part.format(x='v.denominator')}, NULL, '', v.source,
            v.confidence, v.status, FALSE, '', '', 0, 0, v.entered_by_id, v.reviewed_by_id, v.submitted_at,
            v.reviewed_at, v.updated_at
        FROM indicators_indicatorvalue v JOIN (
            SELECT id, indicator_id, row_number() OVER (PARTITION BY indicator_id ORDER BY dimension, label) AS k,
                count(*) OVER (PARTITION BY indicator_id) AS n
            FROM indicators_category WHERE coalition_id = %(c)s) c ON c.indicator_id = v.indicator_id
        WHERE v.coalition_id = %(c)s AND v.category_id IS NULL
        ON CONFLICT DO NOTHING"""
    return values, categories, params


def endorsement_insert(c: int, coordinator: int) -> tuple[str, list]:
    """Nine organisations in ten endorsed the current version of the agenda."""
    # Nine organisations in ten endorsed the current version.
    return ("""
        INSERT INTO conditions_endorsement (coalition_id, version_id, organization_id, comment,
            with_reservations, on_behalf, recorded_by_id, created_at)
        SELECT %s, v.id, o.id, '', FALSE, TRUE, %s, NOW()
        FROM coalitions_organization o, (SELECT id FROM conditions_agendaversion WHERE coalition_id = %s
            AND number IS NOT NULL ORDER BY number DESC LIMIT 1) v
        WHERE o.coalition_id = %s AND o.kind <> 'funder' AND abs(hashtext(o.name)) %% 10 <> 0
        ON CONFLICT DO NOTHING""", [c, coordinator, c, c])


def activity_insert(c: int, coordinator: int, today, plan: int) -> tuple[str, list]:
    """A year of activities: five per organisation, on the actions under way."""
    # A year of activities: five per organisation, on the actions under way.
    return (f"""
        INSERT INTO conditions_activity (coalition_id, action_id, organization_id, date, end_date, description,
            people_reached, families_reached, hours, cost, attachment, created_by_id, created_at)
        SELECT %s, a.id, o.id, d.day, NULL, 'Atelier — ' || lower(a.title), 5 + abs(hashtext(o.name || k)) %% 30,
            2 + abs(hashtext(o.name || k)) %% 12, 1 + abs(hashtext(k || o.name)) %% 8,
            abs(hashtext(o.name || k || 'cost')) %% 400, '', %s, NOW()
        FROM coalitions_organization o, generate_series(1, {ACTIVITIES_PER_ORGANIZATION}) k,
            LATERAL (SELECT %s::date - (abs(hashtext(o.name || k || 'day')) %% 365) AS day) d,
            LATERAL (SELECT id, title FROM conditions_action WHERE plan_id = %s AND status <> 'planned'
                     ORDER BY id OFFSET abs(hashtext(o.name || k)) %% 8 LIMIT 1) a
        WHERE o.coalition_id = %s AND o.kind <> 'funder'""",
        [c, coordinator, today, plan, c])


def audited_insert(model, insert_sql: str, params, context_id) -> int:
    """Run ``insert_sql`` (an INSERT into ``model``'s table) without its row-level audit trigger
    and write the same pghistory insert events, one set-based statement for all the new rows.
    Returns how many rows were inserted."""
    event = next(m for m in apps.get_models() if getattr(m, "pgh_tracked_model", None) is model)
    tracked = [f.column for f in event._meta.concrete_fields if not f.name.startswith("pgh_")]
    columns = ", ".join(f'"{col}"' for col in tracked)
    sql = f"""
        WITH new AS ({insert_sql} RETURNING *)
        INSERT INTO "{event._meta.db_table}" (pgh_created_at, pgh_label, pgh_obj_id, pgh_context_id, {columns})
        SELECT NOW(), 'insert', new.id, %(context)s, {", ".join(f'new."{col}"' for col in tracked)} FROM new"""
    label = f"{model._meta.app_label}.{model.__name__}:insert_insert"
    # pghistory's and pgtrigger's wrappers prepend positional parameters: name none.
    params = {**params, "context": context_id}
    positional = [params[name] for name in re.findall(r"%\((\w+)\)s", sql)]
    with pgtrigger.ignore(label), connection.cursor() as cursor:
        cursor.execute(re.sub(r"%\((\w+)\)s", "%s", sql), positional)
        return cursor.rowcount

