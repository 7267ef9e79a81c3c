"""The cell diagrams: valid SVG, titled and described, one family, legible in both themes."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest

from lstm_viz.presentation.colour import BACKGROUNDS, contrast
from lstm_viz.presentation.diagrams import (
    DIAGRAMS,
    PALETTE,
    diagram_html,
    diagram_svg,
    show_diagram,
)
from lstm_viz.presentation.style import COLOURS

NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.fixture(params=list(DIAGRAMS))
def svg(request) -> ET.Element:
    return ET.fromstring(diagram_svg(request.param))


#: The pictures of one step that grow out of each other; the chapter then unrolls the last.
GROWING = ["black-box", "forget-learn", "how-much-what", "gates"]


def test_the_pictures_in_the_chapters_order() -> None:
    assert list(DIAGRAMS) == [*GROWING, "unrolled"]


def test_each_svg_is_titled_described_and_labelled(svg: ET.Element) -> None:
    title, desc = svg.find("svg:title", NS), svg.find("svg:desc", NS)
    assert title is not None and desc is not None
    assert list(svg)[:2] == [title, desc], "title and desc come first"
    assert len(title.text or "") > 10 and len(desc.text or "") > 80
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    texts = ["".join(t.itertext()).strip() for t in svg.iter(f"{{{NS['svg']}}}text")]
    assert texts and all(texts), "every label is real, non-empty text"
    assert any(t.startswith("LTM c") for t in texts) and any(t.startswith("STM h") for t in texts)


def test_each_svg_scales_from_its_view_box(svg: ET.Element) -> None:
    # Every picture is its diagram's width (so its labels keep one size on a phone); it may grow
    # taller than it asked for.
    diagram = DIAGRAMS[svg.get("id", "").removeprefix("lstm-dg-")]
    x0, y0, width, height = (float(n) for n in svg.attrib["viewBox"].split())
    assert (x0, y0, width) == (0, 0, diagram.width) and height >= diagram.height
    assert svg.get("width") is None and svg.get("height") is None
    for element in svg.iter():
        for name in ("x", "cx", "x1", "x2"):
            if (x := element.get(name)) is not None:
                assert 0 <= float(x) <= width, element.attrib
        for name in ("y", "cy", "y1", "y2"):
            if (y := element.get(name)) is not None:
                assert 0 <= float(y) <= height, element.attrib
        if d := element.get("d"):
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
            assert all(0 <= x <= width for x in numbers[0::2])
            assert all(0 <= y <= height for y in numbers[1::2])


def test_one_drawing_vocabulary_and_the_shared_colours() -> None:
    svgs = [ET.fromstring(diagram_svg(name)) for name in DIAGRAMS]
    styles = {getattr(s.find("svg:style", NS), "text", None) or "" for s in svgs}
    assert len(styles) == 1, "all the pictures share one stylesheet"
    style = styles.pop()
    assert COLOURS["stm"] in style and COLOURS["ltm"] in style
    assert PALETTE["light"]["stm-line"] == COLOURS["stm"]
    assert PALETTE["light"]["ltm-line"] == COLOURS["ltm"]
    for mode in PALETTE.values():
        assert all(colour in style for colour in mode.values())

    # Each picture grows out of the one before: the two memory lines start in the same place.
    def memory_starts(svg: ET.Element) -> tuple[str, ...]:
        paths = svg.iter(f"{{{NS['svg']}}}path")
        return tuple(
            p.get("d", "").split(" L")[0] for p in paths if p.get("class") in ("ltm", "stm")
        )

    assert len({memory_starts(s)[:2] for s in svgs[: len(GROWING)]}) == 1


def test_the_pictures_grow_step_by_step() -> None:
    def count(name: str, cls: str) -> int:
        svg = ET.fromstring(diagram_svg(name))
        return sum(1 for e in svg.iter() if cls in (e.get("class") or "").split())

    assert count("black-box", "black") == 1 and count("forget-learn", "black") == 0
    assert [count(n, "op") for n in GROWING] == [0, 2, 3, 4]
    assert [count(n, "gate") for n in GROWING] == [0, 0, 0, 3]
    gates = ET.fromstring(diagram_svg("gates"))
    names = ["".join(t.itertext()) for t in gates.iter(f"{{{NS['svg']}}}text")]
    assert {"forget gate", "input gate", "output gate"} <= set(names)
    assert names.count("σ") == 3 and names.count("tanh") == 2


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_memory_colours_keep_their_contrast_in_both_themes(mode: str) -> None:
    page = BACKGROUNDS[mode]
    for memory in ("stm", "ltm"):
        assert contrast(PALETTE[mode][f"{memory}-text"], page) >= 4.5, (mode, memory)
        assert contrast(PALETTE[mode][f"{memory}-line"], page) >= 3.0, (mode, memory)


def test_html_with_caption() -> None:
    # (The same bytes in every process: tests/test_same_bytes.py.)
    html = diagram_html("gates", "The cell & its gates")
    assert html.startswith('<figure class="lstm-dg-figure"><svg')
    assert "<figcaption>The cell &amp; its gates</figcaption>" in html
    assert show_diagram("gates")._repr_html_() == diagram_html("gates")


def test_an_unknown_diagram_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"no diagram named 'cell'.*black-box"):
        diagram_svg("cell")


#: The least room, in drawing units, between any two boxes, layers and operation circles, or
#: between one of them and a box it sits in (4.5 CSS px on a 375 px phone).
MIN_GAP = 6.0

Rect = tuple[float, float, float, float]  # left, top, right, bottom


def closed_shapes(svg: ET.Element) -> list[tuple[str, Rect]]:
    """Every rectangle and circle of ``svg`` (circles by their bounding square), by class."""
    shapes = []
    for element in svg.iter():
        tag, cls = element.tag.rsplit("}", 1)[-1], element.get("class", "")
        if tag == "rect":
            x, y = float(element.attrib["x"]), float(element.attrib["y"])
            w, h = float(element.attrib["width"]), float(element.attrib["height"])
            shapes.append((f"{cls} rect at ({x:g}, {y:g})", (x, y, x + w, y + h)))
        elif tag == "circle":
            cx, cy, r = (float(element.attrib[k]) for k in ("cx", "cy", "r"))
            shapes.append((f"{cls} circle at ({cx:g}, {cy:g})", (cx - r, cy - r, cx + r, cy + r)))
    return shapes


def _holds(outer: Rect, inner: Rect) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and (inner[3] <= outer[3])
    )


def gap(a: Rect, b: Rect) -> float:
    """The room between two boxes: between their edges if one holds the other, else between
    them; zero or less if their outlines cross."""
    for outer, inner in ((a, b), (b, a)):
        if _holds(outer, inner):
            return min(
                inner[0] - outer[0], inner[1] - outer[1], outer[2] - inner[2], outer[3] - inner[3]
            )
    across = max(b[0] - a[2], a[0] - b[2])
    down = max(b[1] - a[3], a[1] - b[3])
    return math.hypot(across, down) if across > 0 and down > 0 else max(across, down)


def cramped(svg: ET.Element) -> list[str]:
    """Every pair of boxes, layers and operations closer than :data:`MIN_GAP`."""
    return [
        f"{name_a} and {name_b} are {gap(a, b):.1f} apart"
        for (name_a, a), (name_b, b) in itertools.combinations(closed_shapes(svg), 2)
        if gap(a, b) < MIN_GAP
    ]


def test_no_box_touches_another(svg: ET.Element) -> None:
    assert cramped(svg) == []


def test_the_spacing_check_catches_boxes_that_nearly_touch() -> None:
    # The output gate's box as it was: 2 units right of the input gate's.
    assert gap((178, 42, 302, 208), (304, 104, 426, 268)) == 2
    assert gap((100, 50, 156, 214), (108, 180, 148, 208)) == 6  # a layer inside its gate box
    assert gap((0, 0, 10, 10), (5, 5, 20, 20)) <= 0  # outlines that cross
    assert gap((0, 0, 10, 10), (13, 14, 20, 20)) == 5  # corner to corner
    svg = ET.fromstring(diagram_svg("gates"))
    layer = next(e for e in svg.iter() if e.get("class") == "layer")
    layer.set("x", str(float(layer.attrib["x"]) - 8))  # the forget gate's σ pushed into its box
    assert any(p.startswith("gate rect") and "layer rect" in p for p in cramped(svg))
