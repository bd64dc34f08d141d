"""The load benchmark's users (issue 12): coordinators, partners and funders of one coalition who
log in through the real form and browse the pages of their role, one to three seconds apart.

Run by `manage.py bench_load` (`make bench-load`), which starts the servers and prints the
figures; it reads the coalition and logins from the environment:
CONCERTO_SLUG (default echelle-200), CONCERTO_PASSWORD (default the demo password),
CONCERTO_COORDINATOR / CONCERTO_PARTNER / CONCERTO_FUNDER (default <role>@<slug>.demo).
Kept free of Django imports: locust patches the standard library with gevent at import.
"""

import os
import random
import re

from locust import HttpUser, between, task

SLUG = os.environ.get("CONCERTO_SLUG", "echelle-200")
PASSWORD = os.environ.get("CONCERTO_PASSWORD", "concerto-demo-2026")
BASE = f"/c/{SLUG}"
INDICATOR_LINK = re.compile(rf"{re.escape(BASE)}/measurement/indicators/(\d+)/")
MEETING_LINK = re.compile(rf"{re.escape(BASE)}/communication/meetings/(\d+)/")


class CoalitionMember(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    email = ""

    def on_start(self):
        self.client.get("/accounts/login/", name="login form")
        with self.client.post(
            "/accounts/login/",
            data={
                "login": self.email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # A refused login renders the form again (200); a good one redirects away from it.
            if response.status_code != 302 or "/accounts/login" in response.headers.get("Location", ""):
                response.failure(f"login refused for {self.email} ({response.status_code})")
        self.ids = {}

    def _pick(self, path, pattern, name) -> int:
        """An object linked from a list, the list read once per user (as a person would)."""
        if path not in self.ids:
            response = self.client.get(f"{BASE}{path}", name=name)
            self.ids[path] = sorted({int(match) for match in pattern.findall(response.text)})
        return random.choice(self.ids[path]) if self.ids[path] else 0

    def _get(self, path, name):
        with self.client.get(f"{BASE}{path}", name=name, catch_response=True) as response:
            # A lost session would otherwise time the login page as this one.
            if "/accounts/login" in response.url:
                response.failure("redirected to the login page")

    @task(4)
    def home(self):
        self._get("/", f"{self.role} home")

    @task(2)
    def indicator(self):
        indicator_id = self._pick("/measurement/", INDICATOR_LINK, "indicator list")
        if indicator_id:
            self._get(f"/measurement/indicators/{indicator_id}/", "indicator page")

    @task(1)
    def indicator_list(self):
        self._get("/measurement/", "indicator list")

    @task(1)
    def agenda(self):
        self._get("/agenda/", "agenda")

    @task(1)
    def meeting(self):
        meeting_id = self._pick("/communication/meetings/", MEETING_LINK, "meetings")
        if meeting_id:
            self._get(f"/communication/meetings/{meeting_id}/", "meeting page")


class Coordinator(CoalitionMember):
    weight = 2
    role = "coordinator"
    email = os.environ.get("CONCERTO_COORDINATOR", f"coordination@{SLUG}.demo")

    @task(2)
    def review_queue(self):
        self._get("/measurement/review/", "review queue")

    @task(2)
    def completeness(self):
        self._get("/measurement/completeness/", "completeness board")

    @task(1)
    def plan(self):
        self._get("/plan/", "action plan")

    @task(1)
    def backbone(self):
        self._get("/backbone/", "backbone")


class Partner(CoalitionMember):
    weight = 5
    role = "partner"
    email = os.environ.get("CONCERTO_PARTNER", f"partenaire@{SLUG}.demo")

    @task(3)
    def entry(self):
        self._get("/measurement/entry/", "value entry")

    @task(1)
    def activities(self):
        self._get("/plan/activities/", "activities")


class Funder(CoalitionMember):
    weight = 1
    role = "funder"
    email = os.environ.get("CONCERTO_FUNDER", f"bailleur@{SLUG}.demo")

    @task(2)
    def report(self):
        self._get("/reports/", "reports")
