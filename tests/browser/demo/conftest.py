"""Browser tests on the demo data. seed_demo takes some 25 s, so the tests of this package share
one seed: ``demo_server``, a live server over the demo, seeded once for the package.

The demo is committed (the server's thread reads it through its own connection) and stays for
every test of the package, then is flushed, as a transactional test's data is. So these tests
use neither pytest-django's ``live_server`` nor ``django_db(transaction=True)``, which flush the
database after each test: their plain ``django_db`` mark only wraps their own queries in a
transaction rolled back at their end, and what the browser does through the server is committed
and stays. A test that changes the demo (freezes a report, creates a link) must therefore leave
alone what another test of the package reads or creates."""

import os

import pytest
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

SLUG = "petite-enfance-haute-cote"
DEMO_PASSWORD = "concerto-demo-2026"


@pytest.fixture(scope="package")
def demo_server(request, django_db_setup, django_db_blocker, tmp_path_factory):
    addr = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    try:
        with django_db_blocker.unblock():
            # The logins go to a temporary file, not to the project's data directory.
            call_command("seed_demo", logins_json=tmp_path_factory.mktemp("demo") / "demo-logins.json",
                         verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        server = LiveServer(addr)
        server._live_server_modified_settings.enable()  # as pytest-django's live_server
        yield server
        server._live_server_modified_settings.disable()
        server.stop()
    finally:
        with django_db_blocker.unblock():  # as TransactionTestCase after each test: the next tests start empty
            call_command("flush", interactive=False, verbosity=0)
