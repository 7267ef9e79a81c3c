"""The book's scalar cell run over a sequence: a memory kept, written and read step after step.

Each step feeds the cell the gate input s_t = x_t + h_(t−1), the input plus the previous STM,
starting from h_0 = 0 and the previous LTM c_0 the reader set; the new LTM c_t and STM h_t are
handed on. An overridden gate is held at its value at every step, or only at the steps the reader
chose (open the input gate at step 1, shut it after). Every number comes from
:func:`lstm_viz.model.gates.step`; the explorer's script runs the same loop, and a browser test
checks the two against each other.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import ArrayLike

from lstm_viz.model.checks import Float, real_array, real_number
from lstm_viz.model.gates import GATES, Weights, step

__all__ = ["MAX_STEPS", "Held", "Trajectory", "run_sequence"]

#: The longest sequence the explorer lets a reader build.
MAX_STEPS = 24
#: A gate held by the reader: one number at every step, or one per step (None: computed there).
Held = float | list[float | None] | tuple[float | None, ...] | None


@dataclass(frozen=True)
class Trajectory:
    """Every value of the cell at steps t = 1 … T, each a read-only float64 array of length T.

    ``x`` is the input, ``s`` the gate input x_t + h_(t−1); ``forget``, ``input``, ``candidate``
    and ``output`` are the gates (overridden ones held at their value); ``kept`` = f·c_(t−1),
    ``learned`` = i·g, ``ltm`` the new LTM c_t and ``stm`` the new STM h_t. ``c0`` is the LTM the
    sequence started from.
    """

    c0: float
    x: Float
    s: Float
    forget: Float
    input: Float
    candidate: Float
    output: Float
    kept: Float
    learned: Float
    ltm: Float
    stm: Float

    def __len__(self) -> int:
        return len(self.x)

    def columns(self) -> dict[str, Float]:
        """The arrays by name, in the order the fields are declared (``c0`` left out)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "c0"}


def run_sequence(
    x: ArrayLike,
    c0: float = 0.0,
    *,
    weights: Weights = Weights(),
    forget: Held = None,
    input: Held = None,
    candidate: Held = None,
    output: Held = None,
) -> Trajectory:
    """Run the scalar cell over the inputs ``x`` (1 to :data:`MAX_STEPS` numbers) from LTM ``c0``.

    A gate given as ``forget``, ``input``, ``candidate`` or ``output`` replaces the computed one:
    one number at every step, or a list of one number or None per step at the steps it names.
    """
    inputs = real_array("x", x)
    if inputs.ndim != 1 or not 1 <= len(inputs) <= MAX_STEPS:
        raise ValueError(f"x must be 1 to {MAX_STEPS} numbers in a row, got shape {inputs.shape}")
    c = real_number("c0", c0)
    given = {"forget": forget, "input": input, "candidate": candidate, "output": output}
    held = {name: _held(name, v, len(inputs)) for name, v in given.items() if v is not None}
    names = ("s", *GATES, "kept", "learned", "ltm", "stm")
    values = {name: np.empty(len(inputs)) for name in names}
    h = 0.0
    for t, x_t in enumerate(inputs):
        s = float(x_t) + h
        overrides = {name: at[t] for name, at in held.items() if at[t] is not None}
        cell = step(s, c, weights=weights, **overrides)
        values["s"][t] = s
        for name in names[1:]:
            values[name][t] = getattr(cell, name)
        c, h = float(cell.ltm), float(cell.stm)
    for array in (inputs, *values.values()):
        array.flags.writeable = False
    return Trajectory(c0=real_number("c0", c0), x=inputs, **values)


def _held(name: str, value: Held, steps: int) -> list[float | None]:
    """A held gate as one value (or None) per step: a number at every step, or a list of
    ``steps`` numbers or Nones, each checked."""
    if isinstance(value, list | tuple):
        if len(value) != steps:
            raise ValueError(
                f"{name} must be one number or {steps} (one per step, None where computed), "
                f"got {len(value)}"
            )
        return [
            None if v is None else real_number(f"{name} at step {t + 1}", v)
            for t, v in enumerate(value)
        ]
    return [real_number(name, value)] * steps
