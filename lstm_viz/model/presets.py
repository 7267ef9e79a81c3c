"""Named weight settings of the scalar cell, each showing something the book's own cell cannot.

With the book's weights (w = 1, b = 0 for every gate) the forget, input and output gates are one
and the same number, so they can never disagree. The presets give each gate its own weight and
bias:

* ``book`` — the book's cell, the simplest case;
* ``forget-bias`` — the usual initialisation of a trained LSTM: a forget bias of +1 (Gers et al.
  2000; Jozefowicz et al. 2015), so the cell keeps more of its LTM from the start;
* ``latch`` — a cell designed here to store a strong input and hold it: a strong positive input
  sets the LTM near 1, quiet steps keep it (forget gate open, input gate shut: the two gates
  disagree), and a strong negative input clears it. All four of its gates differ from the book's:
  its candidate tanh(2s) writes close to 1, and its output gate σ(4) is always nearly open. It
  holds a positive memory; a negative one leaks away slowly, since its own negative STM starts to
  close the forget gate;
* ``original-table`` — the weights, inside the explorer's ranges, that come closest to the four rows
  of the original chapter's table (:func:`original_table_fit`).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lstm_viz.model.checks import Float
from lstm_viz.model.gates import Neuron, Weights, sigmoid
from lstm_viz.model.ranges import BIAS_RANGE, WEIGHT_RANGE
from lstm_viz.model.table import BANDS

__all__ = [
    "LATCH",
    "ORIGINAL_COLUMNS",
    "ORIGINAL_PRINTED",
    "ORIGINAL_TABLE",
    "PRESETS",
    "Preset",
    "TableFit",
    "original_table_fit",
    "table_gap",
]

#: The latch: the forget gate stays open unless the gate input is strongly negative, the input
#: gate opens only for a strongly positive one, the candidate is then close to 1, and the output
#: gate is always open.
LATCH = Weights(
    forget=Neuron(3.0, 7.0),
    input=Neuron(4.0, -10.0),
    candidate=Neuron(2.0, 0.0),
    output=Neuron(0.0, 4.0),
)

#: The columns of the original chapter's behaviour table (Manisar 2020), as it heads them, less its
#: comments. Its first column, headed STM, is what the book calls the gate input s.
ORIGINAL_COLUMNS: tuple[str, ...] = ("STM", "FG", "IG", "Forget", "Learn")

#: The original chapter's behaviour table as printed, one row per band of
#: :data:`lstm_viz.model.table.BANDS` (very positive … very negative gate input): the values of
#: :data:`ORIGINAL_COLUMNS`, with a true minus sign.
ORIGINAL_PRINTED: dict[str, tuple[str, ...]] = {
    "very-positive": ("+VE", "1", "1", "Not", "Much"),
    "slightly-positive": ("+ve", "≈ 1", "≈ +0", "Little", "Little"),
    "slightly-negative": ("−ve", "≈ +0", "≈ −0", "Little more than +ve", "Little"),
    "very-negative": ("−VE", "0", "0", "All", "Little"),
}

#: The same table's FG column (the forget gate) and IG column (what is learned, i·g) as numbers,
#: row by row. The original writes "≈ 1", "≈ +0" and "≈ −0" for the middle rows; they are taken as
#: 1 and 0.
ORIGINAL_TABLE: dict[str, tuple[float, float]] = {
    "very-positive": (1.0, 1.0),
    "slightly-positive": (1.0, 0.0),
    "slightly-negative": (0.0, 0.0),
    "very-negative": (0.0, 0.0),
}


def table_gap(weights: Weights) -> float:
    """The largest absolute difference between the cell with ``weights`` and the original's table:
    its forget gate and i·g at each band's stated gate input, against the FG and IG columns."""
    gaps = []
    for band in BANDS:
        s, (f, learned) = np.asarray(band.stated, dtype=np.float64), ORIGINAL_TABLE[band.key]
        i, g = weights.input(s), weights.candidate(s)
        gaps.append(abs(float(sigmoid(weights.forget(s))) - f))
        gaps.append(abs(float(sigmoid(i) * np.tanh(g)) - learned))
    return max(gaps)


@dataclass(frozen=True)
class TableFit:
    """The closest the scalar cell comes to the original's table, with its remaining mismatch.

    ``fitted[band]`` is the (forget gate, i·g) pair at the band's stated gate input;
    ``mismatch`` is the largest absolute difference from :data:`ORIGINAL_TABLE` over all eight
    numbers. ``exact`` says whether some weights reproduce the table exactly — never, since a
    sigmoid reaches neither 0 nor 1.
    """

    weights: Weights
    fitted: dict[str, tuple[float, float]]
    mismatch: float
    exact: bool


def _grid(bounds: tuple[float, float], points: int) -> np.ndarray:
    return np.linspace(bounds[0], bounds[1], points)


def _refine(
    loss: Callable[[Float], float], start: tuple[float, ...], bounds: list[tuple[float, float]]
) -> tuple[float, ...]:
    """Deterministic pattern search from ``start``: try a step up and down along each parameter,
    keep any improvement, halve the step when none helps."""
    best = np.array(start, dtype=np.float64)
    value = loss(best)
    size = (bounds[0][1] - bounds[0][0]) / 40
    while size > 1e-9:
        improved = False
        for k, direction in itertools.product(range(len(best)), (1.0, -1.0)):
            trial = best.copy()
            trial[k] = np.clip(trial[k] + direction * size, *bounds[k])
            trial_value = loss(trial)
            if trial_value < value:
                best, value, improved = trial, trial_value, True
        if not improved:
            size /= 2
    return tuple(float(v) for v in best)


@functools.cache
def original_table_fit(points: int = 41) -> TableFit:
    """The weights inside the explorer's ranges that come closest, in least squares, to the FG and
    IG columns of the original chapter's table at the bands' stated gate inputs.

    The forget gate depends on (w_f, b_f) alone and the write on (w_i, b_i, w_g, b_g), so each
    part is fitted on its own: a grid of ``points`` values per parameter, then a pattern search
    from the best grid point. The output gate plays no part and keeps the book's w = 1, b = 0.
    Deterministic: the same numbers on every call.
    """
    s = np.array([band.stated for band in BANDS])
    target_f = np.array([ORIGINAL_TABLE[band.key][0] for band in BANDS])
    target_w = np.array([ORIGINAL_TABLE[band.key][1] for band in BANDS])
    w_axis, b_axis = _grid(WEIGHT_RANGE, points), _grid(BIAS_RANGE, points)

    def forget_loss(p: np.ndarray) -> float:
        return float(np.sum((sigmoid(p[0] * s + p[1]) - target_f) ** 2))

    def write_loss(p: np.ndarray) -> float:
        return float(np.sum((sigmoid(p[0] * s + p[1]) * np.tanh(p[2] * s + p[3]) - target_w) ** 2))

    # Grids: (w, b) for the forget gate; (w_i, b_i, w_g, b_g) for the write, over every band.
    wf, bf = np.meshgrid(w_axis, b_axis, indexing="ij")
    f_grid = sigmoid(wf[..., None] * s + bf[..., None])
    k = np.unravel_index(np.argmin(np.sum((f_grid - target_f) ** 2, axis=-1)), wf.shape)
    forget_start = (float(wf[k]), float(bf[k]))
    gate = sigmoid(wf[..., None] * s + bf[..., None])  # i over (w_i, b_i)
    squash = np.tanh(wf[..., None] * s + bf[..., None])  # g over (w_g, b_g)
    errors = np.sum((gate[:, :, None, None, :] * squash[None, None] - target_w) ** 2, axis=-1)
    k4 = np.unravel_index(np.argmin(errors), errors.shape)
    write_start = (
        float(w_axis[k4[0]]),
        float(b_axis[k4[1]]),
        float(w_axis[k4[2]]),
        float(b_axis[k4[3]]),
    )

    f_bounds = [WEIGHT_RANGE, BIAS_RANGE]
    # Rounded to the 4 decimals an explorer link carries, so the preset's link reopens it exactly.
    w_f, b_f = (round(v, 4) + 0.0 for v in _refine(forget_loss, forget_start, f_bounds))
    w_i, b_i, w_g, b_g = (round(v, 4) + 0.0 for v in _refine(write_loss, write_start, f_bounds * 2))
    weights = Weights(forget=Neuron(w_f, b_f), input=Neuron(w_i, b_i), candidate=Neuron(w_g, b_g))
    forget = sigmoid(w_f * s + b_f)
    learned = sigmoid(w_i * s + b_i) * np.tanh(w_g * s + b_g)
    fitted = {band.key: (float(forget[n]), float(learned[n])) for n, band in enumerate(BANDS)}
    mismatch = table_gap(weights)
    return TableFit(weights, fitted, mismatch, exact=mismatch == 0.0)


@dataclass(frozen=True)
class Preset:
    """A named setting of the cell's weights, as the explorer offers it."""

    key: str
    name: str
    weights: Weights
    about: str


def _presets() -> dict[str, Preset]:
    presets = (
        Preset("book", "the book's cell", Weights(), "w = 1 and b = 0 for every gate."),
        Preset(
            "forget-bias",
            "forget bias +1",
            Weights(forget=Neuron(1.0, 1.0)),
            "The usual start of a trained LSTM: the forget gate leans open.",
        ),
        Preset(
            "latch",
            "a latch",
            LATCH,
            "Stores a strong positive input, holds it through quiet steps, clears it on a "
            "strong negative one.",
        ),
        Preset(
            "original-table",
            "the original's table",
            original_table_fit().weights,
            "The weights that come closest to the original chapter's table.",
        ),
    )
    return {preset.key: preset for preset in presets}


#: Every preset by key.
PRESETS: dict[str, Preset] = _presets()
