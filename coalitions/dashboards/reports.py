"""Period reports (e.g. a year) for funders and coordinators.

``period_report`` returns plain JSON data (strings and numbers only): the page, the XLSX
download and a frozen snapshot all render the same dict, so a snapshot shows exactly what
the report showed when it was frozen, whatever changes later.
"""

from datetime import date
from decimal import Decimal
from io import BytesIO

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from conditions import selectors as condition_selectors
from conditions.models import Activity, ReviewStatus
from indicators import charts

from .funder import indicator_series, plan_progress, trend_words

FIRST_YEAR = 2000


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _number(value) -> float | None:
    return None if value is None else float(value)


def period_report(coalition, start: date, end: date) -> dict:
    version = condition_selectors.current_version(coalition)
    series = indicator_series(coalition, start=start, end=end, limit=100)
    activities = Activity.objects.filter(
        coalition=coalition, action__review_status=ReviewStatus.ACCEPTED, date__gte=start, date__lte=end
    )
    totals = condition_selectors.activity_totals(activities)
    by_org = (
        activities.values("organization__name").order_by("organization__name")
        .annotate(n=Count("pk"), people=Sum("people_reached"), families=Sum("families_reached"), hours=Sum("hours"))
    )
    plan = plan_progress(coalition)
    return {
        "coalition": coalition.name,
        "territory": coalition.territory,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "generated_at": timezone.now().isoformat(),
        "agenda": {
            "number": version.number if version else None,
            "vision": version.vision if version else "",
            "priorities": [p["title"] for p in condition_selectors.version_priorities(version)] if version else [],
        },
        "indicators": [
            {
                "code": s.indicator.code,
                "name": s.indicator.name,
                "unit": s.indicator.unit,
                "target": _number(s.target),
                "baseline": _number(s.indicator.baseline_value),
                "status": s.status,
                "points": [[label, _number(value)] for label, value in s.points],
            }
            for s in series
        ],
        "plan": {"by_status": [[str(label), n] for label, n in plan["by_status"]], "total": plan["total"],
                 "average_progress": plan["average_progress"]},
        "activities": {
            "count": totals["count"] or 0,
            "people": totals["people"] or 0,
            "families": totals["families"] or 0,
            "hours": _number(totals["hours"]) or 0,
            "by_organization": [
                [r["organization__name"], r["n"], r["people"] or 0, r["families"] or 0, _number(r["hours"]) or 0]
                for r in by_org
            ],
        },
    }


def decorate(report: dict) -> dict:
    """Add what templates need (chart geometry, status words) to report data, frozen or live."""
    for item in report["indicators"]:
        points = [(label, None if v is None else Decimal(str(v))) for label, v in item["points"]]
        target = None if item["target"] is None else Decimal(str(item["target"]))
        baseline = None if item["baseline"] is None else Decimal(str(item["baseline"]))
        item["chart"] = charts.line_chart(points, target=target, baseline=baseline, width=640, height=240)
        item["status_word"], item["status_symbol"] = trend_words(item["status"])
        known = [v for _l, v in item["points"] if v is not None]
        item["latest"] = known[-1] if known else None
    return report


def report_xlsx(report: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")[:31]
    bold = Font(bold=True)
    sheet.append([report["coalition"]])
    sheet["A1"].font = bold
    sheet.append([_("Period"), report["start"], report["end"]])
    sheet.append([_("Territory"), report["territory"]])
    sheet.append([_("Agenda version"), report["agenda"]["number"]])
    sheet.append([_("Vision of change"), report["agenda"]["vision"]])
    sheet.append([])
    sheet.append([_("Activities"), report["activities"]["count"]])
    sheet.append([_("People reached"), report["activities"]["people"]])
    sheet.append([_("Families reached"), report["activities"]["families"]])
    sheet.append([_("Hours"), report["activities"]["hours"]])
    sheet.append([])
    sheet.append([_("Actions by status")])
    for label, n in report["plan"]["by_status"]:
        sheet.append([label, n])

    values = book.create_sheet(_("Indicators")[:31])
    values.append([_("Code"), _("Indicator"), _("Unit"), _("Period"), _("Coalition value"), _("Final target"),
                   _("Status")])
    for cell in values[1]:
        cell.font = bold
    for item in report["indicators"]:
        word = trend_words(item["status"])[0]
        if not item["points"]:
            values.append([item["code"], item["name"], item["unit"], None, None, item["target"], word])
        for label, value in item["points"]:
            values.append([item["code"], item["name"], item["unit"], label, value, item["target"], word])

    orgs = book.create_sheet(_("Activities")[:31])
    orgs.append([_("Organization"), _("Activities"), _("People reached"), _("Families reached"), _("Hours")])
    for cell in orgs[1]:
        cell.font = bold
    for row in report["activities"]["by_organization"]:
        orgs.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["period_report", "decorate", "report_xlsx", "year_bounds", "charts"]
