from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coalitions import services
from coalitions.models import Invitation, Membership, Role

from ..factories import PASSWORD, InvitationFactory, OrganizationFactory, UserFactory
from ..helpers import SIGNUP_NAME_AND_CONSENT


def invite(world, email="nouvelle@exemple.org", role=Role.PARTNER):
    with scope(coalition=world.coalition):
        return services.invitation_create(
            actor=world.coordinator, coalition=world.coalition, email=email, role=role,
            organization=world.organization,
        )


@pytest.mark.django_db(transaction=True)
def test_it_emails_the_invitation_once_in_french_with_text_and_html(world):
    invitation = invite(world)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nouvelle@exemple.org"]
    assert "Invitation" in message.subject and world.coalition.name in message.subject
    assert "Bonjour" in message.body
    assert f"/invitations/{invitation.token}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and invitation.token in html
    # The task runs twice (a retry): the email still goes out once.
    from coalitions.tasks import send_invitation_email

    assert send_invitation_email(world.coalition.pk, invitation.pk, 1) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_it_emails_the_invitation_in_english_when_the_coalition_speaks_english(world):
    world.coalition.default_language = "en"
    world.coalition.save()
    invite(world)
    assert "Hello" in mail.outbox[0].body


def test_a_new_person_signs_up_from_the_link_and_lands_with_the_invited_role(client, world):
    invitation = invite(world, role=Role.FUNDER)
    url = reverse("invitation_accept", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200 and "Créer mon compte" in page.content.decode()
    response = client.post(
        reverse("account_signup") + f"?next={url}",
        {"email": "nouvelle@exemple.org", "password1": PASSWORD, "password2": PASSWORD, "next": url,
         **SIGNUP_NAME_AND_CONSENT},
    )
    # The invitation link proved the address: no verification email round trip is needed.
    assert response.status_code == 302 and response["Location"] == url
    response = client.post(url)
    assert response["Location"] == reverse("coalitions:home", args=[world.coalition.slug])
    with scopes_disabled():
        membership = Membership.objects.get(coalition=world.coalition, user__email="nouvelle@exemple.org")
    assert membership.role == Role.FUNDER and membership.organization == world.organization
    assert client.get(response["Location"]).status_code == 200


def test_an_existing_account_logs_in_and_joins(client, world):
    person = UserFactory(email="deja@exemple.org")
    invitation = invite(world, email="deja@exemple.org")
    url = reverse("invitation_accept", args=[invitation.token])
    assert "Se connecter" in client.get(url).content.decode()
    client.force_login(person)
    client.post(url)
    with scopes_disabled():
        assert Membership.objects.filter(coalition=world.coalition, user=person, role=Role.PARTNER).exists()


def test_a_link_works_once(client, world):
    person = UserFactory(email="deja@exemple.org")
    invitation = invite(world, email="deja@exemple.org")
    url = reverse("invitation_accept", args=[invitation.token])
    client.force_login(person)
    client.post(url)
    again = client.post(url)
    assert again.status_code == 410 and "déjà été utilisé" in again.content.decode()


def test_an_expired_link_is_refused_with_a_clear_page(client, world):
    invitation = InvitationFactory(coalition=world.coalition, expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("invitation_accept", args=[invitation.token]))
    assert response.status_code == 410 and "expiré" in response.content.decode()


def test_a_revoked_link_is_refused(client, world):
    invitation = invite(world)
    with scope(coalition=world.coalition):
        services.invitation_revoke(actor=world.coordinator, invitation=invitation)
    response = client.get(reverse("invitation_accept", args=[invitation.token]))
    assert response.status_code == 410 and "retirée" in response.content.decode()


def test_a_person_with_another_email_cannot_use_the_link(client, world):
    invitation = invite(world)
    client.force_login(world.outsider)
    response = client.post(reverse("invitation_accept", args=[invitation.token]))
    assert response.status_code == 403 and "nouvelle@exemple.org" in response.content.decode()
    with scopes_disabled():
        assert not Membership.objects.filter(coalition=world.coalition, user=world.outsider).exists()


def test_an_unknown_token_is_not_found(client, db):
    assert client.get(reverse("invitation_accept", args=["nimportequoi"])).status_code == 404


def test_it_refuses_a_second_pending_invitation_and_lists_the_first(client, world):
    invite(world)
    client.force_login(world.coordinator)
    url = reverse("coalitions:invitation_create", args=[world.coalition.slug])
    response = client.post(url, {"email": "Nouvelle@exemple.org", "role": "partner",
                                 "organization": world.organization.pk})
    assert response.status_code == 200 and "déjà" in response.content.decode()
    with scopes_disabled():
        assert Invitation.objects.filter(email="nouvelle@exemple.org").count() == 1
    listing = client.get(reverse("coalitions:invitations", args=[world.coalition.slug]))
    assert "nouvelle@exemple.org" in listing.content.decode()


def test_a_partner_invitation_needs_an_organization(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:invitation_create", args=[world.coalition.slug])
    response = client.post(url, {"email": "x@exemple.org", "role": "partner"})
    assert response.status_code == 200 and "organisme" in response.content.decode()
    with scopes_disabled():
        assert not Invitation.objects.exists()


def test_resend_extends_the_expiry_and_emails_again(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(world)
    with scopes_disabled():
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("coalitions:invitation_resend", args=[world.coalition.slug, invitation.pk]))
    with scopes_disabled():
        invitation.refresh_from_db()
    assert invitation.status == "pending" and invitation.send_count == 2
    assert len(mail.outbox) == 2


def test_an_organization_of_another_coalition_cannot_be_posted_by_hand(client, world):
    foreign = OrganizationFactory(coalition=world.other_coalition)
    client.force_login(world.coordinator)
    url = reverse("coalitions:invitation_create", args=[world.coalition.slug])
    response = client.post(url, {"email": "x@exemple.org", "role": "partner", "organization": foreign.pk})
    assert response.status_code == 200
    with scopes_disabled():
        assert not Invitation.objects.exists()


def _stored(invitation) -> str:
    """Everything the database holds of an invitation: its row and its audit events."""
    import pghistory.models

    with scopes_disabled():
        row = str(Invitation.objects.filter(pk=invitation.pk).values().get())
    events = str(list(pghistory.models.Events.objects.filter(pgh_obj_model="coalitions.Invitation").values()))
    return row + events


@pytest.mark.django_db(transaction=True)
def test_the_database_holds_only_a_hash_of_the_token_the_email_carries(client, world):
    invitation = invite(world)
    with scope(coalition=world.coalition):
        services.invitation_resend(actor=world.coordinator, invitation=invitation)
    tokens = {m.body.split("/invitations/")[1].split("/")[0] for m in mail.outbox}
    assert len(mail.outbox) == 2 and len(tokens) == 1  # a resend sends the same link
    token = tokens.pop()
    assert token not in _stored(invitation)
    with scopes_disabled():
        assert Invitation.objects.get().token_hash == services.hash_token(token)
    client.force_login(UserFactory(email="nouvelle@exemple.org"))
    assert client.post(reverse("invitation_accept", args=[token])).status_code == 302
    with scopes_disabled():
        assert Membership.objects.filter(user__email="nouvelle@exemple.org").exists()


def test_a_link_emailed_before_tokens_were_hashed_still_opens_its_invitation(client, world):
    with scopes_disabled():  # what migration 0004 leaves of a clear token: its hash, no salt
        invitation = InvitationFactory(coalition=world.coalition, organization=world.organization,
                                       email="ancienne@exemple.org", role=Role.PARTNER)
        Invitation.objects.filter(pk=invitation.pk).update(token_hash=services.hash_token("ancien-jeton"),
                                                           token_salt="")
    assert client.get(reverse("invitation_accept", args=["ancien-jeton"])).status_code == 200
    assert client.get(reverse("invitation_accept", args=[invitation.token])).status_code == 404

