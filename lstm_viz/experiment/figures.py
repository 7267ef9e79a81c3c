"""Figures of the RNN-versus-LSTM experiment (:mod:`lstm_viz.experiment.results`), scatter only.

* :func:`accuracy_by_distance` — each run's test accuracy against the distance between the
  decisive word and the end of the review, one panel per training regime.
* :func:`training_loss` — each long-only run's training loss, against the loss of knowing the
  verdict only.
* :func:`gradient_reach` — how much gradient reaches the decisive word in the untrained models.

(The word-by-word step-through is :mod:`lstm_viz.experiment.step_through`.)

Panels are stacked, never side by side, so a figure reads the same on a phone as on a desktop.
Each model keeps one colour (:data:`lstm_viz.presentation.style.COLOURS`) on the whole page; the
two models added to answer objections are also drawn dashed.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz.experiment.results import Results
from lstm_viz.experiment.review_task import SCORES
from lstm_viz.experiment.runs import MODELS, REGIMES, SEEDS
from lstm_viz.presentation.figures import base_layout
from lstm_viz.presentation.layouts import legend_on_top
from lstm_viz.presentation.style import COLOURS

__all__ = [
    "REFERENCE_NAMES",
    "REGIME_TITLES",
    "accuracy_by_distance",
    "gradient_reach",
    "model_label",
    "training_loss",
]

#: How the figures name the regimes of :data:`lstm_viz.experiment.runs.REGIMES`.
REGIME_TITLES = {"every": "trained at every distance", "long": "trained at long distances only"}
#: The baselines a model's accuracy is read against: the best any rule that sees only the verdict
#: can score, and the best of always giving one and the same score.
REFERENCE_NAMES = {"verdict_only": "verdict only", "constant": "commonest score"}
_DASH = {"rnn": "solid", "rnn-matched": "dash", "lstm": "solid", "lstm-bias0": "dash"}
_GREY = {"color": COLOURS["reference"], "width": 2}


def model_label(model: str) -> str:
    """A model's short name with what sets it apart: "RNN, 8 units", "LSTM, bias +1" (the bias
    its forget gates start with)."""
    spec = MODELS[model]
    if spec.kind == "rnn":
        return f"RNN, {spec.hidden} units"
    return f"LSTM, bias {spec.forget_bias:+g}".replace("-", "−").replace("+0", "0")


def _runs(fig: go.Figure, row: int, x, ys: dict, hover: str, *, legend: bool) -> None:
    """One line per (model, seed) in ``ys``, the model's colour, its name once in the legend."""
    for model in MODELS:
        for n, seed in enumerate(SEEDS):
            fig.add_scatter(
                x=list(x),
                y=list(ys[(model, seed)]),
                name=model_label(model),
                legendgroup=model,
                showlegend=legend and n == 0,
                mode="lines+markers" if len(x) < 30 else "lines",
                line={"color": COLOURS[model], "width": 2, "dash": _DASH[model]},
                marker={"size": 5, "color": COLOURS[model]},
                hovertemplate=f"{model_label(model)}, seed {seed}: %{{y:{hover}}}<extra></extra>",
                row=row,
                col=1,
            )


def _reference(fig: go.Figure, row: int, x, y, name: str, dash: str, legend: bool) -> None:
    fig.add_scatter(
        x=list(x),
        y=list(y),
        name=name,
        legendgroup=name,
        showlegend=legend,
        mode="lines",
        line={**_GREY, "dash": dash},
        hovertemplate=f"{name}: %{{y:.1%}}<extra></extra>",
        row=row,
        col=1,
    )


def _shade_untrained(fig: go.Figure, row: int, low: float, shortest: int, words: str) -> None:
    """Grey out the distances shorter than any training review of a regime."""
    fig.add_vrect(
        x0=low,
        x1=shortest - 0.5,
        fillcolor=COLOURS["reference"],
        opacity=0.18,
        line_width=0,
        layer="below",
        annotation_text=words,
        annotation_position="bottom left",
        annotation_font_size=12,
        row=row,
        col=1,
    )


def accuracy_by_distance(results: Results) -> go.Figure:
    """One line per run, with the best a model can do from the verdict alone and from no word at
    all; one panel per regime, stacked; distances no training review had are shaded; a dotted
    line marks the chapter's review."""
    measured = results.measured
    regimes = list(REGIMES)
    fig = make_subplots(
        rows=len(regimes),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        subplot_titles=[REGIME_TITLES[r] for r in regimes],
    )
    x = measured.distances
    low, high = min(x) - 1, max(x) + 1
    for row, regime in enumerate(regimes, start=1):
        acc = {(m, s): measured.accuracy[(regime, m, s)] for m in MODELS for s in SEEDS}
        _runs(fig, row, x, acc, ".1%", legend=row == 1)
        for key, dash in (("verdict_only", "dash"), ("constant", "dot")):
            _reference(fig, row, x, getattr(measured, key), REFERENCE_NAMES[key], dash, row == 1)
        shortest = REGIMES[regime].min_distance
        if shortest > min(x):
            _shade_untrained(fig, row, low, shortest, "no training<br>review this short")
        fig.add_vline(
            x=results.chapter.distance,
            line={"color": COLOURS["reference"], "width": 1.5, "dash": "dot"},
            row=row,
            col=1,
        )
    fig.add_annotation(
        x=results.chapter.distance,
        y=0.03,
        yref="y domain",
        text="the chapter's review",
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font={"size": 12},
    )
    layout = legend_on_top(base_layout("Reviews scored right, by distance", height=720), 150)
    layout["hovermode"] = "closest"
    fig.update_layout(layout)
    fig.update_xaxes(range=[low, high])
    fig.update_xaxes(title_text="words after the decisive word", row=len(regimes), col=1)
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%", tickvals=[0, 0.25, 0.5, 0.75, 1.0])
    fig.update_yaxes(title_text="scored right")
    return fig


def training_loss(results: Results, regime: str = "long") -> go.Figure:
    """Each run's mean loss over every 50 updates in ``regime``, against the loss of a model that
    knows the verdict but not the opinion (ln 2) and of one that knows nothing (ln 4)."""
    runs = results.runs
    first = runs[(regime, "rnn", SEEDS[0])]
    window = first.config.steps // len(first.loss)
    x = np.arange(1, len(first.loss) + 1) * window
    fig = make_subplots(rows=1, cols=1)
    loss = {(m, s): runs[(regime, m, s)].loss for m in MODELS for s in SEEDS}
    _runs(fig, 1, x, loss, ".4f", legend=True)
    steps = first.config.steps
    for name, value, dash in (
        ("verdict only (ln 2)", np.log(2), "dash"),
        ("nothing (ln 4)", np.log(len(SCORES)), "dot"),
    ):
        fig.add_scatter(
            x=[0, steps],
            y=[value, value],
            name=name,
            mode="lines",
            line={**_GREY, "dash": dash},
            hovertemplate=f"{name}: %{{y:.3f}}<extra></extra>",
        )
    title = "Training loss of the long-only runs" if regime == "long" else "Training loss"
    layout = legend_on_top(base_layout(title, height=500), 130)
    layout["hovermode"] = "closest"
    fig.update_layout(layout)
    fig.update_xaxes(title_text="updates", range=[0, steps])
    fig.update_yaxes(title_text="cross-entropy loss", type="log", exponentformat="power", dtick=1)
    return fig


def gradient_reach(results: Results) -> go.Figure:
    """How much of the loss's gradient reaches the decisive word, relative to the verdict, in
    each untrained model (:func:`lstm_viz.experiment.measure.gradient_reach`), on a log scale."""
    x = results.measured.distances
    fig = make_subplots(rows=1, cols=1)
    _runs(fig, 1, x, results.reach, ".1e", legend=True)
    _shade_untrained(
        fig, 1, min(x) - 1, REGIMES["long"].min_distance, "closer than any<br>long-only review"
    )
    title = "Gradient at the decisive word"
    layout = legend_on_top(base_layout(title, height=500), 130)
    layout["hovermode"] = "closest"
    fig.update_layout(layout)
    fig.update_xaxes(title_text="words after the decisive word", range=[min(x) - 1, max(x) + 1])
    fig.update_yaxes(title_text="opinion ÷ verdict", type="log", exponentformat="power", dtick=2)
    return fig
