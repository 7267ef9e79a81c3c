"""The front page's figure: it plots the model's LTM, states only claims that hold, and can be read
in both themes (colours at 3:1 and more, the two cells told apart by more than colour)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from lstm_viz.model.formatting import number
from lstm_viz.model.over_time import EXAMPLE_X, QUIET_STEPS, example_run
from lstm_viz.model.statements import Claim
from lstm_viz.presentation import front
from lstm_viz.presentation.colour import BACKGROUNDS, contrast
from lstm_viz.presentation.diagrams import PALETTE

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def svg() -> ET.Element:
    return ET.fromstring(front.front_figure_svg())


def _points(d: str) -> np.ndarray:
    return np.array([[float(v) for v in pair] for pair in re.findall(r"([\d.]+) ([\d.]+)", d)])


def _lines(svg: ET.Element) -> dict[str, np.ndarray]:
    """Each LTM line's points (SVG units) by its class."""
    return {
        p.get("class", ""): _points(p.get("d", ""))
        for p in svg.iter(f"{SVG}path")
        if "ltm" in p.get("class", "").split()
    }


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


def _grid_level(svg: ET.Element, label: str) -> float:
    """The y of the grid line that the tick ``label`` names (the tick sits level with it)."""
    tick = next(t for t in svg.iter(f"{SVG}text") if _text(t) == label)
    grids = [
        _points(p.get("d", ""))[0][1] for p in svg.iter(f"{SVG}path") if p.get("class") == "grid"
    ]
    return min(grids, key=lambda y: abs(y - float(tick.get("y", "nan"))))


def test_it_plots_each_cells_ltm_as_the_model_computes_it(svg: ET.Element) -> None:
    # Read back through the figure's own labelled grid lines, not through front.y_of.
    zero, one = _grid_level(svg, "0"), _grid_level(svg, "1")
    assert one < zero
    lines = _lines(svg)
    assert set(lines) == {cls for cls, _ in front.CELLS.values()}
    for key, (cls, _) in front.CELLS.items():
        points = lines[cls]
        assert len(points) == len(EXAMPLE_X)
        steps = np.diff(points[:, 0])
        assert np.all(steps > 0) and np.allclose(steps, steps[0], atol=0.02), "one step apart"
        read = (zero - points[:, 1]) / (zero - one)
        np.testing.assert_allclose(read, example_run(key).ltm, atol=0.002, err_msg=key)


def test_it_shows_the_inputs_both_cells_read(svg: ET.Element) -> None:
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"]
    strong = [(t, x) for t, x in enumerate(EXAMPLE_X, 1) if x != 0]
    assert len(bars) == len(strong) >= 2
    zero = front.INPUT_ZERO
    for bar, (t, x) in zip(bars, strong, strict=True):
        top, height = float(bar.get("y", "nan")), float(bar.get("height", "nan"))
        assert height == pytest.approx(abs(x) * front.INPUT_UNIT)
        assert (top < zero) == (x > 0), "a positive input rises from the zero line"
        middle = float(bar.get("x", "nan")) + float(bar.get("width", "nan")) / 2
        assert middle == pytest.approx(front.x_of(t))
    labels = [_text(t) for t in svg.iter(f"{SVG}text")]
    for t, x in strong:
        assert f"x{t} = {number(x, 'g')}" in labels


def test_the_two_cells_are_told_apart_and_neither_hides_the_other(svg: ET.Element) -> None:
    lines = list(_lines(svg).values())
    gap = np.abs(lines[0][:, 1] - lines[1][:, 1])
    assert gap.max() > 20, "the lines part visibly"
    # Both are the LTM, so both are purple: the tied cell's line is dashed as well as labelled.
    style = "".join(_text(s) for s in svg.iter(f"{SVG}style"))
    assert "path.tied{stroke-dasharray" in style
    words = {_text(t) for t in svg.iter(f"{SVG}text")}
    assert {label for _, label in front.CELLS.values()} <= words


def test_its_colours_can_be_read_in_both_themes() -> None:
    for mode, page in BACKGROUNDS.items():
        assert contrast(PALETTE[mode]["ltm-line"], page) >= 3, mode  # WCAG 1.4.11
        assert contrast(PALETTE[mode]["ltm-text"], page) >= 4.5, mode  # WCAG 1.4.3


def test_it_is_titled_described_and_the_same_on_every_call(svg: ET.Element) -> None:
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    last = QUIET_STEPS[-1]
    for key in front.CELLS:
        assert number(example_run(key).ltm[last - 1]) in (desc.text or ""), key
    assert front.front_figure_svg() == front.front_figure_svg()
    assert front.front_figure_html().startswith('<figure class="lstm-dg-figure lstm-front-figure">')


def test_it_refuses_to_state_a_claim_that_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    name = front.STATED[0]
    failing = Claim(name, "never", lambda _: False, lambda: None)
    monkeypatch.setitem(front.CLAIMS, name, failing)
    with pytest.raises(ValueError, match=name):
        front.front_figure_svg()
