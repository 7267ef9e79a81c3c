"""The interactive explorer: the cell as one Plotly figure that the reader drags in the browser.

Three panels share the figure: the STM ``s`` on its own; the four gate outputs f, i, g, o; and the
LTM's path — the previous LTM c_prev, what is kept of it (f·c_prev), what is learned (i·g), the new
LTM c_t and the new STM h_t. Each quantity is a point on a stem from zero. The reader drags ``s``,
c_prev and any gate (which then overrides it); ``static/explorer.js`` recomputes the cell while they
drag, with the weights, ranges and behaviour-table bands that this module writes into the figure's
``layout.meta``, so no number of the model is typed twice.

The first drawing is computed here by :func:`lstm_viz.model.gates.step`; the script takes over from
it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import plotly.graph_objects as go

from lstm_viz.model.checks import real_number
from lstm_viz.model.formatting import number
from lstm_viz.model.gates import GATE_RANGES, GATES, Gates, Weights, step
from lstm_viz.model.state import (
    C_PREV_RANGE,
    DEFAULT_C_PREV,
    DEFAULT_S,
    HASH_KEYS,
    S_RANGE,
    checked_overrides,
)
from lstm_viz.model.table import BANDS, Band, band_of
from lstm_viz.presentation.embed import figure_html
from lstm_viz.presentation.figures import base_layout
from lstm_viz.presentation.style import COLOURS, LABELS

__all__ = ["EXPLORER_ID", "ExplorerHTML", "explorer", "explorer_figure", "explorer_meta"]

#: The figure's HTML id; the page ``book/explorer.md`` and the tests use it.
EXPLORER_ID = "lstm-explorer"

# The names explorer.js gives s and c_prev in its state.
_SCRIPT_KEYS = {"s": "stm", "c_prev": "ltm"}
#: The LTM panel's columns, left to right: c_prev, then the fields of :class:`Gates` it leads to.
LTM_COLUMNS = ("ltm_prev", "kept", "learned", "ltm", "stm")
TICKS = {
    "stm_prev": "s",
    "forget": "f",
    "input": "i",
    "candidate": "g",
    "output": "o",
    "ltm_prev": "c<sub>t−1</sub>",
    "kept": "f·c",
    "learned": "i·g",
    "ltm": "c<sub>t</sub>",
    "stm": "h<sub>t</sub>",
}
NAMES = {
    "stm_prev": "STM s (previous STM + input)",
    "ltm_prev": "previous LTM c_prev",
    **LABELS,
}
# Vertical extent of each panel: the draggable range plus a margin so the points stay visible.
Y_RANGES = {"stm": (-6.6, 6.6), "gates": (-1.15, 1.15), "ltm": (-4.4, 4.4)}
# Horizontal share of the figure for each panel, and the gaps that hold the y-axis tick labels.
DOMAINS = {"stm": (0.0, 0.085), "gates": (0.165, 0.5), "ltm": (0.58, 1.0)}
#: Trace indices by role, written into the figure for the script.
TRACES = {"band": 0, "stm": 1, "gates": 2, "computed": 3, "ltm": 4}


def _band_json(band: Band) -> dict:
    """A band with its unbounded ends as ``None``: JSON has no infinity."""
    return {
        "key": band.key,
        "name": band.name,
        "low": band.low if math.isfinite(band.low) else None,
        "high": band.high if math.isfinite(band.high) else None,
        "stated": band.stated,
    }


def explorer_meta(weights: Weights = Weights()) -> dict:
    """What explorer.js needs from Python: weights, ranges, bands, names, colours, trace roles."""
    return {
        "weights": {name: [getattr(weights, name).w, getattr(weights, name).b] for name in GATES},
        "ranges": {
            "stm": list(S_RANGE),
            "ltm": list(C_PREV_RANGE),
            **{name: list(GATE_RANGES[name]) for name in GATES},
        },
        # The script's state keys are still "stm" (for s) and "ltm" (for c_prev).
        "hash": {_SCRIPT_KEYS.get(name, name): key for name, key in HASH_KEYS.items()},
        "initial": {"stm": DEFAULT_S, "ltm": DEFAULT_C_PREV},
        "bands": [_band_json(band) for band in BANDS],
        "names": NAMES,
        "colours": {key: COLOURS[key] for key in NAMES},
        "columns": {"stm": ["stm_prev"], "gates": list(GATES), "ltm": list(LTM_COLUMNS)},
        "traces": TRACES,
    }


def _stems(values: list[float]) -> dict:
    """Error bars drawn as stems from zero up or down to each value."""
    return {
        "type": "data",
        "symmetric": False,
        "array": [max(-v, 0.0) for v in values],
        "arrayminus": [max(v, 0.0) for v in values],
        "width": 0,
        "thickness": 3,
        "color": "rgba(128,128,128,0.55)",
    }


def _points(panel: str, keys: list[str], values: list[float], axis: str) -> go.Scatter:
    return go.Scatter(
        name=panel,
        x=list(range(len(keys))),
        y=values,
        xaxis=f"x{axis}",
        yaxis=f"y{axis}",
        mode="markers+text",
        text=[number(v) for v in values],
        textposition="middle right",
        textfont={"size": 11},
        cliponaxis=False,
        marker={
            "size": 16,
            "color": [COLOURS[k] for k in keys],
            "symbol": ["circle"] * len(keys),
            "line": {"width": 1.5, "color": "rgba(0,0,0,0.35)"},
        },
        error_y=_stems(values),
        hoverinfo="skip",
        showlegend=False,
    )


def _band_bar(stm: float) -> go.Bar:
    """The STM's band of the behaviour table, shaded behind the STM's column."""
    band = band_of(stm)
    low, high = max(band.low, S_RANGE[0]), min(band.high, S_RANGE[1])
    return go.Bar(
        name="band",
        x=[0],
        y=[high - low],
        base=[low],
        width=[0.9],
        marker={"color": COLOURS["stm_prev"], "opacity": 0.14, "line": {"width": 0}},
        xaxis="x",
        yaxis="y",
        hoverinfo="skip",
        showlegend=False,
    )


def _axes(layout: dict) -> None:
    columns = explorer_meta()["columns"]
    for n, panel in enumerate(("stm", "gates", "ltm"), start=1):
        suffix = "" if n == 1 else str(n)
        keys = columns[panel]
        layout[f"xaxis{suffix}"] = {
            "domain": list(DOMAINS[panel]),
            "range": [-0.6, len(keys) - 0.4],
            "tickvals": list(range(len(keys))),
            "ticktext": [TICKS[k] for k in keys],
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
            "anchor": f"y{suffix}",
            "tickfont": {"size": 13},
            "tickangle": 0,
            # The ranges are fixed and every label fits: without this, Plotly measures each tick
            # label on the first draw to hide the ones past the figure's edge (~25 ms cold).
            "ticklabeloverflow": "allow",
        }
        layout[f"yaxis{suffix}"] = {
            "range": list(Y_RANGES[panel]),
            "fixedrange": True,
            "zeroline": True,
            "anchor": f"x{suffix}",
            "automargin": False,
            "tickfont": {"size": 11},
            "ticklabeloverflow": "allow",
        }


def _titles() -> list[dict]:
    titles = {"stm": "STM", "gates": "gates", "ltm": "LTM → new STM"}
    return [
        {
            "text": titles[panel],
            "xref": "paper",
            "yref": "paper",
            "x": DOMAINS[panel][0],
            "y": 1.0,
            "xanchor": "left",
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": 13},
        }
        for panel in ("stm", "gates", "ltm")
    ]


def explorer_figure(
    s: float = DEFAULT_S,
    c_prev: float = DEFAULT_C_PREV,
    *,
    weights: Weights = Weights(),
    overrides: Mapping[str, float] | None = None,
) -> go.Figure:
    """The explorer's figure at one state, every value from :func:`lstm_viz.model.gates.step`.

    ``overrides`` maps gate names (``forget``, ``input``, ``candidate``, ``output``) to the values
    the reader set; overridden gates are drawn as diamonds, their computed value as an open circle.
    """
    s = real_number("s", s, S_RANGE)
    c = real_number("c_prev", c_prev, C_PREV_RANGE)
    fixed = checked_overrides(overrides)
    cell: Gates = step(s, c, weights=weights, **fixed)
    free: Gates = step(s, c, weights=weights)
    gate_values = [float(getattr(cell, g)) for g in GATES]
    ltm_values = [c, *(float(getattr(cell, k)) for k in LTM_COLUMNS[1:])]

    gates = _points("gates", list(GATES), gate_values, "2")
    gates.marker.symbol = ["diamond" if g in fixed else "circle" for g in GATES]
    computed = go.Scatter(
        name="computed",
        x=list(range(len(GATES))),
        y=[float(getattr(free, g)) for g in GATES],
        xaxis="x2",
        yaxis="y2",
        mode="markers",
        marker={
            "size": 14,
            "symbol": ["circle-open"] * len(GATES),
            "opacity": [1 if g in fixed else 0 for g in GATES],
            "color": "rgba(128,128,128,0.9)",
        },
        hoverinfo="skip",
        showlegend=False,
    )
    layout = base_layout("", height=400)
    layout.update(
        title=None,
        margin={"l": 36, "r": 30, "t": 34, "b": 36},
        hovermode=False,
        dragmode=False,
        showlegend=False,
        annotations=_titles(),
        meta={"lstm_explorer": explorer_meta(weights)},
    )
    _axes(layout)
    fig = go.Figure(
        data=[
            _band_bar(s),
            _points("stm", ["stm_prev"], [s], ""),
            gates,
            computed,
            _points("ltm", list(LTM_COLUMNS), ltm_values, "3"),
        ],
        layout=layout,
    )
    return fig


class ExplorerHTML:
    """The explorer for a notebook cell: Jupyter and myst-nb show its ``text/html``."""

    def __init__(self, html_text: str, fig: go.Figure):
        self.html, self.fig = html_text, fig

    def _repr_html_(self) -> str:
        return self.html


NOSCRIPT = (
    # Without JavaScript the explorer's empty frame is hidden and this notice stands in its place.
    "<noscript><style>.lstm-explorer{display:none}</style>"
    '<p class="lstm-explorer-noscript"><strong>The explorer needs JavaScript.</strong> With it '
    "switched off, the behaviour table below still shows what the cell does at one STM in each "
    "band.</p></noscript>"
)


def explorer(weights: Weights = Weights(), *, alt: str | None = None) -> ExplorerHTML:
    """The explorer as its page shows it: the figure, its script and style, a no-script notice."""
    fig = explorer_figure(weights=weights)
    alt = alt or (
        "Interactive chart of one LSTM cell. Left: the STM s, which can be dragged from −6 to 6. "
        "Middle: the forget, input, candidate and output gates, each of which can be dragged to "
        "override it. Right: the previous LTM, which can be dragged from −3 to 3, what is kept of "
        "it, what is learned, the new LTM and the new STM. The controls below the chart do the "
        "same from the keyboard."
    )
    inner = figure_html(fig, EXPLORER_ID, alt=alt, scripts=("explorer.css", "explorer.js"))
    return ExplorerHTML(f'<div class="lstm-explorer">{inner}</div>{NOSCRIPT}', fig)
