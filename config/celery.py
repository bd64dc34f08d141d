"""The Celery app. The apps that schedule work are the installed apps (INSTALLED_APPS, the one
list): autodiscover_tasks() imports each one's ``tasks`` module, and collect_beat_schedules
merges the ``BEAT_SCHEDULE`` it declares into beat's schedule. Settings hold no schedule."""

import os
from importlib import import_module
from importlib.util import find_spec

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("concerto")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def collect_beat_schedules(sender, **kwargs):
    from django.apps import apps

    schedule = dict(sender.conf.beat_schedule)
    for config in apps.get_app_configs():
        if find_spec(f"{config.name}.tasks"):
            schedule.update(getattr(import_module(f"{config.name}.tasks"), "BEAT_SCHEDULE", {}))
    sender.conf.beat_schedule = schedule
