"""The partners' consultation on a draft of the common agenda (issue 16, part 1)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from pghistory.models import Events

from coalitions.models import Role
from conditions.models import AgendaVersion, Consultation, ConsultationComment, ConsultationResponse
from conditions.services import agenda as agenda_services
from conditions.services import consultation as services
from coordination.models.communication import Notification
from coordination.models.reminders import SentReminder

from ..coordination.helpers import run_reminders
from ..factories import MembershipFactory, OrganizationFactory
from ..helpers import url
from .test_agenda import DRAFT

CLOSES = (timezone.localdate() + timedelta(days=10)).isoformat()
SECTIONS = ["problem", "target_population", "territory", "vision", "long_term_outcomes", "theory_of_change",
            "priorities", "guiding_principles"]


def write_draft(world, **changes):
    with scopes_disabled():
        return agenda_services.agenda_draft_update(actor=world.coordinator, coalition=world.coalition,
                                                   **{**DRAFT, **changes})


@pytest.fixture
def consultation(world, django_capture_on_commit_callbacks):
    write_draft(world)
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        return services.consultation_open(actor=world.coordinator, coalition=world.coalition,
                                          closes_on=timezone.localdate() + timedelta(days=10),
                                          message="Regardez surtout la théorie du changement.")


def respond(client, world, **answers):
    data = {}
    for section, (position, reason) in answers.items():
        data[f"position_{section}"] = position
        data[f"reason_{section}"] = reason
    client.force_login(world.partner)
    return client.post(url(world, "conditions:consultation_respond"), data)


def test_it_opens_a_consultation_on_the_draft_and_notifies_the_partners_not_the_funders(
        client, world, django_capture_on_commit_callbacks):
    write_draft(world)
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "conditions:consultation_open"), {"closes_on": CLOSES, "message": "Merci!"})
    assert response.status_code == 302
    with scopes_disabled():
        consultation = Consultation.objects.get(coalition=world.coalition)
        assert consultation.version.is_draft and consultation.sections["vision"] == DRAFT["vision"]
        assert ["Visites à domicile", "Parents plus confiants"] in consultation.links
        notified = set(Notification.objects.filter(kind="consultation").values_list("recipient__email", flat=True))
    assert notified == {world.partner.email}
    assert [m.to for m in mail.outbox] == [[world.partner.email]]
    # A second consultation on the same draft is refused with a message, not a 500.
    response = client.post(url(world, "conditions:consultation_open"), {"closes_on": CLOSES})
    assert response.status_code == 200 and "déjà" in response.content.decode()


def test_it_refuses_a_closing_date_in_the_past_and_opens_nothing(client, world):
    write_draft(world)
    client.force_login(world.coordinator)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(url(world, "conditions:consultation_open"), {"closes_on": yesterday})
    assert response.status_code == 200 and "Choisissez une date de clôture après aujourd" in response.content.decode()
    with scopes_disabled():
        assert not Consultation.objects.exists()


def test_the_partner_reads_the_draft_as_consulted_even_if_the_coordinators_change_it(client, world, consultation):
    write_draft(world, vision="Une toute nouvelle vision.")
    client.force_login(world.partner)
    page = client.get(url(world, "conditions:consultation")).content.decode()
    assert "Chaque enfant arrive à l&#x27;école prêt à apprendre." in page
    assert "Une toute nouvelle vision." not in page
    assert "Regardez surtout la théorie du changement." in page


def test_a_reservation_or_an_objection_needs_a_reason_and_nothing_is_saved_without_it(client, world, consultation):
    response = respond(client, world, vision=("agree", ""), territory=("objection", ""))
    assert response.status_code == 200
    assert "Dites pourquoi" in response.content.decode()
    with scopes_disabled():
        assert not ConsultationResponse.objects.exists()


def test_the_partner_answers_per_section_for_its_organization_and_can_change_it(client, world, consultation):
    response = respond(client, world, vision=("agree", ""), territory=("reservation", "Il manque Les Escoumins."),
                       priorities=("objection", "La priorité « Accès » est trop vague."))
    assert response.status_code == 302
    with scopes_disabled():
        answers = {r.section: r.position for r in ConsultationResponse.objects.filter(organization=world.organization)}
        assert answers == {"vision": "agree", "territory": "reservation", "priorities": "objection"}
        objection = ConsultationResponse.objects.get(section="priorities")
        services.consultation_answer(actor=world.coordinator, response=objection, answer="Précisée en v2.")
    # Changing the position replaces it and waits for a new answer; the audit trail keeps the old one.
    respond(client, world, priorities=("reservation", "Mieux, mais encore vague."))
    with scopes_disabled():
        objection.refresh_from_db()
        assert (objection.position, objection.answer) == ("reservation", "")
        labels = list(Events.objects.tracks(objection).values_list("pgh_label", flat=True))
    assert labels.count("update") == 2 and "insert" in labels
    page = client.get(url(world, "conditions:consultation")).content.decode()
    assert "Mieux, mais encore vague." in page


def test_a_closed_consultation_takes_no_answer(client, world, consultation):
    with scopes_disabled():
        Consultation.objects.filter(pk=consultation.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    response = respond(client, world, vision=("agree", ""))
    assert response.status_code == 200
    with scopes_disabled():
        assert not ConsultationResponse.objects.exists()
        with pytest.raises(Exception, match="fermée|closed"):
            services.consultation_respond(actor=world.partner, consultation=consultation,
                                          answers={"vision": ("agree", "")})


def test_members_comment_on_a_section_and_on_a_link_and_hostile_targets_are_refused(client, world, consultation):
    client.force_login(world.partner)
    comment = url(world, "conditions:consultation_comment")
    assert client.post(comment, {"target": "section:vision", "body": "Belle vision."}).status_code == 302
    assert client.post(comment, {"target": "link:0", "body": "Ce lien est fragile."}).status_code == 302
    for target in ["link:99", "link:-1", "link:²", "section:nope", "", "link:"]:
        response = client.post(comment, {"target": target, "body": "x"}, follow=True)
        assert response.status_code == 200
    with scopes_disabled():
        assert sorted((c.section, c.link) for c in ConsultationComment.objects.all()) == [("", 0), ("vision", None)]
    page = client.get(url(world, "conditions:consultation")).content.decode()
    assert "Belle vision." in page and "Ce lien est fragile." in page


def test_the_coordinator_sees_responses_by_section_and_by_organization(client, world, consultation):
    respond(client, world, territory=("reservation", "Il manque Les Escoumins."))
    client.force_login(world.coordinator)
    by_section = client.get(url(world, "conditions:consultation_responses")).content.decode()
    assert "Il manque Les Escoumins." in by_section and "Maison de la famille" in by_section
    by_org = client.get(url(world, "conditions:consultation_responses") + "?by=organization").content.decode()
    assert "D’accord avec réserve" in by_org or "D'accord avec réserve" in by_org
    assert "Aucune réponse" in by_org


def test_the_responses_page_runs_a_fixed_number_of_queries(client, world, consultation):
    def count():
        client.force_login(world.coordinator)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(world, "conditions:consultation_responses")).status_code == 200
        return len(queries)

    small = count()
    with scopes_disabled():
        for index in range(6):
            org = OrganizationFactory(coalition=world.coalition, name=f"Organisme {index}")
            for section in SECTIONS:
                ConsultationResponse.objects.create(coalition=world.coalition, consultation=consultation,
                                                    organization=org, section=section, position="reservation",
                                                    reason="Pourquoi pas.")
            ConsultationComment.objects.create(coalition=world.coalition, consultation=consultation,
                                               section="vision", body="Oui.", organization=org)
    assert count() == small


def test_publishing_needs_every_objection_answered_then_shows_the_summary_and_the_answers(
        client, world, consultation, django_capture_on_commit_callbacks):
    respond(client, world, priorities=("objection", "La priorité « Accès » est trop vague."))
    client.force_login(world.coordinator)
    publish = url(world, "conditions:agenda_draft_publish")
    response = client.post(publish, {"change_summary": "Version consultée", "consultation_summary": "Bien reçue."})
    assert response.status_code == 200 and "Répondez à chaque objection" in response.content.decode()
    with scopes_disabled():
        assert AgendaVersion.objects.get(coalition=world.coalition).is_draft
        objection = ConsultationResponse.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "conditions:consultation_answer", objection.pk),
                               {"answer": "Nous l'avons précisée : accès à un premier service en 30 jours."})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[world.partner.email]]  # the organisation's partner is told
    response = client.post(publish, {"change_summary": "Version consultée", "consultation_summary": ""})
    assert "Résumez" in response.content.decode()
    response = client.post(publish, {"change_summary": "Version consultée",
                                     "consultation_summary": "Six organismes ont répondu; la priorité est précisée."})
    assert response.status_code == 302
    with scopes_disabled():
        consultation.refresh_from_db()
        assert consultation.closed_at is not None and consultation.version.number == 1
    for actor, sees_reasons in ((world.partner, True), (world.funder, False)):
        client.force_login(actor)
        page = client.get(url(world, "conditions:agenda_version", "1")).content.decode()
        assert "Six organismes ont répondu; la priorité est précisée." in page
        assert ("accès à un premier service en 30 jours" in page) is sees_reasons
        assert ("trop vague" in page) is sees_reasons
    # No more answers once published.
    response = respond(client, world, vision=("agree", ""))
    assert response.status_code == 200 and "Aucune consultation" in response.content.decode()


def test_the_endorsement_starts_from_what_the_organization_said(client, world, consultation):
    with scopes_disabled():
        world.organization.representative = world.partner
        world.organization.save()
    respond(client, world, territory=("reservation", "Il manque Les Escoumins."))
    with scopes_disabled():
        agenda_services.agenda_publish(actor=world.coordinator, coalition=world.coalition, change_summary="v1",
                                       consultation_summary="Une réserve sur le territoire.")
    client.force_login(world.partner)
    page = client.get(url(world, "conditions:agenda_endorse")).content.decode()
    checkbox = page.split('name="with_reservations"')[1].split(">")[0]
    assert "checked" in checkbox
    assert "Territoire : Il manque Les Escoumins." in page


def test_the_partners_who_have_not_answered_are_reminded_once_before_the_closing_date(world, consultation):
    other = OrganizationFactory(coalition=world.coalition, name="CPE Les Lucioles")
    done = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=other).user
    with scopes_disabled():
        for section in SECTIONS:
            ConsultationResponse.objects.create(coalition=world.coalition, consultation=consultation,
                                                organization=other, section=section, position="agree")
    mail.outbox.clear()
    closes = consultation.closes_on
    early = timezone.make_aware(timezone.datetime.combine(closes - timedelta(days=5), timezone.datetime.min.time()))
    assert run_reminders(world, early + timedelta(hours=10)) == 0
    soon = early + timedelta(days=3, hours=10)
    assert run_reminders(world, soon) == 1
    assert run_reminders(world, soon + timedelta(hours=2)) == 0  # exactly once
    assert [m.to for m in mail.outbox] == [[world.partner.email]]
    assert done.email not in {a for m in mail.outbox for a in m.to}
    assert "consultation" in mail.outbox[0].subject.lower()
    with scopes_disabled():
        assert SentReminder.objects.filter(kind="consultation").count() == 1
    with scope(coalition=world.coalition):
        assert Notification.objects.filter(kind="consultation", event="consultation_soon").count() == 1


def test_closing_early_stops_answers_and_comments(client, world, consultation):
    client.force_login(world.coordinator)
    assert client.get(url(world, "conditions:consultation_close")).status_code == 200
    assert client.post(url(world, "conditions:consultation_close")).status_code == 302
    client.force_login(world.partner)
    response = client.post(url(world, "conditions:consultation_comment"),
                           {"target": "section:vision", "body": "Trop tard?"}, follow=True)
    assert "fermée" in response.content.decode()
    with scopes_disabled():
        assert not ConsultationComment.objects.exists()


def test_the_health_view_and_the_year_report_count_the_consultation(client, world, consultation):
    from dashboards import health, reports

    respond(client, world, priorities=("objection", "Trop vague."), vision=("agree", ""))
    with scope(coalition=world.coalition):
        data = health.coalition_health(world.coalition)
        agenda = data["panels"][0]
        signal = next(s for s in agenda.signals if s.label == "Ont répondu à la dernière consultation")
        assert signal.detail.startswith("1 / ") and "1 réserve ou objection sans réponse" in signal.detail
        assert url(world, "conditions:consultation_responses") in {item.url for item in data["attention"]}
        today = timezone.localdate()
        report = reports.period_report(world.coalition, today.replace(month=1, day=1), today.replace(month=12, day=31))
    [item] = report["agenda"]["consultations"]
    assert (item["answered"], item["agree"], item["objection"], item["number"]) == (1, 1, 1, None)
    client.force_login(world.coordinator)
    page = client.get(url(world, "coalitions:home")).content.decode()
    assert "Ont répondu à la dernière consultation" in page
