"""The RNN-versus-LSTM page in real Chromium: its figures draw, the step-through steps, and every
figure reads on a phone and a desktop, in the light and the dark theme.

At 375, 660, 1024 and 1280 px, light and dark: no text of a figure lies over another (panel
titles, axis titles, ticks, legend, the step-through's words), none runs off the page, the
step-through's words are at least 11 px, and every line, marker and bar keeps a contrast of at
least 3:1 against the page (WCAG 2.1, 1.4.11).
"""

from __future__ import annotations

import re

import pytest

from lstm_viz.experiment.review_task import STRETCHED_SENTENCE, parse

pytestmark = pytest.mark.browser

PAGE = "book/rnn-vs-lstm.html"
WALK = "rnn-lstm-step-through"
FIGURES = ["rnn-lstm-accuracy", "rnn-lstm-loss", "rnn-lstm-gradient-reach", WALK]
WIDTHS = (375, 660, 1024, 1280)

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


def _rgb(colour: str) -> tuple[float, float, float]:
    if colour.startswith("#"):
        return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]
    numbers = [float(n) for n in re.findall(r"[\d.]+", colour)[:3]]
    return tuple(n / 255 for n in numbers)  # type: ignore[return-value]


def _luminance(colour: str) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


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


def test_the_overlap_check_sees_text_over_text() -> None:
    """The check itself: two boxes that share a corner region are found, touching ones are not."""
    box = {"figure": "f", "x0": 0, "y0": 0, "x1": 10, "y1": 10}
    assert overlaps([{**box, "text": "a"}, {**box, "text": "b", "x0": 8, "y0": 8, "x1": 20}])
    assert not overlaps([{**box, "text": "a"}, {**box, "text": "b", "x0": 9.5, "x1": 20}])
    assert contrast("#ffffff", "#000000") == pytest.approx(21)


def test_the_page_draws_its_four_figures_without_error(visit) -> None:
    seen = visit(PAGE)
    ids = [d.get_attribute("id") for d in seen.page.query_selector_all(".lstm-viz-figure")]
    assert ids == FIGURES
    assert not seen.console_errors and not seen.page_errors and not seen.foreign_requests
    assert "plotly-basic.min.js" in seen.page.content()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_figure_reads_at_every_width_in_both_themes(visit, width: int, theme: str) -> None:
    seen = visit(PAGE, viewport={"width": width, "height": 900}, color_scheme=theme)
    page = seen.page
    page.wait_for_function(f"document.documentElement.dataset.theme === '{theme}'")
    boxes = page.evaluate(TEXT_BOXES, FIGURES)
    assert {b["figure"] for b in boxes} == set(FIGURES)
    assert not overlaps(boxes), overlaps(boxes)
    page_width = page.evaluate("document.documentElement.clientWidth")
    outside = [b["text"] for b in boxes if b["x0"] < -1 or b["x1"] > page_width + 1]
    assert not outside, f"text off the page at {width} px: {outside}"
    words = [b for b in boxes if b["figure"] == WALK and b["word"]]
    assert len(words) == len(parse(STRETCHED_SENTENCE).words)
    assert min(b["size"] for b in words) >= 11
    drawn = page.evaluate(DRAWN_COLOURS, FIGURES)
    background = drawn["background"]
    faint = [
        f"{figure}: {name} {colour} ({contrast(colour, background):.2f}:1)"
        for figure, name, colour in drawn["colours"]
        if contrast(colour, background) < 3
    ]
    assert not faint, f"on {background}: {faint}"


def test_the_step_through_has_a_frame_per_word_and_moves_with_the_slider(visit) -> None:
    seen = visit(PAGE)
    page = seen.page
    words = parse(STRETCHED_SENTENCE).words
    frames = page.evaluate(f"document.getElementById('{WALK}')._transitionData._frames.length")
    assert frames == len(words)
    # As drawn: every word read.
    read = f"document.getElementById('{WALK}').data[0].text.length"
    assert page.evaluate(read) == len(words)
    # Click the slider's first tick (the first word, "the"): one word is read.
    bars = f"Array.from(document.getElementById('{WALK}')._fullData[2].y)"
    before = page.evaluate(bars)
    tick = page.locator(f"#{WALK} .slider-tick-rect").first
    tick.scroll_into_view_if_needed()
    box = tick.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(f"{read} === 1")
    assert page.evaluate(bars) != before
    assert page.evaluate(f"document.getElementById('{WALK}').data[2].type") == "bar"
    # The play button walks through the words and ends on the last one.
    page.locator(f"#{WALK} .updatemenu-button").first.click()
    page.wait_for_function(f"{read} === {len(words)}", timeout=20_000)
    assert not seen.console_errors and not seen.page_errors
