"""The RNN-versus-LSTM page in real Chromium: its figures draw, the step-through steps, and every
figure reads on a phone and a desktop, in the light and the dark theme.

At 375, 660, 1024 and 1280 px, light and dark: no text of a figure lies over another (panel
titles, axis titles, ticks, legend, the step-through's words), none runs off the page, the
step-through's words are at least 11 px, and every line, marker and bar keeps a contrast of at
least 3:1 against the page (WCAG 2.1, 1.4.11).
"""

from __future__ import annotations

import pytest

from lstm_viz.experiment.review_task import STRETCHED_SENTENCE, parse
from tests.site.figure_checks import DRAWN_COLOURS, TEXT_BOXES, contrast, overlaps

pytestmark = pytest.mark.browser

PAGE = "book/rnn-vs-lstm.html"
WALK = "rnn-lstm-step-through"
FIGURES = ["rnn-lstm-accuracy", "rnn-lstm-loss", "rnn-lstm-gradient-reach", WALK]
WIDTHS = (375, 660, 1024, 1280)


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
    # Every tick of the slider can be clicked: no button lies over it.
    page.locator(f"#{WALK} .slider-rail-touch-rect").scroll_into_view_if_needed()
    covered = page.evaluate(
        f"""() => {{
          const div = document.getElementById('{WALK}');
          const rail = div.querySelector('.slider-rail-touch-rect').getBoundingClientRect();
          return Array.from(div.querySelectorAll('.slider-tick-rect')).filter((tick) => {{
            const r = tick.getBoundingClientRect();
            const top = document.elementFromPoint(r.x + r.width / 2, rail.y + rail.height / 2);
            const slider = ['slider-rail-touch-rect', 'slider-grip-rect'];
            return !top || !slider.some((name) => top.classList.contains(name));
          }}).length;
        }}"""
    )
    assert covered == 0, f"{covered} ticks of the slider lie under something else"
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
