"""The coordinator's health view: one panel per condition, objective signals, a plain status.

``coalition_health`` runs a fixed number of queries (asserted in tests/dashboards): each
signal is one aggregate, never a query per organisation, indicator or meeting.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Sum, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalitions.dates import local_today
from coalitions.models import Membership
from conditions import selectors as agenda_selectors
from conditions.models import Action, ActionStatus, Activity, Endorsement, ReviewStatus
from conditions.selectors import practices as practice_selectors
from coordination.models.meetings import Invitee, Meeting
from coordination.selectors.backbone import latest_scores
from coordination.selectors.backbone import tasks as backbone_tasks
from coordination.selectors.meetings import all_follow_ups
from indicators import charts
from indicators.models import (
    Indicator,
)
from indicators.rollups import is_complete
from indicators.selectors.queue import review_queue
from indicators.selectors.worklist import LATE_DAYS

from .funder import final_targets, last_points
from .models import ReportingBacklog
from .network import isolated_partners

GOOD, WATCH, ALERT, UNKNOWN = "good", "watch", "alert", "unknown"


def status_label(level: str) -> tuple[str, str]:
    """A status in words and a symbol, so that colour never carries the meaning alone."""
    return {
        GOOD: (_("Solid"), "✓"),
        WATCH: (_("To watch"), "!"),
        ALERT: (_("Needs attention"), "✗"),
        UNKNOWN: (_("Not enough data"), "?"),
    }[level]


@dataclass
class Signal:
    label: str
    value: str
    detail: str = ""


@dataclass
class Panel:
    number: int
    title: str
    url: str
    level: str
    summary: str
    signals: list[Signal] = field(default_factory=list)

    @property
    def status_word(self) -> str:
        return status_label(self.level)[0]

    @property
    def status_symbol(self) -> str:
        return status_label(self.level)[1]

    @property
    def tone(self) -> str:
        """The tone of includes/status_badge.html (which adds the symbol)."""
        return {GOOD: "success", WATCH: "warning", ALERT: "danger"}.get(self.level, "neutral")


@dataclass
class AttentionItem:
    text: str
    url: str
    count: int


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def pct_text(value: int | None) -> str:
    return _("no data") if value is None else f"{value}\u00a0%"


def worst(*levels: str) -> str:
    known = [lvl for lvl in levels if lvl != UNKNOWN]
    if not known:
        return UNKNOWN
    for level in (ALERT, WATCH):
        if level in known:
            return level
    return GOOD


def grade(value: int | None, good: int, watch: int) -> str:
    """Higher is better: ``value`` at or above ``good`` is solid, at or above ``watch`` to watch."""
    if value is None:
        return UNKNOWN
    return GOOD if value >= good else WATCH if value >= watch else ALERT


def grade_count(count: int, watch: int = 1, alert: int = 3) -> str:
    """Lower is better (things late or overdue)."""
    return ALERT if count >= alert else WATCH if count >= watch else GOOD


# Signals, one function per condition -------------------------------------------------------


def agenda_signals(coalition, today) -> dict:
    current = agenda_selectors.current_version(coalition)
    organizations = list(
        agenda_selectors.endorsing_organizations(coalition)
        .annotate(endorsed=Exists(Endorsement.objects.filter(version=current, organization=OuterRef("pk")))
                  if current else Value(False))
        .order_by("name").values_list("name", "endorsed")
    )
    endorsed = sum(1 for _name, yes in organizations if yes)
    missing = [name for name, yes in organizations if not yes] if current else []
    age_days = None
    if current and current.published_at:
        age_days = (today - timezone.localtime(current.published_at).date()).days
    return {"current": current, "total": len(organizations), "endorsed": endorsed, "missing": missing,
            "age_days": age_days}


def counts(coalition, today) -> dict:
    """The signals that are plain counts, in one query (one scalar subquery each). Each
    subquery is compiled on its own and the SQL put together: annotating a dozen subqueries
    on a queryset cloned and resolved each of them again and again (a third of the home's
    Python time at 200 organisations)."""
    now = timezone.now()
    recent_meetings = Meeting.objects.filter(coalition=coalition, starts_at__gte=now - timedelta(days=90),
                                             starts_at__lte=now)
    members = Membership.objects.filter(coalition=coalition, is_active=True)
    # Each count a person can click is the count of the list it opens, from the list's selector.
    lists = {
        "proposed": agenda_selectors.proposals(coalition),
        "to_review": review_queue(coalition),
        "meetings": recent_meetings,
        "attendance_recorded": Invitee.objects.filter(meeting__in=recent_meetings, attended__isnull=False),
        "attendance_present": Invitee.objects.filter(meeting__in=recent_meetings, attended=True),
        "follow_ups_overdue": all_follow_ups(coalition, overdue_on=today),
        "tasks_overdue": backbone_tasks(coalition, overdue_on=today),
        "members": members,
        "members_active": members.filter(user__last_login__gte=now - timedelta(days=30)),
        "practices": practice_selectors.practices_in_use(coalition),
        "practices_adopted": practice_selectors.adopted_pairs(coalition),
        "practices_adopted_before": practice_selectors.adopted_pairs(coalition, on=today - timedelta(days=91)),
    }
    columns, params = [], []
    for queryset in lists.values():
        sql, args = queryset.order_by().values("coalition_id").annotate(n=Count("pk")).values("n")[:1].query \
            .sql_with_params()
        columns.append(f"COALESCE(({sql}), 0)")
        params.extend(args)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        return dict(zip(lists, cursor.fetchone(), strict=True))


def activity_signals(coalition, today) -> dict:
    accepted = Action.objects.filter(coalition=coalition, review_status=ReviewStatus.ACCEPTED).exclude(
        status=ActionStatus.CANCELLED
    )
    rows = list(
        accepted.annotate(n_contrib=Count("contributing_organizations", distinct=True))
        .values("pk", "lead_organization_id", "n_contrib", "status", "end_date")
    )
    # Two or more organisations: the lead plus at least one contributor, or two contributors.
    # (A contributor that is also the lead is counted once at most: the form prevents it.)
    shared = sum(1 for r in rows if r["n_contrib"] + (1 if r["lead_organization_id"] else 0) >= 2)
    late = sum(1 for r in rows if r["status"] not in (ActionStatus.DONE,) and r["end_date"] < today)
    on_hold = sum(1 for r in rows if r["status"] == ActionStatus.ON_HOLD)
    since = today - timedelta(days=90)
    by_org = list(
        Activity.objects.filter(coalition=coalition, date__gte=since, date__lte=today)
        .values("organization__name").annotate(n=Count("pk")).order_by("-n", "organization__name")
    )
    return {"total": len(rows), "shared": shared, "late": late, "on_hold": on_hold, "by_org": by_org,
            "activities": sum(r["n"] for r in by_org)}


def measurement_signals(coalition, today) -> dict:
    indicators = list(Indicator.objects.filter(coalition=coalition).order_by("code"))
    ids = [i.pk for i in indicators]
    reported = expected = 0
    statuses = {s: 0 for s in (charts.ON_TRACK, charts.AT_RISK, charts.OFF_TRACK, charts.NO_DATA)}
    if indicators:
        # Reporting completeness of the last closed period of each indicator, from the rollups.
        for points in last_points(ids, 1, end=today - timedelta(days=1)).values():
            reported += sum(p.reported_count for p in points)
            expected += sum(p.expected_count for p in points)
        # The status of the indicators list: from the last 12 known coalition values, complete ones only.
        known, targets = last_points(ids, 12, known_only=True), final_targets(ids)
        threshold = coalition.completeness_threshold
        for indicator in indicators:
            values = [p.value for p in known[indicator.pk]
                      if is_complete(p.reported_count, p.expected_count, threshold)]
            statuses[charts.trend_status(values, targets.get(indicator.pk), indicator.direction)] += 1
    return {"reported": reported, "expected": expected, "statuses": statuses,
            "late_organizations": late_organizations(coalition, today) if indicators else []}


def late_organizations(coalition, today, *, window_days: int = LATE_DAYS) -> list[dict]:
    """Organisations with values past their due date (not submitted, or returned), in the last
    year: from the reporting backlog the database keeps per organisation and due date (the
    rule of ``indicators.selectors.worklist.late``, the list each count opens)."""
    return [
        {"id": row["organization_id"], "name": row["organization__name"], "count": row["count"]}
        for row in ReportingBacklog.objects.filter(
            coalition=coalition, due_date__lt=today, due_date__gte=today - timedelta(days=window_days))
        .values("organization_id", "organization__name").annotate(count=Sum("missing"))
        .order_by("-count", "organization__name")
    ]


def backbone_signals(coalition, today) -> dict:
    """The latest self-assessment round that enough people answered to show its scores: each
    condition's mean score (and the change since the round before) is a signal of its panel."""
    latest = latest_scores(coalition)
    return {"round": latest["round"], "conditions": latest["conditions"],
            "by_condition": {block["condition"]: block for block in latest["conditions"]}}


# The view's data --------------------------------------------------------------------------


def coalition_health(coalition) -> dict:
    today = local_today(coalition)
    slug = coalition.slug

    def url(name):
        return reverse(name, kwargs={"coalition_slug": slug})

    n = counts(coalition, today)
    d = backbone_signals(coalition, today)
    a = agenda_signals(coalition, today)
    endorsed_share = percent(a["endorsed"], a["total"])
    consulted = next(iter(agenda_selectors.consultation_outcomes(coalition, limit=1)), None)
    panel1 = Panel(
        1, _("Common agenda"), url("conditions:agenda"),
        ALERT if a["current"] is None else worst(grade(endorsed_share, 80, 50),
                                                  WATCH if (a["age_days"] or 0) > 3 * 365 else GOOD,
                                                  assessment_level(d, 1)),
        _("No agenda is published yet.") if a["current"] is None else
        _("%(n)s of %(total)s partner organizations endorsed the current version.")
        % {"n": a["endorsed"], "total": a["total"]},
        [
            Signal(_("Endorsed the current version"), pct_text(endorsed_share),
                   f"{a['endorsed']} / {a['total']}"),
            Signal(_("Age of the current version"),
                   ngettext("%(n)s day", "%(n)s days", a["age_days"]) % {"n": a["age_days"]}
                   if a["age_days"] is not None else _("none published")),
            # The partners' voice in building the agenda: who answered the latest consultation.
            Signal(_("Answered the latest consultation"),
                   pct_text(percent(consulted["answered"], a["total"])) if consulted else _("no consultation yet"),
                   (f"{consulted['answered']} / {a['total']}" + (" · " + ngettext(
                       "%(n)s reservation or objection without an answer",
                       "%(n)s reservations or objections without an answer", consulted["waiting"])
                       % {"n": consulted["waiting"]} if consulted["waiting"] else "")) if consulted else ""),
            assessment_signal(d, 1),
        ],
    )

    b = activity_signals(coalition, today)
    shared_share = percent(b["shared"], b["total"])
    # Harmonised practices: the share of (practice in use, partner organisation) pairs adopted.
    pairs = n["practices"] * a["total"]
    adopted_share = percent(n["practices_adopted"], pairs)
    gained = n["practices_adopted"] - n["practices_adopted_before"]
    panel2 = Panel(
        2, _("Mutually reinforcing activities"), url("conditions:plan"),
        UNKNOWN if not b["total"] else worst(grade(shared_share, 60, 30), grade_count(b["late"] + b["on_hold"], 1, 4),
                                              WATCH if not b["activities"] else GOOD,
                                              grade(adopted_share, 60, 30) if pairs else GOOD, assessment_level(d, 2)),
        _("%(shared)s of %(total)s actions bring two or more organizations together.") % {
            "shared": b["shared"], "total": b["total"]},
        [
            Signal(_("Actions with two or more organizations"), pct_text(shared_share),
                   f"{b['shared']} / {b['total']}"),
            Signal(_("Actions late or on hold"), str(b["late"] + b["on_hold"]),
                   _("%(late)s late, %(hold)s on hold") % {"late": b["late"], "hold": b["on_hold"]}),
            Signal(_("Activities in the last 90 days"), str(b["activities"]),
                   ", ".join(f"{r['organization__name']}\u00a0: {r['n']}" for r in b["by_org"][:6])),
            Signal(_("Shared practices adopted by the partners"),
                   pct_text(adopted_share) if pairs else _("no shared practice yet"),
                   (f"{n['practices_adopted']} / {pairs} · " + (
                       _("%(n)s more than three months ago") if gained >= 0 else _("%(n)s fewer than three months ago"))
                    % {"n": abs(gained)}) if pairs else ""),
            assessment_signal(d, 2),
        ],
    )

    m = measurement_signals(coalition, today)
    m["to_review"] = n["to_review"]
    b["proposed"] = n["proposed"]
    completeness = percent(m["reported"], m["expected"])
    s = m["statuses"]
    tracked = s[charts.ON_TRACK] + s[charts.AT_RISK] + s[charts.OFF_TRACK]
    panel3 = Panel(
        3, _("Shared measurement"), url("indicators:index"),
        worst(grade(completeness, 85, 60), grade(percent(s[charts.ON_TRACK], tracked), 60, 30),
              grade_count(m["to_review"], 5, 20), assessment_level(d, 3)),
        _("%(on)s of %(n)s indicators on track.") % {"on": s[charts.ON_TRACK], "n": tracked},
        [
            Signal(_("Reporting completeness, last closed period"), pct_text(completeness),
                   f"{m['reported']} / {m['expected']}"),
            Signal(_("Indicators on track, at risk, off track"),
                   f"{s[charts.ON_TRACK]} ✓ · {s[charts.AT_RISK]} ! · {s[charts.OFF_TRACK]} ✗",
                   _("%(n)s without data") % {"n": s[charts.NO_DATA]}),
            Signal(_("Values waiting for review"), str(m["to_review"])),
            assessment_signal(d, 3),
        ],
    )

    c = {"meetings": n["meetings"], "attendance": percent(n["attendance_present"], n["attendance_recorded"]),
         "overdue": n["follow_ups_overdue"], "members": n["members"], "active": n["members_active"],
         "active_share": percent(n["members_active"], n["members"])}
    panel4 = Panel(
        4, _("Continuous communication"), url("coordination:communication"),
        worst(ALERT if not c["meetings"] else GOOD, grade(c["attendance"], 70, 50), grade_count(c["overdue"], 1, 5),
              grade(c["active_share"], 60, 30), assessment_level(d, 4)),
        ngettext("%(n)s meeting in the last 90 days.", "%(n)s meetings in the last 90 days.", c["meetings"])
        % {"n": c["meetings"]},
        [
            Signal(_("Meetings in the last 90 days"), str(c["meetings"]),
                   _("attendance %(pct)s") % {"pct": pct_text(c["attendance"])}),
            Signal(_("Follow-ups overdue"), str(c["overdue"])),
            Signal(_("Members active in the last 30 days"), pct_text(c["active_share"]),
                   f"{c['active']} / {c['members']}"),
            assessment_signal(d, 4),
        ],
    )

    d["overdue"] = n["tasks_overdue"]
    edge = isolated_partners(coalition)  # the web of partners: who works with nobody
    connected = None if edge["share"] is None else 100 - edge["share"]
    panel5 = Panel(
        5, _("Backbone support"), url("coordination:backbone"),
        worst(grade_count(d["overdue"], 1, 4), assessment_level(d, 5), grade(connected, 90, 75)),
        _("Latest self-assessment: %(title)s.") % {"title": d["round"].title} if d["round"] else
        _("No self-assessment with enough answers yet."),
        [Signal(_("Backbone tasks overdue"), str(d["overdue"])),
         Signal(_("Partners isolated in the network"), pct_text(edge["share"]),
                f"{edge['count']} / {edge['total']}" + (" · " + ", ".join(edge["names"][:5]) if edge["count"] else "")),
         assessment_signal(d, 5)],
    )

    attention = []
    if m["to_review"]:
        attention.append(AttentionItem(ngettext("%(n)s value to review", "%(n)s values to review", m["to_review"])
                                       % {"n": m["to_review"]}, url("indicators:review"), m["to_review"]))
    if b["proposed"]:
        attention.append(AttentionItem(ngettext("%(n)s proposed action to review", "%(n)s proposed actions to review",
                                                b["proposed"]) % {"n": b["proposed"]}, url("conditions:plan"),
                                       b["proposed"]))
    for row in m["late_organizations"][:8]:
        attention.append(AttentionItem(
            ngettext("%(org)s: %(n)s value late", "%(org)s: %(n)s values late", row["count"])
            % {"org": row["name"], "n": row["count"]},
            url("indicators:entry") + f"?organization={row['id']}&late=1", row["count"]))
    if c["overdue"]:
        attention.append(AttentionItem(ngettext("%(n)s follow-up overdue", "%(n)s follow-ups overdue", c["overdue"])
                                       % {"n": c["overdue"]}, url("coordination:follow_ups") + "?show=all&overdue=1",
                                       c["overdue"]))
    if d["overdue"]:
        attention.append(AttentionItem(ngettext("%(n)s backbone task overdue", "%(n)s backbone tasks overdue",
                                                d["overdue"]) % {"n": d["overdue"]},
                                       url("coordination:tasks") + "?overdue=1", d["overdue"]))
    if consulted and consulted["number"] is None and consulted["objection"] and consulted["waiting"]:
        attention.append(AttentionItem(
            ngettext("%(n)s reservation or objection of the consultation to answer",
                     "%(n)s reservations or objections of the consultation to answer", consulted["waiting"])
            % {"n": consulted["waiting"]}, url("conditions:consultation_responses"), consulted["waiting"]))
    if edge["count"]:
        attention.append(AttentionItem(
            ngettext("%(n)s partner works with no other: %(names)s",
                     "%(n)s partners work with no other: %(names)s", edge["count"])
            % {"n": edge["count"], "names": ", ".join(edge["names"][:5]) + ("…" if edge["count"] > 5 else "")},
            url("dashboards:partner_network"), edge["count"]))
    if a["missing"]:
        n = a["total"] - a["endorsed"]
        attention.append(AttentionItem(
            ngettext("%(n)s organization has not endorsed the agenda: %(names)s",
                     "%(n)s organizations have not endorsed the agenda: %(names)s", n)
            % {"n": n, "names": ", ".join(a["missing"][:5]) + ("…" if n > 5 else "")}, url("conditions:agenda"), n))
    return {"panels": [panel1, panel2, panel3, panel4, panel5], "attention": attention, "today": today}


def assessment_level(d: dict, condition: int) -> str:
    """The members' own view of a condition in the latest self-assessment: 3.5 / 5 or more is
    solid unless it fell by half a point or more since the round before; below 2.5 needs attention."""
    block = d["by_condition"].get(condition)
    if block is None or block["mean"] is None:
        return UNKNOWN
    if block["mean"] < 2.5:
        return ALERT
    falling = block["previous"] is not None and block["mean"] <= block["previous"] - 0.5
    return WATCH if block["mean"] < 3.5 or falling else GOOD


def assessment_signal(d: dict, condition: int) -> Signal:
    block = d["by_condition"].get(condition)
    if block is None or block["mean"] is None:
        return Signal(_("Self-assessment score"), "—", _("no round with enough answers yet"))
    return Signal(_("Self-assessment score"), f"{number_format(block['mean'], 1)}\u00a0/\u00a05",
                  change_text(block["mean"], block["previous"]))


def change_text(mean, previous) -> str:
    if mean is None or previous is None:
        return ""
    delta = round(mean - previous, 1)
    if delta > 0:
        return _("up %(d)s since the previous round ↑") % {"d": number_format(delta, 1)}
    if delta < 0:
        return _("down %(d)s since the previous round ↓") % {"d": number_format(-delta, 1)}
    return _("unchanged since the previous round")
