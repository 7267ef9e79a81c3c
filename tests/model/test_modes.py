"""Where along s a cell clears, keeps without writing, or writes: read from its gates."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.model.gates import Neuron, Weights, step
from lstm_viz.model.modes import MODES, NEAR, stretches
from lstm_viz.model.presets import LATCH, original_table_fit


@pytest.mark.parametrize(
    "weights", [Weights(), LATCH, original_table_fit().weights], ids=["tied", "latch", "fit"]
)
def test_every_stretch_is_what_its_gates_say(weights: Weights) -> None:
    for found in stretches(weights):
        cell = step(np.linspace(found.low, found.high, 50), 0.0, weights=weights)
        if found.mode == "clear":
            assert np.all(cell.forget < NEAR)
        else:
            assert np.all(cell.forget > 1 - NEAR)
            shut_or_open = cell.input < NEAR if found.mode == "keep" else cell.input > 1 - NEAR
            assert np.all(shut_or_open)


def test_the_tied_cell_never_keeps_without_writing_and_the_latch_does_all_three() -> None:
    assert [f.mode for f in stretches(Weights())] == ["clear", "write"]
    assert [f.mode for f in stretches(LATCH)] == list(MODES)
    keep = next(f for f in stretches(LATCH) if f.mode == "keep")
    assert keep.low < 0 < keep.high and keep.width > 2


def test_a_stretch_is_found_wherever_it_lies() -> None:
    # Always open forget gate, input gate open only in the middle: keep, write, keep.
    bump = Weights(forget=Neuron(0.0, 10.0), input=Neuron(0.0, -10.0))
    assert [f.mode for f in stretches(bump)] == ["keep"]
    assert stretches(bump)[0].low == -6.0 and stretches(bump)[0].high == 6.0
    assert stretches(Weights(forget=Neuron(0.0, 0.0))) == []
