"""Issue 10, point 6: a Celery worker killed (SIGKILL) in the middle of a batch of emails loses
the message it was working on (on the filesystem broker it is gone for good; on Redis it comes
back only after the visibility timeout). The periodic sweeps send what the database says is
still unsent, once, and the messages still queued then send nothing twice.

A real worker process runs against the test database and a temporary broker; its email backend
is slow (tests/mailbox.py), so the test kills it while it is sending."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import kombu.pools
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.db.models import F
from django_scopes import scope, scopes_disabled

from coalitions import services as coalition_services
from coalitions.models import Invitation, Role
from coalitions.tasks import send_lost_invitation_emails
from config.celery import app
from coordination import tasks as coordination_tasks
from coordination.models.communication import Notification
from coordination.services import communication

from .mailbox import delivered

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent
INVITED = [f"invitee{n}@killed-worker.example" for n in range(1, 5)]  # no factory user has these
SEND_SECONDS = 1.0  # each email, in the worker


class Broker:
    def __init__(self, kind: str, folder: Path):
        self.kind = kind
        if kind == "filesystem":
            self.queue = folder / "broker" / "queue"
            for name in ("queue", "processed", "control"):
                (folder / "broker" / name).mkdir(parents=True)
            self.url = "filesystem://"
            # The worker derives the same folders from CONCERTO_DATA_DIR (config/settings.py).
            self.options = {"data_folder_in": str(self.queue), "data_folder_out": str(self.queue),
                            "processed_folder": str(folder / "broker" / "processed"),
                            "control_folder": str(folder / "broker" / "control"), "store_processed": False}
        else:  # this test process's own Redis database (one per xdist worker), which it may flush
            self.url, self.options = django_settings.CACHES["default"]["LOCATION"], {}

    def waiting(self) -> int:
        """Messages still queued (not fetched by a worker)."""
        if self.kind == "filesystem":
            return len(list(self.queue.glob("*.msg")))
        import redis

        return redis.Redis.from_url(self.url).llen("celery")

    def flush(self) -> None:
        if self.kind == "redis":
            import redis

            redis.Redis.from_url(self.url).flushdb()


@pytest.fixture(params=["filesystem", pytest.param("redis", marks=pytest.mark.redis)])
def broker(request, tmp_path):
    broker = Broker(request.param, tmp_path)
    broker.flush()
    yield broker
    broker.flush()


@contextmanager
def queued_to(broker):
    """This process's .delay() and on_commit queueing go to ``broker``, for real (not eager)."""
    keys = ("broker_url", "broker_transport_options", "task_always_eager")
    saved = {key: app.conf[key] for key in keys}

    def reset_pools():  # connections are pooled per broker address: forget them all
        kombu.pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.update(broker_url=broker.url, broker_transport_options=broker.options, task_always_eager=False)
    reset_pools()
    try:
        yield
    finally:
        reset_pools()
        app.conf.update(saved)


def start_worker(broker, folder: Path, mailbox: Path, *, delay: float, name: str):
    database = connection.settings_dict
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTEST", "CELERY_")) and key != "REDIS_URL"}
    env.update({
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings", "DEBUG": "1", "CONCERTO_DATA_DIR": str(folder),
        "DATABASE_URL": (f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST'] or '127.0.0.1'}"
                         f":{database['PORT'] or 5432}/{database['NAME']}"),
        "CONCERTO_TEST_MAILBOX": str(mailbox), "CONCERTO_TEST_MAILBOX_DELAY": str(delay),
    })
    if broker.kind == "redis":
        env["REDIS_URL"] = broker.url
    log = folder / f"{name}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "--loglevel=INFO", "-n", f"{name}@%h"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    return process, log


def wait_for(condition, what: str, process, log: Path, timeout: float = 25):
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"worker: {what} did not happen\n{log.read_text()[-3000:]}")
        time.sleep(0.1)


def test_a_batch_of_emails_survives_a_worker_killed_mid_batch(world, broker, tmp_path, settings):
    mailbox = tmp_path / "mailbox"
    mailbox.mkdir()
    worker, log = start_worker(broker, tmp_path, mailbox, delay=SEND_SECONDS, name="doomed")
    try:
        with queued_to(broker), scope(coalition=world.coalition):
            for email in INVITED:  # four invitation tasks, then one task emailing two notifications
                coalition_services.invitation_create(actor=world.coordinator, coalition=world.coalition,
                                                     email=email, role=Role.PARTNER,
                                                     organization=world.organization)
            communication.announcement_create(actor=world.coordinator, coalition=world.coalition,
                                                      title="Assemblée", body="Jeudi 19 h")
        wait_for(lambda: len(delivered(mailbox)) >= 2, "two emails sent", worker, log)
        time.sleep(SEND_SECONDS / 2)  # past the second's commit, in the middle of the third email
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        worker.kill()
    assert len(delivered(mailbox)) < 6  # the batch was cut short
    with scopes_disabled():
        assert Invitation.objects.filter(emailed_count__lt=F("send_count")).exists()

    # Ten minutes later, the sweeps (beat, every quarter hour) find what is still unsent.
    with scopes_disabled():
        Invitation.objects.update(last_sent_at=F("last_sent_at") - timedelta(minutes=11))
        Notification.objects.update(created_at=F("created_at") - timedelta(minutes=11))
    settings.EMAIL_BACKEND, settings.EMAIL_FILE_PATH = "tests.mailbox.SlowFileBackend", str(mailbox)
    send_lost_invitation_emails()
    coordination_tasks.coalition_reminders(world.coalition.pk)

    # A worker started again takes the messages still queued: they find their emails sent.
    left = broker.waiting()
    assert left >= 1
    worker, log = start_worker(broker, tmp_path, mailbox, delay=0, name="second")
    try:
        wait_for(lambda: log.read_text().count(" succeeded in ") >= left, f"{left} tasks run", worker, log)
    finally:
        worker.terminate()
        worker.wait(10)

    sent = Counter(to for to, _subject in delivered(mailbox))
    assert sent == Counter([*INVITED, world.partner.email, world.funder.email])  # each exactly once
    with scopes_disabled():
        assert not Invitation.objects.filter(emailed_count__lt=F("send_count")).exists()
        assert not Notification.objects.filter(emailed_at__isnull=True).exists()
