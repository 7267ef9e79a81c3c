"""The presets do what their names say; the fit to the original's table is the closest there is."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.model.gates import Neuron, Weights, sigmoid, step
from lstm_viz.model.presets import (
    LATCH,
    ORIGINAL_TABLE,
    PRESETS,
    original_table_fit,
)
from lstm_viz.model.ranges import BIAS_RANGE, WEIGHT_RANGE
from lstm_viz.model.sequence import run_sequence
from lstm_viz.model.table import BANDS

STRONG = 4.0  # the largest input a reader's sequence is likely to hold


def test_the_book_preset_is_the_books_cell() -> None:
    assert PRESETS["book"].weights == Weights()


def test_forget_bias_plus_one_keeps_more_at_every_s() -> None:
    s = np.linspace(-6, 6, 121)
    preset = PRESETS["forget-bias"].weights
    assert preset.forget == Neuron(1.0, 1.0)
    assert np.all(step(s, 1.0, weights=preset).forget > step(s, 1.0).forget)
    # Only the forget gate differs from the book's cell.
    assert (preset.input, preset.candidate, preset.output) == (Neuron(), Neuron(), Neuron())


@pytest.mark.parametrize("quiet", [10, 20])
def test_the_latch_stores_a_strong_input_and_holds_it_through_quiet_steps(quiet: int) -> None:
    run = run_sequence([STRONG] + [0.0] * quiet, 0.0, weights=LATCH)
    stored = run.ltm[0]
    assert stored > 0.9  # written: almost a full unit
    held = run.ltm[1:11]
    assert np.all(np.abs(held - stored) <= 0.05 * abs(stored))  # within 5 % over 10 quiet steps
    # Keep without writing: on the quiet steps the forget gate is open, the input gate shut.
    assert np.all(run.forget[1:] > 0.99) and np.all(run.input[1:] < 0.01)


def test_the_latch_holds_a_positive_memory_and_clears_it_on_a_strong_negative_input() -> None:
    for c0 in (0.5, 1.0, 2.0):
        quiet = run_sequence([0.0] * 10, c0, weights=LATCH)
        assert np.all(np.abs(quiet.ltm - c0) <= 0.05 * abs(c0)), c0
    run = run_sequence([STRONG, 0.0, 0.0, -STRONG, 0.0], 0.0, weights=LATCH)
    assert run.ltm[2] > 0.9 and abs(run.ltm[3]) < 0.1 and abs(run.ltm[4]) < 0.1


def test_the_book_cell_cannot_latch() -> None:
    run = run_sequence([STRONG] + [0.0] * 10, 0.0)
    assert run.ltm[-1] < 0.5 * run.ltm[0]  # the tied cell lets the stored value fade


def _loss(weights: Weights) -> float:
    total = 0.0
    for band in BANDS:
        cell = step(band.stated, 0.0, weights=weights)
        f, w = ORIGINAL_TABLE[band.key]
        total += (float(cell.forget) - f) ** 2 + (float(cell.learned) - w) ** 2
    return total


def test_the_fit_reports_its_own_numbers_and_is_not_exact() -> None:
    fit = original_table_fit()
    worst = 0.0
    for band in BANDS:
        cell = step(band.stated, 0.0, weights=fit.weights)
        assert fit.fitted[band.key] == pytest.approx((cell.forget, cell.learned), abs=1e-15)
        f, w = ORIGINAL_TABLE[band.key]
        worst = max(worst, abs(float(cell.forget) - f), abs(float(cell.learned) - w))
    assert fit.mismatch == pytest.approx(worst, abs=1e-15)
    assert not fit.exact and fit.mismatch > 0  # a sigmoid reaches neither 0 nor 1


def test_the_fit_stays_in_the_explorers_ranges_and_fits_a_link() -> None:
    weights = original_table_fit().weights
    for neuron in (weights.forget, weights.input, weights.candidate, weights.output):
        assert WEIGHT_RANGE[0] <= neuron.w <= WEIGHT_RANGE[1]
        assert BIAS_RANGE[0] <= neuron.b <= BIAS_RANGE[1]
        assert round(neuron.w, 4) == neuron.w and round(neuron.b, 4) == neuron.b


def test_no_weights_in_range_fit_the_table_better() -> None:
    best = _loss(original_table_fit().weights)
    rng = np.random.default_rng(0)
    low, high = (
        np.array([WEIGHT_RANGE[0], BIAS_RANGE[0]]),
        np.array([WEIGHT_RANGE[1], BIAS_RANGE[1]]),
    )
    s = np.array([band.stated for band in BANDS])
    targets = np.array([ORIGINAL_TABLE[band.key] for band in BANDS])
    p = rng.uniform(np.tile(low, 3), np.tile(high, 3), size=(200_000, 6))
    f = sigmoid(p[:, :1] * s + p[:, 1:2])
    w = sigmoid(p[:, 2:3] * s + p[:, 3:4]) * np.tanh(p[:, 4:5] * s + p[:, 5:6])
    losses = np.sum((f - targets[:, 0]) ** 2, axis=1) + np.sum((w - targets[:, 1]) ** 2, axis=1)
    assert losses.min() >= best - 1e-12


def test_the_fit_is_deterministic() -> None:
    original_table_fit.cache_clear()
    first = original_table_fit()
    original_table_fit.cache_clear()
    assert original_table_fit() == first
