"""Harmonised practices (issue 16, part 2): the shared practices, their adoption by each partner
organisation, the coordinators' board."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from pghistory.models import Events

from conditions.models import Practice, PracticeAdoption, ReferralPath
from conditions.selectors import endorsing_organizations
from conditions.selectors import practices as practice_selectors
from conditions.services import practices as services

from ..coordination.factories import LibraryItemFactory
from ..factories import OrganizationFactory
from ..helpers import url
from .factories import PracticeFactory, PriorityFactory, ReferralPathFactory


@pytest.fixture
def priority(world):
    with scopes_disabled():
        return PriorityFactory(coalition=world.coalition, title="Accès aux services")


def practice_data(priority, **changes):
    return {"kind": "referral", "title": "Fiche de référence commune",
            "description": "Remplie avec la famille, elle la suit d'un organisme à l'autre.",
            "priorities": [priority.pk], **changes}


# Shared practices ----------------------------------------------------------------------


def test_it_lets_a_coordinator_add_a_practice_that_every_member_reads(client, world, priority):
    with scopes_disabled():
        guide = LibraryItemFactory(coalition=world.coalition, title="Guide de l'accueil")
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:practice_create"),
                           practice_data(priority, library_item_ids=[guide.pk]))
    assert response.status_code == 302
    with scopes_disabled():
        practice = Practice.objects.get()
        assert list(practice.priorities.all()) == [priority] and practice.library_item_ids == [guide.pk]
        assert Events.objects.tracks(practice).filter(pgh_label="insert").exists()  # audited
    for member in (world.partner, world.funder):
        client.force_login(member)
        listing = client.get(url(world, "conditions:practices")).content.decode()
        assert "Fiche de référence commune" in listing and "Référence" in listing
        detail = client.get(url(world, "conditions:practice", practice.pk)).content.decode()
        assert "Accès aux services" in detail and "Guide de l&#x27;accueil" in detail
        assert "Modifier la pratique" not in detail


def test_it_refuses_a_duplicate_title_and_a_resource_of_another_coalition(client, world, priority):
    with scopes_disabled():
        PracticeFactory(coalition=world.coalition, title="Fiche de référence commune")
        foreign = LibraryItemFactory(coalition=world.other_coalition)
    client.force_login(world.coordinator)
    response = client.post(url(world, "conditions:practice_create"), practice_data(priority))
    assert "Une pratique porte déjà ce titre." in str(response.context["form"].errors["title"])
    with scopes_disabled(), pytest.raises(ValidationError) as refused:
        services.practice_create(actor=world.coordinator, coalition=world.coalition, kind="tool", title="Autre",
                                 library_item_ids=[foreign.pk])
    assert "library_item_ids" in refused.value.error_dict
    with scopes_disabled():
        assert Practice.objects.count() == 1


def test_it_refuses_partners_and_funders_in_the_service_too(world):
    with scopes_disabled():
        for member in (world.partner, world.funder):
            with pytest.raises(PermissionDenied):
                services.practice_create(actor=member, coalition=world.coalition, kind="tool", title="Outil")
        assert not Practice.objects.exists()


def test_it_archives_after_confirmation_and_restores(client, world, priority):
    with scopes_disabled():
        practice = PracticeFactory(coalition=world.coalition, title="Message commun sur l'éveil à la lecture")
    client.force_login(world.coordinator)
    confirm = client.get(url(world, "conditions:practice_archive", practice.pk)).content.decode()
    assert "Archiver la pratique" in confirm and "sont conservés" in confirm
    with scopes_disabled():
        practice.refresh_from_db()
        assert practice.archived_at is None  # asking changes nothing
    client.post(url(world, "conditions:practice_archive", practice.pk))
    client.post(url(world, "conditions:practice_archive", practice.pk))  # a second click: still archived once
    assert "éveil à la lecture" not in client.get(url(world, "conditions:practices")).content.decode()
    archived = client.get(url(world, "conditions:practices") + "?archived=1").content.decode()
    assert "éveil à la lecture" in archived
    client.post(url(world, "conditions:practice_restore", practice.pk))
    assert "éveil à la lecture" in client.get(url(world, "conditions:practices")).content.decode()
    with scopes_disabled():
        updates = Events.objects.tracks(practice).filter(pgh_label="update").count()
    assert updates == 2  # archived, restored: the repeated archive wrote nothing


def test_it_keeps_the_other_editors_text_on_a_conflicting_edit(client, world, priority):
    with scopes_disabled():
        practice = PracticeFactory(coalition=world.coalition, title="Accueil chaleureux", priorities=[priority])
    client.force_login(world.coordinator)
    form = client.get(url(world, "conditions:practice_edit", practice.pk)).context["form"]
    version = form["version"].value()
    with scopes_disabled():
        services.practice_update(actor=world.coordinator, practice=practice, kind="welcoming",
                                 title="Accueil sans rendez-vous", priorities=[priority])
    response = client.post(url(world, "conditions:practice_edit", practice.pk),
                           practice_data(priority, title="Accueil en 24 heures", version=version))
    assert response.status_code == 200 and "Accueil sans rendez-vous" in response.content.decode()
    with scopes_disabled():
        assert Practice.objects.get().title == "Accueil sans rendez-vous"


def test_the_practice_list_runs_the_same_queries_at_two_sizes(client, world, priority):
    client.force_login(world.partner)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(world, "conditions:practices")).status_code == 200
        return len(queries)

    with scopes_disabled():
        PracticeFactory(coalition=world.coalition, priorities=[priority])
    small = count()
    with scopes_disabled():
        other = PriorityFactory(coalition=world.coalition)
        for _ in range(8):
            PracticeFactory(coalition=world.coalition, priorities=[priority, other])
    assert count() == small


# Adoption --------------------------------------------------------------------------------


def adopt(client, world, practice, organization, **data):
    return client.post(url(world, "conditions:adoption_edit", practice.pk, organization.pk),
                       {"status": "in_place", "since": "2026-03-01", "note": "", **data})


def test_a_partner_records_its_own_organizations_adoption_and_each_change_is_kept(client, world):
    with scopes_disabled():
        practice = PracticeFactory(coalition=world.coalition, title="Fiche de référence commune")
    client.force_login(world.partner)
    assert adopt(client, world, practice, world.organization, status="planned", since="2026-01-15",
                 note="Formation prévue en février").status_code == 302
    assert adopt(client, world, practice, world.organization, status="in_place").status_code == 302
    assert adopt(client, world, practice, world.organization, status="in_place").status_code == 302  # retried
    with scopes_disabled():
        adoption = PracticeAdoption.objects.get()
        assert (adoption.status, adoption.since.isoformat(), adoption.on_behalf) == ("in_place", "2026-03-01", False)
        history = PracticeAdoption.pgh_event_model.objects.filter(pgh_obj=adoption).order_by("pgh_id")
        assert [e.status for e in history] == ["planned", "in_place"]  # the retry wrote nothing
    listing = client.get(url(world, "conditions:practices")).content.decode()
    assert "En place" in listing and "depuis 2026-03-01" in listing


def test_a_partner_cannot_record_for_another_organization_but_a_coordinator_can(client, world):
    with scopes_disabled():
        practice = PracticeFactory(coalition=world.coalition)
        other = OrganizationFactory(coalition=world.coalition, name="CPE Les Lucioles")
    client.force_login(world.partner)
    assert adopt(client, world, practice, other).status_code == 403
    with scopes_disabled(), pytest.raises(PermissionDenied):
        services.adoption_record(actor=world.partner, practice=practice, organization=other, status="planned",
                                 since=date(2026, 3, 1))
    client.force_login(world.coordinator)
    assert adopt(client, world, practice, other, status="adapted", note="").status_code == 200  # a note is needed
    response = adopt(client, world, practice, other, status="adapted", note="Fiche traduite en anglais")
    assert response["Location"] == url(world, "conditions:practice_board")
    with scopes_disabled():
        adoption = PracticeAdoption.objects.get()
        assert adoption.on_behalf and adoption.recorded_by == world.coordinator


def test_it_refuses_a_future_date_and_an_archived_practice(client, world):
    with scopes_disabled():
        practice = PracticeFactory(coalition=world.coalition)
        archived = PracticeFactory(coalition=world.coalition, archived_at=timezone.now())
    client.force_login(world.partner)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = adopt(client, world, practice, world.organization, since=tomorrow)
    assert "La date ne peut pas être dans le futur." in str(response.context["form"].errors["since"])
    assert adopt(client, world, archived, world.organization).status_code == 404
    with scopes_disabled():
        assert not PracticeAdoption.objects.exists()


def fill(world, practices: int, organizations: int):
    with scopes_disabled():
        orgs = [OrganizationFactory(coalition=world.coalition) for _ in range(organizations)]
        for index in range(practices):
            practice = PracticeFactory(coalition=world.coalition)
            for org in orgs[::2]:
                services.adoption_record(actor=world.coordinator, practice=practice, organization=org,
                                         status="in_place" if index % 2 else "planned", since=date(2026, 1, 5))


def test_the_board_shows_each_cell_and_runs_the_same_queries_at_two_sizes(client, world):
    client.force_login(world.coordinator)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(world, "conditions:practice_board"))
        assert response.status_code == 200
        return len(queries), response.content.decode()

    fill(world, practices=2, organizations=2)
    small, page = count()
    assert "Prévue" in page and "Rien d’inscrit" in page
    fill(world, practices=6, organizations=7)
    large, page = count()
    assert large == small


def test_the_board_counts_statuses_now_and_months_ago_from_the_dates_given(client, world):
    today = timezone.localdate()
    with scopes_disabled():
        practice = PracticeFactory(coalition=world.coalition)
        second = OrganizationFactory(coalition=world.coalition)
        for org in (world.organization, second):
            services.adoption_record(actor=world.coordinator, practice=practice, organization=org,
                                     status="planned", since=today - timedelta(days=240))
        services.adoption_record(actor=world.coordinator, practice=practice, organization=world.organization,
                                 status="in_place", since=today - timedelta(days=60))
        trend = practice_selectors.adoption_trend(world.coalition, today, possible=2)
    assert [(t["months"], t["counts"]["planned"], t["counts"]["in_place"], t["share"]) for t in trend] == [
        (6, 2, 0, 0), (3, 2, 0, 0), (0, 1, 1, 50)]


def test_the_health_panel_of_condition_2_counts_the_adopted_pairs_and_the_change_in_three_months(world):
    from dashboards import health

    today = timezone.localdate()
    with scopes_disabled():
        practices = [PracticeFactory(coalition=world.coalition) for _ in range(2)]
        second = OrganizationFactory(coalition=world.coalition)
        services.adoption_record(actor=world.coordinator, practice=practices[0], organization=world.organization,
                                 status="in_place", since=today - timedelta(days=200))
        services.adoption_record(actor=world.coordinator, practice=practices[1], organization=second,
                                 status="adapted", since=today - timedelta(days=10), note="En anglais aussi")
        services.adoption_record(actor=world.coordinator, practice=practices[0], organization=second,
                                 status="planned", since=today - timedelta(days=10))
    with scope(coalition=world.coalition):
        plan_panel = health.coalition_health(world.coalition)["panels"][1]
        partners = endorsing_organizations(world.coalition).count()  # the world's, and the second
    signal = next(s for s in plan_panel.signals if s.label == "Pratiques communes adoptées par les partenaires")
    assert signal.value == f"{round(100 * 2 / (2 * partners))}\u00a0%"
    assert signal.detail == f"2 / {2 * partners} · 1 de plus qu’il y a trois mois"


# Referral paths --------------------------------------------------------------------------


def test_a_coordinator_draws_referral_paths_that_every_member_sees_as_a_diagram_and_a_table(client, world, priority):
    with scopes_disabled():
        clsc = OrganizationFactory(coalition=world.coalition, name="CLSC de la Haute-Côte")
        funder_org = OrganizationFactory(coalition=world.coalition, name="Centraide", kind="funder")
    client.force_login(world.coordinator)
    data = {"priority": priority.pk, "from_organization": world.organization.pk, "to_organization": clsc.pk,
            "note": "Dépistage du langage"}
    assert client.post(url(world, "conditions:referral_create"), data).status_code == 302
    assert client.post(url(world, "conditions:referral_create"), data).status_code == 302  # twice: drawn once
    same = client.post(url(world, "conditions:referral_create"), {**data, "to_organization": world.organization.pk})
    assert "Un organisme ne peut pas se référer des familles à lui-même." in same.content.decode()
    to_funder = client.post(url(world, "conditions:referral_create"), {**data, "to_organization": funder_org.pk})
    assert to_funder.status_code == 200
    with scopes_disabled():
        assert ReferralPath.objects.count() == 1
    client.force_login(world.funder)
    page = client.get(url(world, "conditions:referrals") + f"?priority={priority.pk}").content.decode()
    assert '<svg' in page and 'role="img"' in page and "<line" in page
    assert "CLSC de la Haute-Côte" in page and "Dépistage du langage" in page  # the table alternative
    assert "Tracer le parcours" not in page
    assert client.post(url(world, "conditions:referral_create"), data).status_code == 403


def test_removing_a_referral_path_asks_first(client, world, priority):
    with scopes_disabled():
        path = ReferralPathFactory(priority=priority, from_organization=world.organization)
    client.force_login(world.coordinator)
    assert "Retirer ce parcours de référence" in client.get(url(world, "conditions:referral_delete",
                                                                path.pk)).content.decode()
    with scopes_disabled():
        assert ReferralPath.objects.exists()
    client.post(url(world, "conditions:referral_delete", path.pk))
    with scopes_disabled():
        assert not ReferralPath.objects.exists()
        assert Events.objects.filter(pgh_obj_model="conditions.ReferralPath", pgh_label="delete").exists()
