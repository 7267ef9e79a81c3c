"""Plotly figures of the cell, every number computed by :mod:`lstm_viz.model.gates`."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_viz.model.gates import Weights, step
from lstm_viz.presentation.style import COLOURS, LABELS

__all__ = ["base_layout", "gate_curves"]


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


def gate_curves(
    s_range: tuple[float, float] = (-6.0, 6.0), *, points: int = 121, weights: Weights = Weights()
) -> go.Figure:
    """Every gate, and the learned amount i·g, against the gate input s (the LTM plays no part)."""
    s = np.linspace(*s_range, points)
    cell = step(s, 0.0, weights=weights)
    fig = go.Figure(layout=base_layout("What each gate makes of s"))
    for name, dash in (
        ("forget", "solid"),
        ("input", "dash"),
        ("output", "dot"),
        ("candidate", "solid"),
        ("learned", "dashdot"),
    ):
        fig.add_scatter(
            x=s,
            y=getattr(cell, name),
            name=LABELS[name],
            mode="lines",
            line={"color": COLOURS[name], "width": 2.5, "dash": dash},
            hovertemplate="%{y:.3f}",
        )
    fig.update_xaxes(title_text="gate input s = previous STM + input", zeroline=True)
    fig.update_yaxes(title_text="gate output", range=[-1.05, 1.05], zeroline=True)
    return fig
