import os
import re
import subprocess
import sys
from pathlib import Path

from allauth.account.models import EmailAddress
from django.urls import reverse

from ..helpers import SIGNUP_NAME_AND_CONSENT

ROOT = Path(__file__).resolve().parents[2]


def sign_up(client, email="nouvelle@exemple.org"):
    return client.post(reverse("account_signup"), {"email": email, "password1": "Un-secret-bien-long-2026",
                                                   "password2": "Un-secret-bien-long-2026", **SIGNUP_NAME_AND_CONSENT})


def test_sign_up_sends_a_french_verification_email_with_text_and_html(client, db, mailoutbox):
    sign_up(client)
    message = mailoutbox[0]
    assert "Confirmez" in message.subject or "confirm" in message.body.lower()
    assert "Bonjour" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<html" in html.lower()


def test_following_the_verification_link_verifies_the_address(client, db, mailoutbox):
    sign_up(client)
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    assert client.get(path).status_code == 200
    client.post(path)
    assert EmailAddress.objects.get(email="nouvelle@exemple.org").verified


def test_an_english_speaker_gets_english_emails(client, db, mailoutbox):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    sign_up(client)
    assert "Hello" in mailoutbox[0].body


def test_signing_up_with_a_known_email_hashes_the_password_and_answers_like_a_new_one(db, mailoutbox):
    """The password hash is most of a sign-up's time: skipping it for an email that already has
    an account told who has one (10-20 ms against 330-380 ms)."""
    from unittest import mock

    from django.contrib.auth.hashers import get_hasher
    from django.test import Client

    from ..factories import UserFactory

    UserFactory(email="connue@exemple.org")
    hasher = type(get_hasher())
    answers, hashes = {}, {}
    for email in ("connue@exemple.org", "nouvelle@exemple.org"):
        with mock.patch.object(hasher, "encode", autospec=True, side_effect=hasher.encode) as encode:
            response = sign_up(Client(), email)
        hashes[email] = encode.call_count
        page = Client().get(response["Location"])  # what the person sees next
        answers[email] = (response.status_code, response["Location"], page.status_code,
                          re.sub(r"[A-Za-z0-9]{64}", "", page.content.decode()))  # less CSRF tokens
    assert hashes == {"connue@exemple.org": 1, "nouvelle@exemple.org": 1}
    assert answers["connue@exemple.org"] == answers["nouvelle@exemple.org"]
    assert answers["connue@exemple.org"][0] == 302
    assert sorted(message.to[0] for message in mailoutbox) == ["connue@exemple.org", "nouvelle@exemple.org"]


def test_log_out_ends_the_session(client, db):
    from ..factories import UserFactory

    person = UserFactory()
    client.force_login(person)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DEBUG="0", DATABASE_URL="postgres://nobody@127.0.0.1:1/none", DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def _manage_without_a_key(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"  # production's, not the suite's
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_commands_that_only_read_the_code_need_no_key_but_serving_does():
    checked = _manage_without_a_key("makemigrations", "--check", "--dry-run")
    assert checked.returncode == 0 and "No changes detected" in checked.stdout, checked.stderr[-500:]
    served = _manage_without_a_key("check")
    assert served.returncode != 0 and "SECRET_KEY must be set" in served.stderr
