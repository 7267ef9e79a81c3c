"""Two models reading one review word by word: a Plotly figure with a frame per word.

One column of panels, the same on a phone as on a desktop: the review read so far (its words laid
out in short lines, so they never run together), the RNN's hidden state and the score it would
give, the LSTM's four gates, its LTM c_t and STM h_t, and the score it would give. A slider and a
play button step through the words (Plotly frames, baked into the page like every figure).

Colours: each gate and memory has the chapter's colour, each model its own
(:data:`lstm_viz.presentation.style.COLOURS`); no colour means two things.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz.experiment.measure import Walk
from lstm_viz.experiment.review_task import SCORES
from lstm_viz.model.gates import GATES
from lstm_viz.presentation.figures import base_layout
from lstm_viz.presentation.layouts import legend_on_top
from lstm_viz.presentation.style import COLOURS, LABELS

__all__ = ["LINE_CHARACTERS", "step_through", "word_places"]

#: The longest line of the review, in characters: short enough to fit a phone at 13 px.
LINE_CHARACTERS = 34
_WORD_SIZE = 13
_PANELS = (
    ("the review so far", 0.12),
    ("RNN: hidden state h<sub>t</sub>, unit by unit", 0.15),
    ("RNN: its score on the review so far", 0.12),
    ("LSTM: its four gates, unit by unit", 0.19),
    ("LSTM: LTM c<sub>t</sub>, STM h<sub>t</sub> by unit", 0.2),
    ("LSTM: its score on the review so far", 0.12),
)
_MEMORIES = {"ltm": "LTM c<sub>t</sub>", "stm": "STM h<sub>t</sub>"}


def word_places(words: tuple[str, ...]) -> list[tuple[float, int]]:
    """Where each word's centre goes: (characters from the left, line), lines of at most
    :data:`LINE_CHARACTERS` characters, one space between words."""
    places, at, line = [], 0, 0
    for word in words:
        if at and at + len(word) > LINE_CHARACTERS:
            at, line = 0, line + 1
        places.append((at + len(word) / 2, line))
        at += len(word) + 1
    return places


def _frame_traces(walk: Walk, t: int) -> list[dict]:
    """The traces that change after word ``t`` (from 0), in the order of :func:`step_through`."""
    units = list(range(1, walk.rnn_h.shape[1] + 1))
    scores = [f"{s}/5" for s in SCORES]
    places = word_places(walk.words)[: t + 1]
    bars = [
        (units, walk.rnn_h[t]),
        (scores, walk.rnn_scores[t]),
        *((units, walk.lstm[name][t]) for name in GATES),
        *((units, walk.lstm[name][t]) for name in _MEMORIES),
        (scores, walk.lstm_scores[t]),
    ]
    # Every trace names its type: a frame's trace without one would be redrawn as a scatter.
    return [
        {
            "type": "scatter",
            "x": [x for x, _ in places],
            "y": [-line for _, line in places],
            "text": list(walk.words[: t + 1]),
        },
        {"type": "scatter", "x": [places[-1][0]], "y": [-places[-1][1] - 0.45]},
        *({"type": "bar", "x": x, "y": list(y)} for x, y in bars),
    ]


def _controls(words: tuple[str, ...], frames: list[str]) -> tuple[list[dict], list[dict]]:
    """The slider over the words (ticks only: the review above shows which word it is) and the
    play and pause buttons."""
    show = {
        "mode": "immediate",
        "frame": {"duration": 0, "redraw": True},
        "transition": {"duration": 0},
    }
    slider = {
        "active": len(words) - 1,
        "currentvalue": {"visible": False},
        "pad": {"t": 40, "l": 124},  # clear of the play and pause buttons
        "len": 1,
        "x": 0,
        "y": 0,
        "yanchor": "top",
        "steps": [
            {"label": "", "value": name, "method": "animate", "args": [[name], show]}
            for name in frames
        ],
    }
    play = {**show, "frame": {"duration": 700, "redraw": True}, "fromcurrent": False}
    buttons = {
        "type": "buttons",
        "direction": "left",
        "x": 0,
        "y": 0,
        "xanchor": "left",
        "yanchor": "top",
        "pad": {"t": 46},
        "showactive": False,
        "buttons": [
            {"label": "▶ play", "method": "animate", "args": [frames, play]},
            {"label": "❚❚", "method": "animate", "args": [[None], show]},
        ],
    }
    return [slider], [buttons]


def step_through(walk: Walk) -> go.Figure:
    """Both models reading ``walk``'s review: the RNN's hidden state, the LSTM's gates, LTM c_t and
    STM h_t, and the score each would give if the review ended there, after every word."""
    words = len(walk.words)
    fig = make_subplots(
        rows=len(_PANELS),
        cols=1,
        row_heights=[height for _, height in _PANELS],
        vertical_spacing=0.065,
        subplot_titles=[title for title, _ in _PANELS],
    )
    now = [
        {k: v for k, v in trace.items() if k != "type"} for trace in _frame_traces(walk, words - 1)
    ]
    text, marker, rnn_h, rnn_scores, *lstm, lstm_scores = now
    fig.add_scatter(
        **text, mode="text", textfont={"size": _WORD_SIZE}, hoverinfo="skip", showlegend=False
    )
    fig.add_scatter(
        **marker,
        mode="markers",
        marker={"symbol": "triangle-up", "size": 10, "color": COLOURS["reference"]},
        hoverinfo="skip",
        showlegend=False,
    )
    bar = {"hovertemplate": "%{y:.3f}<extra></extra>", "showlegend": False}
    fig.add_bar(**rnn_h, name="RNN h<sub>t</sub>", marker_color=COLOURS["rnn"], **bar, row=2, col=1)
    fig.add_bar(**rnn_scores, name="RNN", marker_color=COLOURS["rnn"], **bar, row=3, col=1)
    for trace, name in zip(lstm[: len(GATES)], GATES, strict=True):
        shown = {**bar, "showlegend": True}
        fig.add_bar(**trace, name=LABELS[name], marker_color=COLOURS[name], **shown, row=4, col=1)
    for trace, name in zip(lstm[len(GATES) :], _MEMORIES, strict=True):
        shown = {**bar, "showlegend": True}
        fig.add_bar(
            **trace, name=_MEMORIES[name], marker_color=COLOURS[name], **shown, row=5, col=1
        )
    fig.add_bar(**lstm_scores, name="LSTM", marker_color=COLOURS["lstm"], **bar, row=6, col=1)

    names = [str(t + 1) for t in range(words)]
    fig.frames = [
        go.Frame(name=name, data=_frame_traces(walk, t), traces=list(range(len(now))))
        for t, name in enumerate(names)
    ]
    layout = base_layout("Reading the review, word by word", height=1120)
    layout["hovermode"] = "closest"
    layout["barmode"] = "group"
    layout = legend_on_top(layout, 140)
    layout["margin"]["b"] = 120
    layout["sliders"], layout["updatemenus"] = _controls(walk.words, names)
    fig.update_layout(layout)
    # Nothing to zoom: fixed axes leave no drag layer over the slider under the last panel.
    fig.update_xaxes(fixedrange=True)
    fig.update_yaxes(fixedrange=True)
    lines = max(line for _, line in word_places(walk.words)) + 1
    fig.update_xaxes(visible=False, range=[-0.5, LINE_CHARACTERS + 0.5], fixedrange=True, row=1)
    fig.update_yaxes(visible=False, range=[-lines + 0.3, 0.6], fixedrange=True, row=1)
    for row in (2, 4, 5):
        fig.update_xaxes(dtick=1, row=row, col=1)
    fig.update_yaxes(range=[-1.05, 1.05], row=2, col=1)
    fig.update_yaxes(range=[-1.05, 1.05], row=4, col=1)
    reach = max(1.0, float(np.abs(walk.lstm["ltm"]).max()))
    fig.update_yaxes(range=[-1.15 * reach, 1.15 * reach], row=5, col=1)
    for row in (3, 6):
        fig.update_yaxes(range=[0, 1.15], tickvals=[0, 0.5, 1], tickformat=".0%", row=row, col=1)
    return fig
