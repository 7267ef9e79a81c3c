"""The interactive explorer: the book's own SVG, drawn complete at build time, moved by the reader.

:func:`explorer` is the whole explorer, one state between its parts: one step of the cell
(:mod:`~lstm_viz.presentation.explorer.cell_figure`) with its working
(:mod:`~lstm_viz.presentation.explorer.working`), the weights and their presets, which cell the
figure shows (the reader's own, or a step of the sequence), :func:`sequence` — the same cell over
a sequence x_1..x_T (:mod:`~lstm_viz.presentation.explorer.sequence_figure`) — the sliders
(:mod:`~lstm_viz.presentation.explorer.controls`), the sequence's table
``<table id="sequence-table">``, and the data the script needs (:func:`script_data`). The
challenges and questions (:mod:`~lstm_viz.presentation.explorer.challenges`) are listed further
down the page; the one the reader works on moves into a slot above its figure.

The HTML is the opening state, whole: it is the page's first paint, and what readers without
JavaScript and print see. The script (``static/explorer/*.js``, ES modules) recomputes the cell as
:mod:`lstm_viz.model` does and updates the same elements in place; everything it needs — ranges,
places, defaults, link keys, bands, presets, names — comes from :func:`script_data`, so no number
of the model is typed twice. Colours are :data:`~lstm_viz.presentation.style.COLOURS`, made
legible on either theme (:mod:`~lstm_viz.presentation.explorer.palette`).
"""

from __future__ import annotations

import json
import math

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import Weights, step
from lstm_viz.model.presets import PRESETS
from lstm_viz.model.ranges import C_PREV_RANGE, S_RANGE, X_RANGE
from lstm_viz.model.sequence import MAX_STEPS, run_sequence
from lstm_viz.model.table import BANDS
from lstm_viz.presentation.escaping import escape
from lstm_viz.presentation.explorer import cell_figure, challenges, controls, sequence_figure
from lstm_viz.presentation.explorer.grammar import (
    DECIMALS,
    DEFAULT_C_PREV,
    DEFAULT_S,
    DEFAULT_X,
    DEFAULTS,
    HASH_KEYS,
    HELD_KEY,
    MAX_LINK,
    NUMBER,
    RANGES,
    SYMBOLS,
)
from lstm_viz.presentation.explorer.palette import palette_css
from lstm_viz.presentation.explorer.state import values_of
from lstm_viz.presentation.explorer.working import working_html
from lstm_viz.presentation.style import LABELS

__all__ = [
    "EXPLORER_ID",
    "NAMES",
    "SEQUENCE_TABLE_ID",
    "ExplorerHTML",
    "explorer",
    "script_data",
    "sequence",
]

#: The id of the explorer's root element; the page, the script and the tests use it.
EXPLORER_ID = "lstm-explorer"
#: The id of the sequence's data table.
SEQUENCE_TABLE_ID = "sequence-table"
#: The script's entry module (served by the site from ``static/``) and style sheet.
MODULE = "explorer/main.js"
STYLE = "explorer.css"
#: How the explorer names every quantity (the gates and results as everywhere in the book).
NAMES: dict[str, str] = {
    "s": "gate input s (Prev. STM + input)",
    "c_prev": "previous LTM c_t−1",
    **LABELS,
}


class ExplorerHTML:
    """A part of the explorer for a notebook cell: Jupyter and myst-nb show its ``text/html``."""

    def __init__(self, html_text: str) -> None:
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html


def _band_json(band) -> dict:
    """A band with its unbounded ends as ``None``: JSON has no infinity."""
    return {
        "key": band.key,
        "name": band.name,
        "low": band.low if math.isfinite(band.low) else None,
        "high": band.high if math.isfinite(band.high) else None,
    }


def script_data() -> dict:
    """Everything the script takes from Python: the link grammar's keys, ranges, places, defaults
    and patterns, the bands, the presets' weights and words, the goals and the quantities'
    names."""
    return {
        "keys": list(HASH_KEYS.items()),  # in the order a link lists them
        "ranges": {name: list(bounds) for name, bounds in RANGES.items()},
        "decimals": DECIMALS,
        "defaults": {k: list(v) if isinstance(v, tuple) else v for k, v in DEFAULTS.items()},
        "number": NUMBER,
        "heldKey": HELD_KEY,
        "symbols": list(SYMBOLS.items()),
        "gateOf": {symbol: gate for gate, symbol in SYMBOLS.items()},
        "maxLink": MAX_LINK,
        "maxSteps": MAX_STEPS,
        "dragSnap": controls.DRAG_SNAP,
        "goals": challenges.script_data(),
        "presetAbout": controls.preset_about(),
        "bands": [_band_json(band) for band in BANDS],
        "book": values_of(Weights()),
        "presets": {key: values_of(p.weights) for key, p in PRESETS.items()},
        "names": NAMES,
        "tickGap": sequence_figure.TICK_GAP,
        "tickEvery": list(sequence_figure.TICK_EVERY),
        "readoutPlaces": controls.READOUT_PLACES,
    }


def _range_words(bounds: tuple[float, float]) -> str:
    return f"{number(bounds[0], 'g')} to {number(bounds[1], 'g')}"


#: The text alternatives of the two figures; the ranges are the model's.
CELL_ALT = (
    "Chart of one step of the LSTM cell. Left: the gate input s, which can be dragged from "
    f"{_range_words(S_RANGE)}, on the band of the behaviour table it falls in. Middle: the forget, "
    "input, candidate and output gates, each of which can be dragged to override it. Right: the "
    f"previous LTM, which can be dragged from {_range_words(C_PREV_RANGE)}, what is kept of it, "
    "what is learned, the new LTM and the new STM. The controls below the chart do the same from "
    "the keyboard."
)
SEQUENCE_ALT = (
    "Chart of the same cell over a sequence of steps. Top: the inputs x_t, each of which can be "
    f"dragged from {_range_words(X_RANGE)}. Middle: the four gates at every step. Bottom: the LTM "
    "c_t, starting from the previous LTM, and the STM h_t, starting from 0. The table below lists "
    "every value."
)


def _figure(svgs: list[str], caption_id: str, caption: str) -> str:
    return (
        f'<figure class="lstm-explorer-figure" aria-describedby="{caption_id}">{"".join(svgs)}'
        f'<figcaption id="{caption_id}" class="lstm-explorer-sr">{escape(caption)}</figcaption>'
        "</figure>"
    )


NOSCRIPT = (
    '<noscript><p class="lstm-explorer-noscript"><strong>The explorer needs JavaScript to '
    "move.</strong> With it switched off, the figures show its opening state, and the tables "
    "give the numbers.</p></noscript>"
)


def _slot(ident: str, figure: str) -> str:
    """Where the challenge or question being worked on stands, above its figure (a list, as the
    list of goals its card comes from)."""
    return f'<ul class="lstm-explorer-slot" id="{ident}-goal-{figure}"></ul>'


def explorer() -> ExplorerHTML:
    """The explorer at its opening state, whole, with the script's data."""
    ident = EXPLORER_ID
    cell = step(DEFAULT_S, DEFAULT_C_PREV)
    shown = {"s": DEFAULT_S, "c_prev": DEFAULT_C_PREV} | {
        k: float(v) for k, v in cell.as_dict().items()
    }
    svgs = [
        cell_figure.cell_svg(
            layout, DEFAULT_S, DEFAULT_C_PREV, cell, cell, NAMES, CELL_ALT, f"{ident}-cell"
        )
        for layout in cell_figure.LAYOUTS
    ]
    # The colours, scoped to the explorer, ride in the first figure (a <style> is valid in SVG).
    svgs[0] = svgs[0].replace("<title", f"<style>{palette_css('.lstm-explorer')}</style><title", 1)
    data = json.dumps(script_data(), separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")
    weights = values_of(Weights())
    run = run_sequence(DEFAULT_X, DEFAULT_C_PREV)
    html = (
        f'<div class="lstm-explorer" id="{ident}" data-lstm-viz-scripts="{STYLE}" '
        f'data-lstm-viz-modules="{MODULE}">'
        f'<p class="lstm-explorer-notice" role="note" hidden></p>'
        + _slot(ident, "cell")
        + _figure(svgs, f"{ident}-cell-caption", CELL_ALT)
        + working_html(shown, None, f"{ident}-working")
        + controls.band_line(DEFAULT_S)
        + controls.weight_controls(ident, weights, NAMES)
        + controls.step_view(ident)
        + sequence().html
        + controls.cell_controls(ident, DEFAULT_S, DEFAULT_C_PREV, cell, NAMES)
        + '<details class="lstm-explorer-table-wrap" open><summary>The sequence as a table'
        "</summary>" + sequence_figure.sequence_table(run, SEQUENCE_TABLE_ID) + "</details>"
        f'<p class="lstm-explorer-sr" id="{ident}-summary" aria-live="polite" '
        f'aria-atomic="true"></p>'
        f'<script type="application/json" id="{ident}-data">{data}</script>'
        f"{NOSCRIPT}</div>"
    )
    return ExplorerHTML(html)


def sequence() -> ExplorerHTML:
    """The sequence part of the explorer, at its opening state: the slot for its goals, the
    figure and the step's controls."""
    ident = f"{EXPLORER_ID}-sequence"
    run = run_sequence(DEFAULT_X, DEFAULT_C_PREV)
    svgs = [
        sequence_figure.sequence_svg(layout, run, set(), SEQUENCE_ALT, ident)
        for layout in sequence_figure.LAYOUTS
    ]
    return ExplorerHTML(
        f'<div class="lstm-explorer-over-time" id="{ident}">'
        + _slot(EXPLORER_ID, "sequence")
        + _figure(svgs, f"{ident}-caption", SEQUENCE_ALT)
        + controls.sequence_controls(EXPLORER_ID, run, 1)
        + "</div>"
    )
