"""Small numbers stay private (Law 25): counts of people or families below the coalition's
threshold (default 5) are never shown to funders, and no total shown lets anyone work them out.

Two reusable steps, for every funder-facing output (dashboards, reports, snapshots, share
links, exports, the API):

1. ``hidden_cells(values, threshold, groups)`` decides which cells to hide. A cell is any
   hashable key with a count (or None: nothing to show). *Primary* cells are the counts below
   the threshold, zero included (« moins de 5 » must not tell 0 from 3). Then *complementary*
   suppression: each group is a total and the cells that add up to it (a column of a table and
   its total); a group with exactly one hidden member would give it away by subtraction, so the
   smallest other member is hidden too, until no group has exactly one. With one equation per
   group and two or more unknowns in it, no combination of the shown numbers recovers a hidden
   one (tests/indicators/test_suppression.py checks it by linear algebra, with hypothesis).
2. ``suppress(values, threshold, groups)`` returns the values with each hidden cell replaced by
   a marker, plain JSON (a frozen snapshot keeps it): ``"<5"`` for a small count, ``"*"`` for a
   cell hidden only to protect another. ``shown(value)`` is the display rule: « moins de 5 »,
   « masqué », or the value itself.

Which indicators count people is a flag on the indicator (``Indicator.counts_people``); the
threshold is the coalition's (``threshold_for``).
"""

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.utils.translation import gettext as _

K = TypeVar("K", bound=Hashable)

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD, MAX_THRESHOLD = 3, 20
COMPLEMENTARY = "*"
Group = tuple[Any, Sequence[Any]]  # (the total's key or None if no total is shown, the cells adding up to it)


def threshold_for(coalition) -> int:
    """The coalition's threshold (its privacy settings), DEFAULT_THRESHOLD if never set."""
    from coalitions.privacy import privacy_settings

    return privacy_settings(coalition).small_number_threshold


def small_marker(threshold: int) -> str:
    return f"<{threshold}"


def is_hidden(value) -> bool:
    """A marker of ``suppress``, never a name or a number."""
    return isinstance(value, str) and (value == COMPLEMENTARY or (value[:1] == "<" and value[1:].isdigit()))


def _number(value) -> Decimal | None:
    if value is None or is_hidden(value):
        return None
    return Decimal(str(value))


def hidden_cells(values: Mapping[K, Any], threshold: int, groups: Iterable[Group] = ()) -> set[K]:
    """The keys to hide: counts below ``threshold``, cells already hidden (a marker, e.g. in a
    snapshot frozen under another threshold), then what complementary suppression adds."""
    hidden = {key for key, value in values.items()
              if is_hidden(value) or ((n := _number(value)) is not None and n < threshold)}
    members = []
    for total, cells in groups:
        keys = [*cells, *([total] if total is not None else [])]
        members.append((total, [key for key in keys if key in values and values[key] is not None]))
    changed = True
    while changed:
        changed = False
        for total, keys in members:
            if sum(key in hidden for key in keys) != 1:
                continue
            others = [key for key in keys if key not in hidden]
            if not others:
                continue
            # A cell rather than the total, the smallest one: as little as possible is hidden.
            candidates = [key for key in others if key != total] or others
            hidden.add(min(candidates, key=lambda key: _number(values[key]) or 0))
            changed = True
    return hidden


def suppress(values: Mapping[K, Any], threshold: int, groups: Iterable[Group] = ()) -> dict[K, Any]:
    """``values`` with each hidden cell replaced by its marker (see the module's docstring)."""
    hidden = hidden_cells(values, threshold, groups)
    small = small_marker(threshold)
    result = {}
    for key, value in values.items():
        if key not in hidden or is_hidden(value):  # a marker stays as it was decided
            result[key] = value
        else:
            number = _number(value)
            result[key] = small if number is not None and number < threshold else COMPLEMENTARY
    return result


def shown(value) -> Any:
    """The display rule: the words for a hidden cell, else the value unchanged."""
    if value == COMPLEMENTARY:
        return _("hidden")
    if is_hidden(value):
        return _("fewer than %(threshold)s") % {"threshold": value[1:]}
    return value


def chart_value(value):
    """A hidden cell is a gap in a chart."""
    return None if is_hidden(value) else value


# The coalition values (IndicatorRollup) -------------------------------------------------
# One decision per group (indicator, period), made from all of the group's rows read from the
# database, whatever output asks and whatever it filters: the funder's home and the report (the
# coalition value only), the exports and the API (every category). The same cells are hidden
# everywhere, so that nothing shown in one output, subtracted from another, gives a hidden cell.

CHUNK = 1000


def _decide(rows: list, threshold: int) -> dict:
    """{rollup pk: value shown} for every row of one group: its coalition value (no category) is
    the total of each dimension's categories. Rows taken in the order of their keys, so that
    ties between equal cells are broken the same way for every caller."""
    rows = sorted(rows, key=lambda r: r.pk)
    values = {r.pk: r.value for r in rows}
    total = next((r.pk for r in rows if r.category_id is None), None)
    dimensions: dict[str, list] = {}
    for r in rows:
        if r.category_id is not None:
            dimensions.setdefault(r.category.dimension, []).append(r.pk)
    return suppress(values, threshold, [(total, cells) for cells in dimensions.values()])


def _group_rows(coalition, period_ids) -> dict[tuple[int, int], list]:
    """The rows of each group of ``period_ids`` whose indicator counts people, in one query."""
    from ..models import IndicatorRollup
    from . import among  # runs even for no period: a page's query count does not depend on its indicators

    groups: dict[tuple[int, int], list] = {}
    rows = (IndicatorRollup.objects.filter(coalition=coalition, period_id__in=among(period_ids),
                                           indicator__counts_people=True)
            .select_related("category").only("pk", "indicator_id", "period_id", "category_id", "value",
                                              "category__dimension"))
    for r in rows:
        groups.setdefault((r.indicator_id, r.period_id), []).append(r)
    return groups


def shown_rollups(coalition, period_ids, threshold: int) -> dict[int, Any]:
    """{rollup pk: value a funder may see} for the rows of the groups of ``period_ids`` whose
    indicator counts people (the rows of other indicators are shown as they are)."""
    shown: dict[int, Any] = {}
    for rows in _group_rows(coalition, period_ids).values():
        shown.update(_decide(rows, threshold))
    return shown


def shown_coalition_values(coalition, period_ids, threshold: int) -> dict[int, Any]:
    """{period id: its coalition value (no category) as a funder may see it}, for the periods of
    ``period_ids`` whose indicator counts people: hidden exactly as the exports and the API hide
    it, their categories taken into account."""
    result = {}
    for (_indicator, period), rows in _group_rows(coalition, period_ids).items():
        shown = _decide(rows, threshold)
        for r in rows:
            if r.category_id is None:
                result[period] = shown[r.pk]
    return result


def mark_rollups(coalition, rollups, threshold: int) -> None:
    """Set ``shown_value`` on each of ``rollups`` (a page of them, in any order, filtered in any
    way): the value a funder may see. Each group is decided whole, its rows read again in one
    query, so a page boundary or a filter (``updated_since``) never splits a group and changes
    what is hidden."""
    periods = {r.period_id for r in rollups if r.indicator.counts_people}
    shown = shown_rollups(coalition, periods, threshold)  # asked for no period too: the same queries
    for rollup in rollups:
        rollup.shown_value = shown.get(rollup.pk, rollup.value)


def suppress_rollups(coalition, rollups: Iterable, threshold: int) -> Iterator[tuple[Any, Any]]:
    """(rollup, value shown) for a stream of rollups, in its order (an export): CHUNK rows at a
    time, each marked by ``mark_rollups`` (one query per chunk), so the export still streams."""
    batch: list = []
    for rollup in rollups:
        batch.append(rollup)
        if len(batch) == CHUNK:
            mark_rollups(coalition, batch, threshold)
            yield from ((r, r.shown_value) for r in batch)
            batch = []
    if batch:
        mark_rollups(coalition, batch, threshold)
        yield from ((r, r.shown_value) for r in batch)
