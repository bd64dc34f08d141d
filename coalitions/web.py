"""Small helpers that keep views thin: pagination and turning service errors into form errors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int | None = None):
    return Paginator(queryset, per_page or settings.PAGE_SIZE).get_page(request.GET.get("page"))


def call_service(form, service, /, **kwargs):
    """Run a service; on ValidationError put each message next to its field (or at the top)
    and return None, so the view re-renders the form with the input kept."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None
