"""seed_demo (`make run`'s demo data): what it fills in both demo coalitions, that it can run again
and add nothing, that its history notifies nobody (the first start), and the logins it writes,
with working API tokens, where serve_all reads them.

seed_demo takes some 20 s, so the tests of this module share its runs: ``demo`` runs it twice, as
a first start and a later one would, in a transaction rolled back at the end of the module; each
test's own changes are rolled back after it (``db``)."""

import json
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coalitions import tasks as coalition_tasks
from coalitions.dates import local_today
from coalitions.management.commands.seed_demo import Command
from coalitions.management.commands.serve_all import Command as ServeAll
from coalitions.models import Coalition, Invitation, Organization
from conditions import selectors
from conditions import tasks as condition_tasks
from conditions.models import (
    Action,
    Activity,
    AgendaVersion,
    Consultation,
    ConsultationComment,
    EndorsementRequest,
    Practice,
    Priority,
    ReferralPath,
)
from conditions.selectors import practices as practice_selectors
from coordination import tasks as coordination_tasks
from coordination.models.communication import Notification
from coordination.models.reminders import SentReminder
from indicators import tasks as indicator_tasks
from indicators.models import Indicator, IndicatorRollup, IndicatorValue

from .api.helpers import bearer

# One worker runs the module, so its two seeds run once (`make test` runs `--dist loadgroup`).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

SLUG = "petite-enfance-haute-cote"


@dataclass
class Demo:
    data_dir: Path  # the first run's data directory: the logins where serve_all reads them
    logins: dict  # the second run's --logins-json, by (email, coalition slug)
    sent: list  # the emails both runs sent


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo run twice, the tasks it queues run inline (as the worker would run them), the
    first time with the default logins file, the second with --logins-json."""
    data_dir = tmp_path_factory.mktemp("demo")
    with open(os.devnull, "w") as quiet, django_db_blocker.unblock(), transaction.atomic():
        mail.outbox.clear()
        with override_settings(DATA_DIR=data_dir), TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", verbosity=0, stdout=quiet)
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", logins_json=data_dir / "logins.json", verbosity=0, stdout=quiet)
        logins = json.loads((data_dir / "logins.json").read_text())
        yield Demo(data_dir, {(row["email"], row["coalition"]): row for row in logins}, list(mail.outbox))
        transaction.set_rollback(True)


def test_the_demo_fills_both_coalitions_and_can_run_twice(demo):
    with scopes_disabled():
        coalitions = list(Coalition.objects.all())
    assert len(coalitions) == 2
    # One demo coalition reports on a calendar year, the other on an April-March fiscal year.
    assert sorted(c.fiscal_year_start_month for c in coalitions) == [1, 4]
    for coalition in coalitions:
        with scope(coalition=coalition):
            published = AgendaVersion.objects.filter(coalition=coalition, number__isnull=False)
            assert list(published.values_list("number", flat=True)) == [2, 1]
            board = selectors.endorsement_board(coalition, selectors.current_version(coalition))
            assert board["current"] and board["earlier"] and board["missing"]
            assert Action.objects.filter(coalition=coalition, review_status="accepted").count() == 12
            assert Action.objects.filter(coalition=coalition, review_status="proposed").count() == 1
            assert Activity.objects.filter(coalition=coalition).count() == 300
            # The indicators are linked to the plan, and one of them is broken down by category.
            linked = Indicator.objects.filter(coalition=coalition, actions__isnull=False).distinct()
            assert linked.count() >= 4
            assert Indicator.objects.filter(coalition=coalition, priorities__isnull=False).distinct().count() >= 4
            assert IndicatorRollup.objects.filter(coalition=coalition, category__isnull=False).exists()
            assert Indicator.objects.filter(coalition=coalition, requires_category_total=True).exists()


def test_the_demo_consults_the_partners_on_a_third_version_with_a_few_reservations(demo):
    with scopes_disabled():
        coalition = Coalition.objects.get(slug="petite-enfance-haute-cote")
    with scope(coalition=coalition):
        consultation = selectors.draft_consultation(coalition)
        assert consultation is not None and consultation.closed_at is None
        board = selectors.consultation_board(consultation)
        assert board["totals"]["reservation"] == 2 and board["totals"]["objection"] == 1
        assert board["unanswered_objections"] == 0  # the objection is answered
        assert 0 < board["organizations_answered"] < board["organizations"]  # some have yet to answer
        assert Consultation.objects.filter(coalition=coalition).count() == 1  # run twice, seeded once
        assert ConsultationComment.objects.filter(consultation=consultation).count() == 2


def test_the_demo_lists_shared_practices_once_with_one_archived(demo):
    with scopes_disabled():
        coalition = Coalition.objects.get(slug="petite-enfance-haute-cote")
    with scope(coalition=coalition):
        practices = Practice.objects.filter(coalition=coalition)
        assert practices.filter(archived_at__isnull=True).count() == 5  # run twice, seeded once
        assert practices.filter(archived_at__isnull=False).count() == 1
        assert set(practices.values_list("kind", flat=True)) == {"referral", "welcoming", "message", "tool",
                                                                 "support"}
        assert not practices.filter(archived_at__isnull=True, priorities__isnull=True).exists()


def test_the_demo_has_practices_about_half_adopted_more_than_six_months_ago(demo):
    with scopes_disabled():
        coalition = Coalition.objects.get(slug="petite-enfance-haute-cote")
    with scope(coalition=coalition):
        share = practice_selectors.adoption_share(coalition)
        assert 35 <= share["share"] <= 65  # practices half adopted
        board = practice_selectors.adoption_board(coalition)
        trend = practice_selectors.adoption_trend(coalition, local_today(coalition), possible=board["possible"])
        assert trend[0]["adopted"] < trend[1]["adopted"] < trend[2]["adopted"] == board["adopted"]
        assert trend[0]["counts"]["planned"] > 0


def test_the_edge_partner_has_only_planned_practices_and_the_year_report_shows_them(demo):
    """The partner at the edge of the network adopted nothing yet; the report of the year the
    reports page offers first (the one under way) lists every practice in use, half adopted."""
    from dashboards.reports import ReportYear, period_report

    with scopes_disabled():
        coalitions = list(Coalition.objects.all())
    for coalition in coalitions:
        with scope(coalition=coalition):
            year = ReportYear.containing(coalition, local_today(coalition))
            practices = period_report(coalition, year.start, year.end)["practices"]
            in_use = Practice.objects.filter(coalition=coalition, archived_at__isnull=True).count()
            assert len(practices["rows"]) == in_use > 0  # the archived one left out
            adopted = sum(row[2] + row[3] for row in practices["rows"])  # in place, adapted
            assert 0 < adopted < in_use * practices["organizations"]  # some adopted, not all
    with scopes_disabled():
        coalition = Coalition.objects.get(slug="petite-enfance-haute-cote")
        edge = Organization.objects.get(coalition=coalition, name="Comptoir familial de Sacré-Cœur")
    with scope(coalition=coalition):
        card = practice_selectors.organization_practices(coalition, edge)
        assert card["adopted"] == 0 and [g["status"] for g in card["groups"]][0] == "planned"


def test_the_demo_draws_referral_paths_once(demo):
    with scopes_disabled():
        coalition = Coalition.objects.get(slug="petite-enfance-haute-cote")
    with scope(coalition=coalition):
        assert ReferralPath.objects.filter(coalition=coalition).count() == 6
        priority = Priority.objects.get(coalition=coalition, title="Accès aux services")
        assert len(practice_selectors.referral_map(coalition, priority)["edges"]) == 4



def test_the_demo_has_a_partner_at_the_edge_of_the_network_and_partners_who_offer_skills(demo):
    from dashboards.network import isolated_partners

    with scopes_disabled():
        coalition = Coalition.objects.get(slug=SLUG)
    with scope(coalition=coalition):
        assert "Comptoir familial de Sacré-Cœur" in isolated_partners(coalition)["names"]
        cisss = Organization.objects.get(coalition=coalition, name__startswith="CISSS")
        assert "Orthophonie" in cisss.skill_list


def test_seeding_the_demo_and_running_every_sweep_sends_nothing_and_leaves_nothing_unread(
        demo, django_capture_on_commit_callbacks):
    """Issue 13, points 15 and 16: the first start (`make run`: seed_demo, then serve_all with a
    worker and beat) sends nothing for the demo's seeded history, and a demo partner does not
    start with a pile of unread notifications. The demo's history stays visible in the app."""
    assert demo.sent == []
    with scopes_disabled():
        assert Notification.objects.exists()  # the history is there to read...
        assert not Notification.objects.filter(read_at__isnull=True).exists()  # ...and starts out read
        assert EndorsementRequest.objects.filter(recipient__isnull=False).exists()
        assert SentReminder.objects.exists()  # what the history makes due now counts as sent
        # Twenty minutes on, the worker's beat runs every sweep of lost emails and the reminders.
        earlier = timezone.now() - timedelta(minutes=20)
        Notification.objects.update(created_at=earlier)
        EndorsementRequest.objects.update(created_at=earlier)
        Invitation.objects.update(last_sent_at=earlier)
        IndicatorValue.objects.filter(reviewed_at__isnull=False).update(reviewed_at=earlier)
    with django_capture_on_commit_callbacks(execute=True):
        coalition_tasks.send_lost_invitation_emails()
        condition_tasks.send_lost_endorsement_requests()
        indicator_tasks.send_lost_value_returned_emails()
        coordination_tasks.fan_out_reminders()
        coordination_tasks.fan_out_digests("daily")
        coordination_tasks.fan_out_digests("weekly")
    assert [m.subject for m in mail.outbox] == []
    with scopes_disabled():
        assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_seed_demo_writes_the_logins_where_serve_all_reads_them(demo, capsys):
    logins = json.loads((demo.data_dir / "demo-logins.json").read_text())
    assert any(login["email"] == "partenaire@haute-cote.demo" for login in logins)
    ServeAll().print_logins(demo.data_dir / "demo-logins.json", "127.0.0.1:8000")
    out = capsys.readouterr().out
    assert "partenaire@haute-cote.demo" in out and "no demo logins" not in out


def test_the_demo_logins_carry_working_api_tokens(demo):
    """seed_demo --logins-json gives the partner a read-and-write demo token and the funder a
    read-only one, which work at once; running it again replaces them."""
    partner = demo.logins[("partenaire@haute-cote.demo", SLUG)]
    funder = demo.logins[("bailleur@haute-cote.demo", SLUG)]
    assert "api_token" not in demo.logins[("coordination@haute-cote.demo", SLUG)]
    client = Client()
    assert client.get(f"/api/v1/c/{SLUG}/values/", **bearer(partner["api_token"])).status_code == 200
    assert client.get(f"/api/v1/c/{SLUG}/rollups/", **bearer(funder["api_token"])).status_code == 200
    refused = client.post(f"/api/v1/c/{SLUG}/values/", "{}", content_type="application/json",
                          **bearer(funder["api_token"]))
    assert refused.status_code == 403
    # A second run replaces the demo tokens (the part of seed_demo that does it, without the rest)
    again = [{key: value for key, value in partner.items() if key != "api_token"}]
    with scopes_disabled():
        coalition = Coalition.objects.get(slug=SLUG)
    with scope(coalition=coalition):
        Command()._api_tokens(coalition, again)
    assert again[0]["api_token"] != partner["api_token"]
    assert client.get(f"/api/v1/c/{SLUG}/", **bearer(partner["api_token"])).status_code == 401
    assert client.get(f"/api/v1/c/{SLUG}/", **bearer(again[0]["api_token"])).status_code == 200
