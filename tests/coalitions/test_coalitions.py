import html

from allauth.account.models import EmailAddress
from django.urls import reverse
from django_scopes import scopes_disabled

from coalitions.checks import untenanted_models
from coalitions.models import Coalition, Membership, Role

from ..factories import MembershipFactory, UserFactory
from ..helpers import SIGNUP_NAME_AND_CONSENT

NEW = {"name": "Table jeunesse", "slug": "table-jeunesse", "territory": "Saguenay", "description": "",
       "default_language": "fr", "time_zone": "America/Toronto"}


def test_a_verified_person_creates_a_coalition_and_becomes_its_coordinator(client, db):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("coalition_create"), NEW)
    assert response["Location"] == reverse("coalitions:home", args=["table-jeunesse"])
    with scopes_disabled():
        membership = Membership.objects.get(user=person)
    assert membership.role == Role.COORDINATOR and membership.coalition.name == "Table jeunesse"


def test_an_unverified_person_is_told_to_verify_first(client, db):
    person = UserFactory(verified=False)
    client.force_login(person)
    response = client.post(reverse("coalition_create"), NEW)
    assert response.status_code == 200 and not Coalition.objects.exists()


def test_a_taken_web_address_is_refused_on_the_field(client, world):
    client.force_login(world.outsider)
    response = client.post(reverse("coalition_create"), {**NEW, "slug": world.coalition.slug})
    assert response.status_code == 200 and response.context["form"].errors["slug"]


def test_a_person_in_no_coalition_is_shown_how_to_start(client, db):
    client.force_login(UserFactory())
    page = client.get(reverse("home")).content.decode()
    assert reverse("coalition_create") in page


def test_a_person_in_several_coalitions_chooses_and_switches(client, world):
    MembershipFactory(coalition=world.other_coalition, user=world.partner, role=Role.FUNDER)
    client.force_login(world.partner)
    page = client.get(reverse("home")).content.decode()
    assert world.coalition.name in page and world.other_coalition.name in page
    inside = client.get(reverse("coalitions:home", args=[world.coalition.slug])).content.decode()
    # the switcher in the top bar links to the other coalition
    assert reverse("coalitions:home", args=[world.other_coalition.slug]) in inside


def test_the_home_shows_the_five_conditions_in_french_by_default(client, world):
    client.force_login(world.coordinator)
    page = html.unescape(client.get(reverse("coalitions:home", args=[world.coalition.slug])).content.decode())
    assert '<html lang="fr"' in page
    for label in ("Vision commune", "Plan d'action", "Mesure partagée", "Communication", "Structure de soutien"):
        assert label in page


def test_the_language_switch_changes_the_pages_and_is_remembered(client, world):
    client.force_login(world.coordinator)
    home = reverse("coalitions:home", args=[world.coalition.slug])
    response = client.post(reverse("set_language"), {"language": "en", "next": home})
    assert response["Location"] == home
    page = client.get(home).content.decode()
    assert '<html lang="en"' in page and "Common agenda" in page
    world.coordinator.refresh_from_db()
    assert world.coordinator.language == "en"


def test_a_coalition_in_english_speaks_english_to_those_who_did_not_choose(client, world):
    world.coalition.default_language = "en"
    world.coalition.save()
    client.force_login(world.funder)
    page = client.get(reverse("coalitions:home", args=[world.coalition.slug])).content.decode()
    assert '<html lang="en"' in page


def test_every_model_of_the_condition_apps_is_tenant_owned(db):
    assert untenanted_models() == []


def test_the_tenant_check_catches_a_model_without_a_coalition(db):
    from django.apps import apps
    from django.db import models

    class Stray(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "indicators"

    try:
        assert "indicators.Stray" in untenanted_models()
    finally:
        del apps.all_models["indicators"]["stray"]
        apps.clear_cache()


def test_a_query_outside_a_scope_raises_instead_of_leaking(world):
    import pytest
    from django_scopes.exceptions import ScopeError

    from coalitions.models import Organization

    with pytest.raises(ScopeError):
        list(Organization.objects.all())


def test_email_verification_is_mandatory_for_a_new_account(client, db, mailoutbox):
    client.post(reverse("account_signup"), {"email": "neuf@exemple.org", "password1": "x7-long-secret-A",
                                            "password2": "x7-long-secret-A", **SIGNUP_NAME_AND_CONSENT})
    assert EmailAddress.objects.get(email="neuf@exemple.org").verified is False
    assert len(mailoutbox) == 1 and "neuf@exemple.org" in mailoutbox[0].to


def test_a_non_member_sees_a_french_not_found_page(client, world):
    client.force_login(world.outsider)
    response = client.get(reverse("coalitions:home", args=[world.coalition.slug]))
    assert response.status_code == 404 and "Page introuvable" in response.content.decode()


def test_a_role_without_access_sees_a_french_refusal(client, world):
    client.force_login(world.funder)
    response = client.get(reverse("coalitions:members", args=[world.coalition.slug]))
    assert response.status_code == 403 and "Accès refusé" in response.content.decode()


def test_the_top_bar_shows_the_unread_notification_count(client, world):
    from django.utils import timezone

    from coordination.models.communication import Notification

    with scopes_disabled():
        for title in ("Rencontre du comité", "Nouvelle annonce"):
            Notification.objects.create(coalition=world.coalition, recipient=world.partner, kind="announcement",
                                        title=title, created_at=timezone.now())
    client.force_login(world.partner)
    page = client.get(reverse("coalitions:home", args=[world.coalition.slug])).content.decode()
    badge = page[page.index('class="notification-badge"'):][:400]
    assert reverse("coordination:notifications", args=[world.coalition.slug]) in page
    assert ">2<" in badge.replace(" ", "")


# The start of the fiscal year (period reports cover one fiscal year) -----------------------

SETTINGS = {"name": "Regroupement Petite enfance", "territory": "Haute-Côte-Nord", "description": "",
            "default_language": "fr", "time_zone": "America/Toronto"}


def test_a_coalition_reports_on_calendar_years_until_told_otherwise(world):
    assert world.coalition.fiscal_year_start_month == 1


def test_a_coordinator_sets_the_fiscal_year_to_start_in_april(client, world):
    client.force_login(world.coordinator)
    path = reverse("coalitions:settings", args=[world.coalition.slug])
    page = client.get(path).content.decode()
    assert 'name="fiscal_year_start_month"' in page and "Début de l’exercice financier" in html.unescape(page)
    response = client.post(path, {**SETTINGS, "fiscal_year_start_month": "4"})
    assert response.status_code == 302
    world.coalition.refresh_from_db()
    assert world.coalition.fiscal_year_start_month == 4


def test_a_month_that_does_not_exist_is_refused_on_the_field(client, world):
    client.force_login(world.coordinator)
    response = client.post(reverse("coalitions:settings", args=[world.coalition.slug]),
                           {**SETTINGS, "fiscal_year_start_month": "13"})
    assert response.status_code == 200
    assert response.context["form"].errors["fiscal_year_start_month"] == [
        "Choisissez le mois où commence l’exercice financier, de janvier à décembre."]
    world.coalition.refresh_from_db()
    assert world.coalition.fiscal_year_start_month == 1


def test_the_service_refuses_a_month_outside_1_to_12(world):
    import pytest
    from django.core.exceptions import ValidationError

    from coalitions import services

    for month in (0, 13, "4", None):
        with pytest.raises(ValidationError) as error:
            services.coalition_update(actor=world.coordinator, coalition=world.coalition,
                                      fiscal_year_start_month=month)
        assert "fiscal_year_start_month" in error.value.message_dict
    world.coalition.refresh_from_db()
    assert world.coalition.fiscal_year_start_month == 1
