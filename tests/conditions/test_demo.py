from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from coalitions.dates import local_today
from coalitions.models import Coalition, Organization
from conditions import selectors
from conditions.models import (
    Action,
    Activity,
    AgendaVersion,
    Consultation,
    ConsultationComment,
    Practice,
    Priority,
    ReferralPath,
)
from conditions.selectors import practices as practice_selectors
from indicators.models import Indicator, IndicatorRollup


def check_both_coalitions_filled():
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


def check_consults_the_partners_on_a_third_version_with_a_few_reservations():
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


def check_lists_shared_practices_once_with_one_archived():
    with scopes_disabled():
        coalition = Coalition.objects.get(slug="petite-enfance-haute-cote")
    with scope(coalition=coalition):
        practices = Practice.objects.filter(coalition=coalition)
        assert practices.filter(archived_at__isnull=True).count() == 5  # run twice, seeded once
        assert practices.filter(archived_at__isnull=False).count() == 1
        assert set(practices.values_list("kind", flat=True)) == {"referral", "welcoming", "message", "tool",
                                                                 "support"}
        assert not practices.filter(archived_at__isnull=True, priorities__isnull=True).exists()


def check_has_practices_about_half_adopted_more_than_six_months_ago():
    with scopes_disabled():
        coalition = Coalition.objects.get(slug="petite-enfance-haute-cote")
    with scope(coalition=coalition):
        share = practice_selectors.adoption_share(coalition)
        assert 35 <= share["share"] <= 65  # practices half adopted
        board = practice_selectors.adoption_board(coalition)
        trend = practice_selectors.adoption_trend(coalition, local_today(coalition), possible=board["possible"])
        assert trend[0]["adopted"] < trend[1]["adopted"] < trend[2]["adopted"] == board["adopted"]
        assert trend[0]["counts"]["planned"] > 0


def check_the_edge_partner_has_only_planned_practices_and_the_year_report_shows_them():
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


def check_draws_referral_paths_once():
    with scopes_disabled():
        coalition = Coalition.objects.get(slug="petite-enfance-haute-cote")
    with scope(coalition=coalition):
        assert ReferralPath.objects.filter(coalition=coalition).count() == 6
        priority = Priority.objects.get(coalition=coalition, title="Accès aux services")
        assert len(practice_selectors.referral_map(coalition, priority)["edges"]) == 4


def test_the_demo_fills_both_coalitions_and_can_run_twice(db):
    """Seeded twice (seed_demo is slow, so one test runs every check on the same data): each
    check holds after the second run, which adds nothing."""
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    check_both_coalitions_filled()
    check_consults_the_partners_on_a_third_version_with_a_few_reservations()
    check_lists_shared_practices_once_with_one_archived()
    check_has_practices_about_half_adopted_more_than_six_months_ago()
    check_draws_referral_paths_once()
    check_the_edge_partner_has_only_planned_practices_and_the_year_report_shows_them()
