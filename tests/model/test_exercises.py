"""The chapter's exercises (book/lstm.md, ## Exercises) open the explorer's challenges and
questions, each once, named exactly; and what they ask about holds for the model in the states
they open."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from lstm_viz.model.gates import Neuron, Weights, step
from lstm_viz.model.presets import PRESETS
from lstm_viz.model.ranges import BIAS_RANGE, S_RANGE
from lstm_viz.model.sequence import run_sequence
from lstm_viz.presentation.explorer.challenges import met
from lstm_viz.presentation.explorer.goals import GOALS
from lstm_viz.presentation.explorer.state import parse_state, read_state

CHAPTER = Path(__file__).resolve().parents[2] / "book" / "lstm.md"
#: At most this many words in the section (answers are on the explorer page).
WORDS = 400


def _section() -> str:
    text = CHAPTER.read_text()
    return text[text.index("## Exercises") :]


def _links() -> list[tuple[str, str]]:
    """(words, state) of every explore link of the Exercises section."""
    return re.findall(r"\{explore\}`([^<`]*) <([^>]*)>`", _section())


def test_every_challenge_and_question_is_an_exercise_once() -> None:
    goals = [parse_state(state).get("goal") for _, state in _links()]
    assert sorted(goals) == sorted(GOALS)  # type: ignore[type-var]


def test_no_link_that_sets_s_says_stm_and_the_section_is_short() -> None:
    for words, state in _links():
        values = read_state(state).values
        start = GOALS[str(values["goal"])].start
        if "s=" in start:
            assert "STM" not in words, words  # s is the gate input; the STM is h alone
    visible = re.sub(r"\{explore\}`([^<`]*) <[^>]*>`", r"\1", _section())
    visible = re.sub(r"\{doc\}`([^`]*)`", r"\1", visible)
    assert len(re.findall(r"[\w−'.]+", visible.replace("## ", ""))) <= WORDS


def test_6_the_latch_holds_what_the_books_cell_lets_fade() -> None:
    st = read_state(GOALS["hold"].start).values
    x, c0 = st["x"], float(st["c_prev"])  # type: ignore[arg-type]
    book = run_sequence(x, c0)  # type: ignore[arg-type]
    latch = run_sequence(x, c0, weights=PRESETS["latch"].weights)  # type: ignore[arg-type]
    assert len(x) == 11 and not any(x[1:])  # type: ignore[arg-type,index]
    assert book.ltm[-1] < 0.5 * book.ltm[0]
    assert np.all(np.abs(latch.ltm[1:] - latch.ltm[0]) <= 0.05 * latch.ltm[0])
    assert np.all(latch.forget[1:] > 0.99) and np.all(latch.input[1:] < 0.01)  # open, shut
    assert not met("hold", GOALS["hold"].start)


def test_7_biases_keep_the_forget_gate_open_and_the_input_gate_shut() -> None:
    s = np.linspace(*S_RANGE, 241)
    weights = Weights(forget=Neuron(0.0, BIAS_RANGE[1]), input=Neuron(0.0, BIAS_RANGE[0]))
    cell = step(s, 1.0, weights=weights)
    assert np.all(cell.forget > 0.99) and np.all(cell.input < 0.01)
    book = step(s, 1.0)
    assert np.array_equal(book.forget, book.input) and np.array_equal(book.forget, book.output)


def test_8_a_forget_bias_keeps_more_and_the_memory_drifts_up() -> None:
    st = read_state(GOALS["bias-drift"].start).values
    x, c0 = st["x"], float(st["c_prev"])  # type: ignore[arg-type]
    biased = PRESETS["forget-bias"].weights
    assert float(st["b_forget"]) == biased.forget.b  # type: ignore[arg-type]
    s = np.linspace(*S_RANGE, 241)
    assert np.all(step(s, 1.0, weights=biased).forget > step(s, 1.0).forget)
    book = run_sequence(x, c0)  # type: ignore[arg-type]
    more = run_sequence(x, c0, weights=biased)  # type: ignore[arg-type]
    assert np.all(more.ltm[1:] > book.ltm[1:])  # more of the memory is left at every step
    assert book.ltm[-1] < book.ltm[0]  # the book's cell lets it fade …
    assert np.all(np.diff(more.ltm[1:]) > 0)  # … with the bias it grows over the quiet steps,
    assert np.all(more.stm[:-1] > 0) and np.all(more.learned[1:] > 0)  # fed by its own STM
