"""The review reader's HTML and data as the page ships them: the shipped weights to the bit, the
example links, the opening review's words, slider and scores, and nothing unescaped."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest

from lstm_viz.experiment import review_reader as rr
from lstm_viz.experiment.reader import review_hash, view
from lstm_viz.experiment.results import results
from lstm_viz.experiment.review_task import VOCABULARY
from lstm_viz.presentation.embed import STATIC


@pytest.fixture(scope="module")
def markup() -> str:
    return rr.review_reader(results())


def _data(markup: str) -> dict:
    found = re.search(rf'<script type="application/json" id="{rr.DATA_ID}">(.*?)</script>', markup)
    assert found is not None
    return json.loads(found.group(1))


def test_the_data_holds_the_step_through_models_to_the_bit(markup: str) -> None:
    data = _data(markup)
    assert data["vocabulary"] == list(VOCABULARY) and data["units"] == results().units
    for name, model in results().readers.items():
        shipped = data["models"][name]
        assert shipped["kind"] == model.kind
        for key, value in model.params.items():
            assert np.array_equal(np.array(shipped[key]), value), (name, key)
            assert np.array(shipped[key]).tobytes() == np.ascontiguousarray(value).tobytes()


def test_the_reader_opens_on_its_review_with_links_to_the_examples(markup: str) -> None:
    shown = view(rr.OPENING, **results().readers)
    assert f">{html.escape(rr.OPENING)}</textarea>" in markup
    read = re.findall(r"<li(?: aria-current=\"true\")?>(.*?)</li>", markup)
    assert read == list(shown.words)
    assert f'<li aria-current="true">{shown.words[-1]}</li>' in markup
    assert html.escape(rr.readout(shown)) in markup
    assert rr.word_label(shown.words, len(shown.words)) in markup
    for name, text in rr.EXAMPLES.items():
        assert f'<a href="{html.escape(review_hash(text))}">{html.escape(name)}</a>' in markup
    assert 'data-lstm-viz-modules="review-reader/main.js"' in markup
    assert (STATIC / "review-reader" / "main.js").is_file()


def test_nothing_in_the_data_can_end_its_script_element(markup: str) -> None:
    data = markup.split(f'id="{rr.DATA_ID}">')[1].split("</script>")[0]
    assert "<" not in data


def test_the_readout_says_how_sure_each_model_is() -> None:
    readers = results().readers
    text = rr.readout(view("the acting was bad but i loved the movie", **readers))
    assert re.fullmatch(
        r"After the last word: RNN \d/5 \(\d+%\), LSTM \d/5 \(\d+%\)\. "
        r"With bad ↔ good swapped: RNN \d/5 \(\d+%\), LSTM \d/5 \(\d+%\)\.",
        text,
    ), text
    assert "swapped" not in rr.readout(view("the plot was ok", **readers))
    assert rr.readout(view("", **readers)).startswith("No word of the task yet")
    assert rr.word_label((), 0) == "no word"
    assert rr.word_label(("the", "plot"), 1) == "word 1 of 2: the"
