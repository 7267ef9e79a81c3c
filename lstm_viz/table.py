"""The chapter's behaviour table: the cell at four stated values of the STM, computed by ``gates``.

The original chapter's table is qualitative (STM very positive … very negative). Here each row is a
band of STM values with one stated value inside it, and every number comes from :func:`step`. The
explorer highlights the band that the reader's current STM falls in, using the same bounds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lstm_viz.gates import Weights, step

__all__ = ["BANDS", "Band", "BehaviourRow", "band_of", "behaviour_table"]


@dataclass(frozen=True)
class Band:
    """STM values low ≤ s < high, named as the chapter names them, with one stated value."""

    key: str
    name: str
    low: float
    high: float
    stated: float


#: The four rows of the table, from very positive to very negative STM.
BANDS: tuple[Band, ...] = (
    Band("very-positive", "very positive", 2.0, math.inf, 4.0),
    Band("slightly-positive", "slightly positive", 0.0, 2.0, 0.5),
    Band("slightly-negative", "slightly negative", -2.0, 0.0, -0.5),
    Band("very-negative", "very negative", -math.inf, -2.0, -4.0),
)


def band_of(stm: float) -> Band:
    """The band the STM value ``stm`` falls in."""
    for band in BANDS:
        if band.low <= stm < band.high:
            return band
    raise ValueError(f"stm must be a finite number, got {stm!r}")


@dataclass(frozen=True)
class BehaviourRow:
    """One row: the gates at the band's stated STM, and what they do to any LTM."""

    band: Band
    forget: float  # f: the share of the old LTM that is kept
    input: float  # i: how much of the candidate is written
    candidate: float  # g: what would be written
    learned: float  # i·g: what is added to the LTM
    output: float

    @property
    def forgotten(self) -> float:
        """The share of the old LTM that is forgotten, 1 − f."""
        return 1.0 - self.forget


def behaviour_table(weights: Weights = Weights()) -> list[BehaviourRow]:
    """The rows of the behaviour table, computed at each band's stated STM."""
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
