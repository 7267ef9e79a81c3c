"""The explorer's state: the link grammar (lenient as the page reads it, strict as the book writes
it), the places each value is held to, and the shared table of cases the script is checked on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lstm_viz.model import ranges
from lstm_viz.model.formatting import number, snap
from lstm_viz.model.gates import GATES, Neuron, Weights
from lstm_viz.model.presets import PRESETS
from lstm_viz.model.sequence import MAX_STEPS
from lstm_viz.model.table import band_of
from lstm_viz.presentation.explorer import grammar, state
from tests.shared_cases import LINK_CASES, LONG_LINK_CASES, NUMBER_CASES, PLAIN_CASES

_CASES = [(*case, False) for case in LINK_CASES] + [(*case, True) for case in LONG_LINK_CASES]


@pytest.mark.parametrize(
    ("link", "canonical", "adjusted", "cut"), _CASES, ids=lambda v: str(v)[:60]
)
def test_a_link_reads_as_the_shared_table_says(link, canonical, adjusted, cut) -> None:
    reading = state.read_state(link)
    assert state.hash_of(reading.values) == canonical
    assert reading.adjusted == adjusted
    assert reading.cut == cut
    # What the page rewrites the link to reads back as itself, with nothing to adjust.
    again = state.read_state(canonical)
    assert again.values == reading.values and again.adjusted == [] and not again.cut
    if not adjusted and not cut and "s=" in link and "c=" in link and "%" not in link:
        assert state.hash_of(state.parse_state(link.lstrip("#"))) == canonical


def test_a_link_of_a_megabyte_is_read_in_linear_time() -> None:
    """The number pattern cannot backtrack: a long run of digits ending in a letter fails at
    once (it took 26.9 s in the browser at 100,000 digits when the pattern backtracked)."""
    assert grammar._NUMBER.match("1" * 100_000 + "a") is None
    assert grammar._NUMBER.match("1" * 100_000 + ".") is not None


@pytest.mark.parametrize(("value", "decimals", "text"), NUMBER_CASES)
def test_numbers_format_as_the_shared_table_says(value, decimals, text) -> None:
    assert number(value, f".{decimals}f") == text


@pytest.mark.parametrize(("value", "text"), PLAIN_CASES)
def test_link_numbers_as_the_shared_table_says(value, text) -> None:
    assert grammar.plain(value) == text


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((), {}, "#s=0.5&c=1"),
        ((4, -1.25), {}, "#s=4&c=-1.25"),
        ((-6, 3), {}, "#s=-6&c=3"),
        ((0.123456, -0.00001), {}, "#s=0.12&c=0"),
        ((1, 2), {"output": 0.5, "forget": 0.25, "candidate": -1}, "#s=1&c=2&f=0.25&g=-1&o=0.5"),
        ((0, 0), {"b_forget": 1.0, "w_output": 1.0}, "#s=0&c=0&bf=1"),
        ((0, 0), {"x": [4, -4]}, "#s=0&c=0&x=4,-4"),
        ((0, 0), {"x": list(grammar.DEFAULT_X)}, "#s=0&c=0"),
    ],
)
def test_state_hash(args, kwargs, expected) -> None:
    assert state.state_hash(*args, **kwargs) == expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"s": 6.5}, "s must lie in"),
        ({"c_prev": -3.01}, "c_prev must lie in"),
        ({"forget": 1.2}, "override forget must lie in"),
        ({"candidate": -1.5}, "override candidate must lie in"),
        ({"s": float("nan")}, "s contains NaN"),
        ({"s": [1.0, 2.0]}, "s must be one number"),
        ({"gate": 0.5}, "overrides name no gate: gate"),
        ({"w_forget": 10.5}, "w_forget must lie in"),
        ({"b_cell": 1.0}, "no such weight: b_cell"),
        ({"x": []}, f"x must be 1 to {MAX_STEPS} numbers"),
        ({"x": [0.0] * 25}, f"x must be 1 to {MAX_STEPS} numbers"),
        ({"x": [5.5]}, "x must lie in"),
    ],
)
def test_bad_states_are_refused_by_name(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        state.state_hash(**kwargs)


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("s=1&c=1&s=2", "once each"),
        ("s=1&c=1&zz=2", "once each: 'zz=2'"),
        ("s=1&c=inf", "c must be a number, got 'inf'"),
        ("s=1&c=1&g=-2", r"override candidate must lie in \[-1, 1\], got -2"),
        ("x=1", "names both s and c"),
        ("s=0.123&c=1", "s has more than 2 decimal places"),
        ("s=0&c=0&wf=1.23456", "wf has more than 4 decimal places"),
        ("s=0&c=0&bo=-11", r"b_output must lie in \[-10, 10\]"),
        ("s=0&c=0&x=1,9", r"x must lie in \[-5, 5\], got 9"),
        ("s=0&c=0&x=1,,2", "x must be 1 to 24 numbers joined by commas"),
        ("s=0&c=0&x=0.125", "x has more than 2 places"),
        ("s=0&c=0&f2=2", r"held forget must lie in \[0, 1\], got 2"),
        ("s=0&c=0&f30=1", "holds steps 30 to 30"),
        ("s=0&c=0&x=1,2&f3=1", "holds a step past the last input"),
        ("s=0&c=0&f2-4=1&f3=0", "overlaps another"),
        ("s=0&c=0&goal=nope", "explorer goal must be one of"),
        ("goal=hold&s=1", "names both s and c"),
        ("s=1&c=1&" + "&" * 4000, "at most 4000 characters"),
    ],
)
def test_the_strict_reading_names_what_is_wrong(link, message) -> None:
    with pytest.raises(ValueError, match=message):
        state.parse_state(link)


def test_the_strict_reading_returns_what_a_link_names() -> None:
    assert state.parse_state("") == {}
    assert state.parse_state("s=0.5&c=-1.2&bi=-1&x=1,2") == {
        "s": 0.5,
        "c_prev": -1.2,
        "b_input": -1.0,
        "x": (1.0, 2.0),
    }
    assert state.parse_state("goal=hold") == {"goal": "hold"}
    assert state.hash_of({"goal": "hold"}) == "#goal=hold"  # a goal alone opens at its start
    assert state.parse_state("s=0&c=1&x=4,0,0&i1=1&i2-3=0&goal=hold") == {
        "s": 0.0,
        "c_prev": 1.0,
        "x": (4.0, 0.0, 0.0),
        "held": {"input": {1: 1.0, 2: 0.0, 3: 0.0}},
        "goal": "hold",
    }


def test_held_gates_become_the_sequences_overrides() -> None:
    values = state.read_state("s=0&c=1&f=0.5&x=1,2,3&f2=1&i1-2=0").values
    assert state.sequence_overrides(values) == {
        "forget": [0.5, 1.0, 0.5],
        "input": [0.0, 0.0, None],
    }
    assert state.sequence_overrides(state.read_state("o=1").values) == {"output": 1.0}


@pytest.mark.parametrize(
    ("held", "message"),
    [
        ({"cell": {1: 0.5}}, "held names no gate: cell"),
        ({"forget": {13: 0.5}}, "held forget at step 13: the steps are 1 to 12"),
        ({"forget": {1: 2.0}}, r"held forget must lie in \[0, 1\]"),
    ],
)
def test_bad_held_gates_are_refused_by_name(held, message) -> None:
    with pytest.raises(ValueError, match=message):
        state.hash_of({"s": 0.0, "c_prev": 0.0, "held": held})


def test_ranges_and_places_are_the_models() -> None:
    assert ranges.X_RANGE == (ranges.S_RANGE[0] + 1, ranges.S_RANGE[1] - 1)  # |h| < 1
    assert grammar.DEFAULT_X[0] > 0 > min(grammar.DEFAULT_X)  # a strong input, then its opposite
    assert 1 <= len(grammar.DEFAULT_X) <= MAX_STEPS
    for name, (low, high) in grammar.RANGES.items():
        assert low < high and name in grammar.DECIMALS


@pytest.mark.parametrize("key", list(PRESETS))
def test_every_preset_has_a_link_that_reopens_its_weights(key: str) -> None:
    weights = PRESETS[key].weights
    link = state.state_hash(**state.values_of(weights))
    assert state.weights_of(state.parse_state(link[1:])) == weights


def test_weights_round_trip_through_a_state() -> None:
    weights = Weights(forget=Neuron(2.0, -1.0), output=Neuron(0.5, 0.25))
    assert state.weights_of(state.values_of(weights)) == weights
    assert state.weights_of({}) == Weights()
    assert set(state.values_of(weights)) == {f"{p}_{g}" for g in GATES for p in "wb"}


@given(st.floats(-1e6, 1e6))
def test_the_band_of_a_held_s_is_the_band_of_what_is_shown(s: float) -> None:
    held = snap(min(6.0, max(-6.0, s)), grammar.DECIMALS["s"])
    shown = float(number(held, ".3f").replace("−", "-"))
    in_link = float(grammar.plain(held))
    assert band_of(held) == band_of(shown) == band_of(in_link)
