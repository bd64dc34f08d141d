"""A coalition the size of a real one, to measure pages at scale (``bench_pages``):
N organisations x M monthly indicators x P ended periods of values, beside the demo.

    manage.py seed_scale --organisations 200 --indicators 100 --periods 60   # 1.2 M values
    manage.py seed_scale --organisations 10                                  # the "10 orgs" one

Each size is its own coalition, ``echelle-<N>``, with three logins (demo password):
``coordination@echelle-<N>.demo``, ``partenaire@echelle-<N>.demo`` and ``bailleur@echelle-<N>.demo``.

Idempotent: every insert skips what exists (``ON CONFLICT DO NOTHING``) and the numbers come from
a hash of the cell (indicator code, organisation name, period), not from ``random()``, so a second
run adds nothing. It fills every app, so it lives in dashboards, at the top of the layers.

People, the coalition, the agenda, the plan and the meetings go through the services (a few
hundred rows). The bulk (organisations, indicators, periods, grants, values, activities) is
set-based SQL: the pghistory triggers write the audit events of the small tables; the million
values skip their row trigger and get the same insert events from one ``INSERT ... SELECT`` over
the rows just inserted (``WITH new AS (INSERT ... RETURNING *)``), under one audit context that
names the coordinator, so the audit trail reads as if the coordinator had imported them."""

import json
import re
import time
import uuid
from datetime import date, timedelta

import pghistory
import pgtrigger
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django_scopes import scope

from coalitions import services
from coalitions.dates import local_today
from coalitions.management.commands.seed_demo import PASSWORD, demo_user
from coalitions.models import Coalition, Membership, Organization, OrganizationKind

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


class Command(BaseCommand):
    help = "Create (or complete) a coalition of N organisations x M monthly indicators x P periods of values."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", "--organizations", dest="organisations", type=int, default=200)
        parser.add_argument("--indicators", type=int, default=100)
        parser.add_argument("--periods", type=int, default=60, help="Ended monthly periods with values.")

    def handle(self, *args, organisations: int, indicators: int, periods: int, **options):
        started = time.perf_counter()
        with transaction.atomic():
            coalition, people = self._coalition(organisations)
        with scope(coalition=coalition), pghistory.context(user=people["coordinator"].pk, url="seed_scale"):
            steps = Steps(self, coalition, people, organisations, indicators, periods)
            steps.run()
        self.stdout.write(self.style.SUCCESS(
            f"Scale coalition /c/{coalition.slug}/ ready in {time.perf_counter() - started:.1f} s: "
            f"{steps.counts['organizations']} organisations, {steps.counts['indicators']} indicators, "
            f"{steps.counts['values']:,} values ({steps.counts['new_values']:,} new), "
            f"{steps.counts['rollups']:,} coalition values. Password {PASSWORD}"))
        for role, user in people.items():
            self.stdout.write(f"  {user.email:<38} {role}")

    def _coalition(self, size: int):
        slug = f"echelle-{size}"
        coordinator = demo_user(f"coordination@{slug}.demo", "Coordination Échelle")
        coalition = Coalition.objects.filter(slug=slug).first() or services.coalition_create(
            actor=coordinator, name=f"Regroupement à l'échelle ({size} organismes)", slug=slug,
            territory="Territoire fictif", description="Un regroupement de la taille d'un vrai, pour mesurer.",
        )
        people = {"coordinator": coordinator,
                  "partner": demo_user(f"partenaire@{slug}.demo", "Partenaire Échelle"),
                  "funder": demo_user(f"bailleur@{slug}.demo", "Bailleur Échelle")}
        return coalition, people


class Steps:
    """The seed, one step per kind of data; each step is idempotent."""

    def __init__(self, command, coalition, people, organisations, indicators, periods):
        self.command, self.coalition, self.people = command, coalition, people
        self.sizes = {"organisations": organisations, "indicators": indicators, "periods": periods}
        self.today = local_today(coalition)
        this_month = self.today.replace(day=1)
        index = this_month.year * 12 + this_month.month - 1 - periods
        self.first_month = date(index // 12, index % 12 + 1, 1)
        self.counts: dict[str, int] = {}

    def run(self):
        # One transaction per step: a run stopped midway resumes where it stopped, and the values'
        # deferred foreign-key checks (millions) are done before the next steps, not carried along.
        for step in (self.organizations, self.memberships, self.indicators, self.values, self.rollups,
                     self.agenda_and_plan, self.meetings):
            started = time.perf_counter()
            with transaction.atomic():
                step()
            self.command.stdout.write(f"  {step.__name__:<16} {time.perf_counter() - started:7.1f} s")

    def sql(self, statement: str, params=None) -> int:
        with connection.cursor() as cursor:
            cursor.execute(statement, params or [])
            return cursor.rowcount

    def scalar(self, statement: str, params=None):
        with connection.cursor() as cursor:
            cursor.execute(statement, params or [])
            return cursor.fetchone()[0]

    # Organisations and people ----------------------------------------------------------

    def organizations(self):
        """N partner organisations (each with its auth group, named like the services name
        them) and one funder organisation."""
        c = self.coalition.pk
        kinds = ORGANIZATION_KINDS
        self.sql(f"""
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
            INSERT INTO coalitions_organization (coalition_id, name, sector, kind, website, description, group_id)
            SELECT %s, w.name, w.sector, w.kind, '', '', groups.id
            FROM wanted w JOIN groups ON groups.name = 'seed-scale-' || %s || '-' || w.g""",
            [[k[0] for k in kinds], [k[1] for k in kinds], [k[2] for k in kinds], self.sizes["organisations"], c,
             [k[0] for k in kinds], c, c, c])
        # The services name an organisation's group after it, once it has an id.
        self.sql("""UPDATE auth_group g SET name = 'organization:' || o.id FROM coalitions_organization o
                    WHERE o.group_id = g.id AND o.coalition_id = %s AND g.name LIKE 'seed-scale-%%'""", [c])
        coordinator = self.people["coordinator"]
        if not Organization.objects.filter(coalition=self.coalition, kind=OrganizationKind.FUNDER).exists():
            services.organization_create(actor=coordinator, coalition=self.coalition,
                                         name="Fondation Échelle", sector="philanthropy", kind="funder")
        self.counts["organizations"] = Organization.objects.filter(coalition=self.coalition).count()

    def memberships(self):
        coordinator = self.people["coordinator"]
        first = Organization.objects.filter(coalition=self.coalition).exclude(kind=OrganizationKind.FUNDER)
        homes = {"partner": first.order_by("name").first(),
                 "funder": Organization.objects.filter(coalition=self.coalition, kind=OrganizationKind.FUNDER).first()}
        for role, organization in homes.items():
            user = self.people[role]
            if not Membership.objects.filter(coalition=self.coalition, user=user).exists():
                invitation = services.invitation_create(actor=coordinator, coalition=self.coalition, email=user.email,
                                                        role=role, organization=organization)
                services.invitation_accept(user=user, token=invitation.token)
            if organization.representative_id is None:
                services.organization_update(actor=coordinator, organization=organization, representative=user)

    # Shared measurement ------------------------------------------------------------------

    def indicators(self):
        """M monthly indicators of every type, their periods, a final target, the categories of
        one in ten, and every partner organisation assigned to report each (guardian grants)."""
        c, m = self.coalition.pk, self.sizes["indicators"]
        self.sql(f"""
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
            ON CONFLICT DO NOTHING""", [c, SCALE_LEVELS, self.first_month, m])
        # Every monthly period from the first month to the one that contains today (not yet ended).
        self.sql("""
            INSERT INTO indicators_period (coalition_id, indicator_id, start, "end", due_date, is_locked)
            SELECT %s, i.id, s.start::date, (s.start + INTERVAL '1 month - 1 day')::date,
                (s.start + INTERVAL '1 month - 1 day')::date + i.due_days, FALSE
            FROM indicators_indicator i,
                 generate_series(i.reporting_start::timestamp, date_trunc('month', %s::timestamp), '1 month') s(start)
            WHERE i.coalition_id = %s
            ON CONFLICT DO NOTHING""", [c, self.today, c])
        self.sql("""
            INSERT INTO indicators_target (coalition_id, indicator_id, period_id, value)
            SELECT %s, i.id, NULL, CASE i.value_type WHEN 'percentage' THEN 60 WHEN 'yes_no' THEN 1
                WHEN 'scale' THEN 3 ELSE i.expected_max / 4 END
            FROM indicators_indicator i WHERE i.coalition_id = %s
            ON CONFLICT DO NOTHING""", [c, c])
        # Counts (g % 20 = 1) break down in three territories, percentages (g % 20 = 5) in two age
        # groups; both must add up. Two parts keep a percentage's numerators within denominators.
        self.sql("""
            INSERT INTO indicators_category (coalition_id, indicator_id, dimension, label)
            SELECT %s, i.id, d.dimension, d.label
            FROM indicators_indicator i JOIN (VALUES
                ('count', 'Territoire', 'Secteur est'), ('count', 'Territoire', 'Secteur nord'),
                ('count', 'Territoire', 'Secteur ouest'),
                ('percentage', 'Groupe d''âge', '0-2 ans'), ('percentage', 'Groupe d''âge', '3-5 ans')
            ) d(value_type, dimension, label) ON d.value_type = i.value_type
            WHERE i.coalition_id = %s AND i.requires_category_total
            ON CONFLICT DO NOTHING""", [c, c])
        self.sql("""
            INSERT INTO indicators_indicatorgroupobjectpermission (coalition_id, content_object_id, group_id,
                permission_id)
            SELECT %s, i.id, o.group_id, p.id
            FROM indicators_indicator i, coalitions_organization o, auth_permission p
                JOIN django_content_type t ON t.id = p.content_type_id
            WHERE i.coalition_id = %s AND o.coalition_id = %s AND o.kind <> 'funder'
                AND p.codename = 'report_indicator' AND t.app_label = 'indicators'
            ON CONFLICT DO NOTHING""", [c, c, c])
        self.counts["indicators"] = self.scalar(
            "SELECT COUNT(*) FROM indicators_indicator WHERE coalition_id = %s", [c])

    def values(self):
        """One value per organisation, indicator and ended period, valid for its type: 10 % of
        the organisations have not reported the last period yet (late), a quarter of the last
        two periods' values wait for review, one in 100 was returned, the rest are approved.
        Then the categories of each value, adding up to it, with its status."""
        c = self.coalition.pk
        coordinator, partner = self.people["coordinator"].pk, self.people["partner"].pk
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
        last_end = self.today.replace(day=1) - timedelta(days=1)
        recent = (last_end.replace(day=1) - timedelta(days=1)).replace(day=1)  # the last two periods
        params = {"c": c, "partner": partner, "coordinator": coordinator, "today": self.today,
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
        new = audited_insert(apps.get_model("indicators", "IndicatorValue"), values, params, self.context())
        new += audited_insert(apps.get_model("indicators", "IndicatorValue"), categories, params, self.context())
        self.sql("ANALYZE indicators_indicatorvalue")
        self.counts["new_values"] = new
        self.counts["values"] = self.scalar(
            "SELECT COUNT(*) FROM indicators_indicatorvalue WHERE coalition_id = %s AND category_id IS NULL", [c])

    def context(self) -> uuid.UUID:
        """The audit context of the set-based events: the coordinator, this command. One per
        coalition, so that a run that adds nothing writes nothing."""
        context = uuid.uuid5(uuid.NAMESPACE_URL, f"seed_scale/{self.coalition.slug}")
        self.sql("""INSERT INTO pghistory_context (id, metadata, created_at, updated_at) VALUES (%s, %s, NOW(), NOW())
                    ON CONFLICT DO NOTHING""",
                 [context, json.dumps({"user": self.people["coordinator"].pk, "url": "seed_scale"})])
        return context

    def rollups(self):
        from indicators import rollups

        rollups.recompute(self.coalition.pk)
        self.counts["rollups"] = self.scalar(
            "SELECT COUNT(*) FROM indicators_indicatorrollup WHERE coalition_id = %s", [self.coalition.pk])

    # Agenda, plan and activities, meetings -----------------------------------------------

    def agenda_and_plan(self):
        from conditions.demo import PETITE_ENFANCE, STATUSES
        from conditions.models import ActionPlan, AgendaVersion, Priority
        from conditions.services import agenda as agenda_services
        from conditions.services import plan as plan_services

        coordinator, c = self.people["coordinator"], self.coalition
        if not AgendaVersion.objects.filter(coalition=c, number__isnull=False).exists():
            for title, description in PETITE_ENFANCE["priorities"]:
                if not Priority.objects.filter(coalition=c, title=title).exists():
                    agenda_services.priority_create(actor=coordinator, coalition=c, title=title,
                                                    description=description)
            agenda_services.agenda_draft_update(actor=coordinator, coalition=c, **PETITE_ENFANCE["agenda"])
            agenda_services.agenda_publish(actor=coordinator, coalition=c, change_summary="Première version.")
        # Nine organisations in ten endorsed the current version.
        self.sql("""
            INSERT INTO conditions_endorsement (coalition_id, version_id, organization_id, comment,
                with_reservations, on_behalf, recorded_by_id, created_at)
            SELECT %s, v.id, o.id, '', FALSE, TRUE, %s, NOW()
            FROM coalitions_organization o, (SELECT id FROM conditions_agendaversion WHERE coalition_id = %s
                AND number IS NOT NULL ORDER BY number DESC LIMIT 1) v
            WHERE o.coalition_id = %s AND o.kind <> 'funder' AND abs(hashtext(o.name)) %% 10 <> 0
            ON CONFLICT DO NOTHING""", [c.pk, coordinator.pk, c.pk, c.pk])
        if ActionPlan.objects.filter(coalition=c).exists():
            return
        start = self.today.replace(month=1, day=1) - timedelta(days=365)
        plan = plan_services.plan_create(actor=coordinator, coalition=c, title="Plan d'action", start_date=start,
                                      end_date=start.replace(year=start.year + 3) - timedelta(days=1))
        priorities = list(Priority.objects.filter(coalition=c).order_by("position"))
        organizations = list(Organization.objects.filter(coalition=c).exclude(kind=OrganizationKind.FUNDER)
                             .order_by("name"))
        for index, (title, *_rest) in enumerate(PETITE_ENFANCE["actions"]):
            status = STATUSES[index % len(STATUSES)]
            lead = organizations[index % len(organizations)]
            contributors = dict.fromkeys(organizations[(index + k) % len(organizations)] for k in (1, 2))
            plan_services.action_create(
                actor=coordinator, coalition=c, plan=plan, title=title,
                priorities=[priorities[index % len(priorities)]], lead_organization=lead,
                contributing_organizations=[o for o in contributors if o != lead], start_date=start,
                end_date=plan.end_date, status=status, progress=100 if status == "done" else 10 * (index % 9))
        # A year of activities: five per organisation, on the actions under way.
        self.sql(f"""
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
            [c.pk, coordinator.pk, self.today, plan.pk, c.pk])

    def meetings(self):
        """A year of meetings, decisions and follow-ups, the team and the rest of conditions 4 and
        5: the demo's own (idempotent) content works for any coalition."""
        from coordination import demo

        demo.seed(coalition=self.coalition, coordinator=self.people["coordinator"])


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

