"""Small helpers that keep views thin: numbers read from request input, pagination, a list page
or only its results for htmx, service errors shown on the form or as a message, the
confirm-then-act pattern of destructive actions, and the visitor's address."""

import ipaddress
import re
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import get_resolver, reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .concurrency import EditConflict

WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")  # ASCII digits, within a bigint


def parse_int(text) -> int | None:
    """A non-negative whole number from a query parameter, a form field or a URL, else None.
    The one way to read an id or a count from request input: str.isdigit() also accepts "²" and
    "٣", which int() refuses or reads as 3."""
    return int(text) if isinstance(text, str) and WHOLE_NUMBER.fullmatch(text) else None


class SteadyPaginator(Paginator):
    """A Paginator whose page always reads its rows, even when there are none: Django's skips
    the query of an empty page (a slice [0:0]), so a page runs one query less when empty than
    with data. For a page whose count is compared between coalitions (the value entry screen,
    empty for a coordinator in a coalition without coordinator-entered indicators). Orphans
    are not supported."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return Page(self.object_list[bottom:bottom + self.per_page], number, self)


def paginate(request, queryset, per_page: int | None = None, *, steady: bool = False):
    """The page ``?page=`` of ``queryset``; ``steady``: read the rows even when there are none
    (SteadyPaginator), so the query count is the same empty or not."""
    paginator = SteadyPaginator if steady else Paginator
    return paginator(queryset, per_page or settings.PAGE_SIZE).get_page(request.GET.get("page"))


RESULTS = "results"  # the id of a list page's results region, and the name of its partial


def render_list(request, template: str, context: dict):
    """A list page with filters or pagination, or only its ``results`` partial when htmx asks
    for that region (a filter submitted, a page link followed: see includes/pagination.html).
    Same view, same queries for the list, the rows' markup written once (``template#results``);
    without JavaScript the links and the GET form load the whole page, and htmx pushes the same
    URL, so a filtered page stays shareable. A history restore (back button after the cache
    expired) gets the whole page. The answer varies with the htmx headers, so that no cache
    serves the fragment for the page."""
    htmx = getattr(request, "htmx", None)
    partial = htmx is not None and bool(htmx) and htmx.target == RESULTS and not htmx.history_restore_request
    response = render(request, f"{template}#{RESULTS}" if partial else template, {**context, "results_only": partial})
    patch_vary_headers(response, ("HX-Request", "HX-Target", "HX-History-Restore-Request"))
    return response


def call_service(form, service, /, **kwargs):
    """Run a service; on ValidationError put each message next to its field (or at the top)
    and return None, so the view re-renders the form with the input kept. On an edit conflict
    the form shows the saved text next to the submitted one (see ``show_conflict``)."""
    try:
        return service(**kwargs)
    except EditConflict as conflict:
        show_conflict(form, conflict)
        return None
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


def show_conflict(form, conflict: EditConflict) -> None:
    """Someone saved first: say so at the top of the form, list both texts of each field that
    differs (``form.conflict``, shown by includes/form.html) and base the editor's next
    save on the saved version, so that saving again, after review, replaces it."""
    form.add_error(None, _(
        "Someone else saved this page after you opened it, so your changes are not saved yet. Their "
        "version and yours are shown below; your text is kept in the form. Review it, then save again "
        "to replace their version."
    ))
    form.conflict = conflict.rows
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = conflict.version


def redirect_with_message(request, to: str, *args, success: str = "", error: str = "", query=None,
                          fragment: str = ""):
    """The one way a view says what happened and moves on: ``success`` or ``error`` becomes a
    message on the next page, then a redirect to ``to``, the URL name of a page of the current
    coalition (its slug comes first in the URL, then ``args``) or a path ("/c/..."), with
    ``query`` (a dict) and ``fragment`` added."""
    if success:
        messages.success(request, success)
    if error:
        messages.error(request, error)
    url = to if to.startswith("/") else reverse(to, args=[request.coalition.slug, *args])
    if query:
        url += "?" + urlencode(query)
    if fragment:
        url += "#" + fragment
    return redirect(url)


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def post_action(request, service, success: str, to: str, args=(), **kwargs):
    """A confirmed POST action without a form: run the service as the current person and
    report a refusal as a message, never a 500. ``args`` follow the slug in ``to``'s URL."""
    try:
        service(actor=request.user, **kwargs)
    except ValidationError as error:
        return redirect_with_message(request, to, *args, error=error_text(error))
    return redirect_with_message(request, to, *args, success=success)


def confirm_then_act(request, service, *, success: str, to: str, title: str, consequence: str,
                     confirm_label: str, **kwargs):
    """GET asks for confirmation and says what will be lost; POST does it."""
    if request.method == "POST":
        return post_action(request, service, success, to, **kwargs)
    return render(request, "coalitions/confirm.html", {
        "title": title, "consequence": consequence, "confirm_label": confirm_label,
        "cancel_url": reverse(to, args=[request.coalition.slug]),
    })


def secret_url_headers(response):
    """A page opened by a secret token in its URL: kept out of search engines, and the URL is
    not sent on as a referrer when a link in it is followed."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _valid_ip(address: str | None) -> str | None:
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return None
    return None if ip.version == 6 and ip.scope_id else str(ip)


def client_ip(request) -> str | None:
    """The visitor's address. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, each appending
    its client's address to X-Forwarded-For, it is the one that many entries from the right
    (those further left are whatever the visitor sent); with no trusted proxy, or a header too
    short to have come through them all, REMOTE_ADDR. Anything that is not an address: None."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= hops and forwarded[-hops]:
            return _valid_ip(forwarded[-hops])
    return _valid_ip(request.META.get("REMOTE_ADDR"))


def secret_url(view):
    """A view opened by a secret token: every answer (the page, 404 for an unknown token, 410
    for a revoked or expired one) carries secret_url_headers, so no answer leaks the URL. Not for
    a page with a form (the invitation): with no referrer, browsers post "Origin: null", which
    the CSRF check refuses."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404 as error:
            # django-stubs types the handler as (request) only; Django calls handler404(request, exception).
            response = get_resolver().resolve_error_handler(404)(request, exception=error)  # type: ignore[call-arg]
        return secret_url_headers(response)

    return wrapped
