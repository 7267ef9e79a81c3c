"""The RNN-versus-LSTM page in real Chromium: its figures draw, and the step-through steps."""

from __future__ import annotations

import pytest

from lstm_viz.experiment.review_task import CHAPTER_SENTENCE, parse

pytestmark = pytest.mark.browser

PAGE = "book/rnn-vs-lstm.html"
WALK = "rnn-lstm-step-through"


def test_the_page_draws_its_four_figures_without_error(visit) -> None:
    seen = visit(PAGE)
    ids = [d.get_attribute("id") for d in seen.page.query_selector_all(".lstm-viz-figure")]
    assert ids == ["rnn-lstm-accuracy", "rnn-lstm-loss", "rnn-lstm-gradient-reach", WALK]
    assert not seen.console_errors and not seen.page_errors and not seen.foreign_requests
    assert "plotly-basic.min.js" in seen.page.content()


def test_the_step_through_has_a_frame_per_word_and_moves_with_the_slider(visit) -> None:
    seen = visit(PAGE)
    page = seen.page
    words = parse(CHAPTER_SENTENCE).words
    frames = page.evaluate(f"document.getElementById('{WALK}')._transitionData._frames.length")
    assert frames == len(words)
    # As drawn: every word read.
    read = f"document.getElementById('{WALK}').data[1].text.length"
    assert page.evaluate(read) == len(words)
    # Click the slider's first tick (the first word, "the"): one word is read.
    bars = f"Array.from(document.getElementById('{WALK}')._fullData[3].y)"
    before = page.evaluate(bars)
    tick = page.locator(f"#{WALK} .slider-tick-rect").first
    tick.scroll_into_view_if_needed()
    box = tick.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(f"{read} === 1")
    assert page.evaluate(bars) != before
    assert page.evaluate(f"document.getElementById('{WALK}').data[3].type") == "bar"
    # The play button walks through the words and ends on the last one.
    page.locator(f"#{WALK} .updatemenu-button").first.click()
    page.wait_for_function(f"{read} === {len(words)}", timeout=20_000)
    assert not seen.console_errors and not seen.page_errors
