"""Figures of the RNN-versus-LSTM experiment (:mod:`lstm_viz.experiment.results`), scatter only.

* :func:`accuracy_by_distance` — each run's test accuracy against the distance between the
  decisive word and the end of the review, one small panel per model and training regime.
* :func:`training_loss` — each long-only run's training loss, against the loss of knowing the
  verdict only.
* :func:`gradient_reach` — how much gradient reaches the decisive word in the untrained models.

(The word-by-word step-through is :mod:`lstm_viz.experiment.step_through`.)

Panels are stacked, so a figure reads the same on a phone as on a desktop; only the accuracy
figure sets its two regimes side by side, five small panels high, so that no run hides another.
Each model keeps one colour (:data:`lstm_viz.presentation.style.COLOURS`) on the whole page; where
models share a panel, the three added to answer objections are also drawn dashed.
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
    "COINCIDE_PIXELS",
    "REGIME_COLUMNS",
    "REGIME_TITLES",
    "accuracy_by_distance",
    "coinciding",
    "gradient_reach",
    "model_label",
    "training_loss",
]

#: How the figures name the regimes of :data:`lstm_viz.experiment.runs.REGIMES`.
REGIME_TITLES = {"every": "trained at every distance", "long": "trained at long distances only"}
#: The same, short enough to head a narrow column.
REGIME_COLUMNS = {"every": "every distance", "long": "long only"}
_DASH = {
    "rnn": "solid",
    "rnn-matched": "dash",
    "rnn-orthogonal": "dashdot",
    "lstm": "solid",
    "lstm-bias0": "dash",
}
_GREY = {"color": COLOURS["reference"], "width": 2}


def model_label(model: str) -> str:
    """A model's short name with what sets it apart: "RNN, 8 units", "orthogonal RNN" (its
    recurrent weights start orthogonal), "LSTM, bias +1" (the bias its forget gates start with)."""
    spec = MODELS[model]
    if spec.kind == "rnn" and spec.recurrent == "orthogonal":
        return "orthogonal RNN"
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


def _shade_untrained(
    fig: go.Figure, low: float, shortest: int, row: int, col: int, **shape
) -> None:
    """Grey out the distances shorter than any training review of a regime; ``shape`` names it
    (in the legend, or by an annotation)."""
    fig.add_vrect(
        x0=low,
        x1=shortest - 0.5,
        fillcolor=COLOURS["reference"],
        opacity=0.18,
        line_width=0,
        layer="below",
        row=row,
        col=col,
        **shape,
    )


def _panel_pixels(fig: go.Figure, axis: str) -> float:
    """How many pixels one unit of the y axis ``axis`` ("y", "y2", …) spans, as the figure is
    drawn: its domain's share of the plot area's height over its range."""
    layout = fig.layout
    plot = layout.height - layout.margin.t - layout.margin.b
    y = layout[axis.replace("y", "yaxis")]
    low, high = y.range
    return plot * (y.domain[1] - y.domain[0]) / (high - low)


def coinciding(curves: dict[int, np.ndarray], within: float) -> list[list[int]]:
    """``curves`` (by seed, in drawing order) in groups whose lines lie within ``within`` of the
    group's first everywhere, so that drawn one over another they would show as one line."""
    groups: list[list[int]] = []
    for seed, y in curves.items():
        home = next((g for g in groups if np.max(np.abs(curves[g[0]] - y)) <= within), None)
        if home is None:
            groups.append([seed])
        else:
            home.append(seed)
    return groups


def _count_label(y: np.ndarray, others: list[np.ndarray], top: float) -> tuple[int, int]:
    """Where a group's count goes: the point farthest from every other group's line, and the
    label's shift in pixels (above the line unless it runs along the top)."""
    clearance = [min((abs(y[k] - o[k]) for o in others), default=1.0) for k in range(len(y))]
    at = int(np.argmax(clearance))
    return at, (-10 if y[at] > top - 0.1 else 10)


def _group_hover(groups: list[int], acc: dict[int, np.ndarray]) -> list[str]:
    return [
        ", ".join(f"seed {seed}: {acc[seed][k]:.1%}" for seed in groups)
        for k in range(len(acc[groups[0]]))
    ]


#: The pixels within which two runs' lines count as one line (a line is 2 px wide).
COINCIDE_PIXELS = 2.0
_TOP = 1.08


def accuracy_by_distance(results: Results) -> go.Figure:
    """Each run's accuracy by distance: one small panel per model (rows) and regime (columns).

    Runs whose lines would lie on one another (within :data:`COINCIDE_PIXELS`) are drawn as one
    line labelled with how many runs it is (×4); every run is either a line of its own or counted
    in one. The dashed grey line is the best score from the verdict alone; distances no training
    review of the regime had are shaded.
    """
    measured = results.measured
    regimes, models = list(REGIMES), list(MODELS)
    fig = make_subplots(
        rows=len(models),
        cols=len(regimes),
        shared_xaxes=True,
        shared_yaxes=True,
        horizontal_spacing=0.05,
        vertical_spacing=0.085,
    )
    x = list(measured.distances)
    low, high = min(x) - 1.5, max(x) + 1.5
    layout = legend_on_top(base_layout("Reviews scored right, by distance", height=820), 130)
    layout["hovermode"] = "closest"
    layout["margin"]["b"] = 64
    fig.update_layout(layout)
    fig.update_xaxes(range=[low, high], tickvals=[5, 20, 35])
    fig.update_yaxes(range=[0, _TOP], tickvals=[0, 0.5, 1], tickformat=".0%")
    for row, model in enumerate(models, start=1):
        for col, regime in enumerate(regimes, start=1):
            axis = fig.get_subplot(row, col).yaxis.plotly_name.replace("yaxis", "y")
            acc = {s: measured.accuracy[(regime, model, s)] for s in SEEDS}
            groups = coinciding(acc, COINCIDE_PIXELS / _panel_pixels(fig, axis))
            fig.add_scatter(
                x=x,
                y=list(measured.verdict_only),
                name="verdict only",
                legendgroup="verdict_only",
                showlegend=row == col == 1,
                mode="lines",
                line={**_GREY, "dash": "dash", "width": 1.5},
                hovertemplate="verdict only: %{y:.1%}<extra></extra>",
                row=row,
                col=col,
            )
            for group in groups:
                fig.add_scatter(
                    x=x,
                    y=list(acc[group[0]]),
                    name=model_label(model),
                    legendgroup=model,
                    showlegend=False,
                    meta=[f"{regime}/{model}/{seed}" for seed in group],
                    mode="lines+markers",
                    line={"color": COLOURS[model], "width": 2},
                    marker={"size": 4, "color": COLOURS[model]},
                    text=_group_hover(group, acc),
                    hovertemplate="%{text}<extra></extra>",
                    row=row,
                    col=col,
                )
                if len(group) > 1:
                    others = [acc[g[0]] for g in groups if g is not group]
                    at, shift = _count_label(acc[group[0]], others, 1.0)
                    fig.add_annotation(
                        x=x[at],
                        y=float(acc[group[0]][at]),
                        text=f"×{len(group)}",
                        showarrow=False,
                        yshift=shift,
                        font={"size": 11, "color": COLOURS[model]},
                        name="runs-on-one-line",
                        row=row,
                        col=col,
                    )
            shortest = REGIMES[regime].min_distance
            if shortest > min(x):
                _shade_untrained(
                    fig,
                    low,
                    shortest,
                    row,
                    col,
                    name="not trained",
                    legendgroup="untrained",
                    showlegend=row == 1,
                )
        # The model's name over its row, from the left edge.
        fig.add_annotation(
            x=0,
            xref="paper",
            y=1,
            yref=f"{fig.get_subplot(row, 1).yaxis.plotly_name.replace('yaxis', 'y')} domain",
            yanchor="bottom",
            xanchor="left",
            yshift=2,
            text=model_label(model),
            showarrow=False,
            font={"size": 13},
        )
    for col, regime in enumerate(regimes, start=1):
        domain = fig.get_subplot(1, col).xaxis.domain
        fig.add_annotation(
            x=(domain[0] + domain[1]) / 2,
            y=1,
            xref="paper",
            yref="paper",
            xanchor="center",
            yanchor="bottom",
            yshift=24,
            text=f"<b>{REGIME_COLUMNS[regime]}</b>",
            showarrow=False,
            font={"size": 12},
        )
    fig.add_annotation(
        x=0.5,
        y=0,
        xref="paper",
        yref="paper",
        xanchor="center",
        yanchor="top",
        yshift=-26,
        text="words after the opinion",
        showarrow=False,
        font={"size": 13},
    )
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
        ("verdict only, ln 2", np.log(2), "dash"),
        ("nothing, ln 4", np.log(len(SCORES)), "dot"),
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
        fig,
        min(x) - 1,
        REGIMES["long"].min_distance,
        1,
        1,
        annotation_text="closer than any<br>long-only review",
        annotation_position="bottom left",
        annotation_font_size=12,
    )
    title = "Gradient at the decisive word"
    layout = legend_on_top(base_layout(title, height=500), 130)
    layout["hovermode"] = "closest"
    fig.update_layout(layout)
    fig.update_xaxes(title_text="words after the decisive word", range=[min(x) - 1, max(x) + 1])
    fig.update_yaxes(title_text="opinion ÷ verdict", type="log", exponentformat="power", dtick=2)
    return fig
