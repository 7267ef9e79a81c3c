"""Two models reading one review word by word, pointed at the unit that keeps the opinion.

Three panels, stacked, short enough for a phone screen together with the slider above them:

1. the LSTM unit that keeps the opinion (:attr:`~lstm_viz.experiment.results.Results.units`):
   its LTM c_t after each word, for the review as written and with *bad* and *good* swapped;
2. the same for the RNN unit that the opinion moves most: its STM h_t (an RNN has no LTM);
3. the probability of each score after the chosen word, for each model.

A vertical line marks the chosen word in the first two panels. The page's review reader
(``static/review-reader/main.js``) recomputes every trace as the reader types and moves the line
with its slider: it finds each trace by its ``meta`` name (:data:`TRACES`) and each line by its
name (:data:`SELECTED`), so the figure is drawn in Python alone.

Colours: each model has its own (:data:`lstm_viz.presentation.style.COLOURS`); the swapped review is
dashed.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz.experiment.reader import View
from lstm_viz.experiment.review_task import SCORES
from lstm_viz.presentation.figures import base_layout
from lstm_viz.presentation.layouts import legend_on_top
from lstm_viz.presentation.style import COLOURS

__all__ = ["HEIGHT", "SELECTED", "TRACES", "VERSIONS", "score_labels", "step_through"]

#: The figure's height in pixels: with the slider above it, less than a phone's screen.
HEIGHT = 520
#: The traces, by the ``meta`` name the page's script finds them by.
TRACES = ("lstm-ltm", "lstm-ltm-swapped", "rnn-stm", "rnn-stm-swapped", "rnn-probs", "lstm-probs")
#: The name of the vertical lines that mark the chosen word.
SELECTED = "selected-word"
#: How the legend names the two versions of the review: as written, and with the opinion swapped.
VERSIONS = {"": "", "-swapped": ", swapped"}
_MODELS = {"lstm": "LSTM", "rnn": "RNN"}
#: Each panel's share of the plot area's height, from the bottom: the bars, the RNN, the LSTM.
_DOMAINS = ((0.76, 1.0), (0.4, 0.66), (0.0, 0.19))


def score_labels() -> list[str]:
    """The task's scores as the bars name them: "1/5", "2/5", …"""
    return [f"{s}/{max(SCORES)}" for s in SCORES]


def _memory(view: View, name: str, unit: int) -> list[float]:
    """A trace's line: unit ``unit`` of the LTM (``lstm-ltm…``) or STM (``rnn-stm…``)."""
    model, quantity, *swapped = name.split("-")
    states = getattr(view, f"{model}_swapped" if swapped else model)
    values = states.c if quantity == "ltm" else states.h
    return [float(v) for v in values[:, unit]]


def step_through(view: View, units: dict[str, int], chosen: int | None = None) -> go.Figure:
    """Both models reading ``view``'s review: unit ``units["lstm"]``'s LTM and unit
    ``units["rnn"]``'s STM after each word (as written and with the opinion swapped), and each
    model's probability of every score after word ``chosen`` (from 1; the last by default)."""
    count = len(view.words)
    chosen = count if chosen is None else chosen
    if count and not 1 <= chosen <= count:
        raise ValueError(f"chosen must be a word of the review, 1 to {count}, got {chosen}")
    lstm, rnn = units["lstm"] + 1, units["rnn"] + 1
    fig = make_subplots(rows=3, cols=1)
    titles = (
        f"LSTM unit {lstm}: its LTM c<sub>t</sub>",
        f"RNN unit {rnn}: its STM h<sub>t</sub>",
        "score after the chosen word",
    )
    # Room between panels for what lies there: a title; ticks, "word" and a title; ...
    for row, (domain, title) in enumerate(zip(_DOMAINS, titles, strict=True), start=1):
        fig.update_yaxes(domain=domain, row=row, col=1)
        fig.add_annotation(
            text=title,
            x=0.5,
            xref="paper",
            y=1,
            yref=f"y{row if row > 1 else ''} domain",
            yanchor="bottom",
            yshift=4,
            showarrow=False,
            font={"size": 14},
        )
    x = list(range(1, count + 1))
    for row, model in ((1, "lstm"), (2, "rnn")):
        quantity = "ltm" if model == "lstm" else "stm"
        for suffix, version in VERSIONS.items():
            name = f"{model}-{quantity}{suffix}"
            fig.add_scatter(
                x=x,
                y=_memory(view, name, units[model]),
                text=list(view.words),
                meta=name,
                name=f"{_MODELS[model]}{version}",
                legendgroup=name,
                mode="lines+markers",
                line={"color": COLOURS[model], "width": 2, "dash": "dash" if suffix else "solid"},
                marker={"size": 5, "color": COLOURS[model]},
                hovertemplate="%{text}: %{y:.2f}<extra></extra>",
                row=row,
                col=1,
            )
        fig.add_vline(
            x=chosen if count else 0,
            visible=bool(count),
            name=SELECTED,
            line={"color": COLOURS["reference"], "width": 1.5, "dash": "dot"},
            row=row,
            col=1,
        )
    for model in ("rnn", "lstm"):
        probs = getattr(view, model).probs
        fig.add_bar(
            x=score_labels(),
            y=[float(p) for p in probs[chosen - 1]] if count else [0.0] * len(SCORES),
            meta=f"{model}-probs",
            name=_MODELS[model],
            legendgroup=f"{model}-probs",
            showlegend=False,
            marker_color=COLOURS[model],
            hovertemplate=f"{_MODELS[model]}: %{{y:.0%}}<extra></extra>",
            row=3,
            col=1,
        )
    layout = legend_on_top(base_layout("Reading the review, word by word", height=HEIGHT), 112)
    layout["hovermode"] = "closest"
    layout["barmode"] = "group"
    layout["margin"]["b"] = 40
    fig.update_layout(layout)
    fig.update_xaxes(fixedrange=True)
    fig.update_yaxes(fixedrange=True)
    fig.update_xaxes(title_text="word", title_standoff=2, row=2, col=1)
    fig.update_xaxes(matches="x2", showticklabels=False, row=1, col=1)
    fig.update_yaxes(range=[-1.05, 1.05], row=2, col=1)
    fig.update_yaxes(range=[0, 1], tickvals=[0, 0.5, 1], tickformat=".0%", row=3, col=1)
    return fig
