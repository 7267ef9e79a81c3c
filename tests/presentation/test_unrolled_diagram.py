"""The cell over three steps: the LTM line runs straight through, the STM is made anew each step."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from lstm_viz.presentation.diagrams import diagram_svg
from lstm_viz.presentation.diagrams.unrolled import CENTRES, HEIGHT, LTM_Y, READ_Y, STEPS, WIDTH

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
    # On it, per step, only a multiplication (forget) and an addition (learn); below it, per
    # step, the multiplication that reads the new LTM out into the new STM.
    ops = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "op"]
    on_line = [c for c in ops if float(c.get("cy", "nan")) == LTM_Y]
    assert len(on_line) == 2 * STEPS and len(ops) == 3 * STEPS
    assert all(float(c.get("cy", "nan")) == READ_Y for c in ops if c not in on_line)
    signs = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text") if t.get("class") == "op-sign"]
    assert signs == ["×", "+", "×"] * STEPS


def _gate_boxes(svg: ET.Element) -> list[tuple[float, float, float, float]]:
    """Each step's box of gate layers: left, top, right, bottom."""
    boxes = []
    for rect in svg.iter(f"{SVG}rect"):
        if rect.get("class") == "layer":
            x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
            boxes.append((x, y, x + float(rect.get("width", 0)), y + float(rect.get("height", 0))))
    return boxes


def arrows_from_the_ltm_into_the_gates(svg: ET.Element) -> list[str]:
    """Every wire that leaves the LTM line and ends at a gate box: the gates read the previous
    STM and the input, never the LTM."""
    found = []
    for path in svg.iter(f"{SVG}path"):
        points = _points(path)
        if path.get("class") != "wire" or points[0][1] > LTM_Y + 4 or points[0][1] < LTM_Y - 4:
            continue
        x, y = points[-1]
        boxes = _gate_boxes(svg)
        if any(x0 - 1 <= x <= x1 + 1 and y0 - 2 <= y <= y1 + 2 for x0, y0, x1, y1 in boxes):
            found.append(path.get("d", ""))
    return found


def test_the_gates_never_read_the_ltm(svg: ET.Element) -> None:
    assert len(_gate_boxes(svg)) == STEPS
    assert arrows_from_the_ltm_into_the_gates(svg) == []
    # Each step's LTM is read out past the gates, into the multiplication below them.
    wires = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "wire"]
    read = [p for p in wires if _points(p)[0][1] == LTM_Y + 2]
    assert len(read) == STEPS and all(_points(p)[-1][1] < READ_Y for p in read)


def test_the_check_sees_an_arrow_from_the_ltm_into_the_gates(svg: ET.Element) -> None:
    _, top, right, _ = _gate_boxes(svg)[0]
    wrong = ET.SubElement(
        svg, f"{SVG}path", {"d": f"M{right - 4} {LTM_Y + 2} L{right - 4} {top}", "class": "wire"}
    )
    assert arrows_from_the_ltm_into_the_gates(svg) == [wrong.get("d")]
    svg.remove(wrong)


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
