
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from ..factories import PASSWORD, UserFactory
from ..helpers import current_code


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def open_totp_activation(client):
    """Turning on 2FA is a sensitive action: allauth asks for the password again first."""
    page = client.get(reverse("mfa_activate_totp"), follow=True)
    if page.redirect_chain and "reauthenticate" in page.redirect_chain[-1][0]:
        page = client.post(page.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    return page


def test_a_person_turns_on_totp_and_is_then_asked_for_a_code_at_login(client, db):
    person = UserFactory(email="prudente@exemple.org")
    log_in(client, person.email)
    page = open_totp_activation(client)
    assert page.status_code == 200 and "Double authentification" in page.content.decode()
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()

    client.logout()
    response = log_in(client, person.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone is not enough any more


def test_a_wrong_code_does_not_turn_on_totp(client, db):
    person = UserFactory()
    log_in(client, person.email)
    open_totp_activation(client)
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Authenticator.objects.filter(user=person).exists()


def test_the_login_page_and_a_wrong_password_speak_french(client, db):
    UserFactory(email="a@exemple.org")
    response = log_in(client, "a@exemple.org", "pas-le-bon")
    assert response.status_code == 200 and "mot de passe" in response.content.decode().lower()
    assert "Se connecter" in response.content.decode()
