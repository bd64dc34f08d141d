"""Time every page of every role in a small and a large coalition, server side, in-process.

    manage.py bench_pages                     # the demo coalition and the largest echelle-<N>
    manage.py bench_pages --small-only        # the demo coalition only (CI: proves it works)
    manage.py bench_pages --runs 20 --page indicators:
    manage.py bench_pages --api               # the list endpoints of the REST API, a page of 100 rows

The pages are discovered from the URL resolver: every URL under /c/<slug>/ that a role's
permission lets it open (coalitions.permissions.REGISTRY) and that answers GET. A URL with
arguments gets them from ARGUMENTS, an object of the coalition the role may see (its own
organisation's for a partner); POST_ONLY lists the URLs that are no page.
tests/dashboards/test_bench_pages.py checks both lists against the URL x role matrix.

Each page is requested ``--warmup`` times, then timed ``--runs`` times with the Django test
client and DEBUG off (response body read to the end, streamed or not), then once more to count
its queries. A page whose first request takes more than ``--slow`` seconds is timed on that one
request; a query that runs longer than ``--timeout`` seconds is cancelled and its page fails.
It prints the median, the 95th percentile and the query count at each size, and ends with
``pages over budget: N``: a page is over budget when its p95 passes 100 ms at either size, when
its query count differs between the sizes, or when it answers neither 200 nor a redirect.
It is a benchmark: it asserts nothing; read its figures with the machine's load next to them.
With ``--api`` it times the list endpoints of the REST API instead (/api/v1/c/<slug>/..., every view
with pagination, ``?page_size=100``), as each role whose permission opens them, signed in by the
session (the API's other way in besides a token), against the same budget.

It sits with dashboards, at the top of the layers: it reaches the apps only through the URL
resolver and ``apps.get_model``."""

import math
import os
import statistics
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from coalitions.dates import local_today
from coalitions.models import Coalition, Membership, Role
from coalitions.permissions import role_has_permission

DEMO = "petite-enfance-haute-cote"
BUDGET_MS = 100
ROLES = (Role.COORDINATOR, Role.PARTNER, Role.FUNDER)
COALITION_ROUTE = "c/<slug:coalition_slug>/"
API_ROUTE = "api/v1/" + COALITION_ROUTE
API_PAGE_SIZE = 100  # the budget's page: 100 rows


def first(label: str, order: str = "pk", own: str | None = None, **filters):
    """The arguments {"pk": ...} of the first ``label`` of the coalition; with ``own``, the
    partner's own organisation's (own="organization") or the person's own (own="author"...)."""
    def pick(membership):
        rows = apps.get_model(label).objects.filter(coalition=membership.coalition, **filters)
        if own == "organization" and membership.role == Role.PARTNER:
            rows = rows.filter(organization=membership.organization)
        elif own and own != "organization":
            rows = rows.filter(**{own: membership.user})
        row = rows.order_by(order).first()
        return None if row is None else {"pk": row.pk}
    return pick


def last_year(membership):
    return {"year": local_today(membership.coalition).year - 1}


def agenda_version(membership):
    version = (apps.get_model("conditions.AgendaVersion").objects
               .filter(coalition=membership.coalition, number__isnull=False).order_by("-number").first())
    return None if version is None else {"key": str(version.number)}


def entry_cell(membership):
    """The last period the partner's organisation reported (any organisation's for a coordinator)."""
    values = apps.get_model("indicators.IndicatorValue").objects.filter(
        coalition=membership.coalition, category__isnull=True, organization__isnull=False)
    if membership.role == Role.PARTNER:
        values = values.filter(organization=membership.organization)
    value = values.order_by("-period__start", "pk").first()
    return None if value is None else {"period_pk": value.period_id, "organization_pk": value.organization_id}


def coalition_period(membership):
    period = (apps.get_model("indicators.Period").objects
              .filter(coalition=membership.coalition, indicator__aggregation="coordinator").order_by("-start").first())
    return None if period is None else {"period_pk": period.pk}


def practice_adoption(membership):
    """A practice in use, and the partner's own organisation (the first partner one for a coordinator)."""
    practice = (apps.get_model("conditions.Practice").objects
                .filter(coalition=membership.coalition, archived_at__isnull=True).order_by("pk").first())
    organization = membership.organization if membership.role == Role.PARTNER else (
        apps.get_model("coalitions.Organization").objects.filter(coalition=membership.coalition)
        .exclude(kind="funder").order_by("name").first())
    if practice is None or organization is None:
        return None
    return {"pk": practice.pk, "organization_pk": organization.pk}


# URL name -> the object to open, for each role (None: the coalition has none, the page is skipped)
ARGUMENTS = {
    "coalitions:organization_edit": first("coalitions.Organization", "name"),
    "coalitions:organization_delete": first("coalitions.Organization", "name"),
    "coalitions:member_edit": first("coalitions.Membership", role=Role.PARTNER),
    "coalitions:member_deactivate": first("coalitions.Membership", role=Role.PARTNER),
    "coalitions:incident_edit": first("coalitions.ConfidentialityIncident", "-discovered_on"),
    "coalitions:member_erase": first("coalitions.Membership", role=Role.PARTNER),
    "dashboards:report": last_year,
    "dashboards:report_download": last_year,
    "dashboards:snapshot": first("dashboards.ReportSnapshot"),
    "dashboards:share_link_revoke": first("dashboards.ShareLink"),
    "dashboards:share_link_openings": first("dashboards.ShareLink"),
    "conditions:agenda_version": agenda_version,
    "conditions:priority_edit": first("conditions.Priority"),
    "conditions:consultation_answer": first("conditions.ConsultationResponse", position="objection",
                                            consultation__version__number__isnull=True),
    "conditions:plan_edit": first("conditions.ActionPlan"),
    "conditions:practice": first("conditions.Practice"),
    "conditions:practice_edit": first("conditions.Practice", archived_at__isnull=True),
    "conditions:practice_archive": first("conditions.Practice", archived_at__isnull=True),
    "conditions:adoption_edit": practice_adoption,
    "conditions:referral_delete": first("conditions.ReferralPath"),
    "conditions:action": first("conditions.Action", review_status="accepted"),
    "conditions:action_edit": first("conditions.Action", review_status="accepted"),
    "conditions:action_review": first("conditions.Action", review_status="proposed"),
    "conditions:activity_edit": first("conditions.Activity", own="organization"),
    "conditions:activity_delete": first("conditions.Activity", own="organization"),
    "conditions:activity_attachment": first("conditions.Activity", own="organization", attachment__gt=""),
    **{f"indicators:indicator_{page}": first("indicators.Indicator", "code")
       for page in ("detail", "edit", "delete", "assignments", "targets", "periods", "categories")},
    "indicators:note_edit": first("indicators.Period", "-start"),
    "indicators:entry_cell": entry_cell,
    "indicators:entry_cell_coalition": coalition_period,
    "indicators:value_detail": first("indicators.IndicatorValue", "-pk", own="organization", category__isnull=True),
    "indicators:import_status": first("indicators.ValueImport", "-pk", own="created_by"),
    "indicators:value_return": first("indicators.IndicatorValue", "-pk", category__isnull=True, status="submitted"),
    **{f"coordination:{page}": first("coordination.Meeting")
       for page in ("meeting", "meeting_edit", "meeting_ics", "meeting_attendance", "meeting_minutes",
                    "decision_create", "follow_up_create")},
    "coordination:announcement": first("coordination.Announcement"),
    "coordination:announcement_edit": first("coordination.Announcement", own="author"),
    "coordination:announcement_delete": first("coordination.Announcement", own="author"),
    "dashboards:partner_card": first("coalitions.Organization", "name"),
    "coordination:comment_edit": first("coordination.Comment", own="author"),
    "coordination:comment_delete": first("coordination.Comment", own="author"),
    "coordination:calendar_feed_replace": first("coordination.CalendarFeed", own="user"),
    "coordination:calendar_feed_revoke": first("coordination.CalendarFeed", own="user"),
    "coalitions:api_token_revoke": first("coalitions.ApiToken", own="user"),
    "coalitions:export_status": first("coalitions.ExportJob", "-pk", own="requested_by"),
    "coalitions:export_download": first("coalitions.ExportJob", "-pk", own="requested_by", status="ready"),
    "coordination:team_member_delete": first("coordination.TeamMember"),
    "coordination:body": first("coordination.GovernanceBody"),
    "coordination:body_edit": first("coordination.GovernanceBody"),
    "coordination:task_edit": first("coordination.BackboneTask"),
    "coordination:library_download": first("coordination.LibraryItem", file__gt=""),
    "coordination:library_delete": first("coordination.LibraryItem", own="added_by"),
    "coordination:assessment": first("coordination.AssessmentRound", "-pk"),
    "coordination:assessment_answer": first("coordination.AssessmentRound", "-pk"),
    "coordination:assessment_question_edit": first("coordination.AssessmentQuestion"),
}
# URLs that only take a POST: no page to time.
POST_ONLY = {
    "coordination:notification_read", "coordination:calendar_feed_enable", "coordination:calendar_feed_settings",
    "indicators:review_approve",
    "coalitions:member_reactivate", "coalitions:invitation_resend", "coalitions:invitation_revoke",
    "conditions:agenda_remind",
    "dashboards:report_freeze", "dashboards:snapshot_share", "conditions:priority_move",
    "conditions:consultation_comment", "conditions:practice_restore", "conditions:referral_create",
    "indicators:target_delete", "indicators:category_delete", "indicators:period_lock",
    "coordination:meeting_rsvp", "coordination:meeting_comment", "coordination:follow_up_status",
    "coordination:announcement_pin", "coordination:announcement_comment", "coordination:action_comment",
    "coordination:indicator_comment", "coordination:task_move", "coordination:assessment_close",
    "dashboards:completeness_remind",
}


def _walk(patterns, prefix="", namespace=None):
    """(name, route, callback) of every named URL, from the resolver."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), prefix + str(entry.pattern), \
                entry.callback


def coalition_urls():
    """(name, route, permission) of every URL under /c/<slug>/, from the resolver."""
    return [(name, route, getattr(callback, "coalition_permission", None))
            for name, route, callback in _walk(get_resolver().url_patterns) if route.startswith(COALITION_ROUTE)]


def api_list_urls():
    """(name, route, permission) of every list endpoint of the REST API: a view under
    /api/v1/c/<slug>/ with pagination, and the permission it declares for GET."""
    found = []
    for name, route, callback in _walk(get_resolver().url_patterns):
        view = getattr(callback, "view_class", None)
        if route.startswith(API_ROUTE) and getattr(view, "pagination_class", None) is not None:
            found.append((name, route, view.permission_for.get("GET")))
    return found


def has_arguments(route: str) -> bool:
    return "<" in route.removeprefix(API_ROUTE).removeprefix(COALITION_ROUTE)


@dataclass
class Result:
    status: int | str = ""
    times: list[float] = field(default_factory=list)
    queries: int | None = None
    once: bool = False  # too slow to repeat: one request

    @property
    def measured(self) -> bool:  # a download may answer with a redirect to its address
        return self.status in (200, 302) and bool(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def p95(self) -> float:  # nearest rank
        ordered = sorted(self.times)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] * 1000


class Command(BaseCommand):
    help = "Time every page of every role in the demo coalition and a scale coalition (seed_scale)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=10, help="Timed requests per page (default 10).")
        parser.add_argument("--warmup", type=int, default=2, help="Untimed requests first (default 2).")
        parser.add_argument("--small", default=DEMO, help=f"Slug of the small coalition (default {DEMO}).")
        parser.add_argument("--large", help="Slug of the large coalition (default: the largest echelle-<N>).")
        parser.add_argument("--small-only", action="store_true", help="Only the small coalition (CI).")
        parser.add_argument("--large-only", action="store_true", help="Only the large coalition.")
        parser.add_argument("--page", default="", help="Only the URL names that contain this text.")
        parser.add_argument("--api", action="store_true",
                            help=f"The REST API's list endpoints (a page of {API_PAGE_SIZE} rows), not the pages.")
        parser.add_argument("--slow", type=float, default=10.0,
                            help="A page whose first request takes longer than this many seconds is timed once.")
        parser.add_argument("--timeout", type=float, default=60.0,
                            help="Cancel a query that runs longer than this many seconds (the page fails).")

    def handle(self, *args, runs, warmup, small, large, small_only, large_only, page, slow, timeout, api=False,
               **options):
        with scopes_disabled():
            sizes = {}
            if not large_only:
                sizes["small"] = self._coalition(small)
            if not small_only:
                sizes["large"] = self._coalition(large or self._largest_scale())
        self.runs, self.warmup, self.slow = max(1, runs), max(0, warmup), slow
        pages = [(name, route, permission) for name, route, permission in (api_list_urls() if api else coalition_urls())
                 if page in name and name not in POST_ONLY]
        load = os.getloadavg()
        self.stdout.write(
            f"bench_pages{' --api' if api else ''}: {self.runs} timed runs per page after {self.warmup} warm-up, "
            "DEBUG off, in-process; "
            + ", ".join(f"{size} = {c.slug} ({self._size_of(c)})" for size, c in sizes.items())
            + f"; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
        with connection.cursor() as cursor:  # a page stuck in one query must not stall the benchmark
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{int(timeout * 1000)}"])
        # The API's per-person request budget is for runaway scripts, not for a benchmark
        with override_settings(DEBUG=False, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
                               API_RATE_LIMIT="100000/min"):
            people = {(size, role): self._member(coalition, role) for size, coalition in sizes.items()
                      for role in ROLES}
            clients = {key: Client() for key in people}
            for key, membership in people.items():
                if membership is not None:
                    clients[key].force_login(membership.user)
            report = Report(self.stdout, list(sizes), slow)
            for name, route, permission in sorted(pages):
                for role in ROLES:
                    if permission is None or not role_has_permission(role, permission):
                        continue
                    report.row(name, role, {size: self._measure(clients[size, role], people[size, role], name, route)
                                            for size in sizes})  # printed as it goes: a long run shows progress
            report.end()

    # Coalitions and people ----------------------------------------------------------------

    def _coalition(self, slug: str) -> Coalition:
        coalition = Coalition.objects.filter(slug=slug).first()
        if coalition is None:
            raise CommandError(f"No coalition {slug!r}: run seed_demo, or seed_scale for a large one.")
        return coalition

    def _largest_scale(self) -> str:
        slugs = Coalition.objects.filter(slug__regex=r"^echelle-[0-9]+$").values_list("slug", flat=True)
        if not slugs:
            raise CommandError("No scale coalition: run seed_scale first, or pass --small-only.")
        return max(slugs, key=lambda s: int(s.rsplit("-", 1)[1]))

    def _size_of(self, coalition) -> str:
        with scopes_disabled():
            values = apps.get_model("indicators.IndicatorValue").objects.filter(coalition=coalition)
            organizations = apps.get_model("coalitions.Organization").objects.filter(coalition=coalition).count()
            return f"{organizations} organisations, {values.filter(category__isnull=True).count():,} values " \
                f"({values.count():,} rows with categories)"

    def _member(self, coalition, role) -> Membership | None:
        """The first active member with this role (seed_demo and seed_scale make the login first)."""
        with scopes_disabled():
            return (Membership.objects.filter(coalition=coalition, role=role, is_active=True)
                    .select_related("coalition", "organization", "user").order_by("pk").first())

    # Measuring -----------------------------------------------------------------------------

    def _url(self, membership, name, route) -> str | None:
        kwargs = {"coalition_slug": membership.coalition.slug}
        if has_arguments(route):
            if name not in ARGUMENTS:
                return None
            with scopes_disabled():
                found = ARGUMENTS[name](membership)
            if found is None:
                return None
            kwargs.update(found)
        url = reverse(name, kwargs=kwargs)
        return f"{url}?page_size={API_PAGE_SIZE}" if route.startswith(API_ROUTE) else url

    def _get(self, client, url) -> tuple[int, float]:
        started = time.perf_counter()
        response = client.get(url, secure=True)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
        else:
            response.content  # noqa: B018 (rendered already; read like a client would)
        # The test client closes the response itself, without closing the database connection.
        return response.status_code, time.perf_counter() - started

    def _measure(self, client, membership, name, route) -> Result:
        if membership is None:
            return Result(status="no member")
        url = self._url(membership, name, route)
        if url is None:
            return Result(status="no object" if name in ARGUMENTS else "no arguments")
        try:
            with CaptureQueriesContext(connection) as queries:
                status, elapsed = self._get(client, url)
            if status not in (200, 302):
                return Result(status=status)
            if elapsed > self.slow:  # timed once: its first request, queries counted there
                return Result(status=status, times=[elapsed], queries=len(queries.captured_queries), once=True)
            for _ in range(self.warmup - 1):
                self._get(client, url)
            times = [self._get(client, url)[1] for _ in range(self.runs)]
            with CaptureQueriesContext(connection) as queries:
                self._get(client, url)
        except Exception as error:  # a benchmark reports a broken page and goes on
            return Result(status="timeout" if "statement timeout" in str(error) else type(error).__name__)
        return Result(status=status, times=times, queries=len(queries.captured_queries))



class Report:
    """The table, one row per page and role, and the final count of pages over budget."""

    def __init__(self, stdout, sizes: list[str], slow: float):
        self.stdout, self.sizes, self.slow = stdout, sizes, slow
        self.over, self.skipped, self.once = 0, [], False
        header = f"{'page':<42} {'role':<12}" + "".join(
            f" | {size + ' median':>13} {'p95':>8} {'queries':>7}" for size in sizes) + " | budget"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))

    def row(self, name: str, role: str, by_size: dict[str, Result]) -> None:
        if all(r.status in ("no object", "no member") for r in by_size.values()):
            self.skipped.append(f"{name} ({role})")
            return
        cells, problems = [], []
        for size in self.sizes:
            r = by_size[size]
            if r.measured:
                cells.append(f" | {r.median:13.1f} {r.p95:7.1f}{'*' if r.once else ' '} {r.queries:7d}")
                self.once |= r.once
                if r.p95 > BUDGET_MS:
                    problems.append(f"p95 {size}")
            else:
                cells.append(f" | {str(r.status):>13} {'':>8} {'':>7}")
                if r.status not in ("no object", "no member"):
                    problems.append(f"{size} {r.status}")
        if len({r.queries for r in by_size.values() if r.measured}) > 1:
            problems.append("queries differ")
        self.over += bool(problems)
        self.stdout.write(f"{name:<42} {role:<12}" + "".join(cells)
                          + f" | {'OVER: ' + ', '.join(problems) if problems else 'ok'}")
        self.stdout.flush()

    def end(self) -> None:
        if self.once:
            self.stdout.write(f"* timed once: its first request took more than {self.slow:g} s.")
        if self.skipped:
            self.stdout.write(f"Not timed, the coalition has no such object: {', '.join(self.skipped)}")
        self.stdout.write(f"pages over budget: {self.over}")
