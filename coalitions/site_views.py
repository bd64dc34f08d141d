"""Site-wide endpoints outside any coalition: health check and language switch."""

from celery import current_app as celery_app  # the project's app (config/celery.py), without importing config
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import heartbeat
from .services import user_set_language


@never_cache
def healthz(request):
    """The database and the Celery broker: 503 when either fails. The worker's heartbeat is
    reported ("ok", "stale" or "absent") without changing the answer, so the web container's
    health check does not restart a web server for a dead worker; a monitor that watches the
    worker asks ``?worker=1``, which answers 503 unless the heartbeat is fresh."""
    checks = {}
    beat_at = None
    try:
        beat_at = heartbeat.last_beat()  # the database check too: one query in all
        checks["database"] = "ok"
        checks["worker"] = heartbeat.worker_status(beat_at)
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = checks["worker"] = f"error: {error.__class__.__name__}"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        checks["broker"] = "ok"
    except Exception as error:  # noqa: BLE001
        checks["broker"] = f"error: {error.__class__.__name__}"
    required = ["database", "broker", *(["worker"] if request.GET.get("worker") == "1" else [])]
    healthy = all(checks[name] == "ok" for name in required)
    status = "error" if not healthy else "ok" if all(value == "ok" for value in checks.values()) else "degraded"
    body = {"status": status, **checks, "worker_beat_at": beat_at.isoformat() if beat_at else None}
    return JsonResponse(body, status=200 if healthy else 503)


@require_POST
def set_language(request):
    """Django's language switch, remembered on the person's profile for emails too."""
    response = django_set_language(request)
    user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response


def csrf_failure(request, reason=""):
    """A translated page that tells the person what to do, instead of Django's technical one."""
    from django.shortcuts import render

    return render(request, "403_csrf.html", status=403)
