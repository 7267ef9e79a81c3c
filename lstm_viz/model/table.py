"""The chapter's behaviour table: the cell at four values of the gate input s, and across each band.

The original chapter's table is qualitative (its first column is the gate input s = x_t + h_(t−1):
very positive … very negative). Here each row is a band of values of s with one stated value
inside it. The row's numbers are the gates at the stated value; its words describe the whole band
(the least and the most the forget gate keeps and the cell learns anywhere in it), so they stay true
wherever in the band the reader's s lies — the explorer marks the band its s falls in. Every number
comes from :func:`~lstm_viz.model.gates.step`.
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
    "Span",
    "band_of",
    "band_span",
    "behaviour_table",
    "componentwise",
    "kept_span_words",
    "kept_words",
    "learned_span_words",
    "learned_words",
]

#: Where a band without an end is cut when the gates are searched across it: every gate has
#: saturated to float64 precision long before.
_FAR = 20.0


@dataclass(frozen=True)
class Band:
    """Values of the gate input low ≤ s < high, named as the chapter names them, with one stated
    value."""

    key: str
    name: str
    low: float
    high: float
    stated: float

    def axis(self, points: int = 6001) -> np.ndarray:
        """Values of s spread over the band (its open ends cut at ±20)."""
        return np.linspace(max(self.low, -_FAR), min(self.high, _FAR), points)


#: The four rows of the table, from a very positive to a very negative gate input s. The bands meet
#: at ±3: beyond it a sigmoid gate of s is within a few hundredths of 0 or 1, so the end rows' words
#: hold across their whole band.
BANDS: tuple[Band, ...] = (
    Band("very-positive", "very positive", 3.0, math.inf, 4.0),
    Band("slightly-positive", "slightly positive", 0.0, 3.0, 0.5),
    Band("slightly-negative", "slightly negative", -3.0, 0.0, -0.5),
    Band("very-negative", "very negative", -math.inf, -3.0, -4.0),
)


def band_of(s: float) -> Band:
    """The band the gate input ``s`` falls in."""
    for band in BANDS:
        if band.low <= s < band.high:
            return band
    raise ValueError(f"s must be a finite number, got {s!r}")


@dataclass(frozen=True)
class Span:
    """The least and the most of the forget gate f and of what is learned, i·g, across a band."""

    forget: tuple[float, float]
    learned: tuple[float, float]


def band_span(band: Band, weights: Weights = Weights()) -> Span:
    """How far the forget gate and i·g range across ``band`` (a fine grid, ends included)."""
    cell = step(band.axis(), 0.0, weights=weights)
    return Span(
        (float(cell.forget.min()), float(cell.forget.max())),
        (float(cell.learned.min()), float(cell.learned.max())),
    )


@dataclass(frozen=True)
class BehaviourRow:
    """One row: the gates at the band's stated s, and what the cell does across the band."""

    band: Band
    forget: float  # f: the share of the old LTM that is kept
    input: float  # i: how much of the candidate is learned
    candidate: float  # g: what would be learned
    learned: float  # i·g: what is added to the LTM
    output: float
    span: Span  # the least and the most of f and i·g anywhere in the band

    @property
    def forgotten(self) -> float:
        """The share of the old LTM that is forgotten, 1 − f."""
        return 1.0 - self.forget

    @property
    def words(self) -> str:
        """What the step does to the LTM anywhere in the band, in words."""
        kept = kept_span_words(*self.span.forget)
        return f"{kept}; {learned_span_words(*self.span.learned)}"


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
    """What learning ``learned`` = i·g does to the LTM, in words: its direction and size.

    A negative amount takes away, however small: −0.02 "takes away almost nothing".
    """
    size = _words(LEARNED_WORDS, learned)
    return f"{'takes away' if learned < 0 else 'adds'} {size}"


def kept_span_words(low: float, high: float) -> str:
    """What a forget gate anywhere from ``low`` to ``high`` keeps: "keeps about half to almost
    all"."""
    least, most = kept_words(low), kept_words(high)
    return f"keeps {least}" if least == most else f"keeps {least} to {most}"


def learned_span_words(low: float, high: float) -> str:
    """What learning anywhere from ``low`` to ``high`` does: "adds up to almost a full unit"."""
    if low < 0 < high:
        return f"{learned_words(low)} or {learned_words(high)}"
    direction = "takes away" if high <= 0 and low < 0 else "adds"
    near, far = sorted((low, high), key=abs)
    small, large = _words(LEARNED_WORDS, near), _words(LEARNED_WORDS, far)
    if small == large:
        return f"{direction} {large}"
    if small == LEARNED_WORDS[-1][1]:
        return f"{direction} up to {large}"
    return f"{direction} {small} to {large}"


def behaviour_table(weights: Weights = Weights()) -> list[BehaviourRow]:
    """The rows of the behaviour table: the gates at each band's stated s, and across the band."""
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
                band_span(band, weights),
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
