"""The reporting backlog behind "late organisations": kept exact by the database whatever
writes the values, periods, indicators and assignments (services, factories, bulk SQL)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from dashboards import health, partner
from dashboards.models import ReportingBacklog
from indicators.models import IndicatorGroupObjectPermission, IndicatorValue, Period, ValueStatus
from indicators.services import framework, review, values

from ..factories import MembershipFactory, OrganizationFactory
from ..indicators.factories import IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign
from .data import grow

pytestmark = pytest.mark.django_db


def reference_late_organizations(coalition, today, window_days=365):
    """The definition, computed the slow way from the source tables (the former implementation)."""
    with scopes_disabled():
        periods = list(
            Period.objects.filter(coalition=coalition, due_date__lt=today,
                                  due_date__gte=today - timedelta(days=window_days), is_locked=False)
            .exclude(indicator__aggregation="coordinator").values_list("pk", "indicator_id", "end"))
        assigned: dict[int, list] = {}
        for indicator_id, name, reports_from in IndicatorGroupObjectPermission.objects.filter(
                content_object_id__in={i for _p, i, _e in periods}, group__organization__coalition=coalition
        ).values_list("content_object_id", "group__organization__name", "reports_from"):
            assigned.setdefault(indicator_id, []).append((name, reports_from))
        done = set(IndicatorValue.objects.filter(
            period_id__in=[p for p, _i, _e in periods], category__isnull=True,
            status__in=(ValueStatus.SUBMITTED, ValueStatus.APPROVED)).values_list(
            "period_id", "organization__name"))
    late: dict[str, int] = {}
    for period_id, indicator_id, end in periods:
        for name, reports_from in assigned.get(indicator_id, []):
            if (period_id, name) not in done and (reports_from is None or reports_from <= end):
                late[name] = late.get(name, 0) + 1
    return [{"name": n, "count": c} for n, c in sorted(late.items(), key=lambda kv: (-kv[1], kv[0]))]


def late(world, today=None):
    today = today or timezone.localdate()
    with scope(coalition=world.coalition):
        return {row["name"]: row["count"] for row in health.late_organizations(world.coalition, today)}


@pytest.fixture
def reporting(world):
    """The world's organisation reports a quarterly indicator with three closed periods and
    one under way; a second organisation reports it too."""
    today = timezone.localdate()
    indicator = IndicatorFactory(coalition=world.coalition, code="FAM")
    other = OrganizationFactory(coalition=world.coalition, name="Centre de pédiatrie sociale")
    assign(indicator, world.organization, other)
    periods = [PeriodFactory(indicator=indicator, start=today - timedelta(days=days),
                             end=today - timedelta(days=days - 29), due_date=today - timedelta(days=days - 40))
               for days in (300, 200, 100, 20)]
    return indicator, periods, other


def test_it_counts_what_the_former_computation_counted(world):
    grow(world, 4)
    with scopes_disabled():
        value = IndicatorValue.objects.filter(coalition=world.coalition, status="approved").first()
        value.status = "returned"
        value.save()
        Period.objects.filter(pk=Period.objects.filter(coalition=world.coalition).last().pk).update(is_locked=True)
    today = timezone.localdate()
    expected = reference_late_organizations(world.coalition, today)
    assert len(expected) >= 2  # the world's organisation and the one whose value was returned
    with scope(coalition=world.coalition):
        assert [{"name": r["name"], "count": r["count"]}
                for r in health.late_organizations(world.coalition, today)] == expected


def test_it_follows_values_as_they_are_submitted_returned_and_approved(world, reporting):
    indicator, periods, other = reporting
    assert late(world) == {"Maison de la famille": 3, "Centre de pédiatrie sociale": 3}
    with scope(coalition=world.coalition):
        value = values.value_save(actor=world.partner, indicator=indicator, period=periods[0],
                                  organization=world.organization, value=12)
        assert late(world)["Maison de la famille"] == 2  # submitted
        value = review.value_return(actor=world.coordinator, value=value, note="À revoir")
        assert late(world)["Maison de la famille"] == 3  # returned: late again
        value = values.value_save(actor=world.partner, indicator=indicator, period=periods[0],
                                  organization=world.organization, value=13)
        review.value_approve(actor=world.coordinator, value=IndicatorValue.objects.get(pk=value.pk))
        assert late(world)["Maison de la famille"] == 2  # approved
        values.value_save(actor=world.partner, indicator=indicator, period=periods[1],
                          organization=world.organization, value=5, submit=False)
    assert late(world) == {"Maison de la famille": 2, "Centre de pédiatrie sociale": 3}  # a draft is not a report
    with scope(coalition=world.coalition):
        row = ReportingBacklog.objects.get(organization=world.organization, start=periods[1].start)
    assert (row.missing, row.drafts, row.returned) == (1, 1, 0)


def test_it_counts_a_period_once_its_due_date_has_passed(world, reporting):
    _indicator, periods, _other = reporting
    due = periods[3].due_date
    assert late(world, due)["Maison de la famille"] == 3  # due today: not late yet
    assert late(world, due + timedelta(days=1))["Maison de la famille"] == 4
    assert late(world, periods[0].due_date + timedelta(days=366))["Maison de la famille"] == 3  # a year later


def test_it_follows_assignments_locks_entry_method_and_deletions(world, reporting):
    indicator, periods, other = reporting
    with scope(coalition=world.coalition):
        framework.assignments_set(actor=world.coordinator, indicator=indicator, organizations=[world.organization])
    assert late(world) == {"Maison de la famille": 3}
    assign(indicator, other)
    assert late(world) == {"Maison de la famille": 3, "Centre de pédiatrie sociale": 3}
    with scope(coalition=world.coalition):
        framework.period_set_lock(actor=world.coordinator, period=periods[0], locked=True)
    assert late(world) == {"Maison de la famille": 2, "Centre de pédiatrie sociale": 2}
    with scopes_disabled():
        Period.objects.filter(pk=periods[1].pk).update(due_date=timezone.localdate() + timedelta(days=3))
    assert late(world) == {"Maison de la famille": 1, "Centre de pédiatrie sociale": 1}
    with scopes_disabled():
        IndicatorValueFactory(period=periods[2], organization=other, status="approved")
        IndicatorValueFactory(period=periods[2], organization=world.organization, status="submitted")
    assert late(world) == {}
    with scopes_disabled():
        IndicatorValue.objects.filter(organization=other).delete()
    assert late(world) == {"Centre de pédiatrie sociale": 1}
    with scopes_disabled():
        type(indicator).objects.filter(pk=indicator.pk).update(aggregation="coordinator")
    assert late(world) == {}
    with scopes_disabled():
        type(indicator).objects.filter(pk=indicator.pk).update(aggregation="sum")
        indicator.delete()
    assert late(world) == {}
    with scopes_disabled():
        assert not ReportingBacklog.objects.filter(coalition=world.coalition).exists()


def test_it_is_counted_per_coalition_and_ignores_other_organizations(world, reporting):
    outside = OrganizationFactory(coalition=world.other_coalition, name="Ailleurs")
    MembershipFactory(coalition=world.other_coalition, organization=outside)
    other_indicator = IndicatorFactory(coalition=world.other_coalition)
    assign(other_indicator, outside)
    PeriodFactory(indicator=other_indicator, start=timezone.localdate() - timedelta(days=100),
                  end=timezone.localdate() - timedelta(days=70), due_date=timezone.localdate() - timedelta(days=60))
    assert "Ailleurs" not in late(world)
    with scope(coalition=world.other_coalition):
        assert health.late_organizations(world.other_coalition, timezone.localdate()) == [
            {"id": outside.pk, "name": "Ailleurs", "count": 1}]


def test_a_bulk_statement_recomputes_each_key_once_and_exactly(world, reporting):
    indicator, periods, other = reporting
    with scopes_disabled():
        for period in periods[:3]:
            for organization in (world.organization, other):
                IndicatorValueFactory(period=period, organization=organization, status="submitted")
    assert late(world) == {}
    with connection.cursor() as cursor:  # one statement, six rows: what a bulk return does
        cursor.execute("UPDATE indicators_indicatorvalue SET status = 'returned' WHERE indicator_id = %s",
                       [indicator.pk])
    assert late(world) == {"Maison de la famille": 3, "Centre de pédiatrie sociale": 3}
    with scopes_disabled():
        assert sorted(ReportingBacklog.objects.filter(coalition=world.coalition).values_list("returned", flat=True)) \
            == [0, 0, 1, 1, 1, 1, 1, 1]  # and the period under way, with nothing returned


@pytest.mark.parametrize("shown", [1, 2, 3, 10])
def test_the_partner_home_lists_what_the_entry_screen_lists_first(world, reporting, shown):
    """Returned, late, due, drafts, then open values, by due date and code: the first ``shown``
    of the entry screen's values that are not submitted, and the same counts."""
    indicator, periods, other = reporting
    second = IndicatorFactory(coalition=world.coalition, code="AAA")
    assign(second, world.organization)
    today = timezone.localdate()
    extra = [PeriodFactory(indicator=second, start=p.start, end=p.end, due_date=p.due_date) for p in periods]
    extra.append(PeriodFactory(indicator=second, start=today - timedelta(days=40), end=today - timedelta(days=5),
                               due_date=today + timedelta(days=9)))  # ended, not yet due: "due"
    with scopes_disabled():
        IndicatorValueFactory(period=periods[1], organization=world.organization, status="returned")
        IndicatorValueFactory(period=extra[0], organization=world.organization, status="draft")
        IndicatorValueFactory(period=extra[2], organization=world.organization, status="approved")
        IndicatorValueFactory(period=periods[0], organization=other, status="returned")
    with scope(coalition=world.coalition):
        from indicators.selectors.worklist import entry_cells

        expected = [c for c in entry_cells(world.coalition, None, world.organization, today)
                    if c.status in partner.TO_DO]
        got = partner.values_to_report(world.coalition, world.organization, today, shown=shown)
    assert [(c.indicator.code, c.period.pk, c.status) for c in got["cells"]] == [
        (c.indicator.code, c.period.pk, c.status) for c in expected[:shown]]
    assert got["count"] == len(expected) == 8
    assert got["returned"] == 1
    assert [c.status for c in expected] == ["returned", "late", "late", "late", "due", "draft", "open", "open"]
