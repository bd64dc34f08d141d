"""Equity between partners (condition 5): who leads, who contributes hours and money, who
attends, whose reservations on the common agenda are still open, by sector and by size
(active members: the organisation model has no size of its own), so the backbone sees
whether the load and the voice are shared. Six queries, the sums in SQL."""

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from coalitions.models import Sector
from coalitions.selectors import organization_list
from conditions.selectors import action_loads, activity_totals_by_organization, open_reservations
from coordination.selectors.meetings import attendance_by_organization

SIZES = ((0, 0, _("No member yet")), (1, 2, _("1 or 2 members")), (3, 5, _("3 to 5 members")),
         (6, None, _("6 members or more")))
MEASURES = ("organizations", "led", "contributed", "hours", "cost", "meetings", "reservations")


def _size(members: int) -> str:
    return str(next(label for low, high, label in SIZES if members >= low and (high is None or members <= high)))


def _table(rows: list[dict], key: Callable[[dict], str], order: list[str]) -> list[dict]:
    """One line per group (in ``order``, the empty ones left out), each measure with its share
    of the coalition's total in percent."""
    totals = {m: sum(r[m] for r in rows) for m in MEASURES}
    groups: dict[str, dict] = {}
    for row in rows:
        group = groups.setdefault(key(row), {"label": key(row), **dict.fromkeys(MEASURES, 0)})
        for m in MEASURES:
            group[m] += row[m]
    lines = []
    for label in order:
        if label in groups:
            group = groups[label]
            group["shares"] = {m: round(100 * group[m] / totals[m]) if totals[m] else None for m in MEASURES}
            lines.append(group)
    return lines


def equity(coalition) -> dict:
    loads = action_loads(coalition)
    activities = activity_totals_by_organization(coalition)
    meetings = attendance_by_organization(coalition)
    reserved = open_reservations(coalition)
    rows = []
    for organization in organization_list(coalition):
        led, contributed = loads.get(organization.pk, (0, 0))
        done = activities.get(organization.pk, {})
        rows.append({
            "sector": organization.get_sector_display(), "size": _size(organization.member_count),
            "organizations": 1, "led": led, "contributed": contributed,
            "hours": done.get("hours") or Decimal(0), "cost": done.get("cost") or Decimal(0),
            "meetings": meetings.get(organization.pk, 0), "reservations": int(organization.pk in reserved),
        })
    return {
        "by_sector": _table(rows, lambda r: r["sector"], [str(label) for _value, label in Sector.choices]),
        "by_size": _table(rows, lambda r: r["size"], [str(label) for _low, _high, label in SIZES]),
        "totals": {m: sum(r[m] for r in rows) for m in MEASURES},
    }
