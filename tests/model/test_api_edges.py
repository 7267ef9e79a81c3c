"""The model's API at its edges: a masked array inside a list, raw bytes of every kind, a value just
out of range, and many pre-activations that overflow at once."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lstm_viz.model import gates
from lstm_viz.model.checks import real_number
from lstm_viz.model.gates import lstm_step, step

MASKED = np.ma.masked_array([0.5, 1e9], mask=[False, True])


@pytest.mark.parametrize(
    "value",
    [[MASKED, MASKED], [0.5, np.ma.masked], ([[0.1, 0.2], MASKED],), (MASKED,)],
    ids=["arrays in a list", "the masked constant", "nested", "in a tuple"],
)
def test_a_masked_array_inside_a_list_is_refused_not_unmasked(value: object) -> None:
    with pytest.raises(TypeError, match="s holds a masked array, whose mask the model would"):
        step(value, 0.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", [b"\x01", bytearray(b"\x01"), memoryview(b"\x01")], ids=lambda v: type(v).__name__
)
def test_raw_bytes_of_every_kind_are_refused_alike(value: object) -> None:
    kind = type(value).__name__
    with pytest.raises(TypeError, match=f"s must be a real number or array of them, got {kind}"):
        step(value, 0.0)  # type: ignore[arg-type]


def test_a_value_just_out_of_range_is_shown_to_the_digit_that_matters() -> None:
    with pytest.raises(ValueError) as error:
        step(0.0, 0.0, candidate=-1.0000001)
    assert str(error.value) == "override candidate must lie in [-1, 1], got -1.0000001"
    with pytest.raises(ValueError) as error:
        step([0.0, 0.0, 0.0], 0.0, forget=[1.0000000001, 0.5, 2.0])
    assert str(error.value) == (
        "override forget must lie in [0, 1], got 1.0000000001 (and 1 more outside it)"
    )
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\], got 1.0000001$"):
        real_number("p", 1.0000001, (0.0, 1.0))


def test_many_overflowing_preactivations_skip_the_exact_sum(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """512 entries beyond float64 are known to be so without summing any of them exactly (the
    slow path: about 4.5 s against 0.4 ms; ``benchmarks/gates.py`` prints the time)."""
    exact = []
    monkeypatch.setattr(gates, "_exact_sum", lambda *terms: exact.append(terms))
    hidden, features = 128, 4
    h, c = lstm_step(
        np.full(features, 1e200),
        np.zeros(hidden),
        np.zeros(hidden),
        np.full((4 * hidden, features), 1e200),
        np.zeros((4 * hidden, hidden)),
        np.zeros(4 * hidden),
        np.zeros(4 * hidden),
    )
    assert exact == []
    np.testing.assert_array_equal(c, 1.0)  # f·0 + i·g with every gate at its limit
    np.testing.assert_array_equal(h, np.tanh(1.0))


finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
huge = st.sampled_from([1.7e308, -1.7e308, 1e200, -1e200, 1.0, -1.0, 1e-300, 5e-324])


@given(st.lists(st.tuples(finite | huge, finite | huge), min_size=1, max_size=8))
def test_a_sum_is_called_beyond_float64_only_when_it_is(pairs: list[tuple[float, float]]) -> None:
    a = np.array([[p[0] for p in pairs]])
    b = np.array([[p[1] for p in pairs]])
    quick = gates._surely_beyond([(a, b)])[0]
    total = sum((Fraction(x) * Fraction(y) for x, y in pairs), Fraction(0))
    try:
        true = float(total)
    except OverflowError:
        true = np.inf if total > 0 else -np.inf
    assert np.isnan(quick) or quick == true
