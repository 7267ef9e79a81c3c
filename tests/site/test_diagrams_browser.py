"""Every diagram of lstm_viz.presentation.diagrams, drawn in the chapter's column in Chromium: its
labels clear of every line, arrowhead and box, and at least 11 CSS px on a 375 px phone.

Each diagram of :data:`DIAGRAMS` is put in place of the chapter's first diagram, so a new one is
checked as soon as it is registered, whichever page shows it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from lstm_viz.presentation.diagrams import DIAGRAMS, diagram_html
from lstm_viz.presentation.diagrams.cell import INPUT_GATE_X
from tests.site.layout import Box

pytestmark = pytest.mark.browser

#: The smallest label on a 375 px phone, in CSS px (the issue's floor).
MIN_FONT_PX = 11
#: How far (drawing units) a label keeps from any stroke, beyond half the stroke's width.
CLEARANCE = 1.0

# The labels of the diagram now in the page's first diagram slot, and every stroke sampled along
# its outline (drawing units), with the smallest label size in CSS px.
GEOMETRY = """() => {
  const svg = document.querySelector("svg.lstm-dg");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll("text")].map(t => {
    const b = t.getBBox();
    return {words: t.textContent, cls: t.getAttribute("class") || "",
            box: {left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height}};
  });
  const shapes = [];
  for (const el of svg.querySelectorAll("path, polygon, rect, circle, line, polyline")) {
    const style = getComputedStyle(el);
    const stroked = style.stroke !== "none" && parseFloat(style.strokeWidth) > 0;
    const length = el.getTotalLength(), points = [];
    for (let d = 0; d <= length; d += 0.5) {
      const p = el.getPointAtLength(d);
      points.push([p.x, p.y]);
    }
    const r = el.tagName === "circle" ? el.r.baseVal.value : 0;
    shapes.push({tag: el.tagName, cls: el.getAttribute("class") || "", points, r,
                 centre: r ? [el.cx.baseVal.value, el.cy.baseVal.value] : null,
                 half: stroked ? parseFloat(style.strokeWidth) / 2 : 0});
  }
  const sizes = [...svg.querySelectorAll("text, tspan")]
    .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return {texts, shapes, minFont: Math.min(...sizes), width: svg.getBoundingClientRect().width};
}"""


def _inside(point: list[float], box: Box, margin: float) -> bool:
    x, y = point
    return box.left - margin < x < box.right + margin and box.top - margin < y < box.bottom + margin


def _in_op_circle(text: dict, shapes: list[dict]) -> bool:
    """Whether ``text`` is an operation's sign (× or +) centred in its circle."""
    box = Box(**text["box"])
    x, y = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    return "op-sign" in text["cls"].split() and any(
        (x - s["centre"][0]) ** 2 + (y - s["centre"][1]) ** 2 < s["r"] ** 2
        for s in shapes
        if s["centre"]
    )


def crossings(found: dict) -> list[str]:
    """Every label whose box (widened by the clearance) a stroke passes through.

    An operation's sign is its circle's own glyph: the filled circle covers the lines that meet
    it, and its outline is what the box-spacing test of tests/presentation checks.
    """
    problems = []
    for text in found["texts"]:
        if _in_op_circle(text, found["shapes"]):
            continue
        box = Box(**text["box"])
        for shape in found["shapes"]:
            margin = CLEARANCE + shape["half"]
            hits = [p for p in shape["points"] if _inside(p, box, margin)]
            if hits:
                where = f"({hits[0][0]:.0f}, {hits[0][1]:.0f})"
                problems.append(
                    f"{text['words']!r} is crossed by a {shape['tag']}.{shape['cls']} at {where}"
                )
    return problems


def _drawn(visit, width: int, name: str) -> Page:
    """The chapter at ``width`` px with diagram ``name`` in place of its first diagram."""
    page = visit("book/lstm.html", viewport={"width": width, "height": 800}).page
    assert page.locator("figure.lstm-dg-figure").count(), "the chapter shows no diagram to replace"
    page.evaluate(
        "html => { document.querySelector('figure.lstm-dg-figure').outerHTML = html; }",
        diagram_html(name),
    )
    return page


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_labels_clear_every_line_arrow_and_box(visit, name: str) -> None:
    found = _drawn(visit, 1280, name).evaluate(GEOMETRY)
    assert found["texts"] and found["shapes"]
    problems = crossings(found)
    assert not problems, f"{name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_labels_are_at_least_11_px_on_a_phone(visit, name: str) -> None:
    found = _drawn(visit, 375, name).evaluate(GEOMETRY)
    assert found["minFont"] >= MIN_FONT_PX, (
        f"{name}: the smallest label is {found['minFont']:.1f} px in a {found['width']:.0f} px "
        "drawing at 375 px"
    )


def test_the_check_catches_a_label_across_an_arrow(visit) -> None:
    """The old "how much" under the input gate's σ: centred on the wire that feeds the layer."""
    page = _drawn(visit, 1280, "how-much-what")
    assert crossings(page.evaluate(GEOMETRY)) == []
    page.evaluate(
        "x => { const t = [...document.querySelector('svg.lstm-dg').querySelectorAll('text')]"
        ".find(t => t.textContent === 'how');"
        " t.setAttribute('text-anchor', 'middle'); t.setAttribute('x', x); }",
        str(INPUT_GATE_X),
    )
    problems = crossings(page.evaluate(GEOMETRY))
    assert any(p.startswith("'how' is crossed by a path.wire") for p in problems), problems
