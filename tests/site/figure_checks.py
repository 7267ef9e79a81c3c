"""Reading figures back in Chromium: every text's box, every line's colour, and the checks on
them (text over text, contrast against the page), shared by the pages' browser tests."""

from __future__ import annotations

from lstm_viz.presentation.colour import contrast

__all__ = ["DRAWN_COLOURS", "TEXT_BOXES", "contrast", "overlaps"]

# Every visible text element of each figure, with its box; pairs whose boxes overlap by more than
# a pixel each way; texts that run past the page's edges.
TEXT_BOXES = """
(ids) => ids.map((id) => {
  const div = document.getElementById(id);
  return Array.from(div.querySelectorAll("text")).filter((t) => {
    const s = getComputedStyle(t);
    const r = t.getBoundingClientRect();
    return t.textContent.trim() && s.display !== "none" && s.visibility !== "hidden"
      && r.width > 0 && r.height > 0;
  }).map((t) => {
    const r = t.getBoundingClientRect();
    return {figure: id, text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize),
            word: !!t.closest(".textpoint"),
            x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
  });
}).flat()
"""

# The colour of every line, marker and bar as Plotly drew it, and the page's background.
DRAWN_COLOURS = """
(ids) => {
  const colours = [];
  for (const id of ids) {
    const div = document.getElementById(id);
    for (const trace of div._fullData) {
      if (trace.visible !== true) continue;
      const mode = trace.mode || "";
      if (trace.type === "bar") colours.push([id, trace.name, trace.marker.color]);
      if (mode.includes("lines")) colours.push([id, trace.name, trace.line.color]);
      if (mode.includes("markers")) colours.push([id, trace.name, trace.marker.color]);
    }
  }
  let node = document.querySelector(".bd-main") || document.body, background = "";
  while (node) {
    background = getComputedStyle(node).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(background) && background !== "transparent") break;
    node = node.parentElement;
  }
  return {colours, background: background || "rgb(255, 255, 255)"};
}
"""


def overlaps(boxes: list[dict]) -> list[str]:
    """Pairs of texts of one figure whose boxes overlap by more than a pixel both ways."""
    found = []
    for n, a in enumerate(boxes):
        for b in boxes[n + 1 :]:
            wide = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            tall = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
            if a["figure"] == b["figure"] and wide > 1 and tall > 1:
                found.append(f"{a['figure']}: {a['text']!r} over {b['text']!r}")
    return found
