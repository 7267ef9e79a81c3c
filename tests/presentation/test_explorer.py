"""The explorer's HTML, drawn at build time: both figures at a state, the controls, the table,
the script's data, the colours and the words (no browser; tests/site/test_explorer_*.py run it)."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.model import ranges
from lstm_viz.model.claims import CLAIMS
from lstm_viz.model.formatting import number
from lstm_viz.model.gates import GATE_RANGES, GATES, Neuron, Weights, step
from lstm_viz.model.presets import PRESETS, original_table_fit
from lstm_viz.model.sequence import MAX_STEPS, run_sequence
from lstm_viz.model.table import BANDS, band_of
from lstm_viz.presentation import explorer as ex
from lstm_viz.presentation.colour import BACKGROUNDS, contrast
from lstm_viz.presentation.explorer import (
    cell_figure,
    controls,
    grammar,
    guide,
    palette,
    sequence_figure,
    state,
)

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


def _svg(markup: str) -> ET.Element:
    return ET.fromstring(markup.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def _get(element: ET.Element | None, name: str) -> str:
    """An attribute that must be there."""
    assert element is not None and element.get(name) is not None, name
    return str(element.get(name))


def _find(element: ET.Element, tag: str) -> ET.Element:
    """A child that must be there."""
    found = element.find(tag)
    assert found is not None, tag
    return found


def _search(pattern: str, text: str) -> re.Match[str]:
    found = re.search(pattern, text)
    assert found, pattern
    return found


def _translate(mark: ET.Element | None) -> tuple[float, float]:
    x, y = _search(r"translate\(([-\d.]+),([-\d.]+)\)", _get(mark, "transform")).groups()
    return float(x), float(y)


def _cell(s, c, overrides, layout=cell_figure.LAYOUTS[0], weights=Weights()):
    cell = step(s, c, weights=weights, **overrides)
    free = step(s, c, weights=weights)
    return _svg(cell_figure.cell_svg(layout, s, c, cell, free, ex.NAMES, "t", "x")), cell, free


@pytest.mark.parametrize("layout", cell_figure.LAYOUTS, ids=lambda layout: layout.name)
@pytest.mark.parametrize(
    ("s", "c", "overrides"),
    [
        (0.5, 1.0, {}),
        (-4.0, 2.5, {"forget": 0.9}),
        (6.0, -3.0, {"input": 0.0, "candidate": -1.0, "output": 1.0}),
        (-6.0, 0.0, {"forget": 1.0, "input": 0.25, "candidate": 0.5, "output": 0.0}),
    ],
)
def test_every_mark_stands_at_the_value_step_computes(layout, s, c, overrides) -> None:
    svg, cell, free = _cell(s, c, overrides, layout)
    values = {"s": s, "c_prev": c, **{k: float(v) for k, v in cell.as_dict().items()}}
    geometry = json.loads(svg.get("data-geometry"))
    seen = set()
    for col in svg.iter(f"{SVG}g"):
        if "col" not in col.get("class", "").split():
            continue
        key = col.get("data-key")
        seen.add(key)
        panel = next(p for p, keys in cell_figure.COLUMNS.items() if key in keys)
        y = layout.panel(panel).y(values[key])
        assert geometry[panel]["top"] == layout.boxes[panel][2]
        mark = col.find(f"{SVG}g")
        assert _translate(mark)[1] == pytest.approx(y, abs=0.006), key
        # A handle for what the reader drags, a square for what the cell computes.
        assert ("handle" in mark.get("class")) == (key in cell_figure.DRAGGABLE)
        assert (mark.find(f"{SVG}rect") is not None) == (key not in cell_figure.DRAGGABLE)
        assert col.find(f"{SVG}text").text == number(values[key])
        ghost = col.find(f"{SVG}circle")
        if key in GATES:
            assert ("is-set" in col.get("class")) == (key in overrides)
            assert float(ghost.get("cy")) == pytest.approx(
                layout.panel("gates").y(float(getattr(free, key))), abs=0.006
            )
    assert seen == {k for keys in cell_figure.COLUMNS.values() for k in keys}
    assert svg.find(f"{SVG}title").text == "t"


@pytest.mark.parametrize("s", [b.stated for b in BANDS] + [2.0, -2.0, 0.0, 6.0, -6.0])
def test_the_shaded_band_is_the_band_of_s(s: float) -> None:
    svg, _, _ = _cell(s, 0.0, {})
    rect = next(r for r in svg.iter(f"{SVG}rect") if "band" in r.get("class", ""))
    panel = cell_figure.LAYOUTS[0].panel("s")
    band = band_of(s)
    top, height = float(rect.get("y")), float(rect.get("height"))
    assert top == pytest.approx(panel.y(min(band.high, ranges.S_RANGE[1])), abs=0.006)
    assert top + height == pytest.approx(panel.y(max(band.low, ranges.S_RANGE[0])), abs=0.01)


def _series_points(svg: ET.Element, key: str) -> list[tuple[float, float]]:
    group = next(
        g for g in svg.iter(f"{SVG}g") if g.get("data-key") == key and "series" in _get(g, "class")
    )
    points = _get(group.find(f"{SVG}polyline"), "points").split()
    return [(float(p.split(",")[0]), float(p.split(",")[1])) for p in points]


@pytest.mark.parametrize("layout", sequence_figure.LAYOUTS, ids=lambda layout: layout.name)
@pytest.mark.parametrize("preset", list(PRESETS))
def test_the_sequence_figure_draws_run_sequence(layout, preset: str) -> None:
    weights = PRESETS[preset].weights
    run = run_sequence(grammar.DEFAULT_X, 1.5, weights=weights, output=0.5)
    svg = _svg(sequence_figure.sequence_svg(layout, run, {"output"}, "t", "x"))
    steps = len(run)
    scale = sequence_figure.memory_scale([run.c0, *run.ltm])
    gates, memory = layout.panel("gates", scale), layout.panel("memory", scale)
    for gate in GATES:
        expected = [(layout.x(t + 1, steps), gates.y(v)) for t, v in enumerate(getattr(run, gate))]
        assert np.allclose(_series_points(svg, gate), expected, atol=0.006), gate
    ltm = [(layout.x(t, steps), memory.y(v)) for t, v in enumerate([run.c0, *run.ltm])]
    assert np.allclose(_series_points(svg, "ltm"), ltm, atol=0.006)
    stm = [(layout.x(t, steps), memory.y(v)) for t, v in enumerate([0.0, *run.stm])]
    assert np.allclose(_series_points(svg, "stm"), stm, atol=0.006)
    handles = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "step"]
    assert len(handles) == MAX_STEPS  # all drawn; those past T hidden
    for g in handles:
        t = int(_get(g, "data-t"))
        assert (g.get("display") == "none") == (t > steps)
        if t <= steps:
            x, y = _translate(g.find(f"{SVG}g"))
            assert (x, y) == pytest.approx(
                (layout.x(t, steps), layout.panel("x").y(run.x[t - 1])), abs=0.006
            )
    held = next(
        g
        for g in svg.iter(f"{SVG}g")
        if g.get("data-key") == "output" and "series" in _get(g, "class")
    )
    assert "is-set" in _get(held, "class")


def _legend(svg: ET.Element) -> dict[str, str]:
    return {
        _get(g, "data-key"): _find(g, f"{SVG}text").text or ""
        for g in svg.iter(f"{SVG}g")
        if "legend" in g.get("class", "") and g.get("display") != "none"
    }


def test_coinciding_gates_are_drawn_once_and_named_together() -> None:
    layout = sequence_figure.LAYOUTS[0]
    tied = _svg(sequence_figure.sequence_svg(layout, run_sequence([1.0, -2.0]), set(), "t", "x"))
    legend = _legend(tied)
    assert legend["forget"] == "f = i = o" and legend["candidate"] == "g"
    assert "input" not in legend and "output" not in legend
    hidden = [g.get("data-key") for g in tied.iter(f"{SVG}g") if "is-under" in g.get("class", "")]
    assert hidden == ["input", "output"]
    latch = run_sequence([1.0, -2.0], weights=PRESETS["latch"].weights)
    apart = _svg(sequence_figure.sequence_svg(layout, latch, set(), "t", "x"))
    assert {k: v for k, v in _legend(apart).items() if k in GATES} == {
        "forget": "f", "input": "i", "candidate": "g", "output": "o"
    }  # fmt: skip


def test_the_sequence_table_lists_every_step_to_three_places() -> None:
    run = run_sequence([4.0, 0.0, -4.0], -1.0, weights=PRESETS["latch"].weights)
    table = ET.fromstring(sequence_figure.sequence_table(run, "sequence-table"))
    assert table.get("id") == "sequence-table"
    head = ["".join(th.itertext()) for th in _find(table, "thead").iter("th")]
    assert head == ["t", "xt", "ft", "it", "gt", "ot", "ct", "ht"]
    rows = _find(table, "tbody").findall("tr")
    assert len(rows) == len(run)
    for t, row in enumerate(rows):
        cells = ["".join(c.itertext()) for c in row]
        assert cells[0] == str(t + 1)
        fields = ("x", "forget", "input", "candidate", "output", "ltm", "stm")
        assert cells[1:] == [number(float(getattr(run, f)[t]), ".3f") for f in fields]


def test_the_script_gets_the_models_numbers() -> None:
    data = ex.script_data()
    assert data["keys"] == list(grammar.HASH_KEYS.items())
    assert data["decimals"] == grammar.DECIMALS
    assert data["number"] == grammar.NUMBER
    assert data["maxSteps"] == MAX_STEPS
    for name, bounds in grammar.RANGES.items():
        assert data["ranges"][name] == list(bounds)
    for gate, bounds in GATE_RANGES.items():
        assert data["ranges"][gate] == list(bounds)
    assert data["defaults"]["x"] == list(grammar.DEFAULT_X)
    assert data["defaults"]["s"] == grammar.DEFAULT_S
    for sent, band in zip(data["bands"], BANDS, strict=True):
        assert sent["key"] == band.key
        assert sent["low"] == (band.low if math.isfinite(band.low) else None)
        assert sent["high"] == (band.high if math.isfinite(band.high) else None)
    latch = PRESETS["latch"].weights
    assert data["presets"]["latch"]["w_input"] == latch.input.w
    assert data["book"] == state.values_of(Weights())


def test_the_page_html_needs_no_plotly() -> None:
    # (The same bytes in every process: tests/test_same_bytes.py.)
    first = ex.explorer().html + ex.sequence().html
    data = _search(r'id="lstm-explorer-data">(.*?)</script>', first).group(1)
    assert "Infinity" not in data and "NaN" not in data
    json.loads(data)
    assert 'data-lstm-viz-modules="explorer/main.js"' in first
    assert "plotly" not in first.lower() and "data-plotly-bundle" not in first
    assert "<noscript>" in first and "needs JavaScript" in first
    assert first.count('id="sequence-table"') == 1
    assert "_SCRIPT_KEYS" not in (ROOT / "lstm_viz/presentation/explorer/__init__.py").read_text()


def test_every_slider_has_the_models_range_and_value() -> None:
    html = ex.explorer().html + ex.sequence().html
    sliders = re.findall(r'<input type="range" id="lstm-explorer-([a-z_]+)"[^>]*>', html)
    assert set(sliders) == {"s", "c_prev", *GATES, *state.values_of(Weights()), "t", "x"}
    for name in ("s", "c_prev", "w_forget", "b_output", "x"):
        tag = _search(rf'<input type="range" id="lstm-explorer-{name}"[^>]*>', html).group(0)
        low, high = grammar.RANGES[name]
        assert f'min="{low:g}"' in tag and f'max="{high:g}"' in tag, tag


def test_presets_are_links_that_reopen_their_weights() -> None:
    html = ex.explorer().html
    links = dict(
        re.findall(r'<a class="lstm-explorer-preset" href="([^"]+)" data-preset="([a-z-]+)"', html)
    )
    assert sorted(links.values()) == sorted(PRESETS)
    for href, key in links.items():
        parsed = state.parse_state(href.lstrip("#").replace("&amp;", "&"))
        assert state.weights_of(parsed) == PRESETS[key].weights


def test_the_fit_note_is_computed_and_says_what_the_chapter_says() -> None:
    """Issue 17: the explorer said the fit "misses one of its eight numbers by 0.01" (its largest
    gap, 0.0067, rounded up) while the chapter says it comes "within a hundredth of every
    entry". The note now makes the chapter's checked claim, in its words, with the gap."""
    fit = original_table_fit()
    note = controls.fit_note()
    assert not fit.exact and "No weights reproduce" in note
    assert f"the largest gap is {number(fit.mismatch, '.4f')}." in note
    assert CLAIMS["untied-weights-come-close"].holds() and fit.mismatch < 0.01
    assert "within a hundredth of every entry" in note and "miss" not in note
    assert note in controls.preset_about()["original-table"]


def test_every_colour_stands_out_on_both_themes_pages() -> None:
    """Against the backgrounds the built pages really have (test_layout_browser.py reads them in
    Chromium), with WCAG's own contrast (checked on known pairs in test_colour.py)."""
    for theme, colours in palette.palette().items():
        for key, colour in colours.items():
            assert contrast(colour, BACKGROUNDS[theme]) >= 3.0, (theme, key, colour)


def test_the_words_take_their_ranges_from_the_model() -> None:
    words = guide.guide().html
    for bounds in (ranges.S_RANGE, ranges.C_PREV_RANGE, ranges.X_RANGE, ranges.WEIGHT_RANGE):
        assert guide.span(bounds) in words or guide.span(bounds, "and") in words
    for alt in (ex.CELL_ALT, ex.SEQUENCE_ALT):
        assert not re.search(r"(?<![\w.])[−-]?\d", alt.replace(guide.span(ranges.S_RANGE), "")
                             .replace(guide.span(ranges.C_PREV_RANGE), "")
                             .replace(guide.span(ranges.X_RANGE), "")
                             .replace("x_t", "").replace("h_t", "").replace("c_t", "")
                             .replace("from 0", "")), alt  # fmt: skip
    page = (ROOT / "book" / "explorer.md").read_text()
    prose = re.sub(r"```.*?```", "", page, flags=re.S)
    assert not re.search(r"[−-]?\d+(\.\d+)?\s+(to|and)\s+[−-]?\d", prose), "a range typed by hand"


def test_a_weight_change_reaches_the_figure() -> None:
    weights = Weights(forget=Neuron(2.0, -1.0))
    svg, cell, _ = _cell(1.0, 1.0, {}, weights=weights)
    assert float(cell.forget) == pytest.approx(1 / (1 + math.exp(-1.0)))
    col = next(g for g in svg.iter(f"{SVG}g") if g.get("data-key") == "forget")
    assert col.find(f"{SVG}text").text == number(float(cell.forget))
