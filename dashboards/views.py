"""Dashboards, period reports and public share links. Thin: data comes from health.py,
partner.py, funder.py and reports.py; writes go through services.py."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from coalitions.dates import local_today
from coalitions.models import Organization
from coalitions.permissions import HOME_VIEW, has_permission, object_for, requires
from coalitions.spreadsheets import xlsx_response
from coalitions.web import call_service, client_ip, confirm_then_act, paginate, secret_url

from . import openings, services, snapshots
from .equity import equity
from .funder import funder_dashboard
from .health import coalition_health
from .models import ReportSnapshot, ShareLink
from .network import partner_network
from .partner import partner_dashboard
from .partners import partner_card
from .permissions import (
    EQUITY_VIEW,
    FUNDER_DASHBOARD,
    HEALTH_VIEW,
    NETWORK_VIEW,
    PARTNER_CARD_VIEW,
    PARTNER_DASHBOARD,
    PARTNER_DETAILS_VIEW,
    REPORTS_SHARE,
    REPORTS_VIEW,
)
from .reports import FIRST_YEAR, ReportYear, decorate, period_report, report_label, report_sheets


@require_GET
@requires(HOME_VIEW)
def home(request):
    """The coalition home: the dashboard of the person's role (chosen by permission)."""
    membership, coalition = request.membership, request.coalition
    context = {"can_report": has_permission(membership, REPORTS_VIEW)}
    if has_permission(membership, HEALTH_VIEW):
        context.update(kind="coordinator", **coalition_health(coalition))
    elif has_permission(membership, FUNDER_DASHBOARD):
        year = ReportYear.containing(coalition, local_today(coalition))
        context.update(kind="funder", activities_year=year,
                       **funder_dashboard(coalition, request.GET.get("page"), year=(year.start, year.end)))
    elif has_permission(membership, PARTNER_DASHBOARD):
        context.update(kind="partner", **partner_dashboard(membership, request.GET.get("page")))
    return render(request, "dashboards/home.html", context)


def _calendar(request) -> bool:
    """``?calendar=1``: the calendar year, for a coalition whose fiscal year starts in another month."""
    return request.GET.get("calendar") == "1" and request.coalition.fiscal_year_start_month != 1


def _report_year(request, year: int) -> ReportYear:
    """The coalition's year that starts in ``year`` (the calendar year with ``?calendar=1``),
    from FIRST_YEAR to the one under way (on the coalition's own date: its year starts at
    midnight where it is)."""
    today = local_today(request.coalition)
    if _calendar(request):
        if not FIRST_YEAR <= year <= today.year:
            raise Http404
        return ReportYear(year, 1)
    if not FIRST_YEAR <= year <= ReportYear.containing(request.coalition, today).year:
        raise Http404
    return ReportYear.of(request.coalition, year)


@require_GET
@requires(REPORTS_VIEW)
def report_index(request):
    today = local_today(request.coalition)
    current = ReportYear.containing(request.coalition, today)
    frozen = ReportSnapshot.objects.filter(coalition=request.coalition).select_related("created_by")
    return render(request, "dashboards/report_index.html", {
        "years": [ReportYear(current.year - k, current.start_month) for k in range(5)],
        # fiscal years are offered beside calendar years (issue 13)
        "calendar_years": [] if current.is_calendar else [ReportYear(today.year - k, 1) for k in range(5)],
        "page_obj": paginate(request, frozen),
        "can_share": has_permission(request.membership, REPORTS_SHARE),
    })


@require_GET
@requires(REPORTS_VIEW)
def report_year(request, year: int):
    """The report of one of the coalition's years. ``year`` is the year it starts in: the
    calendar year when the coalition's fiscal year starts in January; otherwise the fiscal
    year starting that month, e.g. /reports/2026/ runs from 2026-04-01 to 2027-03-31."""
    period = _report_year(request, year)
    report = decorate(period_report(request.coalition, period.start, period.end))
    return render(request, "dashboards/report.html", {
        "report": report, "year": year, "calendar": _calendar(request),
        "can_share": has_permission(request.membership, REPORTS_SHARE),
    })


@require_GET
@requires(REPORTS_VIEW)
def report_download(request, year: int):
    """The same report as XLSX; ``year`` as in ``report_year``."""
    period = _report_year(request, year)
    report = period_report(request.coalition, period.start, period.end)
    return xlsx_response(report_sheets(report), f"{request.coalition.slug}-{period.years}",
                         title=f"{report['coalition']} — {report_label(report)}")


@require_POST
@requires(REPORTS_SHARE)
def report_freeze(request, year: int):
    """Freeze the report of ``report_year`` as a snapshot (its data keeps the range's dates;
    its label is worded in each reader's language)."""
    period = _report_year(request, year)
    snapshot = services.snapshot_create(
        actor=request.user, coalition=request.coalition, start=period.start, end=period.end,
        title=_("Report %(year)s") % {"year": period.years},
    )
    return redirect("dashboards:snapshot", request.coalition.slug, snapshot.pk)


class ShareForm(forms.Form):
    days = forms.IntegerField(label=gettext_lazy("Link valid for (days)"), min_value=1,
                              max_value=services.MAX_LINK_DAYS, initial=services.DEFAULT_LINK_DAYS)


def _snapshot_page(request, snapshot: ReportSnapshot, form: ShareForm):
    """The snapshot; for those who manage share links, its links with their openings."""
    can_share = has_permission(request.membership, REPORTS_SHARE)
    return render(request, "dashboards/snapshot.html", {
        "snapshot": snapshot, "report": decorate(snapshots.shown_data(snapshot, request.coalition)),
        "can_share": can_share,
        "links": list(openings.snapshot_links(snapshot)) if can_share else [], "form": form,
    })


@require_GET
@requires(REPORTS_VIEW)
def snapshot_detail(request, pk: int):
    return _snapshot_page(request, object_for(request, ReportSnapshot, pk=pk), ShareForm())


@require_POST
@requires(REPORTS_SHARE)
def snapshot_share(request, pk: int):
    snapshot = object_for(request, ReportSnapshot, pk=pk)
    form = ShareForm(request.POST or {"days": services.DEFAULT_LINK_DAYS})
    created = None
    if form.is_valid():
        created = call_service(form, services.share_link_create, actor=request.user, snapshot=snapshot,
                               days=form.cleaned_data["days"])
    if created is None:
        return _snapshot_page(request, snapshot, form)
    link, token = created
    return render(request, "dashboards/share_created.html", {
        "snapshot": snapshot, "link": link,
        "share_url": request.build_absolute_uri(reverse("share_link", kwargs={"token": token})),
    })


@requires(REPORTS_SHARE)
def share_link_revoke(request, pk: int):
    link = object_for(request, ShareLink, pk=pk)
    return confirm_then_act(
        request, services.share_link_revoke, link=link, to="dashboards:reports",
        success=_("The link is revoked: it no longer opens the report."),
        title=_("Revoke this link?"),
        consequence=_("Anyone holding the link will see that it was revoked instead of the report."),
        confirm_label=_("Revoke the link"),
    )


@require_GET
@requires(REPORTS_SHARE)
def share_link_openings(request, pk: int):
    """Each opening of one link: when (in the coalition's time zone), which browser, and the
    address without its last part."""
    link = object_for(request, ShareLink.objects.select_related("snapshot"), pk=pk)
    page = paginate(request, openings.link_openings(link))
    page.object_list = openings.shown_openings(page.object_list)
    return render(request, "dashboards/share_link_openings.html", {"link": link, "page_obj": page})


# The web of partners -------------------------------------------------------------------


@require_GET
@requires(PARTNER_CARD_VIEW)
def partner_card_view(request, pk: int):
    """An organisation's place in the coalition; its people only for members, never funders."""
    organization = object_for(request, Organization.objects.select_related("representative"), pk=pk)
    details = has_permission(request.membership, PARTNER_DETAILS_VIEW)
    return render(request, "dashboards/partner_card.html",
                  partner_card(request.coalition, organization, details=details))


@require_GET
@requires(NETWORK_VIEW)
def partner_network_view(request):
    """Who works with whom: a drawing and the table that says the same."""
    return render(request, "dashboards/partner_network.html", partner_network(request.coalition))


@require_GET
@requires(EQUITY_VIEW)
def partner_equity_view(request):
    """Whether the load and the voice are shared, by sector and by size."""
    return render(request, "dashboards/partner_equity.html", equity(request.coalition))


# Public, outside /c/: no login -----------------------------------------------------------


@require_GET
@secret_url
def shared_report(request, token: str):
    """Exactly the frozen report, in a minimal layout with no way into the coalition."""
    link = services.find_link(token)
    if link is None:
        raise Http404
    if link.status != "active":
        return render(request, "dashboards/share_gone.html", {"status": link.status}, status=410)
    services.record_opening(link=link, ip_address=client_ip(request),
                            user_agent=request.META.get("HTTP_USER_AGENT", ""))
    response = render(request, "dashboards/share_public.html", {
        "snapshot": link.snapshot, "report": decorate(snapshots.shown_data(link.snapshot, link.coalition)),
        "link": link,
    })
    response["Cache-Control"] = "private, no-store"
    return response
