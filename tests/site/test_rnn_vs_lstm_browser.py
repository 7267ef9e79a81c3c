"""The RNN-versus-LSTM page in real Chromium: its figures draw, no run of the accuracy figure hides
under another, and every figure reads on a phone and a desktop, in the light and the dark theme.

At 375, 660, 1024 and 1280 px, light and dark: no text of a figure lies over another (panel
titles, axis titles, ticks, legend, labels), none runs off the page, and every line, marker and bar
keeps a contrast of at least 3:1 against the page (WCAG 2.1, 1.4.11). The review reader has its
own tests (test_rnn_vs_lstm_reader.py).
"""

from __future__ import annotations

import pytest

from lstm_viz.experiment.runs import MODELS, REGIMES, SEEDS
from tests.site.figure_checks import DRAWN_COLOURS, TEXT_BOXES, contrast, overlaps
from tests.site.layout import WIDTHS

pytestmark = pytest.mark.browser

PAGE = "book/rnn-vs-lstm.html"
WALK = "rnn-lstm-step-through"
FIGURES = ["rnn-lstm-accuracy", "rnn-lstm-loss", "rnn-lstm-gradient-reach", WALK]


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
    assert min(b["size"] for b in boxes) >= 11
    drawn = page.evaluate(DRAWN_COLOURS, FIGURES)
    background = drawn["background"]
    faint = [
        f"{figure}: {name} {colour} ({contrast(colour, background):.2f}:1)"
        for figure, name, colour in drawn["colours"]
        if contrast(colour, background) < 3
    ]
    assert not faint, f"on {background}: {faint}"


# For each line of the accuracy figure (a trace whose meta lists the runs it draws): whether some
# point of it lies clear of every line and marker drawn after it in its panel, in pixels as drawn;
# and the count labels of each panel.
SEEN_RUNS = """(id) => {
  const div = document.getElementById(id);
  const layout = div._fullLayout;
  const pixels = (t) => {
    const xa = layout[t.xaxis.replace("x", "xaxis")], ya = layout[t.yaxis.replace("y", "yaxis")];
    return t.x.map((x, k) => [xa._offset + xa.l2p(x), ya._offset + ya.l2p(t.y[k])]);
  };
  const toSegment = ([px, py], [ax, ay], [bx, by]) => {
    const dx = bx - ax, dy = by - ay, length = dx * dx + dy * dy;
    const u = length ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length)) : 0;
    return Math.hypot(px - ax - u * dx, py - ay - u * dy);
  };
  const traces = div._fullData.filter((t) => t.visible === true);
  const lines = [];
  traces.forEach((t, k) => {
    if (!Array.isArray(t.meta)) return;
    const mine = pixels(t);
    const later = traces.slice(k + 1).filter((o) => o.xaxis === t.xaxis && o.yaxis === t.yaxis);
    const covers = (p) => later.some((o) => {
      const them = pixels(o), mode = o.mode || "";
      const line = mode.includes("lines") && them.slice(1).some((b, j) =>
        toSegment(p, them[j], b) <= o.line.width / 2 + 0.5);
      const dot = mode.includes("markers") && them.some((b) =>
        Math.hypot(p[0] - b[0], p[1] - b[1]) <= o.marker.size / 2 + 0.5);
      return line || dot;
    });
    let seen = false;
    for (let j = 0; j + 1 < mine.length && !seen; j++) {
      for (let s = 0; s <= 20 && !seen; s++) {
        const p = [mine[j][0] + (mine[j + 1][0] - mine[j][0]) * s / 20,
                   mine[j][1] + (mine[j + 1][1] - mine[j][1]) * s / 20];
        seen = !covers(p);
      }
    }
    lines.push({runs: t.meta, seen, panel: t.xaxis + t.yaxis});
  });
  const labels = layout.annotations.filter((a) => a.name === "runs-on-one-line")
    .map((a) => ({text: a.text, panel: a.xref + a.yref}));
  return {lines, labels};
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_every_run_of_the_accuracy_figure_is_seen_or_counted(visit, width: int) -> None:
    """No run is fully covered: each is a line with visible pixels, or one of the runs a line
    stands for, counted by its panel's label (×k)."""
    page = visit(PAGE, viewport={"width": width, "height": 900}).page
    found = page.evaluate(SEEN_RUNS, FIGURES[0])
    runs = [run for line in found["lines"] for run in line["runs"]]
    assert sorted(runs) == sorted(f"{r}/{m}/{s}" for r in REGIMES for m in MODELS for s in SEEDS)
    hidden = [line["runs"] for line in found["lines"] if not line["seen"]]
    assert not hidden, f"lines fully covered by others at {width} px: {hidden}"
    counted = sorted((line["panel"], f"×{len(line['runs'])}") for line in found["lines"]
                     if len(line["runs"]) > 1)  # fmt: skip
    assert counted == sorted((label["panel"], label["text"]) for label in found["labels"])


def test_the_overlap_check_sees_a_covered_run(visit) -> None:
    """The check itself: a run drawn again on top of another's line makes that one unseen."""
    page = visit(PAGE).page
    page.evaluate(
        f"""() => {{
          const div = document.getElementById("{FIGURES[0]}");
          const line = div.data.find((t) => Array.isArray(t.meta));
          return Plotly.addTraces(div, {{...line, meta: ["copy"]}});
        }}"""
    )
    found = page.evaluate(SEEN_RUNS, FIGURES[0])
    assert [line["seen"] for line in found["lines"] if line["runs"] != ["copy"]].count(False) == 1
