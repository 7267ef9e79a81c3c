"""The cell diagrams: valid SVG, titled and described, one family, legible in both themes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from lstm_viz.presentation.diagrams import (
    DIAGRAMS,
    PALETTE,
    diagram_html,
    diagram_svg,
    show_diagram,
)
from lstm_viz.presentation.style import COLOURS

NS = {"svg": "http://www.w3.org/2000/svg"}
# The page background of the book's theme (pydata-sphinx-theme) in each mode.
BACKGROUND = {"light": "#ffffff", "dark": "#14181e"}


def luminance(colour: str) -> float:
    """Relative luminance of #rrggbb (WCAG 2.1)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(params=list(DIAGRAMS))
def svg(request) -> ET.Element:
    return ET.fromstring(diagram_svg(request.param))


#: The pictures of one step that grow out of each other; the chapter then unrolls the last.
GROWING = ["black-box", "forget-learn", "how-much-what", "gates"]


def test_the_pictures_in_the_chapters_order() -> None:
    assert list(DIAGRAMS) == [*GROWING, "unrolled"]


def test_each_svg_is_titled_described_and_labelled(svg: ET.Element) -> None:
    title, desc = svg.find("svg:title", NS), svg.find("svg:desc", NS)
    assert list(svg)[:2] == [title, desc], "title and desc come first"
    assert len(title.text) > 10 and len(desc.text) > 80
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    texts = ["".join(t.itertext()).strip() for t in svg.iter(f"{{{NS['svg']}}}text")]
    assert texts and all(texts), "every label is real, non-empty text"
    assert any(t.startswith("LTM c") for t in texts) and any(t.startswith("STM h") for t in texts)


def test_each_svg_scales_from_its_view_box(svg: ET.Element) -> None:
    diagram = DIAGRAMS[svg.get("id").removeprefix("lstm-dg-")]
    width, height = diagram.width, diagram.height
    assert svg.get("viewBox") == f"0 0 {width} {height}"
    assert svg.get("width") is None and svg.get("height") is None
    for element in svg.iter():
        for name in ("x", "cx", "x1", "x2"):
            if element.get(name) is not None:
                assert 0 <= float(element.get(name)) <= width, element.attrib
        for name in ("y", "cy", "y1", "y2"):
            if element.get(name) is not None:
                assert 0 <= float(element.get(name)) <= height, element.attrib
        if element.get("d"):
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", element.get("d"))]
            assert all(0 <= x <= width for x in numbers[0::2])
            assert all(0 <= y <= height for y in numbers[1::2])


def test_one_drawing_vocabulary_and_the_shared_colours() -> None:
    svgs = [ET.fromstring(diagram_svg(name)) for name in DIAGRAMS]
    styles = {s.find("svg:style", NS).text for s in svgs}
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
        return tuple(p.get("d").split(" L")[0] for p in paths if p.get("class") in ("ltm", "stm"))

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
    assert {"forget gate", "input gate", "output", "gate"} <= set(names)
    assert names.count("σ") == 3 and names.count("tanh") == 2


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_memory_colours_keep_their_contrast_in_both_themes(mode: str) -> None:
    page = BACKGROUND[mode]
    for memory in ("stm", "ltm"):
        assert contrast(PALETTE[mode][f"{memory}-text"], page) >= 4.5, (mode, memory)
        assert contrast(PALETTE[mode][f"{memory}-line"], page) >= 3.0, (mode, memory)


def test_the_same_bytes_every_time_and_html_with_caption() -> None:
    for name in DIAGRAMS:
        assert diagram_svg(name) == diagram_svg(name)
    html = diagram_html("gates", "The cell & its gates")
    assert html.startswith('<figure class="lstm-dg-figure"><svg')
    assert "<figcaption>The cell &amp; its gates</figcaption>" in html
    assert show_diagram("gates")._repr_html_() == diagram_html("gates")


def test_an_unknown_diagram_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"no diagram named 'cell'.*black-box"):
        diagram_svg("cell")
