"""A frozen report as it is shown, whenever it was frozen: the snapshot page and its share links.

A snapshot stays frozen: its stored data is never rewritten and its numbers never change. What
changed since some were frozen is applied when one is shown, so that no snapshot ever shows a
small count (Law 25, issue 15) or an old wording (issue 13, point 2):

- the coalition's small-numbers threshold *now* (it may have been raised since, and snapshots
  frozen before suppression hold exact counts): counts of people or families below it, in the
  indicators that count them and in the activities, read « moins de N », and complementary
  suppression hides what a total would give away. A cell hidden when it was frozen stays hidden.
- a calendar-year report of a coalition whose fiscal year starts in another month shows no
  count of people or families in its activities: subtracted from the fiscal years it overlaps,
  it would give away the cells they hide (``funder.withhold_people``).
- the value's type and units, for snapshots frozen before they were kept (only a ``unit``:
  a percentage was shown as a bare number), taken from the coalition's indicator of the same
  code, so ``format_value`` writes « 28,4 % ».

Display-time rather than a data migration: a migration would apply one threshold once, and
lose the exact numbers a raised threshold may need to hide differently later; this applies
whatever the threshold is today, to every snapshot, with one query.
"""

from datetime import date

from django_scopes import scope

from indicators.formatting import ValueFormat
from indicators.models import Indicator
from indicators.selectors import suppression

from .funder import hide_small_counts, is_coalition_year, withhold_people


def _counts_people(item: dict, indicator) -> bool:
    """Whether a frozen indicator counts people: as frozen, else its indicator's flag. An
    indicator deleted since, frozen before the flag was kept, is taken to count people if it is
    a count: a count of something else hidden by mistake is safer than a small count shown."""
    if "counts_people" in item:
        return bool(item["counts_people"])
    if indicator is not None:
        return indicator.counts_people
    return (item.get("value_type") or "count") == "count"


def shown_data(snapshot, coalition) -> dict:
    """The data of ``snapshot`` (of ``coalition``) as it may be shown (see the module's
    docstring); the stored data is left as it is."""
    data = snapshot.data
    items = data.get("indicators", [])
    old = {item["code"] for item in items if "value_type" not in item or "counts_people" not in item}
    with scope(coalition=coalition):  # a share link is opened outside any coalition's pages
        threshold = suppression.threshold_for(coalition)
        indicators = ({i.code: i for i in Indicator.objects.filter(coalition=coalition, code__in=old)}
                      if old else {})
    for item in items:
        indicator = indicators.get(item.get("code"))
        if "value_type" not in item and indicator is not None:
            item.update(ValueFormat.of(indicator).as_dict())
        if _counts_people(item, indicator):
            points = item.get("points", [])
            shown = suppression.suppress({i: value for i, (_label, value) in enumerate(points)}, threshold)
            item["points"] = [[label, shown[i]] for i, (label, _value) in enumerate(points)]
    if "activities" in data:
        hide_small_counts(data["activities"], threshold)
        if "start" in data and not is_coalition_year(coalition, date.fromisoformat(data["start"]),
                                                      date.fromisoformat(data["end"])):
            withhold_people(data["activities"])
    return data
