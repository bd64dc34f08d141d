"""Indicator reminders are grouped: one escalation email per coordinator and day listing every
late (indicator, period, organisation) that reaches the escalation delay that day, and one
reminder per reporter and day listing all their organisation's values due. Still exactly once:
per-item keys plus a key per group and day. Frozen clock passed as `now`."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail
from django_scopes import scope, scopes_disabled

from coalitions.models import Role
from coordination import tasks
from coordination.models.communication import Notification
from coordination.models.reminders import ReminderSettings, SentReminder
from coordination.services import notifications as notifications_services

from ..factories import MembershipFactory, OrganizationFactory
from ..indicators.factories import IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign
from .factories import NotificationPreferenceFactory, ReminderSettingsFactory
from .helpers import at, run_reminders
from .parallel import run_in_parallel

DUE = date(2030, 4, 15)
LATER = DUE + timedelta(days=3)
ESCALATION_DAY = DUE + timedelta(days=7)  # the default delay


def _mail_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


@pytest.fixture
def late(world):
    """Three organisations, two indicators due on DUE and one due three days later; the CPE
    has submitted PE-01, everything else is missing. A second coordinator."""
    ReminderSettingsFactory(coalition=world.coalition, meeting_enabled=False, minutes_enabled=False,
                            follow_up_enabled=False, endorsement_enabled=False)
    cpe = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
    library = OrganizationFactory(coalition=world.coalition, name="Bibliothèque de Forestville")
    cpe_partner = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=cpe).user
    second = MembershipFactory(coalition=world.coalition, role=Role.COORDINATOR).user
    visits = IndicatorFactory(coalition=world.coalition, code="PE-01", name_fr="Familles rejointes",
                              name_en="Families reached")
    workshops = IndicatorFactory(coalition=world.coalition, code="PE-03", name_fr="Présences aux ateliers",
                                 name_en="Workshop attendance")
    waiting = IndicatorFactory(coalition=world.coalition, code="PE-04", name_fr="Délai d'attente",
                               name_en="Waiting time")
    with scopes_disabled():
        periods = {}
        for indicator, due in ((visits, DUE), (workshops, DUE), (waiting, LATER)):
            periods[indicator.code] = PeriodFactory(indicator=indicator, start=date(2030, 1, 1),
                                                    end=date(2030, 3, 31), due_date=due)
            assign(indicator, world.organization, cpe, library)
    IndicatorValueFactory(period=periods["PE-01"], organization=cpe, status="submitted")
    return {"cpe": cpe, "library": library, "cpe_partner": cpe_partner, "second": second, "periods": periods}


def test_the_escalation_is_one_email_per_coordinator_listing_every_late_value_by_organization(world, late):
    run_reminders(world, at(ESCALATION_DAY - timedelta(days=1)))  # the day before: partner reminders only
    assert all(world.coordinator.email not in m.to for m in mail.outbox)
    mail.outbox.clear()
    assert run_reminders(world, at(ESCALATION_DAY)) == 2  # one per coordinator; the partners were reminded before
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.coordinator.email, late["second"].email])
    email = _mail_to(world.coordinator)[0]
    assert email.subject == "[Regroupement Petite enfance] 5 déclarations en retard depuis 7 jours ou plus"
    body = email.body
    # grouped by organisation (in name order), each heading once, with indicator, period and due date
    headings = [line for line in body.splitlines() if line in
                ("Bibliothèque de Forestville", "CPE Les Petits Pas", "Maison de la famille")]
    assert headings == ["Bibliothèque de Forestville", "CPE Les Petits Pas", "Maison de la famille"]
    assert "- PE-01 Familles rejointes, T1 2030 — attendue le 15 avril 2030 (en retard de 7 jours)" in body
    assert "- PE-03 Présences aux ateliers, T1 2030 — attendue le 15 avril 2030" in body
    assert body.count("PE-01 Familles rejointes") == 2  # not the CPE, which submitted it
    assert "PE-04" not in body  # due three days later: not late enough yet
    assert "Ces 5 valeurs d’indicateurs manquent toujours" in body
    assert f"/c/{world.coalition.slug}/measurement/completeness/?indicator=" in body
    with scopes_disabled():
        notifications = list(Notification.objects.filter(recipient=world.coordinator))
    assert len(notifications) == 1
    assert notifications[0].kind == "indicator_reminder" and notifications[0].event == "indicator_escalation"
    assert "Bibliothèque de Forestville" in notifications[0].title and "completeness" in notifications[0].url


def test_a_second_run_the_same_day_sends_nothing_and_a_later_day_only_the_new_items(world, late):
    run_reminders(world, at(ESCALATION_DAY))
    mail.outbox.clear()
    assert run_reminders(world, at(ESCALATION_DAY)) == 0
    assert run_reminders(world, at(ESCALATION_DAY, hour=18)) == 0
    assert run_reminders(world, at(ESCALATION_DAY + timedelta(days=1))) == 0  # nothing new escalated that day
    assert mail.outbox == []
    assert run_reminders(world, at(LATER + timedelta(days=7))) == 2  # PE-04 reaches the escalation delay
    email = _mail_to(world.coordinator)[0]
    assert "3 déclarations en retard" in email.subject
    assert "PE-04 Délai d'attente" in email.body and "PE-01" not in email.body and "PE-03" not in email.body
    assert "?indicator=" in email.body  # a single indicator: the board opens on it
    assert run_reminders(world, at(LATER + timedelta(days=9))) == 0
    with scopes_disabled():
        escalations = SentReminder.objects.filter(recipient=world.coordinator, kind="indicator_escalation")
        assert escalations.filter(subject__startswith="period:").count() == 8  # each item once
        assert escalations.filter(subject=f"coalition:{world.coalition.pk}").count() == 2  # one per email
        assert Notification.objects.filter(recipient=world.coordinator, event="indicator_escalation").count() == 2


def test_items_escalated_before_the_grouping_are_not_escalated_again(world, late):
    """A per-item key written by an earlier run (or by the ungrouped engine) still counts."""
    with scopes_disabled():
        period = late["periods"]["PE-01"]
        SentReminder.objects.create(coalition=world.coalition, recipient=world.coordinator,
                                    kind="indicator_escalation", period=DUE.isoformat(),
                                    claimed_at=at(DUE), delivered_at=at(DUE),
                                    subject=f"period:{period.pk}:org:{world.organization.pk}")
    run_reminders(world, at(ESCALATION_DAY))
    email = _mail_to(world.coordinator)[0]
    assert "4 déclarations" in email.subject
    assert "5 déclarations" in _mail_to(late["second"])[0].subject


@pytest.mark.django_db(transaction=True)
def test_two_parallel_runs_send_each_grouped_email_once(world, late):
    now = at(ESCALATION_DAY)
    results, errors = run_in_parallel(lambda: run_reminders(world, now))
    assert errors == []
    # each coordinator once; the three organisations' reporters get their late reminder once
    assert sum(results) == len(mail.outbox)
    assert sorted(m.to[0] for m in mail.outbox if "déclarations en retard" in m.subject) == sorted(
        [world.coordinator.email, late["second"].email])
    assert len({tuple(m.to) for m in mail.outbox}) == len(mail.outbox)
    with scopes_disabled():
        assert Notification.objects.filter(event="indicator_escalation").count() == 2


def test_the_partner_gets_one_reminder_listing_all_the_values_of_their_organization(world, late):
    assert run_reminders(world, at(DUE - timedelta(days=8))) == 0
    assert run_reminders(world, at(DUE - timedelta(days=7))) == 2  # the two reporters; the library has none
    email = _mail_to(world.partner)[0]
    assert email.subject == "[Regroupement Petite enfance] Rappel\u00a0: 2 valeurs d’indicateurs à déclarer"
    assert "Maison de la famille doit soumettre ces valeurs d’indicateurs\u00a0:" in email.body
    assert "- PE-01 Familles rejointes, T1 2030 — attendue le 15 avril 2030 (dans 7 jours)" in email.body
    assert "PE-03 Présences aux ateliers" in email.body and "PE-04" not in email.body
    cpe = _mail_to(late["cpe_partner"])[0]  # one value only: the single reminder's wording
    assert "PE-03" in cpe.subject and "PE-01" not in cpe.body
    mail.outbox.clear()
    assert run_reminders(world, at(DUE - timedelta(days=7), hour=15)) == 0
    assert run_reminders(world, at(LATER - timedelta(days=7))) == 2  # PE-04 comes into the window: only it
    assert "PE-04" in _mail_to(world.partner)[0].subject and "PE-01" not in _mail_to(world.partner)[0].body
    mail.outbox.clear()
    assert run_reminders(world, at(LATER + timedelta(days=1))) == 2  # late: all three in one email each
    email = _mail_to(world.partner)[0]
    assert email.subject == "[Regroupement Petite enfance] En retard\u00a0: 3 valeurs d’indicateurs pas encore soumises"
    assert "Maison de la famille n’a pas encore soumis ces valeurs d’indicateurs\u00a0:" in email.body
    assert "(en retard de 4 jours)" in email.body and "(en retard de 1 jour)" in email.body
    with scopes_disabled():
        assert Notification.objects.filter(recipient=world.partner).count() == 3


def test_the_grouped_emails_read_in_english_for_english_readers(world, late):
    with scopes_disabled():
        for user in (world.coordinator, world.partner):
            user.language = "en"
            user.save()
    run_reminders(world, at(DUE - timedelta(days=2)))  # PE-01 and PE-03, and PE-04 due three days later
    assert _mail_to(world.partner)[0].subject.endswith("Reminder: 3 indicator values to report")
    run_reminders(world, at(ESCALATION_DAY))
    email = _mail_to(world.coordinator)[0]
    assert email.subject.endswith("5 reports late by 7 days or more")
    assert "These 5 indicator values are still missing" in email.body
    assert "- PE-03 Workshop attendance, Q1 2030 — due on April 15, 2030 (7 days late)" in email.body
    assert "See who has reported:" in email.body


def test_the_coalition_delay_and_switch_still_apply_to_the_grouped_escalation(world, late):
    with scopes_disabled():
        ReminderSettings.objects.filter(coalition=world.coalition).update(indicator_escalation_days=1)
    run_reminders(world, at(DUE + timedelta(days=1)))
    assert "5 déclarations en retard depuis un jour ou plus" in _mail_to(world.coordinator)[0].subject
    mail.outbox.clear()
    with scopes_disabled():
        ReminderSettings.objects.filter(coalition=world.coalition).update(indicator_enabled=False)
    assert run_reminders(world, at(LATER + timedelta(days=1))) == 0


def test_preferences_one_notification_per_group_for_digest_readers_and_nothing_for_never(world, late):
    NotificationPreferenceFactory(coalition=world.coalition, user=world.coordinator, kind="indicator_reminder",
                                  frequency="daily")
    NotificationPreferenceFactory(coalition=world.coalition, user=late["second"], kind="indicator_reminder",
                                  frequency="never")
    run_reminders(world, at(ESCALATION_DAY))
    assert _mail_to(world.coordinator) == [] and _mail_to(late["second"]) == []
    with scopes_disabled():
        assert Notification.objects.filter(recipient=world.coordinator).count() == 1
        assert not SentReminder.objects.filter(recipient=late["second"]).exists()
    with scope(coalition=world.coalition):
        assert notifications_services.send_digests(coalition=world.coalition, frequency="daily",
                                               now=at(ESCALATION_DAY, 10)) == 1
    digest = _mail_to(world.coordinator)[0]
    assert "Toujours pas déclaré" in digest.body and "Bibliothèque de Forestville" in digest.body


def test_a_failed_grouped_email_gives_its_keys_back_and_the_retry_sends_it_once(world, late):
    now = at(ESCALATION_DAY)
    with mock.patch("coalitions.emails.EmailMultiAlternatives.send", side_effect=ConnectionError("smtp down")):
        with pytest.raises(ConnectionError):
            run_reminders(world, now)
    with scopes_disabled():
        assert not SentReminder.objects.filter(kind="indicator_escalation").exists()
        assert not Notification.objects.filter(event="indicator_escalation").exists()
    mail.outbox.clear()
    run_reminders(world, now)
    run_reminders(world, now)
    assert len([m for m in mail.outbox if "déclarations en retard" in m.subject]) == 2


def test_nothing_of_another_coalition_is_grouped_in(world, late):
    org = OrganizationFactory(coalition=world.other_coalition, name="Organisme d'ailleurs")
    indicator = IndicatorFactory(coalition=world.other_coalition, code="AIL-01")
    PeriodFactory(indicator=indicator, start=date(2030, 1, 1), end=date(2030, 3, 31), due_date=DUE)
    assign(indicator, org)
    tasks.fan_out_reminders(at(ESCALATION_DAY).isoformat())
    ours = _mail_to(world.coordinator)[0]
    assert "5 déclarations" in ours.subject and "ailleurs" not in ours.body and "AIL-01" not in ours.body
    theirs = _mail_to(world.other_member)[0]
    assert theirs.subject == "[Table alimentaire] 1 déclaration en retard depuis 7 jours ou plus"
    assert "Organisme d'ailleurs" in theirs.body and "Maison de la famille" not in theirs.body
    assert f"/c/{world.other_coalition.slug}/" in theirs.body and f"/c/{world.coalition.slug}/" not in theirs.body
