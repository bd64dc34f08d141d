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

from collections.abc import Hashable, Iterable, Mapping, Sequence
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


def suppress_rollups(rollups: Iterable, threshold: int) -> Iterable[tuple[Any, Any]]:
    """(rollup, value shown) for rollups ordered by indicator and period: the coalition value of
    each period of an indicator that counts people, with its categories (each dimension's add
    up to it), hidden as ``suppress`` decides. Other indicators' values pass unchanged. Reads
    one period's rows at a time, so an export still streams."""
    batch: list = []

    def flush():
        if not batch:
            return []
        if not batch[0].indicator.counts_people:
            return [(rollup, rollup.value) for rollup in batch]
        values = {rollup.pk: rollup.value for rollup in batch}
        total = next((rollup.pk for rollup in batch if rollup.category_id is None), None)
        dimensions: dict[str, list] = {}
        for rollup in batch:
            if rollup.category_id is not None:
                dimensions.setdefault(rollup.category.dimension, []).append(rollup.pk)
        shown = suppress(values, threshold, [(total, cells) for cells in dimensions.values()])
        return [(rollup, shown[rollup.pk]) for rollup in batch]

    for rollup in rollups:
        if batch and (batch[0].indicator_id, batch[0].period_id) != (rollup.indicator_id, rollup.period_id):
            yield from flush()
            batch = []
        batch.append(rollup)
    yield from flush()


def mark_rollups(coalition, rollups, threshold: int) -> None:
    """Set ``shown_value`` on each of ``rollups`` (a page of them, in any order): the value a
    funder may see. Each (indicator, period) of an indicator that counts people is decided whole,
    its other rows read again in one query, so a page boundary never splits a group and leaves a
    hidden cell recoverable from the rows of the next page."""
    from ..models import IndicatorRollup

    pairs = {(r.indicator_id, r.period_id) for r in rollups if r.indicator.counts_people}
    shown = {}
    if pairs:
        groups = (IndicatorRollup.objects.filter(coalition=coalition, indicator_id__in={i for i, _p in pairs},
                                                 period_id__in={p for _i, p in pairs})
                  .select_related("indicator", "category").order_by("indicator_id", "period_id", "pk"))
        shown = {r.pk: value for r, value in suppress_rollups(groups, threshold)}
    for rollup in rollups:
        rollup.shown_value = shown.get(rollup.pk, rollup.value)
