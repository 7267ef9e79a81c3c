"""The chapter's "Over many steps" in real Chromium: the unrolled diagram and the figure read on a
phone and a desktop, light and dark."""

from __future__ import annotations

import pytest

from tests.site.figure_checks import DRAWN_COLOURS, TEXT_BOXES, contrast, overlaps

pytestmark = pytest.mark.browser

PAGE = "book/lstm.html"
FIGURE = "memory-over-time"

# The unrolled diagram's labels: each one's rendered font size and box.
DIAGRAM_TEXT = """() => {
  const svg = document.getElementById("lstm-dg-unrolled");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll("text")).map((t) => {
    const r = t.getBoundingClientRect();
    const sizes = [t, ...t.querySelectorAll("tspan")].map(
      (e) => parseFloat(getComputedStyle(e).fontSize) * scale);
    return {figure: "unrolled", text: t.textContent, size: Math.min(...sizes),
            x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
  });
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 660, 1024, 1280])
def test_the_time_axis_reads_at_every_width(visit, width: int, theme: str) -> None:
    seen = visit(PAGE, viewport={"width": width, "height": 900}, color_scheme=theme)
    page = seen.page
    page.wait_for_function(f"document.documentElement.dataset.theme === '{theme}'")
    labels = page.evaluate(DIAGRAM_TEXT)
    assert len(labels) > 20
    small = [(b["text"], round(b["size"], 1)) for b in labels if b["size"] < 11]
    assert not small, f"diagram labels under 11 px at {width} px: {small}"
    boxes = page.evaluate(TEXT_BOXES, [FIGURE])
    assert not overlaps(labels) and not overlaps(boxes), overlaps(labels) + overlaps(boxes)
    drawn = page.evaluate(DRAWN_COLOURS, [FIGURE])
    faint = [
        (name, colour, round(contrast(colour, drawn["background"]), 2))
        for _, name, colour in drawn["colours"]
        if contrast(colour, drawn["background"]) < 3
    ]
    assert not faint, faint
