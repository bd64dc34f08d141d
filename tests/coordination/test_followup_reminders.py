"""Reminders about other conditions: indicator reporting (before, late, escalation to the
coordinators) and the endorsement of the current agenda. Frozen clock passed as `now`."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions.models import Role
from coordination.models.communication import Notification
from coordination.models.reminders import ReminderSettings, SentReminder
from coordination.selectors import reminders as reminders_selectors
from coordination.services import reminders, summaries

from ..conditions.factories import AgendaVersionFactory, EndorsementFactory
from ..factories import MembershipFactory, OrganizationFactory, everyone_wants_the_weekly_summary
from ..indicators.factories import IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign
from .factories import NotificationPreferenceFactory, ReminderSettingsFactory
from .helpers import at, recipients, run_reminders
from .parallel import run_in_parallel

DUE = date(2030, 4, 15)


@pytest.fixture
def reporting(world):
    """An indicator assigned to world.organization and another organisation; the other has submitted."""
    ReminderSettingsFactory(coalition=world.coalition, meeting_enabled=False, minutes_enabled=False,
                            follow_up_enabled=False, endorsement_enabled=False)
    done = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
    done_partner = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=done).user
    MembershipFactory(coalition=world.coalition, role=Role.FUNDER, organization=world.organization)
    indicator = IndicatorFactory(coalition=world.coalition, code="PE-01", name_fr="Familles rejointes")
    period = PeriodFactory(indicator=indicator, start=date(2030, 1, 1), end=date(2030, 3, 31), due_date=DUE)
    assign(indicator, world.organization, done)
    IndicatorValueFactory(period=period, organization=done, status="submitted")
    IndicatorValueFactory(period=period, organization=world.organization, status="draft")
    coordinated = IndicatorFactory(coalition=world.coalition, code="PE-02", aggregation="coordinator")
    PeriodFactory(indicator=coordinated, start=date(2030, 1, 1), end=date(2030, 3, 31), due_date=DUE)
    assign(coordinated, world.organization)
    return {"indicator": indicator, "period": period, "done_partner": done_partner}


def test_it_reminds_the_partners_of_an_organization_that_has_not_submitted_before_the_due_date(world, reporting):
    assert run_reminders(world, at(DUE - timedelta(days=8))) == 0
    assert run_reminders(world, at(DUE - timedelta(days=7))) == 1  # default: 7 days before
    assert recipients() == [world.partner.email]  # not its funder, not the organisation that submitted
    assert "PE-01" in mail.outbox[0].subject and "Rappel" in mail.outbox[0].subject
    assert "Maison de la famille" in mail.outbox[0].body
    assert run_reminders(world, at(DUE)) == 0  # once per period and organisation


def test_it_reminds_again_when_late_then_escalates_to_the_coordinators(world, reporting):
    run_reminders(world, at(DUE - timedelta(days=3)))
    mail.outbox.clear()
    assert run_reminders(world, at(DUE + timedelta(days=1))) == 1
    assert recipients() == [world.partner.email] and "retard" in mail.outbox[0].subject.lower()
    mail.outbox.clear()
    assert run_reminders(world, at(DUE + timedelta(days=6))) == 0  # default escalation: 7 days late
    assert run_reminders(world, at(DUE + timedelta(days=7))) == 1
    assert recipients() == [world.coordinator.email]
    assert "1 déclaration en retard depuis 7 jours ou plus" in mail.outbox[0].subject
    assert "Maison de la famille" in mail.outbox[0].body and "PE-01 Familles rejointes" in mail.outbox[0].body
    assert run_reminders(world, at(DUE + timedelta(days=8))) == 0


def test_a_value_submitted_stops_the_reminders(world, reporting):
    with scopes_disabled():
        reporting["period"].values.filter(organization=world.organization).update(status="submitted")
    assert run_reminders(world, at(DUE - timedelta(days=2))) == 0
    assert run_reminders(world, at(DUE + timedelta(days=10))) == 0


def test_a_returned_value_counts_as_not_submitted_but_a_locked_period_is_not_reminded(world, reporting):
    with scopes_disabled():
        reporting["period"].values.filter(organization=world.organization).update(status="returned")
    assert run_reminders(world, at(DUE - timedelta(days=2))) == 1
    with scopes_disabled():
        type(reporting["period"]).objects.filter(pk=reporting["period"].pk).update(is_locked=True)
    assert run_reminders(world, at(DUE + timedelta(days=2))) == 0


def test_the_coalition_sets_the_indicator_delays_or_turns_them_off(world, reporting):
    with scopes_disabled():
        ReminderSettings.objects.filter(coalition=world.coalition).update(indicator_enabled=False)
    assert run_reminders(world, at(DUE - timedelta(days=2))) == 0
    assert run_reminders(world, at(DUE + timedelta(days=10))) == 0
    with scopes_disabled():
        ReminderSettings.objects.filter(coalition=world.coalition).update(
            indicator_enabled=True, indicator_days_before=2, indicator_escalation_days=3)
    assert run_reminders(world, at(DUE - timedelta(days=3))) == 0
    assert run_reminders(world, at(DUE - timedelta(days=2))) == 1
    assert run_reminders(world, at(DUE + timedelta(days=3))) == 2  # late (partner) and escalation (coordinator)


def test_a_partner_who_chose_never_gets_no_indicator_reminder_and_a_digest_reader_no_email(world, reporting):
    NotificationPreferenceFactory(coalition=world.coalition, user=world.partner, kind="indicator_reminder",
                                  frequency="weekly")
    assert run_reminders(world, at(DUE - timedelta(days=2))) == 1
    assert mail.outbox == []
    with scopes_disabled():
        assert Notification.objects.get(recipient=world.partner).kind == "indicator_reminder"
    NotificationPreferenceFactory(coalition=world.coalition, user=world.coordinator, kind="indicator_reminder",
                                  frequency="never")
    assert run_reminders(world, at(DUE + timedelta(days=7))) == 1  # the partner's late reminder only
    with scopes_disabled():
        assert not SentReminder.objects.filter(recipient=world.coordinator).exists()


def test_nothing_from_another_coalition_is_reminded(world, reporting):
    org = OrganizationFactory(coalition=world.other_coalition)
    member = MembershipFactory(coalition=world.other_coalition, role=Role.PARTNER, organization=org).user
    indicator = IndicatorFactory(coalition=world.other_coalition)
    PeriodFactory(indicator=indicator, start=date(2030, 1, 1), end=date(2030, 3, 31), due_date=DUE)
    assign(indicator, org)
    run_reminders(world, at(DUE - timedelta(days=2)))
    assert member.email not in recipients()


@pytest.mark.django_db(transaction=True)
def test_two_parallel_runs_send_each_indicator_reminder_once(world, reporting):
    now = at(DUE + timedelta(days=7))
    results, errors = run_in_parallel(lambda: run_reminders(world, now))
    assert errors == [] and sum(results) == 2
    assert recipients() == sorted([world.partner.email, world.coordinator.email])


@pytest.fixture
def agenda(world):
    ReminderSettingsFactory(coalition=world.coalition, meeting_enabled=False, minutes_enabled=False,
                            follow_up_enabled=False, indicator_enabled=False)
    with scopes_disabled():
        world.organization.representative = world.partner
        world.organization.save()
        endorsed = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
        endorsed.representative = MembershipFactory(coalition=world.coalition, role=Role.PARTNER,
                                                    organization=endorsed).user
        endorsed.save()
        funder_org = OrganizationFactory(coalition=world.coalition, kind="funder")
        funder_org.representative = world.funder
        funder_org.save()
        version = AgendaVersionFactory(coalition=world.coalition, number=1, published_at=at(DUE))
    EndorsementFactory(version=version, organization=endorsed)
    return version


def test_representatives_who_have_not_endorsed_the_current_version_are_reminded_once(world, agenda):
    assert run_reminders(world, at(DUE + timedelta(days=6))) == 0  # default: 7 days after publication
    assert run_reminders(world, at(DUE + timedelta(days=7))) == 1
    assert recipients() == [world.partner.email]
    assert "Version 1" in mail.outbox[0].subject and "Maison de la famille" in mail.outbox[0].body
    assert run_reminders(world, at(DUE + timedelta(days=20))) == 0
    with scopes_disabled():
        version2 = AgendaVersionFactory(coalition=world.coalition, number=2, published_at=at(DUE + timedelta(days=30)))
    assert run_reminders(world, at(DUE + timedelta(days=37))) == 2  # a new version: both are asked again
    EndorsementFactory(version=version2, organization=world.organization)
    with scopes_disabled():
        ReminderSettings.objects.filter(coalition=world.coalition).update(endorsement_enabled=False)
    assert run_reminders(world, at(DUE + timedelta(days=40))) == 0


def test_the_endorsement_reminder_respects_preferences(world, agenda):
    NotificationPreferenceFactory(coalition=world.coalition, user=world.partner, kind="endorsement_reminder",
                                  frequency="never")
    assert run_reminders(world, at(DUE + timedelta(days=8))) == 0


def test_the_coordinator_sees_and_sets_the_new_reminders_in_the_schedule(client, world, reporting):
    client.force_login(world.coordinator)
    url = reverse("coordination:reminders", args=[world.coalition.slug])
    with scope(coalition=world.coalition):
        schedule = reminders_selectors.reminder_schedule(world.coalition, now=at(DUE - timedelta(days=5)))
    assert [row["kind"] for row in schedule] == ["indicator_soon", "indicator_late", "indicator_escalation"]
    response = client.post(url, {"indicator_enabled": "on", "indicator_days_before": "99",
                                 "indicator_escalation_days": "3", "endorsement_days_after": "7",
                                 "meeting_days_before": "1", "minutes_days_after": "2", "follow_up_days_before": "3"})
    assert response.status_code == 200 and "indicator_days_before" in response.context["form"].errors
    response = client.post(url, {"indicator_enabled": "on", "indicator_days_before": "5",
                                 "indicator_escalation_days": "3", "endorsement_days_after": "7",
                                 "meeting_days_before": "1", "minutes_days_after": "2", "follow_up_days_before": "3"})
    assert response.status_code == 302
    with scopes_disabled():
        saved = ReminderSettings.objects.get(coalition=world.coalition)
    assert (saved.indicator_days_before, saved.indicator_escalation_days, saved.endorsement_enabled) == (5, 3, False)
    page = client.get(url).content.decode()
    assert "Rappels aux organismes" in page or "indicateur" in page.lower()
    assert "Les rappels sur les valeurs d’indicateurs sont regroupés" in page


def test_the_settings_service_rejects_a_bad_delay_on_the_field(world):
    from django.core.exceptions import ValidationError

    with scope(coalition=world.coalition), pytest.raises(ValidationError) as error:
        reminders.reminder_settings_update(actor=world.coordinator, coalition=world.coalition,
                                          indicator_escalation_days=-1)
    assert "indicator_escalation_days" in error.value.message_dict
    with scopes_disabled():
        assert not ReminderSettings.objects.exists()


def test_the_weekly_summaries_tell_coordinators_and_partners_about_reporting_and_endorsements(world, reporting):
    monday = at(DUE + timedelta(days=5))  # 2030-04-20 is a Saturday; what counts is the week before `now`
    with scopes_disabled():
        reporting["period"].values.filter(organization__name="CPE Les Petits Pas").update(
            submitted_at=monday - timedelta(days=2))
        world.organization.representative = world.partner
        world.organization.save()
    AgendaVersionFactory(coalition=world.coalition, number=1, published_at=monday - timedelta(days=30))
    # another coalition's late organisation, value and agenda must not show
    org = OrganizationFactory(coalition=world.other_coalition, name="Organisme d'ailleurs")
    indicator = IndicatorFactory(coalition=world.other_coalition, code="AIL-01")
    period = PeriodFactory(indicator=indicator, start=date(2030, 1, 1), end=date(2030, 3, 31), due_date=DUE)
    assign(indicator, org)
    IndicatorValueFactory(period=period, organization=OrganizationFactory(coalition=world.other_coalition,
                                                                          name="Autre d'ailleurs"),
                          submitted_at=monday - timedelta(days=1))
    AgendaVersionFactory(coalition=world.other_coalition, number=1, published_at=monday - timedelta(days=30))
    everyone_wants_the_weekly_summary()
    with scope(coalition=world.coalition):
        assert summaries.send_weekly_summaries(coalition=world.coalition, now=monday) == 2
    by_person = {m.to[0]: m.body for m in mail.outbox}
    coordinator, partner = by_person[world.coordinator.email], by_person[world.partner.email]
    assert "Valeurs soumises cette semaine" in coordinator and "PE-01 T1 2030, CPE Les Petits Pas" in coordinator
    assert "Organismes en retard" in coordinator and "Maison de la famille — PE-01" in coordinator
    assert "Organismes qui n’ont pas adhéré à la vision commune en vigueur\u00a0:" in coordinator
    assert "ailleurs" not in coordinator and "AIL-01" not in coordinator
    assert "Valeurs d’indicateurs que votre organisme doit déclarer" in partner and "PE-01" in partner
    assert "Valeurs soumises" not in partner and "CPE Les Petits Pas" not in partner
    assert reporting["done_partner"].email not in by_person  # its organisation has submitted: nothing to say


def test_the_weekly_summary_reads_in_english_for_an_english_reader(world, reporting):
    """Issue 13, point 15: the summary follows its reader's language, whatever the server's."""
    monday = at(DUE + timedelta(days=5))
    with scopes_disabled():
        reporting["period"].values.filter(organization__name="CPE Les Petits Pas").update(
            submitted_at=monday - timedelta(days=2))
        world.coordinator.language = "en"
        world.coordinator.save()
    everyone_wants_the_weekly_summary()
    with scope(coalition=world.coalition):
        summaries.send_weekly_summaries(coalition=world.coalition, now=monday)
    by_person = {m.to[0]: m for m in mail.outbox}
    english, french = by_person[world.coordinator.email], by_person[world.partner.email]
    assert "Values submitted this week" in english.body and "PE-01 Q1 2030, CPE Les Petits Pas" in english.body
    assert "Organizations late in reporting" in english.body and "Valeurs" not in english.body
    assert "Valeurs d’indicateurs que votre organisme doit déclarer" in french.body
