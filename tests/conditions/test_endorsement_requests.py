"""Issue 13, point 7: every partner organisation is asked to endorse a published version (its
representative, or else each of its active partner members), the version page says who was
asked and who could not be, and a coordinator can send a reminder, once."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions.models import Role
from conditions import selectors, tasks
from conditions.models import Endorsement, EndorsementRequest
from conditions.services import agenda as agenda_services

from ..factories import MembershipFactory, OrganizationFactory
from ..helpers import url
from .test_agenda import make_representative, publish


def _coalition(world):
    """world.organization has a representative (world.partner); a library has two active
    partner members and an inactive one, no representative; a childcare centre has nobody."""
    make_representative(world)
    library = OrganizationFactory(coalition=world.coalition, name="Bibliothèque de Forestville")
    readers = [MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=library).user
               for _ in range(2)]
    gone = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=library, is_active=False).user
    empty = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
    return library, readers, gone, empty


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_publishing_asks_every_partner_organization_through_its_representative_or_its_members(
        world, django_capture_on_commit_callbacks):
    library, readers, gone, empty = _coalition(world)
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(world)
    assert _recipients() == sorted([world.partner.email, *(r.email for r in readers)])
    assert gone.email not in _recipients() and world.funder.email not in _recipients()
    members_email = next(m for m in mail.outbox if m.to == [readers[0].email])
    assert "n’a pas de personne représentante" in members_email.body
    with scopes_disabled():
        unreachable = EndorsementRequest.objects.get(version=version, organization=empty)
    assert unreachable.recipient is None and unreachable.emailed_at is None


def test_the_version_page_lists_who_was_asked_and_who_could_not_be_reached(client, world):
    library, readers, _gone, empty = _coalition(world)
    version = publish(world)
    client.force_login(world.coordinator)
    response = client.get(url(world, "conditions:agenda_version", str(version.number)))
    html = response.content.decode()
    requests = response.context["requests"]
    assert [e["organization"].name for e in requests["reached"]] == ["Bibliothèque de Forestville",
                                                                       "Maison de la famille"]
    assert empty.name in [e["organization"].name for e in requests["unreachable"]]
    assert str(readers[0]) in html and str(readers[1]) in html
    assert "n’ont ni personne représentante ni membre actif" in html or "n’a ni personne représentante" in html
    assert f"{url(world, 'coalitions:invitation_create')}?organization={empty.pk}" in html
    assert "Envoyer un rappel" in html
    # Names of the people asked are for the coordination team.
    client.force_login(world.partner)
    html = client.get(url(world, "conditions:agenda_version", str(version.number))).content.decode()
    assert str(readers[0]) not in html


def test_the_invitation_form_starts_with_the_organization_it_was_opened_for(client, world):
    empty = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
    client.force_login(world.coordinator)
    form = client.get(url(world, "coalitions:invitation_create") + f"?organization={empty.pk}").context["form"]
    assert form.initial == {"organization": empty.pk, "role": Role.PARTNER}
    for hostile in ("abc", "-1", "99999999999999999999", "٣"):
        response = client.get(url(world, "coalitions:invitation_create") + f"?organization={hostile}")
        assert response.status_code == 200 and response.context["form"].initial == {}


def test_a_member_of_an_organization_without_representative_endorses_for_it(client, world):
    library, readers, _gone, _empty = _coalition(world)
    publish(world)
    client.force_login(readers[1])
    client.post(url(world, "conditions:agenda_endorse"), {"organization": library.pk})
    with scopes_disabled():
        assert Endorsement.objects.get().organization == library
    # ...but not for another organisation, even by posting its id.
    client.post(url(world, "conditions:agenda_endorse"), {"organization": world.organization.pk})
    with scopes_disabled():
        assert Endorsement.objects.count() == 1


def test_a_reminder_reaches_only_those_who_have_not_endorsed_once_and_is_audited(
        client, world, django_capture_on_commit_callbacks):
    library, readers, _gone, _empty = _coalition(world)
    version = publish(world)
    with scopes_disabled():
        agenda_services.endorsement_record(actor=world.partner, coalition=world.coalition,
                                           organization=world.organization)
    client.force_login(world.coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "conditions:agenda_remind"), follow=True)
    assert _recipients() == sorted(r.email for r in readers)
    assert all(m.subject.startswith("Rappel") for m in mail.outbox)
    assert "Le rappel est envoyé à 2 personnes." in response.content.decode()
    with scopes_disabled():
        reminders = EndorsementRequest.objects.filter(version=version, round=1, recipient__isnull=False)
        assert {r.recipient for r in reminders} == set(readers)
        assert all(r.sent_by == world.coordinator and r.emailed_at for r in reminders)
        events = EndorsementRequest.pgh_event_model.objects.filter(pgh_obj_id__in=[r.pk for r in reminders])
        assert {e.pgh_context.metadata["user"] for e in events} == {world.coordinator.pk}
    # A double click, or a retried request, sends nothing more.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "conditions:agenda_remind"), follow=True)
    assert mail.outbox == []
    assert "Un rappel a été envoyé il y a moins d’une heure" in response.content.decode()
    # An hour later, a second reminder goes out.
    with scopes_disabled():
        EndorsementRequest.objects.update(created_at=timezone.now() - timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "conditions:agenda_remind"))
    assert _recipients() == sorted(r.email for r in readers)


def test_nobody_is_reminded_when_every_organization_has_endorsed_and_partners_cannot_remind(client, world):
    make_representative(world)
    version = publish(world)
    with scopes_disabled():
        for org in selectors.endorsing_organizations(world.coalition):
            Endorsement.objects.create(coalition=world.coalition, version=version, organization=org)
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:agenda_remind"), follow=True)
    assert "Tous les organismes partenaires ont adhéré" in response.content.decode()
    client.force_login(world.partner)
    assert client.post(url(world, "conditions:agenda_remind")).status_code == 403


def test_a_request_for_a_superseded_version_is_never_sent(world, django_capture_on_commit_callbacks):
    make_representative(world)
    first = publish(world)  # its emails are queued but not sent (the worker was down)...
    publish(world, "Deuxième version")  # ...and a newer version supersedes it
    with scopes_disabled():
        stale = EndorsementRequest.objects.get(version=first, recipient=world.partner)
    assert tasks.send_endorsement_request(world.coalition.pk, stale.pk) is False
    with scopes_disabled():
        EndorsementRequest.objects.update(created_at=timezone.now() - timedelta(hours=1))
        sent = agenda_services.send_lost_endorsement_requests(coalition=world.coalition)
    assert sent == 1 and [m.subject for m in mail.outbox] == [mail.outbox[0].subject]
    assert "version 2" in mail.outbox[0].subject
