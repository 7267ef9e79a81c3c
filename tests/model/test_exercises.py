"""What the answers to the chapter's explorer exercises on weights and sequences say (book/lstm.md,
exercises 6–8) holds for the model, in the states their links open."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from lstm_viz.model.gates import Neuron, Weights, step
from lstm_viz.model.presets import PRESETS
from lstm_viz.model.ranges import BIAS_RANGE, S_RANGE
from lstm_viz.model.sequence import run_sequence
from lstm_viz.presentation.explorer.state import parse_state

CHAPTER = Path(__file__).resolve().parents[2] / "book" / "lstm.md"


def _link(words: str) -> dict:
    """The state of the chapter's explore link with these words."""
    match = re.search(r"\{explore\}`" + re.escape(words) + r" <([^>]*)>`", CHAPTER.read_text())
    assert match, words
    return parse_state(match.group(1))


def test_6_the_latch_holds_what_the_books_cell_lets_fade() -> None:
    st = _link("Write a strong input, then wait")
    book = run_sequence(st["x"], st["c_prev"])
    latch = run_sequence(st["x"], st["c_prev"], weights=PRESETS["latch"].weights)
    assert len(st["x"]) == 11 and not any(st["x"][1:])  # one strong input, ten quiet steps
    assert book.ltm[-1] < 0.5 * book.ltm[0]
    assert np.all(np.abs(latch.ltm[1:] - latch.ltm[0]) <= 0.05 * latch.ltm[0])
    assert np.all(latch.forget[1:] > 0.99) and np.all(latch.input[1:] < 0.01)  # open, shut


def test_7_biases_keep_the_forget_gate_open_and_the_input_gate_shut() -> None:
    s = np.linspace(*S_RANGE, 241)
    weights = Weights(forget=Neuron(0.0, BIAS_RANGE[1]), input=Neuron(0.0, BIAS_RANGE[0]))
    cell = step(s, 1.0, weights=weights)
    assert np.all(cell.forget > 0.99) and np.all(cell.input < 0.01)
    book = step(s, 1.0)
    assert np.array_equal(book.forget, book.input) and np.array_equal(book.forget, book.output)


def test_8_a_forget_bias_keeps_more_and_the_memory_drifts_up() -> None:
    st = _link("Run a strong input and quiet steps")
    s = np.linspace(*S_RANGE, 241)
    biased = PRESETS["forget-bias"].weights
    assert np.all(step(s, 1.0, weights=biased).forget > step(s, 1.0).forget)
    book = run_sequence(st["x"], st["c_prev"])
    more = run_sequence(st["x"], st["c_prev"], weights=biased)
    assert np.all(more.ltm[1:] > book.ltm[1:])  # more of the memory is left at every step
    assert book.ltm[-1] < book.ltm[0]  # the book's cell lets it fade …
    assert np.all(np.diff(more.ltm[1:]) > 0)  # … with the bias it grows over the quiet steps,
    assert np.all(more.stm[:-1] > 0) and np.all(more.learned[1:] > 0)  # fed by its own STM
