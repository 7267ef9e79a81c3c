"""The numbers: hand-computed values, properties, the general cell, stability and bad input."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lstm_viz.model.gates import (
    GATE_RANGES,
    Gates,
    Neuron,
    Weights,
    lstm_activations,
    lstm_step,
    rnn_step,
    sigmoid,
    step,
)

finite = st.floats(-50, 50, allow_nan=False, allow_infinity=False)
wide = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


def sig(x: float) -> float:
    return 1 / (1 + math.exp(-x))


# --- hand-computed values -------------------------------------------------------------------


def test_step_at_zero_stm_keeps_half_and_learns_nothing() -> None:
    cell = step(0.0, 0.8)
    assert cell.forget == cell.input == cell.output == 0.5
    assert cell.candidate == 0.0
    assert cell.kept == pytest.approx(0.4)
    assert cell.learned == 0.0
    assert cell.ltm == pytest.approx(0.4)
    assert cell.stm == pytest.approx(0.5 * math.tanh(0.4))


def test_step_hand_computed_at_one() -> None:
    s, c = 1.0, -0.5
    f = i = o = sig(1.0)
    g = math.tanh(1.0)
    cell = step(s, c)
    assert cell.forget == pytest.approx(0.7310585786300049, abs=1e-15)
    assert cell.kept == pytest.approx(f * c, abs=1e-15)
    assert cell.learned == pytest.approx(i * g, abs=1e-15)
    assert cell.ltm == pytest.approx(f * c + i * g, abs=1e-15)
    assert cell.stm == pytest.approx(o * math.tanh(f * c + i * g), abs=1e-15)


def test_weights_shape_each_gate() -> None:
    w = Weights(
        forget=Neuron(2.0, -1.0),
        input=Neuron(-1.0, 0.5),
        candidate=Neuron(0.5, 0.0),
        output=Neuron(1.0, 3.0),
    )
    cell = step(0.7, 0.2, weights=w)
    assert cell.forget == pytest.approx(sig(2 * 0.7 - 1))
    assert cell.input == pytest.approx(sig(-0.7 + 0.5))
    assert cell.candidate == pytest.approx(math.tanh(0.35))
    assert cell.output == pytest.approx(sig(0.7 + 3))


def test_scalar_input_gives_scalars_and_arrays_are_read_only() -> None:
    assert isinstance(step(0.3, 0.1).stm, np.float64)
    cell = step(np.zeros(3), 1.0)
    assert cell.stm.shape == (3,)
    with pytest.raises(ValueError):
        cell.stm[0] = 1.0
    with pytest.raises(AttributeError):
        cell.stm = np.ones(3)  # type: ignore[misc]


def test_as_dict_lists_the_quantities_in_the_books_order() -> None:
    assert list(step(0.0, 0.0).as_dict()) == [
        "forget", "input", "candidate", "output", "kept", "learned", "ltm", "stm",
    ]  # fmt: skip


# --- stability ----------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
def test_extremes_have_correct_limits_without_warnings() -> None:
    big = step(np.array([1e6, -1e6]), np.array([3.0, 3.0]))
    np.testing.assert_array_equal(big.forget, [1.0, 0.0])
    np.testing.assert_array_equal(big.candidate, [1.0, -1.0])
    np.testing.assert_array_equal(big.ltm, [4.0, 0.0])
    np.testing.assert_allclose(big.stm, [math.tanh(4.0), 0.0])
    # e^(−745) is the smallest subnormal float64; past it the gate is exactly 0, with no overflow
    # in e^(+x) on the way (the warning filter turns one into a failure).
    assert sigmoid(-745.0) == math.exp(-745.0) > 0
    assert sigmoid(-746.0) == 0.0 and sigmoid(40.0) == 1.0
    assert sigmoid(np.float64(-1e308)) == 0.0


def test_float64_throughout() -> None:
    cell = step(np.float32(0.1), np.int64(1))
    assert all(np.asarray(v).dtype == np.float64 for v in cell.as_dict().values())


# --- properties ---------------------------------------------------------------------------


@given(wide, wide)
def test_ranges_and_ltm_is_kept_plus_learned(s: float, c: float) -> None:
    cell = step(s, c)
    for name, (low, high) in GATE_RANGES.items():
        assert low <= getattr(cell, name) <= high
    assert -1 <= cell.learned <= 1
    assert -1 <= cell.stm <= 1
    assert cell.ltm == cell.kept + cell.learned
    assert abs(cell.kept) <= abs(c)


@given(wide)
def test_sigmoid_is_symmetric(x: float) -> None:
    assert sigmoid(-x) == pytest.approx(1 - sigmoid(x), abs=1e-15)


@given(finite)
def test_sigmoid_matches_the_textbook_formula(x: float) -> None:
    assert sigmoid(x) == pytest.approx(sig(x), rel=1e-13, abs=1e-300)


@given(
    hnp.arrays(np.float64, st.integers(1, 6), elements=finite),
    hnp.arrays(np.float64, st.integers(1, 6), elements=finite),
)
def test_broadcasting_equals_an_elementwise_loop(s: np.ndarray, c: np.ndarray) -> None:
    grid = step(s[:, None], c[None, :])
    assert grid.ltm.shape == (s.size, c.size)
    for a, sa in enumerate(s):
        for b, cb in enumerate(c):
            one = step(sa, cb)
            for name, value in one.as_dict().items():
                assert getattr(grid, name)[a, b] == value


@given(
    finite,
    finite,
    st.sampled_from(sorted(GATE_RANGES)),
    st.floats(0, 1),
)
def test_override_replaces_the_gate_and_everything_downstream_follows(
    s: float, c: float, gate: str, fraction: float
) -> None:
    low, high = GATE_RANGES[gate]
    value = low + fraction * (high - low)
    cell = step(s, c, **{gate: value})  # type: ignore[arg-type]
    free = step(s, c)
    assert getattr(cell, gate) == value
    for other in set(GATE_RANGES) - {gate}:
        assert getattr(cell, other) == getattr(free, other)
    assert cell.kept == cell.forget * c
    assert cell.learned == cell.input * cell.candidate
    assert cell.ltm == cell.kept + cell.learned
    assert cell.stm == cell.output * np.tanh(cell.ltm)


def test_overrides_broadcast_over_a_grid() -> None:
    s = np.linspace(-3, 3, 7)
    cell = step(s[:, None], 1.0, forget=np.array([0.0, 0.5, 1.0]))
    assert cell.ltm.shape == (7, 3)
    np.testing.assert_array_equal(cell.kept, np.broadcast_to([0.0, 0.5, 1.0], (7, 3)))


def test_forget_held_at_zero_erases_the_ltm() -> None:
    cell = step(0.0, 5.0, forget=0.0)
    assert cell.kept == 0.0 and cell.ltm == cell.learned


# --- the general cell ---------------------------------------------------------------------


def _params(rng: np.random.Generator, d: int, h: int, blocks: int = 4) -> tuple[np.ndarray, ...]:
    return (
        rng.normal(size=(blocks * h, d)),
        rng.normal(size=(blocks * h, h)),
        rng.normal(size=blocks * h),
        rng.normal(size=blocks * h),
    )


def test_lstm_step_matches_a_loop_written_from_the_equations() -> None:
    rng = np.random.default_rng(0)
    b, d, h = 3, 4, 2
    w_ih, w_hh, b_ih, b_hh = _params(rng, d, h)
    x, h0, c0 = rng.normal(size=(b, d)), rng.normal(size=(b, h)), rng.normal(size=(b, h))
    h1, c1 = lstm_step(x, h0, c0, w_ih, w_hh, b_ih, b_hh)
    for n in range(b):
        z = w_ih @ x[n] + b_ih + w_hh @ h0[n] + b_hh
        i, f, g, o = (z[k * h : (k + 1) * h] for k in range(4))
        c = sig_v(f) * c0[n] + sig_v(i) * np.tanh(g)
        np.testing.assert_allclose(c1[n], c, rtol=1e-12)
        np.testing.assert_allclose(h1[n], sig_v(o) * np.tanh(c), rtol=1e-12)


def sig_v(z: np.ndarray) -> np.ndarray:
    return np.array([sig(v) for v in z])


def test_unbatched_lstm_equals_a_batch_of_one() -> None:
    rng = np.random.default_rng(1)
    params = _params(rng, 3, 5)
    x, h0, c0 = rng.normal(size=3), rng.normal(size=5), rng.normal(size=5)
    h1, c1 = lstm_step(x, h0, c0, *params)
    hb, cb = lstm_step(x[None], h0[None], c0[None], *params)
    assert h1.shape == (5,)
    np.testing.assert_array_equal(h1, hb[0])
    np.testing.assert_array_equal(c1, cb[0])


@given(finite, finite, finite, finite)
def test_scalar_cell_is_the_general_cell_with_one_unit(
    x: float, h: float, c: float, w: float
) -> None:
    """With H = D = 1, s = w·x + h and unit recurrent weights, both cells agree."""
    w_ih = np.full((4, 1), w)
    w_hh = np.ones((4, 1))
    zeros = np.zeros(4)
    h1, c1 = lstm_step([x], [h], [c], w_ih, w_hh, zeros, zeros)
    cell = step(w * x + h, c)
    assert h1[0] == pytest.approx(cell.stm, abs=1e-12)
    assert c1[0] == pytest.approx(cell.ltm, abs=1e-12)


def test_scalar_weights_map_onto_the_general_layout() -> None:
    """Gate order i, f, g, o: each block of w_ih/b_ih is one gate's neuron."""
    w = Weights(Neuron(0.5, 0.1), Neuron(-2.0, 0.3), Neuron(1.5, -0.2), Neuron(0.7, 0.9))
    w_ih = np.array([[w.input.w], [w.forget.w], [w.candidate.w], [w.output.w]])
    b_ih = np.array([w.input.b, w.forget.b, w.candidate.b, w.output.b])
    h1, c1 = lstm_step([0.8], [0.0], [-1.2], w_ih, np.zeros((4, 1)), b_ih, np.zeros(4))
    cell = step(0.8, -1.2, weights=w)
    assert (h1[0], c1[0]) == pytest.approx((cell.stm, cell.ltm), abs=1e-15)


def test_rnn_step_is_tanh_of_the_affine_map() -> None:
    rng = np.random.default_rng(2)
    w_ih, w_hh, b_ih, b_hh = _params(rng, 3, 4, blocks=1)
    x, h0 = rng.normal(size=(2, 3)), rng.normal(size=(2, 4))
    expected = np.tanh(x @ w_ih.T + b_ih + h0 @ w_hh.T + b_hh)
    np.testing.assert_allclose(rnn_step(x, h0, w_ih, w_hh, b_ih, b_hh), expected, rtol=1e-14)


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"s": np.nan, "c_prev": 0.0}, ValueError, "s contains NaN"),
        ({"s": 0.0, "c_prev": np.inf}, ValueError, "c_prev contains an infinity"),
        ({"s": [0.0, -np.inf], "c_prev": 0.0}, ValueError, "s contains an infinity"),
        ({"s": [1.0, 2.0], "c_prev": [1.0, 2.0, 3.0]}, ValueError, "s (2,), c_prev (3,)"),
        ({"s": 1j, "c_prev": 0.0}, TypeError, "s must hold real numbers"),
        ({"s": "0.5", "c_prev": 0.0}, TypeError, "s must be a real number"),
        ({"s": None, "c_prev": 0.0}, TypeError, "s must be a real number"),
        ({"s": np.array(["a"]), "c_prev": 0.0}, TypeError, "s must hold real numbers"),
        ({"s": np.array([object()]), "c_prev": 0.0}, TypeError, "s must hold real numbers"),
        (
            {"s": 0.0, "c_prev": [[1.0], [1.0, 2.0]]},
            ValueError,
            "c_prev is not a rectangular array",
        ),
        (
            {"s": 0.0, "c_prev": 0.0, "forget": 1.5},
            ValueError,
            "override forget must lie in [0, 1]",
        ),
        ({"s": 0.0, "c_prev": 0.0, "input": -0.1}, ValueError, "override input must lie in [0, 1]"),
        (
            {"s": 0.0, "c_prev": 0.0, "candidate": -1.01},
            ValueError,
            "candidate must lie in [-1, 1]",
        ),
        ({"s": 0.0, "c_prev": 0.0, "output": np.nan}, ValueError, "output contains NaN"),
        ({"s": [0.0, 1.0], "c_prev": 0.0, "forget": [0.1, 0.2, 0.3]}, ValueError, "forget (3,)"),
        (
            {"s": 0.0, "c_prev": 0.0, "weights": {"forget": 1}},
            TypeError,
            "weights must be a Weights",
        ),
    ],
)
def test_bad_input_to_step_names_the_argument(kwargs: dict, error: type, words: str) -> None:
    with pytest.raises(error) as raised:
        step(**kwargs)
    assert words in str(raised.value)


def test_bad_weights_are_refused() -> None:
    with pytest.raises(ValueError, match=r"Neuron\.w contains NaN"):
        Neuron(np.nan)
    with pytest.raises(ValueError, match=r"Neuron\.b must be one number"):
        Neuron(1.0, [0.0, 1.0])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Weights\.output must be a Neuron"):
        Weights(output=1.0)  # type: ignore[arg-type]


def test_bad_input_to_the_general_cells_names_the_argument() -> None:
    rng = np.random.default_rng(3)
    w_ih, w_hh, b_ih, b_hh = _params(rng, 3, 2)
    x, h0, c0 = np.zeros(3), np.zeros(2), np.zeros(2)
    cases = [
        ((np.zeros((1, 1, 3)), h0, c0, w_ih, w_hh, b_ih, b_hh), "x must have shape (D,) or (B, D)"),
        ((x, h0, c0, w_ih[:7], w_hh, b_ih, b_hh), "w_ih must have shape (4H, D)"),
        ((np.zeros(4), h0, c0, w_ih, w_hh, b_ih, b_hh), "w_ih has 3 columns but x has D = 4"),
        ((x, np.zeros(3), c0, w_ih, w_hh, b_ih, b_hh), "h_prev must have shape (2,)"),
        ((x, h0, np.zeros((1, 2)), w_ih, w_hh, b_ih, b_hh), "c_prev must have shape (2,)"),
        ((x, h0, c0, w_ih, w_hh.T, b_ih, b_hh), "w_hh must have shape (8, 2)"),
        ((x, h0, c0, w_ih, w_hh, b_ih[:4], b_hh), "b_ih must have shape (8,)"),
        ((x, h0, c0, w_ih, w_hh, b_ih, np.full(8, np.nan)), "b_hh contains NaN"),
    ]
    for args, words in cases:
        with pytest.raises(ValueError) as raised:
            lstm_step(*args)
        assert words in str(raised.value)
    with pytest.raises(TypeError, match="x must hold real numbers"):
        rnn_step(np.array([1j, 0, 0]), h0, w_ih[:2], w_hh[:2], b_ih[:2], b_hh[:2])


def test_gates_is_immutable() -> None:
    cell = step(0.0, 0.0)
    assert isinstance(cell, Gates)
    with pytest.raises(AttributeError):
        cell.forget = 0.2  # type: ignore[misc, assignment]


# --- overflow, exact numbers, masked arrays, returned arrays ---------------------------------


def _one_unit(xw: float, b_ih: float, hw: float, b_hh: float) -> tuple[np.ndarray, ...]:
    """Arguments of a one-unit LSTM whose every gate has pre-activation xw + b_ih + hw + b_hh."""
    return (
        np.array([1.0]),
        np.array([1.0]),
        np.array([0.5]),
        np.full((4, 1), xw),
        np.full((4, 1), hw),
        np.full(4, b_ih),
        np.full(4, b_hh),
    )


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    ("terms", "sign"),
    [
        # (1.5 + 1.5 − 1.7 − 1.7)·1e308 < 0, but the first sum already overflows to +inf.
        ((1.5e308, 1.5e308, -1.7e308, -1.7e308), -1),
        # +inf − inf on the way to a true value of 0.
        ((1.7e308, 1.7e308, -1.7e308, -1.7e308), 0),
        # beyond float64 altogether: the gates take their limits.
        ((1.7e308, 1.7e308, 1.0, 0.0), 1),
        ((-1.7e308, -1.7e308, -1.0, 0.0), -1),
    ],
)
def test_overflowing_preactivations_give_the_true_limits(
    terms: tuple[float, ...], sign: int
) -> None:
    x, h, c, w_ih, w_hh, b_ih, b_hh = _one_unit(*terms)
    cell = lstm_activations(x, h, c, w_ih, w_hh, b_ih, b_hh)
    gate = {1: 1.0, 0: 0.5, -1: 0.0}[sign]
    assert (cell.input[0], cell.forget[0], cell.output[0]) == (gate, gate, gate)
    assert cell.candidate[0] == float(sign)
    assert cell.ltm[0] == gate * 0.5 + gate * sign
    for value in cell:
        assert np.isfinite(value).all()
    rnn = rnn_step(x, h, w_ih[:1], w_hh[:1], b_ih[:1], b_hh[:1])
    assert rnn[0] == float(sign)


@pytest.mark.filterwarnings("error")
def test_the_scalar_cell_takes_its_limits_when_w_times_s_overflows() -> None:
    big = Weights(*(Neuron(1e308, 0.0) for _ in range(4)))
    cell = step([1e10, -1e10], 0.0, weights=big)
    np.testing.assert_array_equal(cell.forget, [1.0, 0.0])
    np.testing.assert_array_equal(cell.candidate, [1.0, -1.0])
    np.testing.assert_array_equal(cell.ltm, [1.0, 0.0])


def test_masked_arrays_are_refused_not_unmasked() -> None:
    masked = np.ma.masked_array([0.5, 1e9], mask=[False, True])
    with pytest.raises(TypeError, match="s is a masked array"):
        step(masked, 0.0)
    with pytest.raises(TypeError, match="x is a masked array"):
        sigmoid(masked)
    x, h, c, w_ih, w_hh, b_ih, b_hh = _one_unit(1.0, 0.0, 1.0, 0.0)
    with pytest.raises(TypeError, match="h_prev is a masked array"):
        lstm_step(x, np.ma.masked_array(h), c, w_ih, w_hh, b_ih, b_hh)


@pytest.mark.parametrize(
    ("value", "error", "words"),
    [
        ("1", TypeError, "x must be a real number"),
        (None, TypeError, "x must be a real number"),
        (np.nan, ValueError, "x contains NaN"),
        ([0.0, np.inf], ValueError, "x contains an infinity"),
        (1j, TypeError, "x must hold real numbers"),
    ],
)
def test_sigmoid_checks_its_argument_like_the_rest(value: object, error: type, words: str) -> None:
    with pytest.raises(error, match=words):
        sigmoid(value)  # type: ignore[arg-type]


def test_exact_real_numbers_are_accepted_as_their_nearest_float() -> None:
    exact = step(Fraction(1, 3), Decimal("0.25"), forget=Fraction(1, 2))  # type: ignore[arg-type]
    assert exact == step(1 / 3, 0.25, forget=0.5)
    assert step(2**64, 0.0).forget == 1.0
    assert step([Fraction(1, 2), 2**70, Decimal("-1.5")], 0.0).ltm.shape == (3,)  # type: ignore[arg-type]
    assert Neuron(Fraction(1, 4), Decimal("2")) == Neuron(0.25, 2.0)  # type: ignore[arg-type]
    assert sigmoid(Fraction(0)) == 0.5  # type: ignore[arg-type]
    x, h, c, w_ih, w_hh, b_ih, b_hh = _one_unit(1.0, 0.0, 1.0, 0.0)
    as_fractions = [[Fraction(1)]] * 4
    assert (
        lstm_step(x, h, c, as_fractions, w_hh, b_ih, b_hh)[0]  # type: ignore[arg-type]
        == lstm_step(x, h, c, w_ih, w_hh, b_ih, b_hh)[0]
    )


@pytest.mark.parametrize(
    ("value", "error", "words"),
    [
        pytest.param(10**400, ValueError, r"s holds a number \(int\) beyond", id="int"),
        pytest.param(Fraction(10**400, 3), ValueError, "beyond float64's range", id="Fraction"),
        pytest.param(Decimal("1e400"), ValueError, "beyond float64's range", id="Decimal"),
        pytest.param(
            np.longdouble(2) ** 1100,
            ValueError,
            "beyond float64's range",
            id="long",
            marks=pytest.mark.skipif(np.isinf(np.longdouble(2) ** 1100), reason="no long double"),
        ),
        pytest.param(Decimal("NaN"), ValueError, "s contains NaN", id="Decimal-NaN"),
        pytest.param([1.0, object()], TypeError, "pass floats, ints, Fractions", id="object"),
        pytest.param([Fraction(1), True], TypeError, "element of type bool", id="bool"),
    ],
)
def test_exact_numbers_beyond_float64_are_refused_by_name(
    value: object, error: type, words: str
) -> None:
    with pytest.raises(error, match=words):
        step(value, 0.0)  # type: ignore[arg-type]


def _assert_read_only_and_apart(arrays: Mapping[str, object], inputs: Mapping[str, object]) -> None:
    """Every returned array is read-only and shares no memory with another or with an input."""
    returned = {k: v for k, v in arrays.items() if isinstance(v, np.ndarray)}
    assert returned, "no arrays to check"
    for name, array in returned.items():
        assert not array.flags.writeable, f"{name} is writeable"
    for (a, x), (b, y) in itertools.combinations(returned.items(), 2):
        assert not np.shares_memory(x, y), f"{a} and {b} share memory"
    for name, array in returned.items():
        for argument, value in inputs.items():
            if isinstance(value, np.ndarray):
                assert not np.shares_memory(array, value), f"{name} shares memory with {argument}"


def test_every_field_of_gates_is_read_only_and_its_own() -> None:
    s, c = np.linspace(-2, 2, 5)[:, None], np.array([-1.0, 0.0, 1.0])
    for overrides in ({}, {"forget": np.full((5, 1), 0.5)}):
        cell = step(s, c, **overrides)  # type: ignore[arg-type]
        _assert_read_only_and_apart(cell.as_dict(), {"s": s, "c": c, **overrides})
    # As reported: one field made writeable again and written must leave every other as it was.
    cell = step(np.zeros(3), 1.0)
    before = {name: np.array(value) for name, value in cell.as_dict().items()}
    try:
        cell.forget.flags.writeable = True
        cell.forget[...] = 0.25
    except ValueError:  # numpy refuses: a view of a read-only array stays read-only
        pass
    for name, value in before.items():
        if name != "forget":
            np.testing.assert_array_equal(getattr(cell, name), value, err_msg=name)


def test_the_general_cells_return_read_only_arrays_of_their_own() -> None:
    rng = np.random.default_rng(4)
    params = _params(rng, 3, 2)
    x, h0, c0 = rng.normal(size=(2, 3)), rng.normal(size=(2, 2)), rng.normal(size=(2, 2))
    given = dict(zip(("w_ih", "w_hh", "b_ih", "b_hh"), params, strict=True))
    inputs = {"x": x, "h": h0, "c": c0, **given}
    _assert_read_only_and_apart(lstm_activations(x, h0, c0, *params)._asdict(), inputs)
    h1, c1 = lstm_step(x, h0, c0, *params)
    _assert_read_only_and_apart({"h": h1, "c": c1}, inputs)
    rnn = _params(rng, 3, 2, blocks=1)
    _assert_read_only_and_apart({"h": rnn_step(x, h0, *rnn)}, {"x": x, "h": h0})
    _assert_read_only_and_apart({"sigmoid": sigmoid(x)}, {"x": x})
