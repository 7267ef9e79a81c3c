"""What a page looks like on a screen, measured in Chromium: sideways scrolling, text over text.

:func:`measure` runs in a page that has finished drawing and returns, for the viewport it has:

* whether the page scrolls sideways, and which elements stick out past the right edge;
* every visible SVG ``text`` of every figure — each Plotly graph (``.js-plotly-plot``) and each
  inline SVG outside one (the book's diagrams) — as a box in CSS pixels.

:func:`text_problems` then compares the boxes of one figure pairwise (:func:`overlaps`) and against
the figure's own frame (:func:`cut_off`). Both are plain Python over boxes, so a reader can check
them by hand; any page's owner can call ``text_problems(measure(page))`` on a page in any state.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

from tests.conftest import ROOT

#: The widths every page is read at: a phone, a small tablet, a tablet landscape, a laptop.
WIDTHS = (375, 660, 1024, 1280)
THEMES = ("light", "dark")
#: Boxes may share this much (CSS px) before they count as overlapping: sub-pixel rounding.
SLACK = 0.5


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in CSS pixels of the viewport."""

    left: float
    top: float
    right: float
    bottom: float

    def overlap(self, other: Box) -> tuple[float, float]:
        """How far the two boxes overlap across and down (negative: the gap between them)."""
        across = min(self.right, other.right) - max(self.left, other.left)
        down = min(self.bottom, other.bottom) - max(self.top, other.top)
        return across, down


@dataclass(frozen=True)
class Text:
    """One visible SVG text of a figure."""

    figure: str
    words: str
    box: Box


@dataclass(frozen=True)
class Measured:
    """One page at one width and theme."""

    width: int
    theme: str
    scroll_width: int
    sticking_out: list[str]
    frames: dict[str, Box]
    texts: list[Text]

    @property
    def scrolls_sideways(self) -> bool:
        return self.scroll_width > self.width


def overlaps(texts: list[Text], slack: float = SLACK) -> list[str]:
    """Every pair of texts of one figure whose boxes overlap by more than ``slack`` both ways."""
    found = []
    for a, b in itertools.combinations(texts, 2):
        across, down = a.box.overlap(b.box)
        if a.figure == b.figure and across > slack and down > slack:
            found.append(
                f"{a.figure}: {a.words!r} overlaps {b.words!r} ({across:.1f}×{down:.1f} px)"
            )
    return found


def cut_off(texts: list[Text], frames: dict[str, Box], slack: float = SLACK) -> list[str]:
    """Every text that reaches outside its figure's frame, where the figure clips it."""
    found = []
    for text in texts:
        frame = frames[text.figure]
        out = max(
            frame.left - text.box.left,
            frame.top - text.box.top,
            text.box.right - frame.right,
            text.box.bottom - frame.bottom,
        )
        if out > slack:
            found.append(f"{text.figure}: {text.words!r} is cut off by {out:.1f} px")
    return found


def text_problems(measured: Measured) -> list[str]:
    """Text over text and text cut off, in every figure of one measured page."""
    return overlaps(measured.texts) + cut_off(measured.texts, measured.frames)


_MEASURE = """() => {
  const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  // Every figure: each Plotly graph, and each outermost inline SVG that holds text.
  const figures = [...document.querySelectorAll(".js-plotly-plot")];
  for (const svg of document.querySelectorAll("svg")) {
    if (!svg.closest(".js-plotly-plot") && !svg.parentElement.closest("svg")
        && svg.querySelector("text")) figures.push(svg);
  }
  const shown = (el, top) => {
    for (let e = el; e && e !== top.parentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || +s.opacity === 0) return false;
    }
    const s = getComputedStyle(el);
    return s.fill !== "none" && +s.fillOpacity > 0 && !/rgba\\(.*,\\s*0\\)$/.test(s.fill);
  };
  const frames = {}, texts = [];
  figures.forEach((fig, n) => {
    const name = fig.id || `figure ${n + 1}`;
    frames[name] = box(fig.getBoundingClientRect());
    for (const t of fig.querySelectorAll("text")) {
      const r = t.getBoundingClientRect();
      if (!t.textContent.trim() || r.width === 0 || r.height === 0 || !shown(t, fig)) continue;
      texts.push({figure: name, words: t.textContent.trim(), box: box(r)});
    }
  });
  // Leaf elements past the right edge that no scrolling box of their own holds.
  const width = document.documentElement.clientWidth, sticking = [];
  const scrolls = el => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== "visible") return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (el.children.length || r.width === 0 || r.right <= width + 0.5 || scrolls(el)) continue;
    sticking.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute("class") || ""}"> ` +
                  `to ${Math.round(r.right)} px: ${el.textContent.trim().slice(0, 60)}`);
  }
  return {
    theme: document.documentElement.dataset.theme,
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    sticking: sticking.slice(0, 8), frames, texts,
  };
}"""


def measure(page: Page, width: int, theme: str) -> Measured:
    """Measure ``page``, drawn at ``width`` px in ``theme``: scrolling and every figure's text."""
    page.evaluate("document.fonts.ready.then(() => true)")
    raw = page.evaluate(_MEASURE)
    if raw["theme"] != theme:
        raise AssertionError(f"the page is in the {raw['theme']} theme, not {theme}")
    return Measured(
        width=width,
        theme=theme,
        scroll_width=raw["scrollWidth"],
        sticking_out=raw["sticking"],
        frames={name: Box(**frame) for name, frame in raw["frames"].items()},
        texts=[Text(t["figure"], t["words"], Box(**t["box"])) for t in raw["texts"]],
    )


def toc_pages(root: Path = ROOT) -> list[str]:
    """Every page of the book as ``_toc.yml`` lists it, as the path of its HTML file."""
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    return [f"{name}.html" for name in re.findall(r"^\s*-?\s*(?:root|file):\s*(\S+)", toc, re.M)]
