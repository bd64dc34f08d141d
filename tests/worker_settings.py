"""Settings of the real Celery worker that tests/test_killed_worker.py starts and kills: the
project's settings, with emails written one file each, slowly, so the test can kill the worker
while it is sending."""

import os

from config.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.mailbox.SlowFileBackend"
EMAIL_FILE_PATH = os.environ["CONCERTO_TEST_MAILBOX"]
MAILBOX_DELAY = float(os.environ.get("CONCERTO_TEST_MAILBOX_DELAY", "0"))
