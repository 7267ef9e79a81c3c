"""Running the cells over sequences: the same numbers as step by step, and padding that changes
nothing."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.experiment.sequences import inputs, run_lstm, run_rnn
from lstm_viz.experiment.training import init_params
from lstm_viz.model.gates import lstm_activations, lstm_step, rnn_step


def _params(kind: str, seed: int = 0) -> dict:
    return init_params(kind, 5, 3, 4, np.random.default_rng(seed))


def test_one_hot_inputs_and_mask() -> None:
    x, mask = inputs(np.array([[2, 0, -1], [4, 4, 1]]), np.array([2, 3]), 5)
    assert x.shape == (3, 2, 5) and mask.shape == (3, 2)
    assert x[0, 0].tolist() == [0, 0, 1, 0, 0] and x[2, 1].tolist() == [0, 1, 0, 0, 0]
    assert not x[2, 0].any()
    assert mask.T.tolist() == [[1, 1, 0], [1, 1, 1]]


def test_run_rnn_is_rnn_step_word_after_word() -> None:
    p = _params("rnn")
    tokens = [3, 1, 4, 1, 0]
    run = run_rnn(p, np.array([tokens]), np.array([5]))
    h = np.zeros(3)
    for t, word in enumerate(tokens):
        h = rnn_step(np.eye(5)[word], h, p["w_ih"], p["w_hh"], p["b_ih"], p["b_hh"])
        np.testing.assert_array_equal(run.h[t + 1, 0], h)


def test_run_lstm_is_lstm_step_word_after_word_and_keeps_every_gate() -> None:
    p = _params("lstm")
    tokens = [3, 1, 4, 1, 0]
    run = run_lstm(p, np.array([tokens]), np.array([5]))
    h = c = np.zeros(3)
    for t, word in enumerate(tokens):
        x = np.eye(5)[word]
        cell = lstm_activations(x, h, c, p["w_ih"], p["w_hh"], p["b_ih"], p["b_hh"])
        h, c = lstm_step(x, h, c, p["w_ih"], p["w_hh"], p["b_ih"], p["b_hh"])
        np.testing.assert_array_equal(run.h[t + 1, 0], h)
        np.testing.assert_array_equal(run.c[t + 1, 0], c)
        for name in ("input", "forget", "candidate", "output", "squashed"):
            np.testing.assert_array_equal(getattr(run, name)[t, 0], getattr(cell, name))
    assert np.all((run.forget > 0) & (run.forget < 1))


def test_lstm_activations_agree_with_lstm_step() -> None:
    rng = np.random.default_rng(1)
    p = _params("lstm", 1)
    x, h, c = rng.normal(size=(2, 5)), rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    cell = lstm_activations(x, h, c, p["w_ih"], p["w_hh"], p["b_ih"], p["b_hh"])
    new_h, new_c = lstm_step(x, h, c, p["w_ih"], p["w_hh"], p["b_ih"], p["b_hh"])
    np.testing.assert_array_equal(cell.stm, new_h)
    np.testing.assert_array_equal(cell.ltm, new_c)
    np.testing.assert_array_equal(cell.ltm, cell.forget * c + cell.input * cell.candidate)
    np.testing.assert_array_equal(cell.stm, cell.output * cell.squashed)


@pytest.mark.parametrize("runner,kind", [(run_rnn, "rnn"), (run_lstm, "lstm")])
def test_padding_holds_the_state_of_a_shorter_sequence(runner, kind: str) -> None:
    p = _params(kind)
    alone = runner(p, np.array([[1, 2]]), np.array([2]))
    batch = runner(p, np.array([[1, 2, -1, -1], [0, 1, 2, 3]]), np.array([2, 4]))
    np.testing.assert_array_equal(batch.h[-1, 0], alone.h[-1, 0])
    np.testing.assert_array_equal(batch.h[2:, 0], np.broadcast_to(alone.h[-1, 0], (3, 3)))


@pytest.mark.parametrize(
    ("tokens", "lengths", "message"),
    [
        (np.array([1, 2]), np.array([2]), "tokens must"),
        (np.array([[1, 2]]), np.array([3]), "every length"),
        (np.array([[1, 9]]), np.array([2]), "word indices"),
        (np.array([[1, -1]]), np.array([2]), "word indices"),
        (np.array([[1, 2]]), np.array([2, 2]), "lengths must"),
    ],
)
def test_bad_sequences_are_named(tokens, lengths, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        run_rnn(_params("rnn"), tokens, lengths)


def test_missing_parameters_are_named() -> None:
    p = _params("rnn")
    del p["w_hh"]
    with pytest.raises(ValueError, match="w_hh"):
        run_rnn(p, np.array([[1]]), np.array([1]))
