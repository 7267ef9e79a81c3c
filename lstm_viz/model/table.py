"""The chapter's behaviour table: the cell at four stated values of the gate input s.

The original chapter's table is qualitative (its "STM", the gate input s = x_t + h_(t−1), very
positive … very negative). Here each row is a band of values of s with one stated value inside it,
and every number comes from :func:`~lstm_viz.model.gates.step`. The explorer highlights the band
that the reader's s falls in, using the same bounds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lstm_viz.model.gates import Weights, step

__all__ = [
    "BANDS",
    "EXAMPLE_C_PREV",
    "EXAMPLE_S",
    "Band",
    "BehaviourRow",
    "ComponentRow",
    "band_of",
    "behaviour_table",
    "componentwise",
    "kept_words",
    "learned_words",
]


@dataclass(frozen=True)
class Band:
    """Values of the gate input low ≤ s < high, named as the chapter names them, with one stated
    value."""

    key: str
    name: str
    low: float
    high: float
    stated: float


#: The four rows of the table, from a very positive to a very negative gate input s.
BANDS: tuple[Band, ...] = (
    Band("very-positive", "very positive", 2.0, math.inf, 4.0),
    Band("slightly-positive", "slightly positive", 0.0, 2.0, 0.5),
    Band("slightly-negative", "slightly negative", -2.0, 0.0, -0.5),
    Band("very-negative", "very negative", -math.inf, -2.0, -4.0),
)


def band_of(s: float) -> Band:
    """The band the gate input ``s`` falls in."""
    for band in BANDS:
        if band.low <= s < band.high:
            return band
    raise ValueError(f"s must be a finite number, got {s!r}")


@dataclass(frozen=True)
class BehaviourRow:
    """One row: the gates at the band's stated s, and what they do to any LTM."""

    band: Band
    forget: float  # f: the share of the old LTM that is kept
    input: float  # i: how much of the candidate is learned
    candidate: float  # g: what would be learned
    learned: float  # i·g: what is added to the LTM
    output: float

    @property
    def forgotten(self) -> float:
        """The share of the old LTM that is forgotten, 1 − f."""
        return 1.0 - self.forget

    @property
    def kept_words(self) -> str:
        """How much of the old LTM this row keeps, in words."""
        return kept_words(self.forget)

    @property
    def learned_words(self) -> str:
        """What this row learns into the LTM, i·g, in words."""
        return learned_words(self.learned)

    @property
    def reading(self) -> str:
        """The row in plain words: what the step does to the memory as a whole."""
        return f"{READINGS[self.kept_words]} {READINGS[self.learned_words]}."


#: How much of the old LTM a forget gate f keeps, in words: (lowest f, words), highest first.
KEPT_WORDS: tuple[tuple[float, str], ...] = (
    (0.9, "almost all"),
    (0.6, "more than half"),
    (0.4, "about half"),
    (0.1, "less than half"),
    (0.0, "almost none"),
)

#: How big what is learned, i·g, is, in words: (lowest |i·g|, words), largest first.
LEARNED_WORDS: tuple[tuple[float, str], ...] = (
    (0.75, "almost a full unit"),
    (0.4, "about half a unit"),
    (0.1, "a small amount"),
    (0.0, "almost nothing"),
)


#: What each share kept and each amount learned mean for the memory, read as one sentence.
READINGS: dict[str, str] = {
    "almost all": "Holds on to its memory",
    "more than half": "Lets part of its memory fade",
    "about half": "Lets half of its memory fade",
    "less than half": "Lets most of its memory fade",
    "almost none": "Clears its memory",
    "adds almost a full unit": "and pushes it strongly up",
    "adds about half a unit": "and pushes it up",
    "adds a small amount": "and nudges it up",
    "takes away a small amount": "and nudges it down",
    "takes away about half a unit": "and pushes it down",
    "takes away almost a full unit": "and pushes it strongly down",
    "adds almost nothing": "and learns almost nothing new",
}


def _words(scale: tuple[tuple[float, str], ...], x: float) -> str:
    if not math.isfinite(x):
        raise ValueError(f"a share or amount must be a finite number, got {x!r}")
    return next(words for low, words in scale if abs(x) >= low)


def kept_words(forget: float) -> str:
    """How much of the old LTM a forget gate of ``forget`` keeps, in words."""
    if not 0.0 <= forget <= 1.0:
        raise ValueError(f"forget must lie in [0, 1], got {forget!r}")
    return _words(KEPT_WORDS, forget)


def learned_words(learned: float) -> str:
    """What learning ``learned`` = i·g does to the LTM, in words: its size and direction."""
    size = _words(LEARNED_WORDS, learned)
    if size == "almost nothing":
        return "adds almost nothing"
    return f"{'adds' if learned > 0 else 'takes away'} {size}"


def behaviour_table(weights: Weights = Weights()) -> list[BehaviourRow]:
    """The rows of the behaviour table, computed at each band's stated s."""
    rows = []
    for band in BANDS:
        cell = step(band.stated, 0.0, weights=weights)
        rows.append(
            BehaviourRow(
                band,
                float(cell.forget),
                float(cell.input),
                float(cell.candidate),
                float(cell.learned),
                float(cell.output),
            )
        )
    return rows


#: The chapter's vector example: four memory components, each with its own gate input s, chosen so
#: that the forget gate is close to zero in three components and close to one in the other.
EXAMPLE_S: tuple[float, ...] = (-5.0, -4.0, 4.0, -6.0)
EXAMPLE_C_PREV: tuple[float, ...] = (0.9, -1.5, 0.7, 2.0)


@dataclass(frozen=True)
class ComponentRow:
    """One component of a vector cell step: its gate input s, old LTM, gates and new LTM."""

    s: float
    c_prev: float
    forget: float
    kept: float
    learned: float
    ltm: float


def componentwise(
    s: tuple[float, ...] = EXAMPLE_S,
    c_prev: tuple[float, ...] = EXAMPLE_C_PREV,
    weights: Weights = Weights(),
) -> list[ComponentRow]:
    """One step of a cell whose gate input and LTM are vectors, component by component.

    Each component has its own gate input s and the same one-neuron gates, so every product and sum
    is taken component by component, as in the general cell.
    """
    cell = step(s, c_prev, weights=weights)
    if cell.ltm.ndim != 1:
        raise ValueError(f"s and c_prev must be vectors of one length, got shape {cell.ltm.shape}")
    previous = np.broadcast_to(np.asarray(c_prev, dtype=np.float64), cell.ltm.shape)
    inputs = np.broadcast_to(np.asarray(s, dtype=np.float64), cell.ltm.shape)
    return [
        ComponentRow(
            s=float(inputs[k]),
            c_prev=float(previous[k]),
            forget=float(cell.forget[k]),
            kept=float(cell.kept[k]),
            learned=float(cell.learned[k]),
            ltm=float(cell.ltm[k]),
        )
        for k in range(cell.ltm.shape[0])
    ]
