"""Figures of the RNN-versus-LSTM experiment (:mod:`lstm_viz.experiment.runs`), scatter and bar
only.

* :func:`accuracy_by_distance` — each run's test accuracy against the distance between the
  decisive word and the end of the review, one panel per training regime.
* :func:`training_loss` — each run's training loss, against the loss of knowing the verdict only.
* :func:`gradient_reach` — how much gradient reaches the decisive word in the untrained models.
* :func:`step_through` — two models reading one review word by word, with a slider and a play
  button over the words (Plotly frames, baked into the page like every figure).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz.experiment.review_task import SCORES, VERDICT_LENGTH
from lstm_viz.experiment.runs import REGIMES, SEEDS, Measured, Run, RunKey, Walk
from lstm_viz.presentation.figures import base_layout
from lstm_viz.presentation.style import COLOURS

__all__ = [
    "REGIME_TITLES",
    "accuracy_by_distance",
    "gradient_reach",
    "step_through",
    "training_loss",
]

#: How the figures name the regimes of :data:`lstm_viz.experiment.runs.REGIMES`.
REGIME_TITLES = {"every": "trained at every distance", "long": "trained at long distances only"}
MODEL_NAMES = {"rnn": "RNN", "lstm": "LSTM"}
_CHAPTER_DISTANCE = 8  # "bad" in the chapter's sentence is followed by 8 words


def _shortest(regime: str) -> int:
    return VERDICT_LENGTH + 3 * REGIMES[regime].least_after


def _reference_lines(fig: go.Figure, col: int, lines: list[tuple], hover: str) -> None:
    """Grey dashed lines that the models' curves are read against: (name, x, y, dash) each,
    shown in the legend once (from the first column)."""
    for name, x, y, dash in lines:
        fig.add_scatter(
            x=x,
            y=y,
            name=name,
            legendgroup=name,
            showlegend=col == 1,
            mode="lines",
            line={"color": COLOURS["reference"], "width": 2, "dash": dash},
            hovertemplate=f"{name}: %{{y:{hover}}}<extra></extra>",
            row=1,
            col=col,
        )


def accuracy_by_distance(measured: Measured) -> go.Figure:
    """One line per run (five seeds per model), with the best a model can do from the verdict
    alone and from no word at all; distances no training review had are shaded."""
    regimes = list(REGIMES)
    fig = make_subplots(
        rows=1,
        cols=len(regimes),
        shared_yaxes=True,
        horizontal_spacing=0.06,
        subplot_titles=[REGIME_TITLES[r] for r in regimes],
    )
    x = list(measured.distances)
    for col, regime in enumerate(regimes, start=1):
        for kind in ("rnn", "lstm"):
            for n, seed in enumerate(SEEDS):
                fig.add_scatter(
                    x=x,
                    y=measured.accuracy[(regime, kind, seed)],
                    name=f"{MODEL_NAMES[kind]}, 5 seeds",
                    legendgroup=kind,
                    showlegend=col == 1 and n == 0,
                    mode="lines+markers",
                    # The RNN's lines are drawn wider, underneath, so both show where they meet.
                    line={"color": COLOURS[kind], "width": 4 if kind == "rnn" else 1.6},
                    marker={"size": 7 if kind == "rnn" else 5},
                    opacity=0.75,
                    hovertemplate=f"{MODEL_NAMES[kind]} seed {seed}: %{{y:.1%}}<extra></extra>",
                    row=1,
                    col=col,
                )
        _reference_lines(
            fig,
            col,
            [
                ("best from the verdict alone", x, measured.verdict_only, "dash"),
                ("best single score", x, measured.constant, "dot"),
            ],
            ".1%",
        )
        shortest = _shortest(regime)
        if shortest > min(x):
            fig.add_vrect(
                x0=min(x) - 1,
                x1=shortest - 0.5,
                fillcolor=COLOURS["reference"],
                opacity=0.18,
                line_width=0,
                layer="below",
                annotation_text="no training<br>review this short",
                annotation_position="bottom left",
                annotation_font_size=11,
                row=1,
                col=col,
            )
        fig.add_vline(
            x=_CHAPTER_DISTANCE,
            line={"color": COLOURS["reference"], "width": 1, "dash": "dot"},
            annotation_text="the chapter's sentence",
            annotation_position="top right",
            annotation_font_size=11,
            row=1,
            col=col,
        )
    layout = base_layout(
        "Accuracy against the distance from the decisive word to the end", height=460
    )
    layout["legend"] = {"orientation": "h", "y": -0.22, "x": 0}
    layout["hovermode"] = "x"
    fig.update_layout(layout)
    fig.update_xaxes(title_text="words after the decisive word", range=[min(x) - 1, max(x) + 1])
    fig.update_yaxes(range=[0, 1.1], tickformat=".0%", tickvals=[0, 0.2, 0.4, 0.6, 0.8, 1.0])
    fig.update_yaxes(title_text="reviews scored right", col=1)
    return fig


def training_loss(runs: dict[RunKey, Run]) -> go.Figure:
    """Each run's mean loss over every 50 updates, one panel per training regime, against the
    loss of a model that knows the verdict but not the opinion (ln 2) and of one that knows
    nothing (ln 4)."""
    regimes = list(REGIMES)
    fig = make_subplots(
        rows=1,
        cols=len(regimes),
        shared_yaxes=True,
        horizontal_spacing=0.06,
        subplot_titles=[REGIME_TITLES[r] for r in regimes],
    )
    for col, regime in enumerate(regimes, start=1):
        for kind in ("rnn", "lstm"):
            for n, seed in enumerate(SEEDS):
                loss = runs[(regime, kind, seed)].loss
                window = runs[(regime, kind, seed)].config.steps // len(loss)
                fig.add_scatter(
                    x=np.arange(1, len(loss) + 1) * window,
                    y=loss,
                    name=f"{MODEL_NAMES[kind]}, 5 seeds",
                    legendgroup=kind,
                    showlegend=col == 1 and n == 0,
                    mode="lines",
                    line={"color": COLOURS[kind], "width": 1.6},
                    opacity=0.75,
                    hovertemplate=f"{MODEL_NAMES[kind]} seed {seed}: %{{y:.4f}}<extra></extra>",
                    row=1,
                    col=col,
                )
        steps = runs[(regime, "rnn", SEEDS[0])].config.steps
        _reference_lines(
            fig,
            col,
            [
                ("knows the verdict only (ln 2)", [0, steps], [np.log(2)] * 2, "dash"),
                ("knows nothing (ln 4)", [0, steps], [np.log(len(SCORES))] * 2, "dot"),
            ],
            ".3f",
        )
    layout = base_layout("Training loss (mean over every 50 updates)", height=420)
    layout["legend"] = {"orientation": "h", "y": -0.25, "x": 0}
    layout["hovermode"] = "closest"
    fig.update_layout(layout)
    fig.update_xaxes(title_text="updates")
    fig.update_yaxes(type="log", exponentformat="power")
    fig.update_yaxes(title_text="cross-entropy loss", col=1)
    return fig


def gradient_reach(
    reach: dict[tuple[str, int], np.ndarray], distances: tuple[int, ...]
) -> go.Figure:
    """How much of the loss's gradient reaches the decisive word, relative to the verdict, in
    each untrained model (:func:`lstm_viz.experiment.runs.gradient_reach`), on a log scale."""
    fig = go.Figure()
    for kind in ("rnn", "lstm"):
        for n, seed in enumerate(SEEDS):
            fig.add_scatter(
                x=list(distances),
                y=reach[(kind, seed)],
                name=f"{MODEL_NAMES[kind]}, 5 seeds",
                legendgroup=kind,
                showlegend=n == 0,
                mode="lines+markers",
                line={"color": COLOURS[kind], "width": 1.6},
                marker={"size": 5},
                opacity=0.8,
                hovertemplate=f"{MODEL_NAMES[kind]} seed {seed}: %{{y:.2e}}<extra></extra>",
            )
    fig.add_vrect(
        x0=min(distances) - 1,
        x1=_shortest("long") - 0.5,
        fillcolor=COLOURS["reference"],
        opacity=0.18,
        line_width=0,
        layer="below",
        annotation_text="closer than any review<br>of the long-only regime",
        annotation_position="bottom left",
        annotation_font_size=11,
    )
    layout = base_layout("Gradient reaching the decisive word before training", height=420)
    layout["hovermode"] = "closest"
    fig.update_layout(layout)
    fig.update_xaxes(
        title_text="words after the decisive word", range=[min(distances) - 1, max(distances) + 1]
    )
    fig.update_yaxes(title_text="opinion ÷ verdict", type="log", exponentformat="power")
    return fig


#: The step-through's panels: (row, col) of each, and their traces in order.
_GATES = ("forget", "input", "candidate", "output")
_GATE_NAMES = {
    "forget": "forget f",
    "input": "input i",
    "candidate": "candidate g",
    "output": "output o",
}


def _word_centres(words: tuple[str, ...]) -> list[float]:
    """Where each word's centre goes on the sentence's line, in characters, a space between."""
    centres, at = [], 0.0
    for word in words:
        centres.append(at + len(word) / 2)
        at += len(word) + 1.5
    return centres


def _frame_traces(walk: Walk, t: int) -> list[dict]:
    """The traces that change after word ``t`` (from 0), in the order of :func:`step_through`."""
    units = list(range(1, walk.rnn_h.shape[1] + 1))
    scores = [f"{s}/5" for s in SCORES]
    centres = _word_centres(walk.words)
    text = {"type": "scatter", "x": centres[: t + 1], "y": [0] * (t + 1)}
    bars = [
        (units, walk.rnn_h[t]),
        (scores, walk.rnn_scores[t]),
        (scores, walk.lstm_scores[t]),
        *((units, walk.lstm[name][t]) for name in _GATES),
        (units, walk.lstm["ltm"][t]),
        (units, walk.lstm["stm"][t]),
    ]
    # Every trace names its type: a frame's trace without one would be redrawn as a scatter.
    return [
        {**text, "text": list(walk.words[: t + 1])},
        {"type": "scatter", "x": [centres[t]], "y": [-0.75]},
        *({"type": "bar", "x": x, "y": y} for x, y in bars),
    ]


def step_through(walk: Walk) -> go.Figure:
    """Both models reading ``walk``'s review: the RNN's hidden state, the LSTM's gates, LTM c_t and
    STM h_t, and the score each would give if the review ended there, after every word."""
    words = len(walk.words)
    last = words - 1
    fig = make_subplots(
        rows=3,
        cols=2,
        specs=[[{"colspan": 2}, None], [{}, {}], [{}, {}]],
        row_heights=[0.1, 0.45, 0.45],
        vertical_spacing=0.09,
        horizontal_spacing=0.08,
        subplot_titles=[
            "",
            "RNN: hidden state h_t, its only memory",
            "score if the review ended here",
            "LSTM: the four gates",
            "LSTM: LTM c_t and STM h_t",
        ],
    )
    # The sentence: every word in grey, the words read so far in colour, a marker under the last.
    fig.add_scatter(
        x=_word_centres(walk.words),
        y=[0] * words,
        text=list(walk.words),
        mode="text",
        textfont={"color": COLOURS["reference"], "size": 14},
        hoverinfo="skip",
        showlegend=False,
        row=1,
        col=1,
    )
    now = [{k: v for k, v in trace.items() if k != "type"} for trace in _frame_traces(walk, last)]
    fig.add_scatter(
        **now[0],
        mode="text",
        textfont={"color": COLOURS["input"], "size": 14},
        hoverinfo="skip",
        showlegend=False,
        row=1,
        col=1,
    )
    fig.add_scatter(
        **now[1],
        mode="markers",
        marker={"symbol": "triangle-up", "size": 11, "color": COLOURS["candidate"]},
        hoverinfo="skip",
        showlegend=False,
        row=1,
        col=1,
    )
    bar = {"hovertemplate": "%{y:.3f}"}
    fig.add_bar(
        **now[2], name="RNN h_t", marker_color=COLOURS["stm"], showlegend=False, **bar, row=2, col=1
    )
    fig.add_bar(**now[3], name="RNN", marker_color=COLOURS["rnn"], **bar, row=2, col=2)
    fig.add_bar(**now[4], name="LSTM", marker_color=COLOURS["lstm"], **bar, row=2, col=2)
    for trace, name in zip(now[5:9], _GATES, strict=True):
        fig.add_bar(
            **trace, name=_GATE_NAMES[name], marker_color=COLOURS[name], **bar, row=3, col=1
        )
    fig.add_bar(**now[9], name="LTM c_t", marker_color=COLOURS["ltm"], **bar, row=3, col=2)
    fig.add_bar(**now[10], name="STM h_t", marker_color=COLOURS["stm"], **bar, row=3, col=2)

    changing = list(range(1, 12))
    fig.frames = [
        go.Frame(name=str(t + 1), data=_frame_traces(walk, t), traces=changing)
        for t in range(words)
    ]
    show = {
        "mode": "immediate",
        "frame": {"duration": 0, "redraw": True},
        "transition": {"duration": 0},
    }
    layout = base_layout("Reading the chapter's review, word by word", height=820)
    layout["hovermode"] = "closest"
    layout["barmode"] = "group"
    layout["legend"] = {"orientation": "h", "y": -0.08, "yanchor": "top", "x": 0}
    layout["margin"] = {"l": 56, "r": 16, "t": 56, "b": 200}
    layout["sliders"] = [
        {
            "active": last,
            "currentvalue": {"prefix": "after the word: "},
            "pad": {"t": 0},
            "len": 0.8,
            "x": 0.2,
            "y": -0.2,
            "yanchor": "top",
            "steps": [
                {"label": word, "method": "animate", "args": [[str(t + 1)], show]}
                for t, word in enumerate(walk.words)
            ],
        }
    ]
    play = {**show, "frame": {"duration": 700, "redraw": True}, "fromcurrent": False}
    layout["updatemenus"] = [
        {
            "type": "buttons",
            "direction": "left",
            "x": 0,
            "y": -0.2,
            "xanchor": "left",
            "yanchor": "top",
            "pad": {"t": 26},
            "showactive": False,
            "buttons": [
                {
                    "label": "▶ play",
                    "method": "animate",
                    "args": [[f.name for f in fig.frames], play],
                },
                {"label": "❚❚", "method": "animate", "args": [[None], show]},
            ],
        }
    ]
    fig.update_layout(layout)
    line = _word_centres(walk.words)
    fig.update_xaxes(
        visible=False,
        range=[-1, line[-1] + len(walk.words[-1]) / 2 + 1],
        fixedrange=True,
        row=1,
        col=1,
    )
    fig.update_yaxes(visible=False, range=[-1.2, 0.6], fixedrange=True, row=1, col=1)
    fig.update_xaxes(dtick=1, row=2, col=1)
    fig.update_xaxes(title_text="hidden unit", dtick=1, row=3, col=1)
    fig.update_xaxes(title_text="hidden unit", dtick=1, row=3, col=2)
    fig.update_yaxes(range=[-1.05, 1.05], row=2, col=1)
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%", row=2, col=2)
    fig.update_yaxes(range=[-1.05, 1.05], row=3, col=1)
    reach = max(1.0, float(np.abs(walk.lstm["ltm"]).max()))
    fig.update_yaxes(range=[-1.05 * reach, 1.05 * reach], row=3, col=2)
    return fig
