"""The in-app page that explains the API, with examples to copy (under /c/<slug>/api/)."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from coalitions.permissions import API_TOKENS_USE, API_WRITE, has_permission, requires


@require_GET
@requires(API_TOKENS_USE)
def guide(request):
    base = request.build_absolute_uri(reverse("api:coalition", args=[request.coalition.slug]))
    return render(request, "api/guide.html", {
        "base_url": base,
        "docs_url": request.build_absolute_uri(reverse("api:docs")),
        "may_write": has_permission(request.membership, API_WRITE),
    })
