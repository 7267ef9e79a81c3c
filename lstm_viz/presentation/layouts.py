"""Layout helpers for figures whose legend must not run into their title on a phone."""

from __future__ import annotations

__all__ = ["legend_on_top"]


def legend_on_top(layout: dict, top: int) -> dict:
    """``layout`` (of :func:`lstm_viz.presentation.figures.base_layout`) with the title at the very
    top, the legend under it across the whole width (wrapping on a narrow screen), and ``top``
    pixels above the plot area for both and the first panel's title.

    Plotly keeps margins fixed in pixels, so ``top`` must hold the legend at its narrowest.
    """
    height = layout["height"]
    layout["title"] = {
        **layout["title"],
        "y": 1,
        "yref": "container",
        "yanchor": "top",
        "pad": {"t": 10},
    }
    layout["legend"] = {
        "orientation": "h",
        "x": 0,
        "xref": "container",
        "xanchor": "left",
        "y": 1 - 40 / height,
        "yref": "container",
        "yanchor": "top",
        # Two entries to a row at every width, so the legend's height is known. On a phone the
        # plot area is about 270 px wide: a name fits in about 95 px, 15 letters at 11 px.
        "entrywidth": 0.5,
        "entrywidthmode": "fraction",
        "traceorder": "normal",  # (grouped legends ignore the entry width)
        "font": {"size": 11},
    }
    layout["margin"] = {**layout["margin"], "l": 52, "r": 12, "t": top}
    return layout
