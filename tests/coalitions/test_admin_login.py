"""The admin has no login of its own: it sends people to the site's login, which asks for the
second factor and counts failed attempts (issue 10, point 2)."""

from unittest import mock
from urllib.parse import parse_qs, urlsplit

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from ..factories import PASSWORD, MembershipFactory
from ..helpers import current_code

ADMIN = "/admin/"


def staff_member():
    """A superuser who is also a member of a coalition."""
    membership = MembershipFactory()
    user = membership.user
    user.is_staff = user.is_superuser = True
    user.save()
    user.coalition_home = reverse("coalitions:home", args=[membership.coalition.slug])
    return user


def admin_login(client, user, password=PASSWORD):
    """What Django's own admin login form posts."""
    return client.post(reverse("admin:login"), {"username": user.email, "password": password, "next": ADMIN})


def test_an_anonymous_visit_to_the_admin_ends_on_the_site_login_then_comes_back(client, db):
    response = client.get(ADMIN, follow=True)
    final = urlsplit(response.redirect_chain[-1][0])
    assert final.path == reverse("account_login") and parse_qs(final.query)["next"] == [ADMIN]


def test_a_staff_member_with_totp_reaches_neither_the_admin_nor_a_coalition_with_a_password(client, db):
    person = staff_member()
    TOTP.activate(person, generate_totp_secret())

    response = admin_login(client, person)
    assert response.status_code == 302 and urlsplit(response["Location"]).path == reverse("account_login")
    response = client.post(f"{reverse('account_login')}?next={ADMIN}", {"login": person.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")  # the second factor is asked for

    assert "_auth_user_id" not in client.session
    assert urlsplit(client.get(ADMIN)["Location"]).path == reverse("admin:login")
    assert urlsplit(client.get(person.coalition_home)["Location"]).path == reverse("account_login")


def test_the_admin_login_form_checks_no_password_itself(client, db):
    person = staff_member()
    with mock.patch.object(type(person), "check_password", autospec=True) as check_password:
        for password in ["mauvais"] * 15 + [PASSWORD]:
            response = admin_login(client, person, password)
            assert response.status_code == 302 and urlsplit(response["Location"]).path == reverse("account_login")
    assert check_password.call_count == 0 and "_auth_user_id" not in client.session


def test_failed_logins_on_the_way_to_the_admin_are_limited_like_any_login(client, db):
    person = staff_member()
    login_url = client.get(ADMIN, follow=True).redirect_chain[-1][0]
    for _ in range(5):
        client.post(login_url, {"login": person.email, "password": "mauvais"})
    client.post(login_url, {"login": person.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # even the right password, while locked


def test_a_staff_member_without_totp_still_reaches_the_admin_through_the_site_login(client, db):
    person = staff_member()
    login_url = client.get(ADMIN, follow=True).redirect_chain[-1][0]
    response = client.post(login_url, {"login": person.email, "password": PASSWORD})
    assert response["Location"] == ADMIN and client.get(ADMIN).status_code == 200


def test_a_staff_member_with_totp_reaches_the_admin_after_the_code(client, db):
    person = staff_member()
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    login_url = client.get(ADMIN, follow=True).redirect_chain[-1][0]
    client.post(login_url, {"login": person.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response["Location"] == ADMIN and client.get(ADMIN).status_code == 200
