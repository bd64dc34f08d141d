"""The network of partners (condition 5): organisations linked by the accepted actions they
lead or contribute to together and by the meetings their people attended together, laid out
on a circle for a server-side SVG, with the table that says the same. Four queries, the
links counted in SQL."""

import math
from statistics import median

from coalitions.models import Organization
from conditions.selectors import action_loads, action_pairs
from coordination.selectors.meetings import meeting_partnerships

SIZE = 640  # the drawing's width and height (SVG user units)
RADIUS = 250
OVERLOAD_FACTOR = 2  # overloaded: at least twice the median number of actions...
OVERLOAD_MIN = 3  # ...and at least this many


def is_overloaded(load: int, typical: float) -> bool:
    return load >= OVERLOAD_MIN and load >= OVERLOAD_FACTOR * typical


def isolated_partners(coalition) -> dict:
    """The organisations with no link in the network (the health view's condition-5 signal):
    their names and their share of all. Three queries."""
    names = dict(Organization.objects.filter(coalition=coalition).values_list("pk", "name"))
    linked = {pk for pair in (*action_pairs(coalition), *meeting_partnerships(coalition)) for pk in pair}
    isolated = sorted(name for pk, name in names.items() if pk not in linked)
    return {"names": isolated, "count": len(isolated), "total": len(names),
            "share": round(100 * len(isolated) / len(names)) if names else None}


def partner_network(coalition, *, until=None) -> dict:
    """The network now, or as it stood at ``until`` (an aware datetime: a year report), from the
    actions created and the meetings held before it."""
    organizations = list(Organization.objects.filter(coalition=coalition).order_by("name", "pk"))
    actions = {"pairs": action_pairs(coalition, until=until)}
    meetings = meeting_partnerships(coalition, until=until)
    loads = action_loads(coalition, until=until)
    typical = median([sum(loads.get(o.pk, (0, 0))) for o in organizations]) if organizations else 0
    nodes, by_id = [], {}
    for i, organization in enumerate(organizations):
        angle = 2 * math.pi * i / len(organizations) - math.pi / 2  # the first at the top, clockwise
        led, contributed = loads.get(organization.pk, (0, 0))
        node = {
            "organization": organization, "number": i + 1, "led": led, "contributed": contributed,
            "load": led + contributed, "overloaded": is_overloaded(led + contributed, typical),
            "x": round(SIZE / 2 + RADIUS * math.cos(angle), 1), "y": round(SIZE / 2 + RADIUS * math.sin(angle), 1),
            "partners": [],
        }
        nodes.append(node)
        by_id[organization.pk] = node
    edges = []
    for a, b in sorted(set(actions["pairs"]) | set(meetings)):
        if a not in by_id or b not in by_id:
            continue
        shared_actions, shared_meetings = actions["pairs"].get((a, b), 0), meetings.get((a, b), 0)
        first, second = by_id[a], by_id[b]
        edges.append({"x1": first["x"], "y1": first["y"], "x2": second["x"], "y2": second["y"],
                      "actions": shared_actions, "meetings": shared_meetings,
                      "width": min(1 + shared_actions + shared_meetings / 2, 6)})
        for node, other in ((first, second), (second, first)):
            node["partners"].append({"organization": other["organization"], "actions": shared_actions,
                                     "meetings": shared_meetings})
    for node in nodes:
        node["partners"].sort(key=lambda p: (-p["actions"] - p["meetings"], p["organization"].name))
        node["isolated"] = not node["partners"]
    isolated = [n for n in nodes if n["isolated"]]
    overloaded = [n for n in nodes if n["overloaded"]]
    return {
        "nodes": nodes, "edges": edges, "size": SIZE, "median_load": typical,
        "isolated": isolated, "overloaded": overloaded,
        "isolated_names": [n["organization"].name for n in isolated],
        "overloaded_names": [n["organization"].name for n in overloaded],
        "isolated_share": round(100 * len(isolated) / len(nodes)) if nodes else None,
    }
