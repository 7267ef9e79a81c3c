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
        (-3.0, "slightly-negative"),
        (-3.001, "very-negative"),
        (3.0, "very-positive"),
        (2.999, "slightly-positive"),
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
        across = step(row.band.axis(), 0.0)
        assert row.span.forget == (across.forget.min(), across.forget.max())
        assert row.span.learned == (across.learned.min(), across.learned.max())


def test_the_end_bands_start_where_a_sigmoid_nears_its_ends() -> None:
    """Beyond ±3 a sigmoid gate of s is within a few hundredths of 0 or 1, so the end rows say
    one thing across their whole band."""
    rows = behaviour_table()
    assert rows[0].span.forget[0] > 0.95 and rows[-1].span.forget[1] < 0.05
    assert rows[1].span.forget[1] > 0.95 > rows[1].span.forget[0]
