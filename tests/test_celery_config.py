from config.celery import app


def test_each_apps_periodic_tasks_reach_beat():
    app.finalize(auto=True)
    schedule = app.conf.beat_schedule
    assert "indicators-nightly-rollups" in schedule
    for entry in schedule.values():
        assert entry["task"] in app.tasks, f"beat names an unknown task: {entry['task']}"


def test_the_zero_setup_broker_needs_no_server(settings):
    if not settings.REDIS_URL:
        assert settings.CELERY_BROKER_URL == "filesystem://"
    else:
        assert settings.CELERY_BROKER_URL.startswith("redis://")


def test_beat_reads_schedules_in_the_sites_time_zone(settings):
    # crontab(hour=...) in every BEAT_SCHEDULE means the coalitions' local time.
    assert settings.CELERY_TIMEZONE == settings.TIME_ZONE
    assert str(app.timezone) == settings.TIME_ZONE
