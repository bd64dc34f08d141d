"""A person's privacy (Québec's Law 25): the platform's privacy page, consents, the profile."""

from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_scopes import scope

from coalitions import rights
from coalitions.emails import send_email
from coalitions.models import Consent, ConsentPurpose, ConsentSource, User
from coordination.services import summaries

from ..coordination.factories import FollowUpFactory, MeetingFactory
from ..factories import PASSWORD, InvitationFactory, consent_to
from ..helpers import SIGNUP_NAME_AND_CONSENT


def test_it_shows_the_privacy_page_to_everyone_with_the_person_in_charge_and_the_rights(client, world):
    with override_settings(PRIVACY_OFFICER_NAME="Julie Gagnon, directrice", PRIVACY_OFFICER_EMAIL="rp@exemple.org"):
        page = client.get(reverse("privacy")).content.decode()
    assert "Julie Gagnon, directrice" in page and "mailto:rp@exemple.org" in page
    assert "Télécharger mes données" in page and "Commission d’accès à l’information" in page.replace("'", "’")
    client.force_login(world.partner)
    page = client.get(reverse("privacy")).content.decode()
    assert world.coalition.name in page  # its coalitions' own pages, for their retention periods
    assert world.other_coalition.name not in page


def test_every_page_footer_links_to_the_privacy_page(client, world):
    privacy_url = reverse("privacy")
    assert f'href="{privacy_url}"' in client.get(reverse("account_signup")).content.decode()
    client.force_login(world.partner)
    home = client.get(reverse("coalitions:home", args=[world.coalition.slug]))
    assert f'href="{privacy_url}"' in home.content.decode()


def test_every_email_ends_with_the_privacy_page_link_in_both_parts(world, settings):
    invitation = InvitationFactory(coalition=world.coalition, organization=world.organization)
    send_email(to=world.partner, template="email/invitation", coalition=world.coalition,
               context={"invitation": invitation, "accept_url": "/x/"})
    message = mail.outbox[-1]
    link = settings.SITE_URL + reverse("privacy")
    assert message.body.rstrip().endswith(link)
    assert link in message.alternatives[0][0]


def test_sign_up_asks_the_name_and_records_the_consent_with_the_policy_version(client, db, settings):
    response = client.post(reverse("account_signup"), {
        "email": "nadia@exemple.org", "password1": PASSWORD, "password2": PASSWORD,
        **SIGNUP_NAME_AND_CONSENT, "organization_role": "Intervenante famille",
    })
    assert response.status_code == 302
    user = User.objects.get(email="nadia@exemple.org")
    assert (user.first_name, user.last_name, user.full_name, str(user)) == ("Nadia", "Ouellet", "Nadia Ouellet",
                                                                             "Nadia Ouellet")
    assert user.organization_role == "Intervenante famille"
    assert user.privacy_policy_version == settings.PRIVACY_POLICY_VERSION
    consent = Consent.objects.get(user=user)  # the optional purposes stay off, nothing recorded for them
    assert (consent.purpose, consent.granted, consent.source, consent.policy_version) == (
        ConsentPurpose.SERVICE, True, ConsentSource.SIGNUP, settings.PRIVACY_POLICY_VERSION)
    assert rights.consents_in_force(user) == {"service": True, "weekly_summary": False, "directory": False}


def test_sign_up_without_the_consent_or_the_name_is_refused_with_translated_errors(client, db):
    page = client.post(reverse("account_signup"), {"email": "x@exemple.org", "password1": PASSWORD,
                                                   "password2": PASSWORD, "first_name": " ", "last_name": "B"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "cochez cette case" in text and "prénom et votre nom" in text
    assert not User.objects.filter(email="x@exemple.org").exists()


def test_accepting_an_invitation_records_the_optional_purposes_shown(client, world):
    invitation = InvitationFactory(coalition=world.coalition, organization=world.organization,
                                   email=world.outsider.email)
    client.force_login(world.outsider)
    url = reverse("invitation_accept", args=[invitation.token])
    assert "politique" in client.get(url).content.decode()
    assert client.post(url, {"weekly_summary": "on"}).status_code == 302
    consent = Consent.objects.get(user=world.outsider)
    assert (consent.purpose, consent.granted, consent.source) == ("weekly_summary", True, ConsentSource.INVITATION)


def test_withdrawing_the_weekly_summary_in_the_profile_stops_the_email(client, world, settings):
    monday = MeetingFactory(coalition=world.coalition, title="Comité").starts_at - timedelta(days=1)
    with scope(coalition=world.coalition):
        FollowUpFactory(meeting__coalition=world.coalition, what="Bilan", assignee_user=world.partner,
                        due_on=monday.date() - timedelta(days=5))
    client.force_login(world.partner)
    profile = {"first_name": "Line", "last_name": "Roy", "organization_role": "", "language": "fr", "time_zone": ""}
    assert client.post(reverse("profile"), {**profile, "weekly_summary": "on"}).status_code == 302
    with scope(coalition=world.coalition):
        assert summaries.send_weekly_summaries(coalition=world.coalition, now=monday) == 1
    assert mail.outbox[-1].to == [world.partner.email]
    assert client.post(reverse("profile"), profile).status_code == 302  # the box unticked: withdrawn
    with scope(coalition=world.coalition):
        assert summaries.send_weekly_summaries(coalition=world.coalition, now=monday + timedelta(days=7)) == 0
    decisions = list(Consent.objects.filter(user=world.partner).order_by("pk").values_list("purpose", "granted"))
    assert decisions == [("weekly_summary", True), ("directory", False), ("weekly_summary", False)]


def test_the_profile_rectifies_name_role_language_and_time_zone(client, world):
    client.force_login(world.partner)
    response = client.post(reverse("profile"), {
        "first_name": "Line", "last_name": "Roy-Tremblay", "organization_role": "Directrice",
        "language": "en", "time_zone": "America/Montreal", "directory": "on",
    })
    assert response.status_code == 302
    world.partner.refresh_from_db()
    assert (world.partner.full_name, world.partner.organization_role, world.partner.language,
            world.partner.time_zone) == ("Line Roy-Tremblay", "Directrice", "en", "America/Montreal")
    assert rights.consents_in_force(world.partner)["directory"] is True
    assert "Change my email address" in client.get(reverse("profile")).content.decode()  # allauth's confirmed flow


def test_the_profile_refuses_hostile_input_with_errors_not_500(client, world):
    client.force_login(world.partner)
    for data in ({"first_name": "A\nB", "last_name": "C"}, {"first_name": "A", "last_name": "B", "time_zone": "Mars/X"},
                 {"first_name": "A" * 500, "last_name": "B"}, {"first_name": "A", "last_name": "B", "language": "xx"},
                 {}):
        assert client.post(reverse("profile"), data).status_code == 200
    world.partner.refresh_from_db()
    assert world.partner.first_name != "A"


def test_a_new_policy_version_asks_again_at_the_next_page_then_lets_the_person_through(client, world, settings):
    client.force_login(world.partner)
    home = reverse("coalitions:home", args=[world.coalition.slug])
    settings.PRIVACY_POLICY_VERSION = "2027-01"
    response = client.get(home)
    assert response.status_code == 302 and response["Location"].startswith(reverse("privacy_consent"))
    consent_page = client.get(response["Location"])
    assert consent_page.status_code == 200  # no loop: the consent page, the policy and the download stay open
    assert client.get(reverse("privacy")).status_code == 200
    assert client.get(reverse("profile_download")).status_code == 200
    assert client.post(reverse("privacy_consent"), {"next": home}).status_code == 200  # the box is required
    done = client.post(reverse("privacy_consent"), {"privacy": "on", "next": home})
    assert done.status_code == 302 and done["Location"] == home
    assert client.get(home).status_code == 200
    assert Consent.objects.filter(user=world.partner, policy_version="2027-01", source="new_policy").count() == 1


def test_the_consent_page_ignores_an_outside_next_address(client, world, settings):
    settings.PRIVACY_POLICY_VERSION = "2027-01"
    client.force_login(world.partner)
    done = client.post(reverse("privacy_consent"), {"privacy": "on", "next": "https://evil.example/"})
    assert done["Location"] == reverse("home")


def test_the_weekly_summary_goes_only_to_people_who_asked_for_it(world):
    consent_to(ConsentPurpose.WEEKLY_SUMMARY, world.coordinator)
    consent_to(ConsentPurpose.WEEKLY_SUMMARY, world.partner)
    consent_to(ConsentPurpose.WEEKLY_SUMMARY, world.partner, granted=False)  # then withdrawn
    ids = set(User.objects.filter(pk__in=rights.consenting_user_ids(ConsentPurpose.WEEKLY_SUMMARY))
              .values_list("pk", flat=True))
    assert ids == {world.coordinator.pk}
