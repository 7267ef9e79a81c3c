"""The explorer's figure, data for the script, state links and behaviour table (no browser)."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from lstm_viz.model import state
from lstm_viz.model.gates import GATE_RANGES, GATES, Neuron, Weights, step
from lstm_viz.model.table import BANDS
from lstm_viz.presentation import explorer as ex
from lstm_viz.presentation.embed import bundle_for
from lstm_viz.presentation.html_tables import behaviour_table_html


def _trace(fig, role: str):
    return fig.data[ex.TRACES[role]]


def test_the_figure_uses_only_traces_of_the_basic_bundle() -> None:
    fig = ex.explorer_figure()
    assert {trace.type for trace in fig.data} <= {"scatter", "bar"}
    assert bundle_for(fig) == "basic"


@pytest.mark.parametrize(
    ("stm", "ltm", "overrides"),
    [
        (0.5, 1.0, {}),
        (-4.0, 2.5, {"forget": 0.9}),
        (6.0, -3.0, {"input": 0.0, "candidate": -1.0, "output": 1.0}),
        (-6.0, 0.0, {"forget": 1.0, "input": 0.25, "candidate": 0.5, "output": 0.0}),
    ],
)
def test_every_point_is_the_value_step_computes(stm, ltm, overrides) -> None:
    fig = ex.explorer_figure(stm, ltm, overrides=overrides)
    cell = step(stm, ltm, **overrides)
    free = step(stm, ltm)
    assert list(_trace(fig, "stm").y) == [stm]
    assert np.allclose(_trace(fig, "gates").y, [getattr(cell, g) for g in GATES], atol=0)
    ltm_column = [ltm, cell.kept, cell.learned, cell.ltm, cell.stm]
    assert np.allclose(_trace(fig, "ltm").y, ltm_column, atol=0)
    # The open circles hold what the cell computes, shown only for the gates the reader set.
    assert np.allclose(_trace(fig, "computed").y, [getattr(free, g) for g in GATES], atol=0)
    shown = [1 if g in overrides else 0 for g in GATES]
    assert list(_trace(fig, "computed").marker.opacity) == shown
    symbols = ["diamond" if g in overrides else "circle" for g in GATES]
    assert list(_trace(fig, "gates").marker.symbol) == symbols


def test_stems_reach_from_zero_to_each_value() -> None:
    fig = ex.explorer_figure(-1.0, 2.0)
    trace = _trace(fig, "ltm")
    assert trace.y[0] == 2.0 and trace.error_y.arrayminus[0] == 2.0
    for y, up, down in zip(trace.y, trace.error_y.array, trace.error_y.arrayminus, strict=True):
        assert (up, down) == ((0.0, y) if y >= 0 else (-y, 0.0))  # from y down or up to zero


@pytest.mark.parametrize("stm", [b.stated for b in BANDS] + [2.0, -2.0, 0.0, 6.0, -6.0])
def test_the_shaded_band_is_the_band_of_the_stm(stm: float) -> None:
    bar = _trace(ex.explorer_figure(stm), "band")
    low, high = bar.base[0], bar.base[0] + bar.y[0]
    band = next(b for b in BANDS if b.low <= stm < b.high)
    assert low == max(band.low, state.S_RANGE[0]) and high == min(band.high, state.S_RANGE[1])
    assert low <= stm <= high


def test_the_script_gets_weights_ranges_and_bands_from_python() -> None:
    weights = Weights(forget=Neuron(2.0, -1.0), candidate=Neuron(0.5, 0.25))
    meta = ex.explorer_figure(weights=weights).layout.meta["lstm_explorer"]
    assert meta["weights"]["forget"] == [2.0, -1.0]
    assert meta["weights"]["candidate"] == [0.5, 0.25]
    assert meta["weights"]["input"] == [1.0, 0.0]
    assert meta["ranges"]["stm"] == list(state.S_RANGE)
    assert meta["ranges"]["ltm"] == list(state.C_PREV_RANGE)
    for gate, bounds in GATE_RANGES.items():
        assert meta["ranges"][gate] == list(bounds)
    assert [b["key"] for b in meta["bands"]] == [b.key for b in BANDS]
    for sent, band in zip(meta["bands"], BANDS, strict=True):
        assert sent["low"] == (band.low if math.isfinite(band.low) else None)
        assert sent["high"] == (band.high if math.isfinite(band.high) else None)
    assert meta["hash"] == {
        "stm": "s",
        "ltm": "c",
        "forget": "f",
        "input": "i",
        "candidate": "g",
        "output": "o",
    }


def test_the_page_html_is_valid_json_with_no_infinity() -> None:
    # (The same bytes in every process: tests/test_same_bytes.py.)
    first = ex.explorer().html
    match = re.search(r'id="lstm-explorer-data">(.*?)</script>', first)
    assert match, "the explorer's JSON is missing"
    data = match.group(1)
    assert "Infinity" not in data and "NaN" not in data
    spec = json.loads(data)
    assert spec["layout"]["dragmode"] is False and spec["layout"]["hovermode"] is False
    assert all(spec["layout"][axis]["fixedrange"] for axis in spec["layout"] if "axis" in axis)
    assert 'data-lstm-viz-scripts="explorer.css explorer.js"' in first
    assert "<noscript>" in first and "needs JavaScript" in first


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "#s=0.5&c=1"),
        ((4, -1.25), "#s=4&c=-1.25"),
        ((-6, 3), "#s=-6&c=3"),
        ((0.123456, -0.00001), "#s=0.1235&c=0"),
    ],
)
def test_state_hash(args, expected) -> None:
    assert state.state_hash(*args) == expected


def test_state_hash_lists_overrides_in_a_fixed_order() -> None:
    link = state.state_hash(1, 2, output=0.5, forget=0.25, candidate=-1)
    assert link == "#s=1&c=2&f=0.25&g=-1&o=0.5"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"s": 6.5}, "s must lie in"),
        ({"c_prev": -3.01}, "c_prev must lie in"),
        ({"forget": 1.2}, "override forget must lie in"),
        ({"candidate": -1.5}, "override candidate must lie in"),
        ({"s": float("nan")}, "s contains NaN"),
        ({"s": [1.0, 2.0]}, "s must be one number"),
        ({"gate": 0.5}, "overrides name no gate: gate"),
    ],
)
def test_bad_states_are_refused_by_name(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        state.state_hash(**kwargs)


def test_bad_figure_states_are_refused() -> None:
    with pytest.raises(ValueError, match="override output must lie in"):
        ex.explorer_figure(overrides={"output": -0.1})
    with pytest.raises(ValueError, match="overrides name no gate: f"):
        ex.explorer_figure(overrides={"f": 0.1})
    with pytest.raises(TypeError, match="s must be a real number"):
        ex.explorer_figure("1")  # type: ignore[arg-type]


def test_the_behaviour_table_names_each_row_by_its_band() -> None:
    keys = re.findall(r'<tr data-key="([a-z-]+)">', str(behaviour_table_html()))
    assert keys == [b.key for b in BANDS]
