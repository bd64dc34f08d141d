import os
from importlib import import_module
from importlib.util import find_spec

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("concerto")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

SCHEDULED_APPS = ("coalitions", "conditions", "indicators", "coordination")


@app.on_after_finalize.connect
def collect_beat_schedules(sender, **kwargs):
    """Each app may declare its periodic tasks as BEAT_SCHEDULE in <app>/tasks.py."""
    for name in SCHEDULED_APPS:
        if find_spec(f"{name}.tasks"):
            sender.conf.beat_schedule.update(getattr(import_module(f"{name}.tasks"), "BEAT_SCHEDULE", {}))
