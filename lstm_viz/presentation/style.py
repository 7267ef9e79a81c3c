"""Colours and names shared by every figure, diagram and the explorer (STM green, LTM purple).

A line or marker needs at least 3:1 contrast against the page in the light and the dark theme (WCAG
1.4.11; :data:`lstm_viz.presentation.colour.BACKGROUNDS`), and within one figure no two traces may
share a colour or look alike (tests/presentation/test_figures.py checks both for the chapter's
figure). So ``candidate`` is a darker orange than it was (2.6:1 on white) and ``learned`` a magenta
instead of a third blue; ``gates`` draws sigmoid gates that coincide (f = i = o in the book's cell)
as one curve.
"""

from __future__ import annotations

#: One colour per quantity; the explorer's script reads the same values from the figure it is given.
COLOURS: dict[str, str] = {
    "stm_prev": "#2e9e4f",  # the gate input s, "Prev. STM + input"
    "ltm_prev": "#8e44ad",  # the previous LTM c_prev
    "forget": "#d9534f",
    "input": "#2b7bba",
    "candidate": "#b8730a",
    "output": "#17a2b8",
    "kept": "#b07cc6",
    "gates": "#5c6b7a",  # sigmoid gates that coincide, drawn as one curve (f = i = o)
    "learned": "#c8389a",
    "ltm": "#8e44ad",
    "stm": "#2e9e4f",
    # The experiment's five models: colours no gate or memory uses, since one figure (the
    # step-through) shows a model beside the LSTM's gates and memories; each at least 3:1 against
    # the light and the dark page. The models added to answer objections are drawn dashed too.
    "rnn": "#5d6d7e",  # the plain RNN: slate
    "rnn-matched": "#4a6fa5",  # the RNN with about the LSTM's parameter count: blue-grey
    "rnn-orthogonal": "#238a7a",  # the RNN whose recurrent weights start orthogonal: teal
    "lstm": "#b5489a",  # the LSTM: magenta
    "lstm-bias0": "#c762ab",  # the LSTM whose forget gates start at bias 0: light magenta
    "reference": "#8c7f73",  # baselines such as chance: warm grey
    "sequence_input": "#6b7b7c",  # the input x_t of a sequence
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
