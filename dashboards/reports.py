"""Period reports (e.g. a year) for funders and coordinators.

``period_report`` returns plain JSON data (strings and numbers only): the page, the XLSX
download and a frozen snapshot all render the same dict, so a snapshot shows exactly what
the report showed when it was frozen, whatever changes later. Words that depend on the
reader's language (the range's label) are not in it: ``report_label`` makes them from the
data when it is read.

A report covers one of the coalition's years (``ReportYear``): the calendar year when its
fiscal year starts in January, otherwise the fiscal year starting on the first of that month.
Activities count by their date. Indicator values belong to periods, which may not line up
with the year: a period counts in the report of the year it *ends* in, so each period is in
exactly one report. One that began before the year (e.g. a calendar-year indicator in an
April-to-March report) is marked as straddling ("période à cheval").
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coalitions.dates import long_date
from coalitions.spreadsheets import Sheet
from conditions import selectors as condition_selectors
from conditions.models import ActionStatus
from indicators import charts
from indicators.formatting import ValueFormat, partial_note, unit_text
from indicators.periods import period_label
from indicators.selectors import suppression

from . import figures
from .funder import (
    activity_section,
    chart_rows,
    indicator_series,
    latest_complete,
    newer_partials,
    plan_progress_as_of,
    trend_words,
)
from .report_partnership import (
    assessment_rows,
    decorate_partnership,
    network_rows,
    partnership,
    partnership_summary_rows,
    practice_rows,
)

FIRST_YEAR = 2000


@dataclass(frozen=True)
class ReportYear:
    """The year a report covers: ``year`` is the year it starts in. With a fiscal year
    starting in April, ReportYear(2026, 4) runs from 2026-04-01 to 2027-03-31."""

    year: int
    start_month: int = 1

    @classmethod
    def of(cls, coalition, year: int) -> "ReportYear":
        return cls(year, coalition.fiscal_year_start_month)

    @classmethod
    def containing(cls, coalition, day: date) -> "ReportYear":
        month = coalition.fiscal_year_start_month
        return cls(day.year if day.month >= month else day.year - 1, month)

    @property
    def start(self) -> date:
        return date(self.year, self.start_month, 1)

    @property
    def end(self) -> date:
        return date(self.year + 1, self.start_month, 1) - timedelta(days=1)

    @property
    def is_calendar(self) -> bool:
        return self.start_month == 1

    @property
    def years(self) -> str:
        """« 2026 », or « 2026-2027 » for a fiscal year: in file names and snapshot titles."""
        return str(self.year) if self.is_calendar else f"{self.year}-{self.year + 1}"

    @property
    def name(self) -> str:
        if self.is_calendar:
            return _("Year %(year)s") % {"year": self.year}
        return _("Fiscal year %(years)s") % {"years": self.years}

    @property
    def dates(self) -> str:
        return _("%(start)s to %(end)s") % {"start": long_date(self.start), "end": long_date(self.end)}

    @property
    def label(self) -> str:
        """« Année 2026 », or « Exercice 2026-2027 (1er avril 2026 au 31 mars 2027) »."""
        return self.name if self.is_calendar else f"{self.name} ({self.dates})"


def range_label(start: date, end: date) -> str:
    """The label of a report's range: a year's label when it is one, else its two dates
    (snapshots frozen before labels were kept, or made by hand, have only their dates)."""
    year = ReportYear(start.year, start.month)
    if start.day == 1 and end == year.end:
        return year.label
    return _("From %(start)s to %(end)s") % {"start": long_date(start), "end": long_date(end)}


def _number(value) -> float | None:
    return None if value is None else float(value)


def period_report(coalition, start: date, end: date) -> dict:
    """The report of ``start`` to ``end`` as the coalition stood at the end of ``end`` (or now,
    for a range under way): the agenda version in force then, the actions that existed then
    with their status then. Small counts of people and families are already hidden in it (it is
    what funders, snapshots and share links see; coordinators have the exact numbers elsewhere)."""
    zone = ZoneInfo(coalition.time_zone)
    moment = min(datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone), timezone.now())
    version = condition_selectors.version_in_force(coalition, moment)
    threshold = suppression.threshold_for(coalition)
    series = indicator_series(coalition, start=start, end=end, limit=100, threshold=threshold)
    plan = plan_progress_as_of(coalition, moment)
    as_of = min(end, (moment - timedelta(microseconds=1)).astimezone(zone).date())
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
            # The partners' consultations on drafts of the agenda during the period, and the one on the
            # version in force whenever it ran, marked "in_force" (counts and summary only).
            "consultations": condition_selectors.consultation_outcomes(coalition, start=start, end=end,
                                                                       version=version),
        },
        "indicators": [
            {
                "code": s.indicator.code,
                "name": s.indicator.name,  # as frozen; shown in the reader's language from "names"
                "names": {"fr": s.indicator.name_fr, "en": s.indicator.name_en},
                "frequency": s.indicator.frequency,
                "periods": [[first.isoformat(), last.isoformat()] for first, last in s.periods],
                **ValueFormat.of(s.indicator).as_dict(),  # value_type, unit, unit_en, levels
                "counts_people": s.indicator.counts_people,  # a snapshot applies the threshold when shown
                "target": _number(s.target),
                "baseline": _number(s.indicator.baseline_value),
                "status": s.status,
                "points": [[label, value if suppression.is_hidden(value) else _number(value)]
                           for label, value in s.points],
                "straddling": s.straddling,
                "partial": {label: list(counts) for label, counts in s.partial.items()},
            }
            for s in series
        ],
        "plan": {"by_status": [[str(label), n] for label, n in plan["by_status"]],
                 "status_counts": [[status, n] for status, n in plan["counts"].items()], "total": plan["total"],
                 "average_progress": plan["average_progress"], "without_history": plan["without_history"],
                 "as_of": as_of.isoformat()},
        "activities": activity_section(coalition, start, end, threshold),
        # Practices, network and self-assessment as they stood then (issue 16).
        **partnership(coalition, start_moment=datetime.combine(start, time.min, tzinfo=zone), moment=moment,
                      day=as_of, threshold=threshold),
    }


def report_label(report: dict) -> str:
    """The label of the report's range in the current language, from its dates. Snapshots
    frozen for a while kept a label in the language of whoever froze them: it is used only
    if their dates are missing."""
    if report.get("start") and report.get("end"):
        return range_label(date.fromisoformat(report["start"]), date.fromisoformat(report["end"]))
    return report.get("label", "")


def in_readers_language(report: dict) -> dict:
    """The words of report data in the active language: a snapshot stores data (the indicator's
    names in both languages, its periods' dates, the actions' status keys), and its labels are
    worded at view time. Snapshots frozen before kept the words of whoever froze them."""
    english = (translation.get_language() or "").startswith("en")
    labels: dict[tuple, str] = {}  # indicators of one frequency share their periods: each label is worded once
    for item in report["indicators"]:
        names = item.get("names")
        if names:
            item["name"] = (english and names.get("en")) or names.get("fr") or item["name"]
        periods = item.get("periods")
        if periods and item.get("frequency") and len(periods) == len(item["points"]):
            relabel = {old: labels.get(key) or labels.setdefault(key, period_label(
                           item["frequency"], date.fromisoformat(first), date.fromisoformat(last)))
                       for (old, _value), (first, last) in zip(item["points"], periods, strict=True)
                       for key in [(item["frequency"], first, last)]}
            item["points"] = [[relabel[label], value] for label, value in item["points"]]
            item["partial"] = {relabel.get(label, label): counts for label, counts in item.get("partial", {}).items()}
            item["straddling"] = [relabel.get(label, label) for label in item.get("straddling", [])]
    plan = report.get("plan", {})
    if plan.get("status_counts") is not None:
        labels = dict(ActionStatus.choices)
        plan["by_status"] = [[str(labels.get(status, status)), n] for status, n in plan["status_counts"]]
    return report


def decorate(report: dict) -> dict:
    """Add what templates need (range label, chart geometry, status words) to report data,
    frozen or live, worded in the reader's language (``in_readers_language``). Snapshots
    frozen before reports kept straddling periods get them here."""
    in_readers_language(report)
    report["label"] = report_label(report)
    as_of = report.get("plan", {}).get("as_of")  # frozen before reports were historical: none
    report["as_of_date"] = date.fromisoformat(as_of) if as_of else None
    for item in report["indicators"]:
        item.setdefault("straddling", [])
        item.setdefault("partial", {})  # frozen before partial periods were kept: none known
    # Each chart rendered once for what it shows (dashboards.figures): the geometry only for the others.
    keys = [figures.figure_key(item) for item in report["indicators"]]
    rendered = figures.cached(keys)
    for item, key in zip(report["indicators"], keys, strict=True):
        partial = item["partial"]
        item["figure_key"], item["figure"], item["chart"] = key, rendered.get(key), None
        if item["figure"] is None:
            points = [(label, None if v is None or suppression.is_hidden(v) else Decimal(str(v)))
                      for label, v in item["points"]]
            target = None if item["target"] is None else Decimal(str(item["target"]))
            baseline = None if item["baseline"] is None else Decimal(str(item["baseline"]))
            item["chart"] = charts.line_chart(points, target=target, baseline=baseline, partial=partial, fmt=item,
                                              width=640, height=240)
        item["status_word"], item["status_symbol"] = trend_words(item["status"])
        item["rows"] = chart_rows(item["points"], partial, item["straddling"])
        latest = latest_complete(item["rows"])
        item["latest"] = latest["value"] if latest else None
        item["latest_row"] = latest
        item["partials"] = newer_partials(item["rows"])
    report["any_straddling"] = any(item["straddling"] for item in report["indicators"])
    decorate_partnership(report)
    return report


def _summary_rows(report: dict):
    yield [report["coalition"]]
    yield [report_label(report)]
    yield [_("Period"), report["start"], report["end"]]
    yield [_("Territory"), report["territory"]]
    yield [_("Agenda version"), report["agenda"]["number"]]
    yield [_("Vision of change"), report["agenda"]["vision"]]
    for item in report["agenda"].get("consultations", []):
        title = _("Consultation on the version in force") if item.get("in_force") else _(
            "Consultation on the draft agenda")
        yield [title, item["opened"], item["closed"] or item["closes_on"],
               _("%(n)s organizations answered: %(agree)s agree, %(reservation)s with reservations, "
                 "%(objection)s objections") % {"n": item["answered"], "agree": item["agree"],
                                                "reservation": item["reservation"], "objection": item["objection"]},
               item.get("summary") or None]
    yield []
    yield from partnership_summary_rows(report)
    yield [_("Activities"), report["activities"]["count"]]
    yield [_("People reached"), suppression.shown(report["activities"]["people"])]
    yield [_("Families reached"), suppression.shown(report["activities"]["families"])]
    yield [_("Hours"), report["activities"]["hours"]]
    yield []
    yield [_("Actions by status")]
    yield from ([label, n] for label, n in report["plan"]["by_status"])


def _indicator_rows(report: dict):
    yield [_("Code"), _("Indicator"), _("Unit"), _("Period"), _("Coalition value"), _("Final target"),
           _("Status"), _("Note")]
    straddling = _("straddling period")
    for item in report["indicators"]:
        word = trend_words(item["status"])[0]
        unit = unit_text(ValueFormat.of(item))  # « % », « $ », or the counted thing in the reader's language
        if not item["points"]:
            yield [item["code"], item["name"], unit, None, None, item["target"], word]
        for label, value in item["points"]:
            notes = [straddling] if label in item.get("straddling", ()) else []
            if label in item.get("partial", {}):
                notes.append(partial_note(*item["partial"][label]))
            note = "; ".join(notes) or None
            yield [item["code"], item["name"], unit, label, suppression.shown(value), item["target"], word, note]


def report_sheets(report: dict) -> list[Sheet]:
    """The report as the sheets of its XLSX download."""
    activities = [_("Organization"), _("Activities"), _("People reached"), _("Families reached"), _("Hours")]
    return [
        Sheet(_("Summary"), _summary_rows(report), bold_rows=2),
        Sheet(_("Indicators"), _indicator_rows(report), bold_rows=1),
        Sheet(_("Activities"), [activities, *([name, n, suppression.shown(people), suppression.shown(families), hours]
                                              for name, n, people, families, hours
                                              in report["activities"]["by_organization"])], bold_rows=1),
        Sheet(_("Practices"), practice_rows(report), bold_rows=1),
        Sheet(_("Network"), network_rows(report)),
        Sheet(_("Self-assessment"), assessment_rows(report), bold_rows=1),
    ]


__all__ = ["ReportYear", "period_report", "decorate", "range_label", "report_label", "report_sheets", "charts"]
