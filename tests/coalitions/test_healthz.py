"""/healthz: the database and the broker decide its status; the worker is reported, and decides
it only when a monitor asks with ?worker=1 (issue 10, point 17)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coalitions import heartbeat, tasks
from coalitions.models import WorkerHeartbeat


def health(client, **params):
    response = client.get(reverse("healthz"), params)
    return response.status_code, response.json()


def test_healthz_checks_the_database_and_the_broker_and_a_worker_that_just_beat(client, db):
    tasks.worker_heartbeat.delay()  # what beat queues and a worker runs
    status, body = health(client)
    assert status == 200
    assert {key: body[key] for key in ("status", "database", "broker", "worker")} == {
        "status": "ok", "database": "ok", "broker": "ok", "worker": "ok"}
    assert abs(timezone.now() - timezone.datetime.fromisoformat(body["worker_beat_at"])) < timedelta(seconds=30)
    assert health(client, worker=1)[0] == 200


@pytest.mark.parametrize(("beat_ago", "worker"), [(None, "absent"), (timedelta(minutes=4), "stale")])
def test_a_silent_worker_is_reported_but_fails_only_the_check_that_asks_for_it(client, db, beat_ago, worker):
    if beat_ago:
        WorkerHeartbeat.objects.create(beat_at=timezone.now() - beat_ago)
    status, body = health(client)
    # The container's health check must not fail: restarting the web server revives no worker.
    assert status == 200 and body["worker"] == worker and body["status"] == "degraded"
    status, body = health(client, worker=1)
    assert status == 503 and body["worker"] == worker and body["status"] == "error"


def test_a_heartbeat_just_within_the_limit_is_fresh(client, db):
    WorkerHeartbeat.objects.create(beat_at=timezone.now() - heartbeat.STALE_AFTER + timedelta(seconds=5))
    assert health(client, worker=1)[1]["worker"] == "ok"


def test_each_beat_updates_the_one_row(db):
    WorkerHeartbeat.objects.create(beat_at=timezone.now() - timedelta(hours=1))
    tasks.worker_heartbeat.delay()
    tasks.worker_heartbeat.delay()
    assert WorkerHeartbeat.objects.count() == 1
    assert heartbeat.worker_status(heartbeat.last_beat()) == "ok"


def test_beat_queues_the_heartbeat_often_and_drops_it_when_no_worker_takes_it():
    from config.celery import app

    app.loader.import_default_modules()
    entry = app.conf.beat_schedule["coalitions-worker-heartbeat"]
    assert entry["task"] == tasks.worker_heartbeat.name
    assert entry["schedule"] <= heartbeat.STALE_AFTER.total_seconds() / 3
    assert entry["options"]["expires"] <= entry["schedule"]


def test_healthz_reads_the_heartbeat_in_its_one_query(client, db, django_assert_num_queries):
    tasks.worker_heartbeat.delay()
    with django_assert_num_queries(1):
        client.get(reverse("healthz"))
