from django.test import Client
from django.urls import reverse

from ..factories import PASSWORD, UserFactory


def test_login_is_locked_after_repeated_failures_for_one_address(client, db):
    person = UserFactory(email="cible@exemple.org")
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": person.email, "password": "mauvais"})
    response = client.post(url, {"login": person.email, "password": "un-mot-de-passe-solide-42"})
    # Even the right password is refused while the address is locked.
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_sign_up_is_rate_limited_per_address(client, db):
    url = reverse("account_signup")
    statuses = [
        client.post(url, {"email": f"n{i}@exemple.org", "password1": "court", "password2": "court"}).status_code
        for i in range(25)
    ]
    assert statuses[0] == 200 and 429 in statuses


def test_password_reset_is_rate_limited(client, db, mailoutbox):
    UserFactory(email="oubli@exemple.org")
    url = reverse("account_reset_password")
    statuses = [client.post(url, {"email": "oubli@exemple.org"}).status_code for _ in range(8)]
    assert statuses[0] == 302 and 429 in statuses
    assert 1 <= len(mailoutbox) <= 5


def test_a_password_reset_email_arrives_and_the_link_sets_a_new_password(client, db, mailoutbox):
    import re

    person = UserFactory(email="oubli@exemple.org")
    client.post(reverse("account_reset_password"), {"email": person.email})
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+/", mailoutbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(action, {"password1": "Nouveau-secret-2026", "password2": "Nouveau-secret-2026"})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Nouveau-secret-2026")


# Behind a reverse proxy (TRUSTED_PROXY_COUNT=1): every request comes from the proxy's address ---

PROXY = "10.0.0.2"


def logs_in(email, password, forwarded_for) -> bool:
    """One login attempt through the proxy, which appended the visitor's address to the header."""
    client = Client()
    client.post(reverse("account_login"), {"login": email, "password": password},
                REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    return "_auth_user_id" in client.session


def test_behind_a_proxy_one_visitors_failed_logins_do_not_lock_out_another(db, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    person = UserFactory()
    for i in range(10):  # ten addresses guessed from one visitor: that visitor's limit
        assert not logs_in(f"inconnu{i}@exemple.org", "mauvais", "203.0.113.66")
    assert not logs_in(person.email, PASSWORD, "203.0.113.66")  # that visitor is locked out...
    assert logs_in(person.email, PASSWORD, "198.51.100.7")  # ...the person, elsewhere, is not


def test_behind_a_proxy_a_made_up_forwarded_address_does_not_escape_the_limit(db, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    person = UserFactory()
    for i in range(10):  # the visitor writes a new address first; the proxy appends the real one
        assert not logs_in(f"inconnu{i}@exemple.org", "mauvais", f"192.0.2.{i}, 203.0.113.66")
    assert not logs_in(person.email, PASSWORD, "192.0.2.99, 203.0.113.66")
