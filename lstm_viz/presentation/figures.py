"""Plotly figures of the cell, every number computed by :mod:`lstm_viz.model.gates`."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import Gates, Neuron, Weights, step
from lstm_viz.model.modes import NEAR, stretches
from lstm_viz.model.presets import LATCH
from lstm_viz.model.ranges import S_RANGE
from lstm_viz.presentation.embed import FigureHTML, show
from lstm_viz.presentation.style import COLOURS, LABELS

__all__ = [
    "DASHES",
    "SYMBOLS",
    "affine",
    "base_layout",
    "coinciding",
    "gate_curves",
    "gates_that_disagree",
    "show_gates_that_disagree",
]


def base_layout(title: str, *, height: int = 420) -> dict:
    """Layout shared by the book's figures: transparent, so the page's light or dark theme shows."""
    return {
        "title": {"text": title, "x": 0.02, "xanchor": "left"},
        "height": height,
        "margin": {"l": 56, "r": 16, "t": 56, "b": 48},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "hovermode": "x unified",
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13},
    }


#: The symbol of each sigmoid gate, as the chapter's formulas write it.
SYMBOLS: dict[str, str] = {"forget": "f", "input": "i", "output": "o"}
#: Dash patterns, so that the curves differ in more than colour.
DASHES: dict[str, str] = {
    "forget": "solid",
    "input": "dash",
    "output": "dot",
    "gates": "solid",
    "candidate": "longdash",
    "learned": "dashdot",
}


def affine(neuron: Neuron) -> str:
    """The gate's neuron w·s + b as the chapter writes it: ``s``, ``2s − 1``, ``−s + 0.5``."""
    w, b = neuron.w, neuron.b
    if w == 0:
        return number(b, "g")
    term = "s" if w == 1 else "−s" if w == -1 else f"{number(w, 'g')}s"
    if b == 0:
        return term
    return f"{term} {'−' if b < 0 else '+'} {number(abs(b), 'g')}"


def coinciding(cell: Gates, names: tuple[str, ...] = tuple(SYMBOLS)) -> list[tuple[str, ...]]:
    """The gates ``names`` grouped by the curve they draw: equal values at every s of ``cell``.

    With the book's weights (w = 1, b = 0 everywhere) the three sigmoid gates are one group, and a
    figure draws their curve once instead of hiding two of them under the third.
    """
    groups: list[list[str]] = []
    for name in names:
        values = getattr(cell, name)
        match = next((g for g in groups if np.array_equal(getattr(cell, g[0]), values)), None)
        if match is None:
            groups.append([name])
        else:
            match.append(name)
    return [tuple(group) for group in groups]


def _titled_legend_above(title: str, *, height: int = 420) -> dict:
    """:func:`base_layout` whose title heads a legend above the plot, one curve a row: a Plotly
    title and a legend in the same margin overlap at some width, and a legend under the plot runs
    into the axis title."""
    layout = base_layout("", height=height)
    layout.update(
        title=None,
        margin={"l": 56, "r": 16, "t": 8, "b": 48},
        legend={
            "orientation": "v",
            "x": 0,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
            "title": {"text": title, "side": "top"},
        },
    )
    return layout


def _add_curves(
    fig: go.Figure, s: np.ndarray, cell: Gates, curves: list[tuple[str, str, str]]
) -> None:
    """One line per (quantity of ``cell``, legend label, style key) against ``s``."""
    for quantity, label, style in curves:
        fig.add_scatter(
            x=s,
            y=getattr(cell, quantity),
            name=label,
            mode="lines",
            line={"color": COLOURS[style], "width": 2.5, "dash": DASHES[style]},
            hovertemplate="%{y:.3f}",
        )


def gate_curves(
    s_range: tuple[float, float] = (-6.0, 6.0), *, points: int = 121, weights: Weights = Weights()
) -> go.Figure:
    """Every gate, and the learned amount i·g, against the gate input s (the LTM plays no part).

    Sigmoid gates that coincide are drawn once, labelled as one ("f = i = o = σ(s)" for the book's
    cell), so the legend never lists a curve the reader cannot see.
    """
    s = np.linspace(*s_range, points)
    cell = step(s, 0.0, weights=weights)
    fig = go.Figure(layout=_titled_legend_above("What each gate makes of s"))
    curves: list[tuple[str, str, str]] = []  # (quantity, legend label, style key)
    for group in coinciding(cell):
        formula = f"σ({affine(getattr(weights, group[0]))})"
        if len(group) == 1:
            curves.append((group[0], f"{LABELS[group[0]]} = {formula}", group[0]))
        else:
            curves.append(
                (group[0], " = ".join(SYMBOLS[g] for g in group) + f" = {formula}", "gates")
            )
    curves.append(
        ("candidate", f"{LABELS['candidate']} = tanh({affine(weights.candidate)})", "candidate")
    )
    curves.append(("learned", LABELS["learned"], "learned"))
    _add_curves(fig, s, cell, curves)
    fig.update_xaxes(title_text="gate input s (Prev. STM + input)", zeroline=True)
    fig.update_yaxes(title_text="gate output", range=[-1.05, 1.05], zeroline=True)
    return fig


#: What each mode's stretch is called in the figure of gates that disagree.
MODE_LABELS: dict[str, str] = {"clear": "clear", "keep": "keep", "write": "write"}
#: The shade behind a stretch: grey and translucent, so it reads on the light and the dark page.
SHADE = "rgba(128, 128, 128, 0.16)"
#: Where a stretch's name sits: half way up, clear of both gates, which are near 0 or 1 in every
#: stretch.
LABEL_Y = 0.5


def gates_that_disagree(weights: Weights = LATCH, *, points: int = 241) -> go.Figure:
    """The forget gate and the input gate against the gate input s, for a cell whose gates have
    weights of their own (the latch by default), with the stretches of s where it clears, keeps
    without writing, and writes shaded and named (:func:`lstm_viz.model.modes.stretches`).

    The two gates that decide the mode are all it draws: where the latch's input gate opens, its
    candidate is close to 1, so i·g would hide under i, and the candidate's curve would cross the
    stretches' names."""
    s = np.linspace(*S_RANGE, points)
    cell = step(s, 0.0, weights=weights)
    fig = go.Figure(layout=_titled_legend_above("Gates with their own weights", height=440))
    for found in stretches(weights):
        fig.add_vrect(x0=found.low, x1=found.high, fillcolor=SHADE, line_width=0, layer="below")
        fig.add_annotation(
            x=(found.low + found.high) / 2,
            y=LABEL_Y,
            text=MODE_LABELS[found.mode],
            showarrow=False,
            font={"size": 13},
        )
    curves = [
        (gate, f"{LABELS[gate]} = σ({affine(getattr(weights, gate))})", gate)
        for gate in ("forget", "input")
    ]
    _add_curves(fig, s, cell, curves)
    fig.update_xaxes(title_text="gate input s", range=list(S_RANGE), zeroline=True)
    fig.update_yaxes(title_text="gate output", range=[-0.05, 1.05], zeroline=True)
    return fig


def show_gates_that_disagree(weights: Weights = LATCH) -> FigureHTML:
    """:func:`gates_that_disagree` for a chapter, with a text alternative written from its
    numbers."""
    where = {
        "clear": f"the forget gate is below {number(NEAR, 'g')}: the cell clears its LTM",
        "keep": f"the forget gate is above {number(1 - NEAR, 'g')} and the input gate below "
        f"{number(NEAR, 'g')}: it keeps its LTM without writing",
        "write": f"both are above {number(1 - NEAR, 'g')}: it keeps its LTM and writes into it",
    }
    parts = "; ".join(
        f"from s = {number(found.low, '.1f')} to {number(found.high, '.1f')} {where[found.mode]}"
        for found in stretches(weights)
    )
    alt = (
        f"Line chart against the gate input s from {number(S_RANGE[0], 'g')} to "
        f"{number(S_RANGE[1], 'g')} of the forget gate σ({affine(weights.forget)}) and the input "
        f"gate σ({affine(weights.input)}). Shaded stretches: {parts}."
    )
    return show(gates_that_disagree(weights), "latch-gates", alt=alt)
