"""The RNN and LSTM cells of :mod:`lstm_viz.model.gates` run over whole sequences, a batch at a
time.

Words come in as one-hot vectors, so ``w_ih`` doubles as the word embedding. Sequences of different
lengths share a batch: after a sequence's last word its state is held, so the state at the final
step is every sequence's state after its own last word. A run keeps everything the backward pass
(:mod:`lstm_viz.experiment.training`) needs, and everything the book's step-through shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_viz.model.gates import GATES, lstm_activations, rnn_step

__all__ = ["CELL_KEYS", "LSTMRun", "RNNRun", "inputs", "run_lstm", "run_rnn"]

Float = NDArray[np.float64]

#: The cell's parameters, named and shaped as in :func:`lstm_viz.model.gates.lstm_step`.
CELL_KEYS = ("w_ih", "w_hh", "b_ih", "b_hh")


def inputs(tokens: ArrayLike, lengths: ArrayLike, size: int) -> tuple[Float, Float]:
    """One-hot inputs (T, B, size) and the mask (T, B) of real words, from tokens (B, T).

    ``lengths`` (B,) counts each sequence's words; positions at or after it are padding.
    """
    tokens = np.asarray(tokens)
    lengths = np.asarray(lengths)
    if tokens.ndim != 2 or tokens.dtype.kind not in "iu":
        raise ValueError(f"tokens must be a (B, T) array of word indices, got {tokens.shape}")
    if lengths.shape != tokens.shape[:1] or lengths.dtype.kind not in "iu":
        raise ValueError(f"lengths must be B = {len(tokens)} whole numbers, got {lengths.shape}")
    if np.any(lengths < 1) or np.any(lengths > tokens.shape[1]):
        raise ValueError(f"every length must lie in 1…{tokens.shape[1]}")
    mask = np.arange(tokens.shape[1])[None, :] < lengths[:, None]
    words = tokens[mask]
    if np.any(words < 0) or np.any(words >= size):
        raise ValueError(f"word indices must lie in 0…{size - 1}")
    x = np.zeros((*tokens.shape, size))
    x[mask, words] = 1.0
    return np.ascontiguousarray(x.transpose(1, 0, 2)), mask.T.astype(np.float64)


@dataclass(frozen=True)
class RNNRun:
    """A plain RNN over a batch: ``h`` (T + 1, B, H) holds the start state and every step's."""

    x: Float
    mask: Float
    h: Float


@dataclass(frozen=True)
class LSTMRun:
    """An LSTM over a batch: ``h`` and ``c`` (T + 1, B, H) include the start state.

    ``input``, ``forget``, ``candidate``, ``output`` and ``squashed`` (tanh of the new LTM) are
    the cell's values at each step (T, B, H), as computed before a finished sequence's state is
    held.
    """

    x: Float
    mask: Float
    h: Float
    c: Float
    input: Float
    forget: Float
    candidate: Float
    output: Float
    squashed: Float


def _cell(params: dict[str, Float]) -> list[Float]:
    missing = [key for key in CELL_KEYS if key not in params]
    if missing:
        raise ValueError(f"params lacks {', '.join(missing)}")
    return [params[key] for key in CELL_KEYS]


def _hidden(params: dict[str, Float]) -> int:
    return np.shape(params["w_hh"])[1]


def run_rnn(params: dict[str, Float], tokens: ArrayLike, lengths: ArrayLike) -> RNNRun:
    """The RNN cell (:func:`lstm_viz.model.gates.rnn_step`) over every word, from a zero state."""
    w_ih, w_hh, b_ih, b_hh = _cell(params)
    x, mask = inputs(tokens, lengths, np.shape(w_ih)[1])
    h = np.zeros((x.shape[0] + 1, x.shape[1], _hidden(params)))
    for t in range(x.shape[0]):
        new = rnn_step(x[t], h[t], w_ih, w_hh, b_ih, b_hh)
        h[t + 1] = np.where(mask[t, :, None] > 0, new, h[t])
    return RNNRun(x, mask, h)


def run_lstm(params: dict[str, Float], tokens: ArrayLike, lengths: ArrayLike) -> LSTMRun:
    """The LSTM cell (:func:`lstm_viz.model.gates.lstm_activations`) over every word, from zero
    states."""
    w_ih, w_hh, b_ih, b_hh = _cell(params)
    x, mask = inputs(tokens, lengths, np.shape(w_ih)[1])
    steps, batch, hidden = x.shape[0], x.shape[1], _hidden(params)
    h = np.zeros((steps + 1, batch, hidden))
    c = np.zeros_like(h)
    values = {name: np.zeros((steps, batch, hidden)) for name in _LSTM_VALUES}
    for t in range(steps):
        cell = lstm_activations(x[t], h[t], c[t], w_ih, w_hh, b_ih, b_hh)
        for name in _LSTM_VALUES:
            values[name][t] = getattr(cell, name)
        on = mask[t, :, None] > 0
        h[t + 1] = np.where(on, cell.stm, h[t])
        c[t + 1] = np.where(on, cell.ltm, c[t])
    return LSTMRun(x, mask, h, c, **values)


_LSTM_VALUES = (*GATES, "squashed")
