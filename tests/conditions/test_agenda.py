import pytest
from django.core import mail
from django_scopes import scopes_disabled

from coalitions.models import Role
from conditions import selectors, tasks
from conditions.models import AgendaVersion, Endorsement, EndorsementRequest, TheoryOfChangeLink
from conditions.services import agenda as agenda_services

from ..factories import MembershipFactory, OrganizationFactory
from ..helpers import url
from .factories import EndorsementFactory, PriorityFactory

DRAFT = {
    "problem": "Trop d'enfants arrivent à l'école vulnérables.",
    "target_population": "Les familles avec des enfants de 0 à 5 ans",
    "territory": "MRC de La Haute-Côte-Nord",
    "vision": "Chaque enfant arrive à l'école prêt à apprendre.",
    "long_term_outcomes": "Moins d'enfants vulnérables\nDes parents confiants",
    "guiding_principles": "Participation\nÉquité entre partenaires",
    "theory_of_change": "Visites à domicile -> Parents plus confiants -> Moins d'enfants vulnérables\n"
                        "Ateliers parent-enfant -> Parents plus confiants",
}


def publish(world, summary="Première version", **changes):
    with scopes_disabled():
        agenda_services.agenda_draft_update(actor=world.coordinator, coalition=world.coalition, **{**DRAFT, **changes})
        return agenda_services.agenda_publish(actor=world.coordinator, coalition=world.coalition,
                                              change_summary=summary)


def make_representative(world):
    with scopes_disabled():
        world.organization.representative = world.partner
        world.organization.save()


def test_it_saves_the_draft_with_the_theory_of_change_as_linked_statements(client, world):
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:agenda_draft"), DRAFT)
    assert response.status_code == 302
    with scopes_disabled():
        draft = AgendaVersion.objects.get(coalition=world.coalition)
        assert draft.is_draft and draft.vision == DRAFT["vision"]
        kinds = {(s.kind, s.text) for s in draft.statements.all()}
        links = {(link.source.text, link.target.text) for link in TheoryOfChangeLink.objects.filter(version=draft)}
    assert ("strategy", "Visites à domicile") in kinds and ("long_term", "Moins d'enfants vulnérables") in kinds
    assert len([k for k in kinds if k[1] == "Parents plus confiants"]) == 1  # shared by two chains
    assert links == {("Visites à domicile", "Parents plus confiants"),
                     ("Ateliers parent-enfant", "Parents plus confiants"),
                     ("Parents plus confiants", "Moins d'enfants vulnérables")}
    page = client.get(url(world, "conditions:agenda_draft")).content.decode()
    assert "Visites à domicile -&gt; Parents plus confiants -&gt; Moins d&#x27;enfants vulnérables" in page


def test_it_refuses_a_theory_of_change_line_without_an_arrow_and_saves_nothing(client, world):
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:agenda_draft"), {**DRAFT, "theory_of_change": "Juste une phrase"})
    assert response.status_code == 200
    assert "Ligne 1" in str(response.context["form"].errors["theory_of_change"])
    with scopes_disabled():
        assert not AgendaVersion.objects.filter(coalition=world.coalition).exists()


def test_it_publishes_numbered_versions_that_stay_readable(client, world):
    PriorityFactory(coalition=world.coalition, title="Maturité scolaire")
    first = publish(world)
    PriorityFactory(coalition=world.coalition, title="Bien-être des parents")
    second = publish(world, "Vision précisée", vision="Chaque enfant de la Haute-Côte arrive prêt à apprendre.")
    assert (first.number, second.number) == (1, 2)
    assert [p["title"] for p in first.priorities_snapshot] == ["Maturité scolaire"]
    client.force_login(world.funder)
    old = client.get(url(world, "conditions:agenda_version", "1")).content.decode()
    assert "Version antérieure" in old and "Bien-être des parents" not in old
    page = client.get(url(world, "conditions:agenda")).content.decode()
    assert "Version 2" in page and "Vision précisée" in page and "de la Haute-Côte arrive" in page


def test_it_refuses_to_publish_without_a_summary(client, world):
    client.force_login(world.coordinator)
    client.post(url(world, "conditions:agenda_draft"), DRAFT)
    response = client.post(url(world, "conditions:agenda_draft_publish"), {"change_summary": "  "})
    assert response.status_code == 200 and response.context["form"].errors["change_summary"]
    with scopes_disabled():
        assert AgendaVersion.objects.get(coalition=world.coalition).is_draft


def test_it_emails_each_representative_once_when_a_version_is_published(world, django_capture_on_commit_callbacks):
    make_representative(world)
    funder_org = OrganizationFactory(coalition=world.coalition, kind="funder")
    with scopes_disabled():
        funder_org.representative = world.funder
        funder_org.save()
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(world)
    assert [m.to for m in mail.outbox] == [[world.partner.email]]  # funders are not asked to endorse
    message = mail.outbox[0]
    assert "version 1" in message.subject and "adhésion" in message.subject
    assert "/agenda/endorse/" in message.body and message.alternatives[0][1] == "text/html"
    with scopes_disabled():
        request = EndorsementRequest.objects.get(version=version, recipient=world.partner)
    assert tasks.send_endorsement_request(world.coalition.pk, request.pk) is False
    assert len(mail.outbox) == 1


def test_partners_and_funders_never_see_the_draft(client, world):
    publish(world)
    with scopes_disabled():
        agenda_services.agenda_draft_update(actor=world.coordinator, coalition=world.coalition,
                                     **{**DRAFT, "vision": "Texte secret du brouillon"})
    for actor in ("partner", "funder"):
        client.force_login(world.user(actor))
        assert client.get(url(world, "conditions:agenda_version", "draft")).status_code == 404
        assert "Texte secret" not in client.get(url(world, "conditions:agenda")).content.decode()
        compare = client.get(url(world, "conditions:agenda_compare") + "?old=1&new=draft")
        assert "Texte secret" not in compare.content.decode()
    client.force_login(world.coordinator)
    assert "Texte secret" in client.get(url(world, "conditions:agenda_version", "draft")).content.decode()


def test_it_compares_two_versions_side_by_side_with_the_differences_marked(client, world):
    publish(world)
    publish(world, "Vision précisée", vision="Chaque enfant arrive à l'école confiant et prêt à apprendre.")
    client.force_login(world.partner)
    page = client.get(url(world, "conditions:agenda_compare") + "?old=1&new=2").content.decode()
    assert "<ins>confiant et </ins>" in page
    assert page.count('class="diff-changed"') == 1  # only the vision changed


def test_a_representative_endorses_the_current_version_with_a_comment(client, world):
    make_representative(world)
    publish(world)
    client.force_login(world.partner)
    response = client.post(url(world, "conditions:agenda_endorse"), {
        "organization": world.organization.pk, "comment": "Sous réserve des ressources", "with_reservations": "on"})
    assert response.status_code == 302
    with scopes_disabled():
        endorsement = Endorsement.objects.get(organization=world.organization)
    assert endorsement.with_reservations and not endorsement.on_behalf and endorsement.version.number == 1
    page = client.get(url(world, "conditions:agenda")).content.decode()
    assert "Adhésion avec réserves" in page and "Sous réserve des ressources" in page


def test_after_endorsing_the_main_button_no_longer_asks_to_endorse(client, world):
    make_representative(world)
    publish(world)
    client.force_login(world.partner)
    before = client.get(url(world, "conditions:agenda")).content.decode()
    assert "Adhérer à cette version" in before
    client.post(url(world, "conditions:agenda_endorse"), {"organization": world.organization.pk, "comment": ""})
    after = client.get(url(world, "conditions:agenda")).content.decode()
    assert "Adhérer à cette version" not in after
    assert "Votre organisme adhère à la version\u00a01." in after or "Votre organisme adhère à la version 1." in after
    assert "Modifier l’adhésion" in after
    publish(world, "Deuxième")  # a new version: the representative is asked again
    assert "Adhérer à cette version" in client.get(url(world, "conditions:agenda")).content.decode()


def test_a_coordinator_records_endorsements_rather_than_endorsing(client, world):
    publish(world)
    client.force_login(world.coordinator)
    page = client.get(url(world, "conditions:agenda")).content.decode()
    assert "Enregistrer une adhésion" in page and "Adhérer à cette version" not in page


def test_reservations_need_a_comment(client, world):
    make_representative(world)
    publish(world)
    client.force_login(world.partner)
    response = client.post(url(world, "conditions:agenda_endorse"), {"organization": world.organization.pk,
                                                          "with_reservations": "on"})
    assert response.status_code == 200 and response.context["form"].errors["comment"]
    with scopes_disabled():
        assert not Endorsement.objects.exists()


def test_a_partner_who_is_not_the_representative_cannot_endorse_even_by_posting_the_id(client, world):
    representative = MembershipFactory(coalition=world.coalition, role=Role.PARTNER,
                                       organization=world.organization).user
    with scopes_disabled():
        world.organization.representative = representative
        world.organization.save()
    publish(world)
    client.force_login(world.partner)
    assert "Seules les personnes représentantes" in client.get(url(world, "conditions:agenda_endorse")).content.decode()
    client.post(url(world, "conditions:agenda_endorse"), {"organization": world.organization.pk})
    with scopes_disabled():
        assert not Endorsement.objects.exists()
        with pytest.raises(Exception):  # noqa: B017 - the service refuses too
            agenda_services.endorsement_record(actor=world.partner, coalition=world.coalition,
                                        organization=world.organization)


def test_a_coordinator_records_an_endorsement_on_an_organizations_behalf(client, world):
    publish(world)
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:agenda_endorse"), {"organization": world.organization.pk,
                                                          "comment": "Donnée en rencontre"})
    assert response.status_code == 302
    with scopes_disabled():
        assert Endorsement.objects.get(organization=world.organization).on_behalf
    assert "au nom de l’organisme" in client.get(url(world, "conditions:agenda")).content.decode()


def test_the_agenda_shows_who_endorsed_the_current_an_earlier_or_no_version(client, world):
    late = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
    silent = OrganizationFactory(coalition=world.coalition, name="Bibliothèque de Forestville")
    first = publish(world)
    EndorsementFactory(version=first, organization=late)
    second = publish(world, "Deuxième")
    EndorsementFactory(version=second, organization=world.organization)
    client.force_login(world.funder)
    response = client.get(url(world, "conditions:agenda"))
    board = response.context["board"]
    assert [o.name for o in board["current"]] == ["Maison de la famille"]
    assert [o.name for o in board["earlier"]] == ["CPE Les Petits Pas"]
    assert "Bibliothèque de Forestville" in [o.name for o in board["missing"]]
    assert "Adhésion à la version 1 seulement" in response.content.decode()
    assert silent.pk


def test_it_refuses_a_duplicate_priority_title(client, world):
    PriorityFactory(coalition=world.coalition, title="Maturité scolaire")
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:priorities"), {"title": "maturité SCOLAIRE", "description": ""})
    assert response.status_code == 200 and response.context["form"].errors["title"]


def test_priorities_are_reordered(client, world):
    first = PriorityFactory(coalition=world.coalition, title="A", position=1)
    second = PriorityFactory(coalition=world.coalition, title="B", position=2)
    client.force_login(world.coordinator)
    client.post(url(world, "conditions:priority_move", second.pk), {"direction": "up"})
    with scopes_disabled():
        first.refresh_from_db()
        second.refresh_from_db()
    assert second.position < first.position


def _fill(world, organizations: int):
    with scopes_disabled():
        for i in range(organizations):
            org = OrganizationFactory(coalition=world.coalition)
            if i % 2:
                org.representative = MembershipFactory(coalition=world.coalition, role=Role.PARTNER,
                                                       organization=org).user
                org.save()
    for i in range(organizations // 5):
        PriorityFactory(coalition=world.coalition, title=f"Priorité {organizations}-{i}")
    publish(world)
    version = publish(world, **{"theory_of_change": "\n".join(
        f"Stratégie {i} -> Résultat {i} -> Effet {i % 3}" for i in range(organizations))})
    with scopes_disabled():
        for org in list(selectors.endorsing_organizations(world.coalition))[: organizations // 2]:
            EndorsementFactory(version=version, organization=org)


@pytest.mark.parametrize("name,queries", [("agenda", 14), ("agenda_versions", 8), ("agenda_compare", 13)])
def test_agenda_pages_run_a_fixed_number_of_queries(client, world, django_assert_num_queries, name, queries):
    _fill(world, 5)
    client.force_login(world.coordinator)
    with django_assert_num_queries(queries):
        client.get(url(world, f"conditions:{name}"))
    _fill(world, 50)
    with django_assert_num_queries(queries):
        assert client.get(url(world, f"conditions:{name}")).status_code == 200


def test_the_request_is_emailed_in_the_representatives_language(world, django_capture_on_commit_callbacks):
    make_representative(world)
    world.partner.language = "en"
    world.partner.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish(world)
    message = mail.outbox[0]
    assert "awaits your endorsement" in message.subject
    assert "Read and endorse the agenda" in message.alternatives[0][0]


def test_a_representative_of_another_organization_than_their_own_may_endorse_for_it(client, world):
    represented = OrganizationFactory(coalition=world.coalition, name="CPE Les Petits Pas")
    with scopes_disabled():
        represented.representative = world.partner
        represented.save()
    publish(world)
    client.force_login(world.partner)
    assert "Adhérer à cette version" in client.get(url(world, "conditions:agenda")).content.decode()
    client.post(url(world, "conditions:agenda_endorse"), {"organization": represented.pk})
    with scopes_disabled():
        assert Endorsement.objects.get().organization == represented


@pytest.mark.parametrize("actor,sees_editing", [("coordinator", True), ("partner", False), ("funder", False)])
def test_the_agenda_menu_offers_the_draft_and_priorities_only_to_those_who_edit_the_agenda(client, world, actor,
                                                                                          sees_editing):
    publish(world)
    client.force_login(world.user(actor))
    html = client.get(url(world, "conditions:agenda")).content.decode()
    assert url(world, "conditions:agenda_versions") in html
    assert (url(world, "conditions:agenda_draft") in html) is sees_editing
    assert (url(world, "conditions:priorities") in html) is sees_editing
