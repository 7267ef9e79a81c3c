"""Where along the gate input s a cell clears its LTM, keeps it without writing, or writes into it.

Three things a step can do to the long-term memory, read from the forget gate f and the input
gate i at each s:

* **clear** — the forget gate is shut (f < 0.01): the old LTM is dropped;
* **keep** — the forget gate is open and the input gate shut (f > 0.99, i < 0.01): the LTM passes
  on as it was, nothing written into it;
* **write** — both are open (f > 0.99, i > 0.99): the LTM is kept and the candidate added to it.

Keeping without writing needs the two gates to disagree, so the book's tied cell (f = i at every s)
never does it, while the latch (:data:`lstm_viz.model.presets.LATCH`) does all three. The chapter's
figure of the latch shades these stretches, and its claims read them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.model.gates import Weights, step
from lstm_viz.model.ranges import S_RANGE

__all__ = ["MODES", "NEAR", "Stretch", "stretches"]

#: The three modes, in the order they are drawn (from a strongly negative s up, for the latch).
MODES: tuple[str, ...] = ("clear", "keep", "write")
#: How close to 0 or 1 a gate must be to count as shut or open.
NEAR = 0.01


@dataclass(frozen=True)
class Stretch:
    """A stretch low ≤ s ≤ high over which the cell does one thing (a mode of :data:`MODES`)."""

    mode: str
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def stretches(
    weights: Weights = Weights(), s_range: tuple[float, float] = S_RANGE, points: int = 2401
) -> list[Stretch]:
    """Every stretch of s in ``s_range`` (sampled at ``points`` values) over which the cell with
    ``weights`` clears, keeps or writes, ordered by s."""
    s = np.linspace(*s_range, points)
    cell = step(s, 0.0, weights=weights)
    shut, open_ = cell.forget < NEAR, cell.forget > 1 - NEAR
    masks = {
        "clear": shut,
        "keep": open_ & (cell.input < NEAR),
        "write": open_ & (cell.input > 1 - NEAR),
    }
    found = []
    for mode, mask in masks.items():
        edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
        for first, after in zip(edges[0::2], edges[1::2], strict=True):
            found.append(Stretch(mode, float(s[first]), float(s[after - 1])))
    return sorted(found, key=lambda stretch: stretch.low)
