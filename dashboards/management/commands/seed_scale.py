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
set-based SQL, built in ``_seed_scale_sql`` beside this command: the pghistory triggers write the
audit events of the small tables; the million values skip their row trigger and get the same
insert events from one ``INSERT ... SELECT`` over the rows just inserted (``WITH new AS (INSERT
... RETURNING *)``), under one audit context that names the coordinator, so the audit trail reads
as if the coordinator had imported them."""

import json
import time
import uuid
from datetime import date, timedelta

import pghistory
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django_scopes import scope

from coalitions import services
from coalitions.dates import local_today
from coalitions.management.commands.seed_demo import PASSWORD, demo_user
from coalitions.models import Coalition, Membership, Organization, OrganizationKind

from ._seed_scale_sql import (
    activity_insert,
    audited_insert,
    endorsement_insert,
    indicator_statements,
    organization_statements,
    value_inserts,
)


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
        started = time.perf_counter()
        self.analyze()
        self.command.stdout.write(f"  {'analyze':<16} {time.perf_counter() - started:7.1f} s")

    def analyze(self):
        """Planner statistics for the tables just filled (outside any transaction): without them
        PostgreSQL guesses the sizes of millions of new rows, and a page's query can take a plan
        that reads them all (late organisations took 84 s before ANALYZE)."""
        self.sql("ANALYZE")

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
        for statement, params in organization_statements(self.coalition.pk, self.sizes["organisations"]):
            self.sql(statement, params)
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
        c = self.coalition.pk
        for statement, params in indicator_statements(c, self.sizes["indicators"], self.first_month, self.today):
            self.sql(statement, params)
        self.counts["indicators"] = self.scalar(
            "SELECT COUNT(*) FROM indicators_indicator WHERE coalition_id = %s", [c])

    def values(self):
        """One value per organisation, indicator and ended period, valid for its type: 10 % of
        the organisations have not reported the last period yet (late), a quarter of the last
        two periods' values wait for review, one in 100 was returned, the rest are approved.
        Then the categories of each value, adding up to it, with its status."""
        c = self.coalition.pk
        values, categories, params = value_inserts(c, partner=self.people["partner"].pk,
                                                   coordinator=self.people["coordinator"].pk, today=self.today)
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
        self.sql(*endorsement_insert(c.pk, coordinator.pk))  # nine organisations in ten endorsed it
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
        self.sql(*activity_insert(c.pk, coordinator.pk, self.today, plan.pk))  # a year of activities

    def meetings(self):
        """A year of meetings, decisions and follow-ups, the team and the rest of conditions 4 and
        5: the demo's own (idempotent) content works for any coalition."""
        from coordination import demo

        demo.seed(coalition=self.coalition, coordinator=self.people["coordinator"])
