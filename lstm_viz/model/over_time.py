"""The chapter's example over many steps: store a strong input, hold it, clear it.

One sequence of inputs, run by the scalar cell (:func:`lstm_viz.model.sequence.run_sequence`) with
the weights of a preset (:data:`lstm_viz.model.presets.PRESETS`): the book's tied cell, whose gates
are one and the same number, and the latch, whose gates disagree. The chapter's "Over many steps"
figure draws these runs and its prose quotes them through value keys (``ltm@step10/latch``).
"""

from __future__ import annotations

import functools

from lstm_viz.model.presets import PRESETS
from lstm_viz.model.sequence import Trajectory, run_sequence

__all__ = ["EXAMPLE_X", "QUIET_STEPS", "STRONG", "example_run"]

#: The size of the example's two strong inputs.
STRONG = 4.0
#: The inputs x_1 … x_14: one strong positive input, nine quiet steps (x = 0), one strong negative
#: input, three quiet steps.
EXAMPLE_X: tuple[float, ...] = (STRONG, *(0.0,) * 9, -STRONG, *(0.0,) * 3)
#: The quiet steps between the two strong inputs, counted from 1 as the chapter counts them.
QUIET_STEPS: tuple[int, ...] = tuple(range(2, 11))


@functools.cache
def example_run(preset: str = "book") -> Trajectory:
    """The example sequence run from an empty LTM (c_0 = 0) with the weights of ``preset``."""
    if preset not in PRESETS:
        raise ValueError(f"preset must be one of {', '.join(PRESETS)}, got {preset!r}")
    return run_sequence(EXAMPLE_X, 0.0, weights=PRESETS[preset].weights)
