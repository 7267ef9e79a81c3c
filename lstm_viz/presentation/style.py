"""Colours and names shared by every figure, diagram and the explorer (STM green, LTM purple)."""

from __future__ import annotations

#: One colour per quantity; the explorer's script reads the same values from the figure it is given.
COLOURS: dict[str, str] = {
    "stm_prev": "#2e9e4f",  # the STM s, "previous STM + input"
    "ltm_prev": "#8e44ad",  # the previous LTM c_prev
    "forget": "#d9534f",
    "input": "#2b7bba",
    "candidate": "#e08e0b",
    "output": "#17a2b8",
    "kept": "#b07cc6",
    "learned": "#5aa9e6",
    "ltm": "#8e44ad",
    "stm": "#2e9e4f",
    "rnn": "#c0392b",  # the plain RNN, where the two models are compared
    "lstm": "#8e44ad",  # the LSTM: the colour of the LTM it adds
    "reference": "#95a5a6",  # baselines such as chance
}

#: How the book names each quantity of :class:`lstm_viz.model.gates.Gates`, with its symbol.
LABELS: dict[str, str] = {
    "forget": "forget gate f",
    "input": "input gate i",
    "candidate": "candidate g",
    "output": "output gate o",
    "kept": "kept f·c",
    "learned": "learned i·g",
    "ltm": "new LTM c_t",
    "stm": "new STM h_t",
}
