"""Plotly figures as static HTML: a fixed id, the JSON, and the plotly.js bundle they need.

The page's own scripts (added by :mod:`lstm_viz.sphinx.page_scripts`) draw every
``.lstm-viz-figure`` from the JSON beside it when the reader nears it, so the HTML holds no random
id and no inline script, and is the same on every build. The figure's box is as tall as the figure
will be, and the build puts the figure's still in it (:mod:`lstm_viz.sphinx.stills`): what
readers see before plotly.js arrives, or without JavaScript, in print and in feeds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from lstm_viz.presentation.escaping import escape

__all__ = [
    "BASIC_TRACES",
    "DEFAULT_HEIGHT",
    "FigureHTML",
    "bundle_for",
    "figure_height",
    "figure_html",
    "show",
]

#: Trace types in the official partial bundle ``plotly.js-basic-dist-min``.
BASIC_TRACES = frozenset({"scatter", "bar", "pie"})

STATIC = Path(__file__).parent / "static"
#: plotly.js's height for a figure whose layout gives none.
DEFAULT_HEIGHT = 450
_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def bundle_for(fig: go.Figure) -> str:
    """The smallest official plotly.js bundle that draws every trace of ``fig``."""
    return "basic" if {trace.type for trace in fig.data} <= BASIC_TRACES else "full"


def figure_height(fig: go.Figure) -> int:
    """The figure's height in CSS pixels: its layout's, else plotly.js's default."""
    height = fig.layout.height
    return DEFAULT_HEIGHT if height is None else round(height)


def figure_html(fig: go.Figure, name: str, *, alt: str, scripts: tuple[str, ...] = ()) -> str:
    """``fig`` as a static HTML fragment with id ``name`` and text alternative ``alt``.

    ``scripts`` names files of ``lstm_viz/static`` that the page must also load for this figure
    (after plotly.js and ``figures.js``), such as the explorer's script.
    """
    if not _ID.match(name):
        raise ValueError(f"name must be lowercase letters, digits and dashes, got {name!r}")
    if not alt.strip():
        raise ValueError("alt must describe the figure in words")
    missing = [script for script in scripts if not (STATIC / script).is_file()]
    if missing:
        raise ValueError(f"no such script in {STATIC}: {', '.join(missing)}")
    spec = json.loads(pio.to_json(fig, validate=True, pretty=False))
    spec["config"] = {"displaylogo": False, "responsive": True}
    # "</" cannot end the JSON's script element early once every "<" is escaped.
    data = json.dumps(spec, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")
    text = escape(alt)
    # The text alternative describes the plot to screen readers (the plot holds buttons, so it
    # cannot be role="img"). The box's height is the figure's, so drawing it moves nothing.
    return (
        f'<figure class="lstm-viz-figure-wrap">'
        f'<div id="{name}" class="lstm-viz-figure" aria-describedby="{name}-alt" '
        f'style="height: {figure_height(fig)}px" '
        f'data-plotly-bundle="{bundle_for(fig)}" data-lstm-viz-scripts="{" ".join(scripts)}"></div>'
        f'<p id="{name}-alt" class="lstm-viz-alt">{text}</p>'
        f'<script type="application/json" id="{name}-data">{data}</script>'
        f"</figure>"
    )


class FigureHTML:
    """A figure ready for a notebook cell: Jupyter and myst-nb show its ``text/html``."""

    def __init__(self, fig: go.Figure, name: str, *, alt: str, scripts: tuple[str, ...] = ()):
        self.fig, self.html = fig, figure_html(fig, name, alt=alt, scripts=scripts)

    def _repr_html_(self) -> str:
        return self.html


def show(fig: go.Figure, name: str, *, alt: str, scripts: tuple[str, ...] = ()) -> FigureHTML:
    """Display ``fig`` in a chapter: ``show(gate_curves(), "gate-curves", alt="...")``."""
    return FigureHTML(fig, name, alt=alt, scripts=scripts)
