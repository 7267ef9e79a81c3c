"""The scalar cell over a sequence: the recurrence, held overrides, and bad input named."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lstm_viz.model.gates import GATES, Neuron, Weights, step
from lstm_viz.model.sequence import MAX_STEPS, run_sequence

inputs = st.lists(st.floats(-6, 6), min_size=1, max_size=MAX_STEPS)
weight = st.builds(Neuron, st.floats(-10, 10), st.floats(-10, 10))
weights = st.builds(Weights, weight, weight, weight, weight)


def test_the_first_step_reads_the_input_alone() -> None:
    run = run_sequence([0.7], c0=-1.2)
    cell = step(0.7, -1.2)
    assert run.s[0] == 0.7
    assert run.ltm[0] == cell.ltm and run.stm[0] == cell.stm


@given(inputs, st.floats(-3, 3), weights)
def test_each_step_reads_the_input_plus_the_previous_stm(x, c0, w) -> None:
    run = run_sequence(x, c0, weights=w)
    c, h = c0, 0.0
    for t, x_t in enumerate(x):
        cell = step(x_t + h, c, weights=w)
        assert run.s[t] == x_t + h
        for name in (*GATES, "kept", "learned", "ltm", "stm"):
            assert getattr(run, name)[t] == getattr(cell, name), (t, name)
        c, h = float(cell.ltm), float(cell.stm)
    assert np.all(np.abs(run.stm) < 1)


def test_an_overridden_gate_is_held_at_every_step() -> None:
    run = run_sequence([4.0, -2.0, 0.5, 0.0], 1.0, forget=0.25, output=1.0)
    assert np.all(run.forget == 0.25) and np.all(run.output == 1.0)
    assert not np.all(run.input == run.input[0])  # the others still follow s
    c = 1.0
    for t in range(4):
        c = 0.25 * c + run.input[t] * run.candidate[t]
        assert run.ltm[t] == pytest.approx(c, abs=1e-15)
        assert run.stm[t] == pytest.approx(math.tanh(c), abs=1e-15)


def test_a_trajectory_is_read_only_and_lists_its_columns() -> None:
    run = run_sequence([1.0, 2.0])
    assert len(run) == 2
    assert list(run.columns()) == [
        "x", "s", "forget", "input", "candidate", "output", "kept", "learned", "ltm", "stm",
    ]  # fmt: skip
    with pytest.raises(ValueError):
        run.ltm[0] = 5.0
    with pytest.raises(ValueError):
        run.x[0] = 5.0


def test_the_callers_list_is_not_kept() -> None:
    x = np.array([1.0, 2.0])
    run = run_sequence(x)
    x[0] = 9.0
    assert run.x[0] == 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"x": []}, ValueError, f"x must be 1 to {MAX_STEPS} numbers"),
        ({"x": [0.0] * (MAX_STEPS + 1)}, ValueError, f"x must be 1 to {MAX_STEPS} numbers"),
        ({"x": [[1.0, 2.0]]}, ValueError, "x must be 1 to"),
        ({"x": [1.0, np.nan]}, ValueError, "x contains NaN"),
        ({"x": "1,2"}, TypeError, "x must be a real number"),
        ({"x": [1.0], "c0": np.inf}, ValueError, "c0 contains an infinity"),
        ({"x": [1.0], "c0": [1.0, 2.0]}, ValueError, "c0 must be one number"),
        ({"x": [1.0], "forget": 1.5}, ValueError, "override forget must lie in [0, 1]"),
        ({"x": [1.0], "candidate": [0.1, 0.2]}, ValueError, "candidate must be one number"),
        ({"x": [1.0], "weights": "book"}, TypeError, "weights must be a Weights"),
    ],
)
def test_bad_input_is_named(kwargs: dict, error: type, words: str) -> None:
    with pytest.raises(error) as raised:
        run_sequence(**kwargs)
    assert words in str(raised.value)
