"""The behaviour table's bands and rows."""

from __future__ import annotations

import itertools
import math

import pytest

from lstm_viz.model.gates import step
from lstm_viz.model.table import BANDS, band_of, behaviour_table


def test_bands_cover_the_line_without_gaps_and_hold_their_stated_value() -> None:
    assert BANDS[0].high == math.inf and BANDS[-1].low == -math.inf
    for upper, lower in itertools.pairwise(BANDS):
        assert upper.low == lower.high
    for band in BANDS:
        assert band.low <= band.stated < band.high
        assert band_of(band.stated) is band


@pytest.mark.parametrize(
    ("s", "key"),
    [
        (0.0, "slightly-positive"),
        (-2.0, "slightly-negative"),
        (-2.001, "very-negative"),
        (2.0, "very-positive"),
        (-1e-9, "slightly-negative"),
    ],
)
def test_band_edges(s: float, key: str) -> None:
    assert band_of(s).key == key


def test_band_of_refuses_nan() -> None:
    with pytest.raises(ValueError, match="finite"):
        band_of(math.nan)


def test_rows_are_computed_by_gates() -> None:
    for row in behaviour_table():
        cell = step(row.band.stated, 0.0)
        assert row.forget == cell.forget and row.learned == cell.learned
        assert row.forgotten == pytest.approx(1 - cell.forget)
