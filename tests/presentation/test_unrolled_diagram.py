"""The cell over three steps: the LTM line runs straight through, the STM is made anew each step."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from lstm_viz.presentation.diagrams import diagram_svg
from lstm_viz.presentation.diagrams.unrolled import CENTRES, HEIGHT, LTM_Y, STEPS, WIDTH

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def svg() -> ET.Element:
    return ET.fromstring(diagram_svg("unrolled"))


def _points(path: ET.Element) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
    return list(zip(numbers[0::2], numbers[1::2], strict=True))


def test_the_ltm_is_one_straight_line_across_every_step(svg: ET.Element) -> None:
    ltm = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "ltm"]
    assert len(ltm) == 1, "the LTM is never cut: one line from the first step to the last"
    (x0, y0), (x1, y1) = _points(ltm[0])
    assert y0 == y1 == LTM_Y and x0 < CENTRES[0] - 40 and x1 > CENTRES[-1] + 40
    # On it, per step, only a multiplication (forget) and an addition (learn).
    ops = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "op"]
    assert len(ops) == 2 * STEPS and all(float(c.get("cy", "nan")) == LTM_Y for c in ops)
    signs = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text") if t.get("class") == "op-sign"]
    assert signs == ["×", "+"] * STEPS


def test_the_stm_is_made_anew_at_every_step(svg: ET.Element) -> None:
    stm = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "stm"]
    # Into each step's gates, out of them, and the last one out of the picture.
    assert len(stm) == 2 * STEPS + 1
    assert _points(stm[-1])[-1][0] > CENTRES[-1]


def test_every_step_is_labelled(svg: ET.Element) -> None:
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    for k in range(1, STEPS + 1):
        assert f"step {k}" in texts and f"x{k}" in texts
        assert f"c{k}" in texts and f"h{k}" in texts
    assert {"LTM c0", "STM h0"} <= set(texts)
    assert texts.count("gates") == STEPS
    assert svg.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
