"""Small numbers stay private: which cells are hidden, and a property test that no combination
of the shown numbers and totals recovers a hidden one."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.selectors import suppression


def determined(hidden: set, values: dict, groups) -> set:
    """The hidden cells whose value the shown ones give away: by linear algebra over the groups'
    equations (each total = the sum of its cells), a hidden cell is determined when its unit
    vector lies in the span of the equations restricted to the hidden cells."""
    unknowns = sorted(hidden, key=repr)
    index = {key: i for i, key in enumerate(unknowns)}
    rows = []
    for total, cells in groups:
        members = [k for k in cells if values.get(k) is not None]
        if total is None or values.get(total) is None:  # no total shown: no equation
            continue
        row = [Fraction(0)] * len(unknowns)
        for key in members:
            if key in index:
                row[index[key]] += 1
        if total in index:
            row[index[total]] -= 1
        if any(row):
            rows.append(row)
    # Row-reduce; a unit vector is in the row space iff it is a row of the reduced form.
    reduced, pivot_cols = [], []
    for row in rows:
        row = row[:]
        for pivot_row, col in zip(reduced, pivot_cols, strict=True):
            if row[col]:
                factor = row[col]
                row = [a - factor * b for a, b in zip(row, pivot_row, strict=True)]
        col = next((i for i, a in enumerate(row) if a), None)
        if col is None:
            continue
        row = [a / row[col] for a in row]
        for i, other in enumerate(reduced):
            if other[col]:
                factor = other[col]
                reduced[i] = [a - factor * b for a, b in zip(other, row, strict=True)]
        reduced.append(row)
        pivot_cols.append(col)
    found = set()
    for row in reduced:
        nonzero = [i for i, a in enumerate(row) if a]
        if len(nonzero) == 1:
            found.add(unknowns[nonzero[0]])
    return found


def test_counts_below_the_threshold_are_hidden_as_fewer_than():
    values = {"a": 3, "b": 12, "c": 0, "d": None, "e": 5}
    shown = suppression.suppress(values, 5)
    assert shown == {"a": "<5", "b": 12, "c": "<5", "d": None, "e": 5}
    assert suppression.shown(shown["a"]) == "moins de 5"


def test_a_single_hidden_cell_in_a_column_hides_another_so_the_total_gives_nothing_away():
    values = {"org1": 3, "org2": 40, "org3": 12, "total": 55}
    shown = suppression.suppress(values, 5, [("total", ["org1", "org2", "org3"])])
    assert shown == {"org1": "<5", "org2": 40, "org3": "*", "total": 55}
    assert suppression.shown("*") == "masqué"


def test_a_small_total_hides_its_cells():
    values = {"org1": 2, "org2": 1, "total": 3}
    assert set(suppression.suppress(values, 5, [("total", ["org1", "org2"])]).values()) == {"<5"}


def test_the_threshold_is_the_coalitions(world):
    from django_scopes import scope

    from coalitions.privacy import privacy_settings_update

    with scope(coalition=world.coalition):
        assert suppression.threshold_for(world.coalition) == 5
        privacy_settings_update(actor=world.coordinator, coalition=world.coalition, small_number_threshold=10)
        assert suppression.threshold_for(world.coalition) == 10


counts = st.one_of(st.integers(0, 9), st.integers(10, 500))


@st.composite
def tables(draw):
    """Columns of cells with their totals (shown or not), as the report's people and families
    columns."""
    values, groups = {}, []
    for column in range(draw(st.integers(1, 3))):
        cells = [(column, row) for row in range(draw(st.integers(1, 7)))]
        for cell in cells:
            values[cell] = draw(counts)
        total = (column, "total")
        if draw(st.booleans()):
            values[total] = sum(values[c] or 0 for c in cells)
            groups.append((total, cells))
        else:
            groups.append((None, cells))
    return values, groups, draw(st.integers(suppression.MIN_THRESHOLD, suppression.MAX_THRESHOLD))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(tables())
def test_no_combination_of_shown_numbers_reveals_a_hidden_cell(table):
    values, groups, threshold = table
    hidden = suppression.hidden_cells(values, threshold, groups)
    small = {k for k, v in values.items() if v is not None and v < threshold}
    assert small <= hidden  # every small count is hidden
    assert not determined(hidden, values, groups)
    shown = suppression.suppress(values, threshold, groups)
    assert all(suppression.is_hidden(shown[k]) for k in hidden)
    assert all(shown[k] == values[k] for k in values if k not in hidden)


def test_only_a_count_can_count_people(world):
    import pytest
    from django.core.exceptions import ValidationError
    from django_scopes import scope

    from indicators.services import framework

    from .factories import IndicatorFactory

    indicator = IndicatorFactory(coalition=world.coalition, value_type="amount", unit="$")
    with scope(coalition=world.coalition), pytest.raises(ValidationError) as error:
        framework.indicator_update(actor=world.coordinator, indicator=indicator, counts_people=True)
    assert "counts_people" in error.value.error_dict


@st.composite
def breakdowns(draw):
    """One coalition value and its categories in one to three dimensions (ages, places...), each
    adding up to the same total: the groups of an (indicator, period)."""
    values, groups = {"total": None}, []
    for dimension in range(draw(st.integers(1, 3))):
        cells = [(dimension, i) for i in range(draw(st.integers(1, 5)))]
        values.update({cell: draw(counts) for cell in cells})
        groups.append(("total", cells))
    first = groups[0][1]
    values["total"] = sum(values[c] for c in first)
    for _total, cells in groups[1:]:  # the other dimensions split the same total
        cuts = sorted(draw(st.lists(st.integers(0, values["total"]), min_size=len(cells) - 1,
                                    max_size=len(cells) - 1)))
        bounds = [0, *cuts, values["total"]]
        values.update({cell: bounds[i + 1] - bounds[i] for i, cell in enumerate(cells)})
    return values, groups, draw(st.integers(suppression.MIN_THRESHOLD, suppression.MAX_THRESHOLD))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(breakdowns())
def test_no_breakdown_sharing_a_total_reveals_a_hidden_cell_and_a_second_pass_hides_the_same(table):
    values, groups, threshold = table
    hidden = suppression.hidden_cells(values, threshold, groups)
    assert {k for k, v in values.items() if v < threshold} <= hidden
    assert not determined(hidden, values, groups)
    # Applied again to what it shows (a snapshot shown later), it hides the same cells.
    assert suppression.hidden_cells(suppression.suppress(values, threshold, groups), threshold, groups) == hidden
