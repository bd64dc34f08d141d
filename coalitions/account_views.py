"""Site-wide endpoints outside any coalition: health check and language switch."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from config.celery import app as celery_app

from .services import user_set_language


@never_cache
def healthz(request):
    """Answer 200 when the database and the Celery broker both respond, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {error.__class__.__name__}"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        checks["broker"] = "ok"
    except Exception as error:  # noqa: BLE001
        checks["broker"] = f"error: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


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
