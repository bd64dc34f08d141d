"""« Télécharger mes données » and « Supprimer mon compte »: everything the database holds about a
person is exported, and erased on deletion, audit events included."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pghistory
import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coalitions import personal_data, rights
from coalitions.models import Consent, ConsentPurpose, Invitation, Membership, Role, User
from coalitions.tasks import erase_due_accounts
from coordination.models.calendar import CalendarFeed

from ..coordination.factories import CommentFactory, InviteeFactory, MeetingFactory, NotificationFactory
from ..factories import PASSWORD, InvitationFactory, MembershipFactory, consent_to

# A field whose name or type says it can hold personal information.
PERSONAL_NAME = re.compile(r"(^|_)(e?mail|name|phone|telephone|mobile|ip|ip_address|address|user_agent|agent|"
                           r"browser|birth\w*)$")
IDENTITY = re.compile(r"e?mail|name")  # what the erasure replaces in every text column

# Reviewed: personal-looking fields that are neither exported nor erased with an account, and why.
ALLOWED = {
    "account.EmailConfirmation.email_address": "a link to an EmailAddress row, deleted with it (cascade)",
    "dashboards.ShareLinkOpening.ip_address": "an anonymous visitor of a share link, not an account; the "
                                              "coalition's retention job clears it",
    "dashboards.ShareLinkOpening.user_agent": "the same anonymous visitor's browser; cleared by the retention job",
    # The coalition's person in charge of personal information, published on its privacy page by
    # law (Law 25, s. 3.2): a role's contact, which a coordinator sets and changes, not an account's.
    "coalitions.PrivacySettings.officer_phone": "the published contact of the coalition's privacy officer",
    "coalitions.PrivacySettingsEvent.officer_phone": "its audit history, as the settings themselves",
}


def _is_user_fk(field) -> bool:
    return field.is_relation and field.related_model is User


def personal_fields():
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if _is_user_fk(field) or PERSONAL_NAME.search(field.name) or isinstance(
                    field, models.EmailField | models.GenericIPAddressField):
                yield model, field


def _base_label(model) -> str:
    tracked = getattr(model, "pgh_tracked_model", None)
    return (tracked or model)._meta.label


def test_every_field_that_can_hold_personal_information_is_exported_or_erased():
    exported_models = {model for model, _field in personal_data.user_foreign_keys()}
    uncovered = []
    for model, field in personal_fields():
        label, name = _base_label(model), f"{model._meta.label}.{field.name}"
        if _is_user_fk(field):
            covered = model in exported_models and field in personal_data.exported_columns(model)
        else:
            exported = model is User or model in exported_models or label in personal_data.EXPORT_BY_EMAIL
            erased = (model is User or label in personal_data.DELETED_ON_ERASURE
                      or (IDENTITY.search(field.name) and isinstance(field, personal_data.TEXT_FIELDS)))
            covered = exported or erased
        if not covered and name not in ALLOWED:
            uncovered.append(name)
    assert not uncovered, f"Export these and erase them with the account (coalitions.personal_data), or review " \
                          f"them into ALLOWED with a reason: {uncovered}"
    names = {f"{m._meta.label}.{f.name}" for m, f in personal_fields()}
    assert set(ALLOWED) <= names, "ALLOWED names fields that no longer exist"


def test_every_model_pointing_to_a_person_says_whether_erasure_deletes_or_keeps_its_rows():
    installed = {*personal_data.DELETED_ON_ERASURE, *personal_data.KEPT_ON_ERASURE}
    pointing = {model._meta.label for model, _f in personal_data.user_foreign_keys()
                if not hasattr(model, "pgh_tracked_model") and model is not User}
    assert not pointing - installed, f"Say in coalitions.personal_data whether erasure deletes or keeps: " \
                                     f"{sorted(pointing - installed)}"
    assert not set(personal_data.DELETED_ON_ERASURE) & set(personal_data.KEPT_ON_ERASURE)


@pytest.fixture
def life(world):
    """The partner's traces across the app: a comment, a mention of their name in someone else's
    comment, a meeting answer, a notification naming them, a calendar feed, consents, an invitation
    to their address in the other coalition, and the audit events of all that."""
    partner = world.partner
    partner.first_name, partner.last_name = "Mélodie", "Bouchard-Lavoie"
    partner.save()
    meeting = MeetingFactory(coalition=world.coalition, title="Comité de pilotage")
    with scope(coalition=world.coalition), pghistory.context(user=partner.pk, url="/test/"):
        mine = CommentFactory(coalition=world.coalition, meeting=meeting, author=partner,
                              body="Je m'occupe du bilan.")
        CommentFactory(coalition=world.coalition, meeting=meeting, author=world.coordinator,
                       body="Merci @Mélodie Bouchard-Lavoie (melodie@exemple.org)!")
        InviteeFactory(meeting=meeting, user=partner, rsvp="yes", attended=True)
        NotificationFactory(coalition=world.coalition, recipient=world.coordinator,
                            actor_name="Mélodie Bouchard-Lavoie", title="Comité de pilotage")
        NotificationFactory(coalition=world.coalition, recipient=partner, title="Comité de pilotage")
        CalendarFeed.objects.create(coalition=world.coalition, user=partner, key="k" * 32)
    with scopes_disabled():
        partner.email = "melodie@exemple.org"
        partner.save()
        EmailAddress.objects.filter(user=partner).update(email=partner.email)
    with scopes_disabled():
        other_org = MembershipFactory(coalition=world.other_coalition, role=Role.PARTNER).organization
    InvitationFactory(coalition=world.other_coalition, email="Melodie@exemple.org", organization=other_org)
    consent_to(ConsentPurpose.WEEKLY_SUMMARY, partner)
    return {"partner": partner, "comment": mine, "meeting": meeting}


def _zip(client, user):
    client.force_login(user)
    response = client.get(reverse("profile_download"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_download_my_data_gives_everything_held_about_the_person_in_json_and_csv(client, world, life):
    archive = _zip(client, life["partner"])
    data = json.loads(archive.read("data.json"))
    assert data["profile"][0]["full_name"] == "Mélodie Bouchard-Lavoie"
    assert {m["coalition_id"] for m in data["coalitions.Membership"]} == {world.coalition.pk}
    assert data["coalitions.MembershipEvent"]  # the audit trail's entries about them
    assert any(c["metadata"].get("user") == life["partner"].pk for c in data["pghistory.Context"])  # and by them
    assert [c["purpose"] for c in data["coalitions.Consent"]] == ["weekly_summary"]
    assert [c["body"] for c in data["coordination.Comment"]] == ["Je m'occupe du bilan."]
    assert data["coordination.Invitee"][0]["attended"] is True
    assert len(data["coordination.Notification"]) == 1  # theirs, not the coordinator's
    assert [i["coalition_id"] for i in data["coalitions.Invitation"]] == [world.other_coalition.pk]
    feed = data["coordination.CalendarFeed"][0]
    assert "key" not in feed and "created_at" in feed  # metadata only, never the secret
    assert "token_hash" not in data["coalitions.Invitation"][0] and "password" not in data["profile"][0]
    names = set(archive.namelist())
    assert {"data.json", "profile.csv", "coordination.Comment.csv", "coalitions.Consent.csv"} <= names
    assert "Je m'occupe du bilan." in archive.read("coordination.Comment.csv").decode()
    text = archive.read("data.json").decode()
    assert world.coordinator.email not in text and world.funder.email not in text  # nobody else's


def test_the_download_takes_a_fixed_number_of_queries(client, world, life, django_assert_max_num_queries):
    client.force_login(life["partner"])
    tables = len({m for m, _f in personal_data.user_foreign_keys()})
    with django_assert_max_num_queries(tables + 15):
        client.get(reverse("profile_download"))


def _tables_holding(*needles: str) -> list[str]:
    """Every text column of every table of the database (information_schema, not the models)."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                       "'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')")
        for table, column in cursor.fetchall():
            for needle in needles:
                cursor.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE %s',  # noqa: S608
                               [f"%{needle}%"])
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column} holds {needle}")
    return found


def test_after_deletion_no_table_audit_events_included_holds_the_email_or_the_name(client, world, life):
    partner = life["partner"]
    assert _tables_holding("melodie@exemple.org", "Mélodie Bouchard-Lavoie")  # the test sees them before
    client.force_login(partner)
    assert client.post(reverse("account_delete")).status_code == 302
    partner.refresh_from_db()
    assert partner.deletion_requested_at is not None
    assert erase_due_accounts() == 0  # the grace period
    User.objects.filter(pk=partner.pk).update(deletion_requested_at=timezone.now() - timedelta(days=31))
    assert erase_due_accounts() == 1
    assert _tables_holding("melodie@exemple.org", "Mélodie Bouchard-Lavoie") == []
    partner.refresh_from_db()
    assert str(partner) == "personne retirée" and not partner.is_active and not partner.has_usable_password()
    with scopes_disabled():
        comment = type(life["comment"]).objects.get(pk=life["comment"].pk)  # the record stays whole
        assert comment.body == "Je m'occupe du bilan." and comment.author_id == partner.pk
        other = type(comment).objects.exclude(pk=comment.pk).get().body
        assert other == f"Merci @personne retirée ({personal_data.anonymous_email(partner.pk)})!"
        assert not CalendarFeed.objects.filter(user=partner).exists()
        assert not Membership.objects.get(user=partner).is_active
    assert erase_due_accounts() == 0  # once


def test_the_meeting_page_shows_a_removed_person_as_such(client, world, life):
    rights.person_erase(user_id=life["partner"].pk)
    client.force_login(world.coordinator)
    page = client.get(reverse("coordination:meeting", args=[world.coalition.slug, life["meeting"].pk]))
    assert page.status_code == 200 and "personne retirée" in page.content.decode()


def test_signing_in_during_the_grace_period_cancels_the_deletion(client, world):
    client.force_login(world.partner)
    client.post(reverse("account_delete"))
    world.partner.refresh_from_db()
    assert world.partner.deletion_requested_at is not None
    assert client.get(reverse("profile")).status_code == 302  # signed out
    response = client.post(reverse("account_login"), {"login": world.partner.email, "password": PASSWORD})
    assert response.status_code == 302
    world.partner.refresh_from_db()
    assert world.partner.deletion_requested_at is None


def test_a_coordinator_erases_a_departed_member_on_request_with_the_reason_in_the_audit_trail(client, world):
    departed = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=world.organization,
                                 is_active=False, user__email="depart@exemple.org")
    client.force_login(world.coordinator)
    url = reverse("coalitions:member_erase", args=[world.coalition.slug, departed.pk])
    assert client.post(url, {"reason": ""}).status_code == 200  # the reason is required
    response = client.post(url, {"reason": "À sa demande, courriel du 2026-11-26"})
    assert response.status_code == 302
    departed.user.refresh_from_db()
    assert departed.user.erased_at and departed.user.email == personal_data.anonymous_email(departed.user.pk)
    trail = client.get(reverse("coalitions:audit", args=[world.coalition.slug])).content.decode()
    assert "À sa demande, courriel du 2026-11-26" in trail and "depart@exemple.org" not in trail


def test_a_coordinator_cannot_erase_an_active_member_or_someone_from_another_coalition(client, world):
    client.force_login(world.coordinator)
    with scopes_disabled():
        active = Membership.objects.get(coalition=world.coalition, user=world.partner)
    page = client.post(reverse("coalitions:member_erase", args=[world.coalition.slug, active.pk]), {"reason": "x"})
    assert page.status_code == 200 and "Désactivez" in page.content.decode()
    both = MembershipFactory(coalition=world.coalition, role=Role.PARTNER, organization=world.organization,
                             is_active=False)
    MembershipFactory(coalition=world.other_coalition, role=Role.COORDINATOR, user=both.user)
    page = client.post(reverse("coalitions:member_erase", args=[world.coalition.slug, both.pk]), {"reason": "x"})
    assert page.status_code == 200 and "autre regroupement" in page.content.decode()
    both.user.refresh_from_db()
    assert both.user.erased_at is None


def test_an_erased_persons_consents_and_profile_leave_no_identity(world):
    consent_to(ConsentPurpose.DIRECTORY, world.partner)
    user = rights.person_erase(user_id=world.partner.pk)
    assert user.full_name == "" and user.organization_role == ""
    assert Consent.objects.filter(user=world.partner).exists()  # the proof of consent, without the name
    with scopes_disabled():
        assert not Invitation.objects.filter(email__iexact=world.partner.email).exists()
    assert rights.person_erase(user_id=world.partner.pk) is None  # once


def test_deleting_ones_account_warns_the_only_coordinator_of_a_coalition(client, world):
    client.force_login(world.coordinator)
    page = client.get(reverse("account_delete")).content.decode()
    assert "seule personne coordonnatrice" in page and world.coalition.name in page
    client.force_login(world.partner)
    assert "seule personne coordonnatrice" not in client.get(reverse("account_delete")).content.decode()


def test_erasure_leaves_someone_elses_lookalike_address_and_name_alone(world, life):
    decoy = "Écrire à amelodie@exemple.org ou à Mélodie Bouchard-Lavoiesse."
    with scope(coalition=world.coalition):
        kept = CommentFactory(coalition=world.coalition, meeting=life["meeting"], author=world.coordinator, body=decoy)
    rights.person_erase(user_id=life["partner"].pk)
    kept.refresh_from_db()
    assert kept.body == decoy


# How others write the person (« Prénom Nom », « Nom, Prénom », « Nom Prénom », accents and case
# aside, hyphen or space) and their address in any case: none survives the erasure.
WRITTEN_FORMS = ["Mélodie Bouchard-Lavoie", "Bouchard-Lavoie, Mélodie", "BOUCHARD LAVOIE, MELODIE",
                 "Bouchard-Lavoie Mélodie", "melodie bouchard lavoie", "melodie@exemple.org"]


def test_erasure_scrubs_every_written_form_of_the_name_mentions_and_the_email_in_any_case(world, life):
    partner, meeting = life["partner"], life["meeting"]
    with scope(coalition=world.coalition), pghistory.context(user=world.coordinator.pk, url="/test/",
                                                             note="Relance de Bouchard-Lavoie, Mélodie"):
        listed = CommentFactory(coalition=world.coalition, meeting=meeting, author=world.coordinator,
                                body="Présents : Bouchard-Lavoie, Mélodie; BOUCHARD LAVOIE, MELODIE (CISSS).")
        mentioned = CommentFactory(coalition=world.coalition, meeting=meeting, author=world.coordinator,
                                   body="@melodie@exemple.org : voir Bouchard-Lavoie Mélodie. Merci Mélodie!")
        meeting.minutes = "Écrire à MELODIE@EXEMPLE.ORG ou Melodie@Exemple.org; melodie bouchard lavoie présente."
        meeting.save()
    assert len(_tables_holding(*WRITTEN_FORMS)) >= 4  # comments, meetings and their events, the audit contexts
    rights.person_erase(user_id=partner.pk)
    assert _tables_holding(*WRITTEN_FORMS) == []
    anonymous = personal_data.anonymous_email(partner.pk)
    with scopes_disabled():
        listed.refresh_from_db()
        mentioned.refresh_from_db()
        meeting.refresh_from_db()
    assert listed.body == "Présents : personne retirée; personne retirée (CISSS)."
    # The @mention names nobody now; a first name alone is left (it names many other people too).
    assert mentioned.body == "@personne retirée : voir personne retirée. Merci Mélodie!"
    assert meeting.minutes == f"Écrire à {anonymous} ou {anonymous}; personne retirée présente."
