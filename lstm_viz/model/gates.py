"""The numbers of the LSTM cell: the one place in the book where they are computed.

Two views of the same cell:

* :func:`step` — the book's scalar cell. One number, the gate input ``s`` (the original's "Prev.
  STM + input", s = x_t + h_(t−1)), drives every gate through a one-neuron layer ``w·s + b``; the
  previous LTM ``c_prev`` is the cell state it acts on. Any gate
  output may be overridden, and everything downstream follows. Broadcasts over numpy arrays.
* :func:`lstm_step` — the general cell for batches of vectors, with the gate blocks in the order
  i, f, g, o of the common deep-learning frameworks. :func:`rnn_step` is the plain tanh RNN cell.
  :func:`lstm_activations` is the same step keeping every gate's output, for back-propagation.

All arithmetic is float64. Bad input raises ``TypeError`` (wrong kind of value, a masked array) or
``ValueError`` (NaN, infinity, wrong shape, an override outside its gate's range), naming the
argument. Finite input whose pre-activations overflow float64 still gets the right answer: the gates
take their limits (0 or 1, −1 or 1), never NaN. Every array returned is read-only and shares no
memory with any other array returned or passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from fractions import Fraction
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from lstm_viz.model.checks import Float, real_array, shown

__all__ = [
    "BLOCKS",
    "GATES",
    "GATE_RANGES",
    "Gates",
    "LSTMActivations",
    "Neuron",
    "Weights",
    "lstm_activations",
    "lstm_step",
    "rnn_step",
    "sigmoid",
    "step",
]

#: The cell's four gate layers, in the order the book names them (forget, input, candidate, output).
GATES: tuple[str, ...] = ("forget", "input", "candidate", "output")

#: The general cell's four row blocks of weights and biases, in the order of the common
#: deep-learning frameworks (input, forget, candidate, output).
BLOCKS: tuple[str, ...] = ("input", "forget", "candidate", "output")

#: The closed interval each gate output lives in; overrides must stay inside it.
GATE_RANGES: dict[str, tuple[float, float]] = {
    "forget": (0.0, 1.0),
    "input": (0.0, 1.0),
    "candidate": (-1.0, 1.0),
    "output": (0.0, 1.0),
}


def _frozen(array: Float) -> Float:
    """``array`` made read-only; a 0-d array becomes a numpy scalar (immutable, with the same
    ``shape``, ``dtype`` and arithmetic as a 0-d array)."""
    if array.ndim == 0:
        return array[()]
    array.flags.writeable = False
    return array


def _sigmoid(z: Float) -> Float:
    """The logistic function of an array the model made: exact limits at ±inf, no overflow."""
    e = np.exp(-np.abs(z))
    result: Float = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return result


def sigmoid(x: ArrayLike) -> Float:
    """The logistic function 1 / (1 + e^(−x)), without overflow for any finite float64.

    ``x`` is checked like every argument of the model (finite real numbers); the result is a
    read-only array, or a numpy scalar for a scalar ``x``.
    """
    return _frozen(_sigmoid(real_array("x", x)))


@dataclass(frozen=True)
class Neuron:
    """A one-neuron layer of the gate input s: pre-activation ``w·s + b``."""

    w: float = 1.0
    b: float = 0.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = real_array(f"Neuron.{f.name}", getattr(self, f.name))
            if value.ndim != 0:
                raise ValueError(f"Neuron.{f.name} must be one number, got shape {value.shape}")
            object.__setattr__(self, f.name, float(value))

    def __call__(self, s: Float) -> Float:
        # w·s + b of finite numbers overflows only to an infinity of the right sign, never to NaN:
        # the gate then takes its limit, which is its value to float64 precision.
        with np.errstate(over="ignore"):
            z: Float = self.w * s + self.b
        return z


@dataclass(frozen=True)
class Weights:
    """Weight and bias of each gate's neuron; the book's defaults are w = 1, b = 0 for all four."""

    forget: Neuron = field(default_factory=Neuron)
    input: Neuron = field(default_factory=Neuron)
    candidate: Neuron = field(default_factory=Neuron)
    output: Neuron = field(default_factory=Neuron)

    def __post_init__(self) -> None:
        for f in fields(self):
            if not isinstance(getattr(self, f.name), Neuron):
                kind = type(getattr(self, f.name)).__name__
                raise TypeError(f"Weights.{f.name} must be a Neuron, got {kind}")


@dataclass(frozen=True)
class Gates:
    """Every quantity of one step of the scalar cell: read-only arrays, or scalars for scalar input.

    ``forget``, ``input``, ``output`` are sigmoid gates in (0, 1); ``candidate`` is the tanh layer
    in (−1, 1); ``kept`` = forget·c_prev is what survives of the old LTM; ``learned`` =
    input·candidate is what is learned, added to it; ``ltm`` = kept + learned is the new LTM c_t and
    ``stm`` = output·tanh(ltm) the new STM h_t.
    """

    forget: Float
    input: Float
    candidate: Float
    output: Float
    kept: Float
    learned: Float
    ltm: Float
    stm: Float

    def as_dict(self) -> dict[str, Float]:
        """The quantities by name, in the order the book lists them."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _cell(i: Float, f: Float, g: Float, o: Float, c_prev: Float) -> tuple[Float, ...]:
    """The part both cells share: forget, learn, then read the STM out of the new LTM.

    Returns kept, learned, the new LTM c, its squashed value tanh(c) and the new STM o·tanh(c).
    """
    kept = f * c_prev
    learned = i * g
    c = kept + learned
    squashed = np.tanh(c)
    return kept, learned, c, squashed, o * squashed


def _checked_override(name: str, value: ArrayLike) -> Float:
    """The reader's override of gate ``name``, checked to lie in the gate's range."""
    array = real_array(name, value)
    low, high = GATE_RANGES[name]
    outside = array[(array < low) | (array > high)]
    if outside.size:
        more = f" (and {outside.size - 1} more outside it)" if outside.size > 1 else ""
        raise ValueError(
            f"override {name} must lie in [{low:g}, {high:g}], got {shown(outside[0])}{more}"
        )
    return array


def _broadcast_shape(arrays: dict[str, Float]) -> tuple[int, ...]:
    try:
        return np.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{name} {a.shape}" for name, a in arrays.items())
        raise ValueError(f"shapes do not broadcast together: {shapes}") from None


def step(
    s: ArrayLike,
    c_prev: ArrayLike,
    *,
    weights: Weights = Weights(),
    forget: ArrayLike | None = None,
    input: ArrayLike | None = None,
    candidate: ArrayLike | None = None,
    output: ArrayLike | None = None,
) -> Gates:
    """One step of the book's scalar LSTM cell.

    ``s`` is the gate input ("Prev. STM + input", x_t + h_(t−1)) and ``c_prev`` the previous LTM;
    both broadcast against each other and against any override, so a whole grid of states is one
    call.
    Passing a gate output (``forget``, ``input``, ``candidate`` or ``output``) replaces the
    computed one.
    """
    if not isinstance(weights, Weights):
        raise TypeError(f"weights must be a Weights, got {type(weights).__name__}")
    s, c_prev = real_array("s", s), real_array("c_prev", c_prev)
    given = {"forget": forget, "input": input, "candidate": candidate, "output": output}
    overrides = {name: _checked_override(name, v) for name, v in given.items() if v is not None}
    shape = _broadcast_shape({"s": s, "c_prev": c_prev, **overrides})
    # Gates depend on s alone: compute them at s's own shape, once per distinct neuron, and then
    # broadcast, so a grid of s × c_prev costs len(s) activations, not len(s)·len(c_prev). Gates
    # with the same neuron each get a copy: no two fields of the result share memory.
    activations: dict[tuple[Neuron, bool], Float] = {}

    def gate(name: str) -> Float:
        if name in overrides:
            own = overrides[name]
        else:
            key = (getattr(weights, name), name == "candidate")
            if key in activations:
                own = activations[key].copy()
            else:
                z = key[0](s)
                own = activations[key] = np.asarray(np.tanh(z) if key[1] else _sigmoid(z))
        own.flags.writeable = False
        return np.broadcast_to(own, shape)

    f, i, g, o = (gate(name) for name in GATES)
    kept, learned, c, _, h = _cell(i, f, g, o, c_prev)
    return Gates(*(_frozen(a) for a in (f, i, g, o, kept, learned, c, h)))


def _matrix(name: str, value: ArrayLike, shape: tuple[int, ...]) -> Float:
    array = real_array(name, value)
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    return array


def _inputs(x: ArrayLike, w_ih: ArrayLike, blocks: int) -> tuple[Float, Float, int]:
    """Validate ``x`` and ``w_ih`` (``blocks``·H rows); return them and H."""
    x = real_array("x", x)
    if x.ndim not in (1, 2):
        raise ValueError(f"x must have shape (D,) or (B, D), got {x.shape}")
    w = real_array("w_ih", w_ih)
    if w.ndim != 2 or w.shape[0] == 0 or w.shape[0] % blocks:
        raise ValueError(f"w_ih must have shape ({blocks}H, D) with H ≥ 1, got {w.shape}")
    if w.shape[1] != x.shape[-1]:
        raise ValueError(f"w_ih has {w.shape[1]} columns but x has D = {x.shape[-1]} features")
    return x, w, w.shape[0] // blocks


def _exact_sum(*terms: tuple[Float, Float]) -> float:
    """Σ a·b over every pair of vectors (a, b), computed exactly; ±inf beyond float64's range."""
    total = sum(
        (
            Fraction(float(x)) * Fraction(float(y))
            for a, b in terms
            for x, y in zip(a, b, strict=True)
        ),
        Fraction(0),
    )
    try:
        return float(total)
    except OverflowError:
        return np.inf if total > 0 else -np.inf


#: Each factor is scaled by this power of two before multiplying, so that no product of two
#: finite float64 numbers (each below 2^1024) nor a sum of such products overflows.
_HALF_SCALE = 2.0**-600
#: float64's overflow threshold, 2^1024, as the scaled products see it (2^-176).
_BEYOND = 2.0 ** (1024 - 1200)


def _surely_beyond(pairs: list[tuple[Float, Float]]) -> Float:
    """Rows of sums Σ a·b (a pair holds each row's vectors a and b, one row per line): ±inf where
    the true sum is certainly beyond float64's range, NaN where it may not be.

    The products are computed scaled by 2^-1200, where nothing overflows, and summed; the bound on
    the error (rounding each product and the sum, and what underflows in scaling) decides. It
    spares the exact sum (slow: Python fractions) every row that truly overflows.
    """
    products = np.concatenate([(a * _HALF_SCALE) * (b * _HALF_SCALE) for a, b in pairs], axis=1)
    count = products.shape[1]
    rounding = (count + 2) * np.finfo(np.float64).eps * np.abs(products).sum(axis=1)
    total = products.sum(axis=1)
    certain = np.abs(total) - rounding - count * 2.0**-640 > _BEYOND
    return np.where(certain, np.copysign(np.inf, total), np.nan)


def _preactivation(
    x: Float,
    w_ih: Float,
    h_prev: ArrayLike,
    w_hh: ArrayLike,
    b_ih: ArrayLike,
    b_hh: ArrayLike,
    hidden: int,
) -> tuple[Float, Float]:
    """x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh, after checking every shape; also returns h_prev.

    Finite input can overflow on the way (a product, or a partial sum, beyond float64), leaving an
    infinity or NaN where the true value may even be small: those entries are summed again, scaled
    down, and each that is certainly beyond float64 becomes an infinity of its sign; the rest are
    summed exactly, so each is the true value, or an infinity of the true value's sign.
    """
    rows = w_ih.shape[0]
    h = _matrix("h_prev", h_prev, (*x.shape[:-1], hidden))
    bias_ih = _matrix("b_ih", b_ih, (rows,))
    recurrent = _matrix("w_hh", w_hh, (rows, hidden))
    bias_hh = _matrix("b_hh", b_hh, (rows,))
    with np.errstate(over="ignore", invalid="ignore"):
        z: Float = x @ w_ih.T + bias_ih + h @ recurrent.T + bias_hh
    if not np.isfinite(z).all():
        one = np.ones(1)
        xs, hs = np.atleast_2d(x), np.atleast_2d(h)
        flat = z.reshape(-1, rows)
        batches, at = np.nonzero(~np.isfinite(flat))
        ones = np.ones((len(at), 1))
        flat[batches, at] = _surely_beyond(
            [
                (xs[batches], w_ih[at]),
                (ones, bias_ih[at, None]),
                (hs[batches], recurrent[at]),
                (ones, bias_hh[at, None]),
            ]
        )
        for batch, row in zip(*np.nonzero(np.isnan(flat)), strict=True):
            flat[batch, row] = _exact_sum(
                (xs[batch], w_ih[row]),
                (one, bias_ih[row : row + 1]),
                (hs[batch], recurrent[row]),
                (one, bias_hh[row : row + 1]),
            )
    return z, h


class LSTMActivations(NamedTuple):
    """Everything one step of the general cell computes, as back-propagation needs it.

    ``input``, ``forget``, ``output`` are the sigmoid gates and ``candidate`` the tanh layer, each
    of the shape of ``h``; ``ltm`` is the new LTM c_t, ``squashed`` is tanh(c_t) and ``stm`` the
    new STM h_t = output·squashed.
    """

    input: Float
    forget: Float
    candidate: Float
    output: Float
    ltm: Float
    squashed: Float
    stm: Float


def lstm_activations(
    x: ArrayLike,
    h_prev: ArrayLike,
    c_prev: ArrayLike,
    w_ih: ArrayLike,
    w_hh: ArrayLike,
    b_ih: ArrayLike,
    b_hh: ArrayLike,
) -> LSTMActivations:
    """One step of the general LSTM cell with every value it computes.

    The arguments are those of :func:`lstm_step`, which is this function keeping only the new STM
    and LTM.
    """
    x, w, hidden = _inputs(x, w_ih, 4)
    z, h = _preactivation(x, w, h_prev, w_hh, b_ih, b_hh, hidden)
    c = _matrix("c_prev", c_prev, h.shape)
    zi, zf, zg, zo = np.split(z, 4, axis=-1)
    i, f, g, o = _sigmoid(zi), _sigmoid(zf), np.tanh(zg), _sigmoid(zo)
    _, _, c_new, squashed, h_new = _cell(i, f, g, o, c)
    values = (i, f, g, o, c_new, squashed, h_new)
    for array in values:  # each a new array: read-only, and nothing else shares its memory
        array.flags.writeable = False
    return LSTMActivations(*values)


def lstm_step(
    x: ArrayLike,
    h_prev: ArrayLike,
    c_prev: ArrayLike,
    w_ih: ArrayLike,
    w_hh: ArrayLike,
    b_ih: ArrayLike,
    b_hh: ArrayLike,
) -> tuple[Float, Float]:
    """One step of the general LSTM cell; returns the new STM ``h`` and LTM ``c``.

    ``x`` has shape (B, D) or (D,); ``h_prev`` and ``c_prev`` (B, H) or (H,); ``w_ih`` (4H, D),
    ``w_hh`` (4H, H), ``b_ih`` and ``b_hh`` (4H,), with the four row blocks in the order
    input i, forget f, candidate g, output o.
    """
    cell = lstm_activations(x, h_prev, c_prev, w_ih, w_hh, b_ih, b_hh)
    return cell.stm, cell.ltm


def rnn_step(
    x: ArrayLike,
    h_prev: ArrayLike,
    w_ih: ArrayLike,
    w_hh: ArrayLike,
    b_ih: ArrayLike,
    b_hh: ArrayLike,
) -> Float:
    """One step of the plain RNN cell: h = tanh(x·W_ihᵀ + b_ih + h_prev·W_hhᵀ + b_hh).

    ``x`` has shape (B, D) or (D,), ``h_prev`` (B, H) or (H,), ``w_ih`` (H, D), ``w_hh`` (H, H),
    ``b_ih`` and ``b_hh`` (H,).
    """
    x, w, hidden = _inputs(x, w_ih, 1)
    z, _ = _preactivation(x, w, h_prev, w_hh, b_ih, b_hh, hidden)
    h: Float = np.tanh(z)
    h.flags.writeable = False
    return h
