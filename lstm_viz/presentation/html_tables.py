"""The chapter's tables as static HTML, every number computed by :mod:`lstm_viz.model.table`.

A table that compares rows or components stays a table on a phone (``compact``): few columns, short
cells, so a reader can still compare them side by side at 375 px. Other tables (the experiment's)
may become one card per row there, each cell named by its column (``data-label``).
"""

from __future__ import annotations

import re

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import Weights
from lstm_viz.model.presets import ORIGINAL_COLUMNS, ORIGINAL_PRINTED
from lstm_viz.model.table import (
    BANDS,
    EXAMPLE_C_PREV,
    EXAMPLE_S,
    behaviour_table,
    componentwise,
)
from lstm_viz.presentation.escaping import escape
from lstm_viz.presentation.explorer.controls import band_bounds

__all__ = [
    "HTMLTable",
    "behaviour_table_html",
    "componentwise_table_html",
    "html_table",
    "original_table_html",
]


class HTMLTable:
    """A table ready for a notebook cell: Jupyter and myst-nb show its ``text/html``."""

    def __init__(self, markup: str) -> None:
        self.html = markup

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _plain(markup: str) -> str:
    """The words of a bit of HTML, for an attribute: subscripts in brackets, tags dropped."""
    words = re.sub(r"<sub>(.*?)</sub>", r"(\1)", markup)
    return escape(re.sub(r"<[^>]+>", "", words))


def html_table(
    caption: str,
    head: list[str],
    rows: list[list[str]],
    cls: str,
    keys: list[str] | None = None,
    *,
    compact: bool = False,
) -> str:
    """A table whose cells name their column (``data-label``), so a phone can stack each row —
    unless it is ``compact``: then it stays a table a phone can compare across.

    ``keys`` name the rows (``data-key``), for a page script that marks one of them.
    """
    cells = "".join(f'<th scope="col">{h}</th>' for h in head)
    keys = keys or [""] * len(rows)
    body = "".join(
        (f'<tr data-key="{key}">' if key else "<tr>")
        + f'<th scope="row">{row[0]}</th>'
        + "".join(
            f'<td data-label="{_plain(label)}">{c}</td>'
            for label, c in zip(head[1:], row[1:], strict=True)
        )
        + "</tr>"
        for key, row in zip(keys, rows, strict=True)
    )
    classes = f"table lstm-viz-table {cls}" + (" lstm-viz-compact" if compact else "")
    return (
        f'<div class="lstm-viz-table-wrap"><table class="{classes}">'
        f"<caption>{escape(caption)}</caption>"
        f"<thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _band_cell(name: str, stated: str, bounds: str) -> str:
    """A row's first cell: the band's name and bounds, and the s its numbers are computed at."""
    return (
        f'{escape(name)} <span class="lstm-viz-nowrap">({escape(bounds)})</span>'
        f'<br><span class="lstm-viz-note">at <i>s</i> = {stated}</span>'
    )


def behaviour_table_html(weights: Weights = Weights()) -> HTMLTable:
    """The behaviour table: the gates at each band's stated gate input s, and what the step does
    to the LTM anywhere in the band.

    Each row carries its band's key (``data-key``); the explorer marks the band its s is in.
    """
    table = behaviour_table(weights)
    rows = [
        [
            _band_cell(row.band.name, number(row.band.stated, "g"), band_bounds(row.band)),
            number(row.forget),
            number(row.learned, "+.2f"),
            escape(row.words),
        ]
        for row in table
    ]
    head = ["gate input <i>s</i>", "<i>f</i>", "<i>i</i>·<i>g</i>", "anywhere in the band"]
    caption = "The book's cell at four kinds of gate input s"
    keys = [row.band.key for row in table]
    return HTMLTable(html_table(caption, head, rows, "lstm-viz-behaviour", keys, compact=True))


def original_table_html() -> HTMLTable:
    """The original chapter's behaviour table, its values as printed (its comments left out),
    one row per band of :data:`lstm_viz.model.table.BANDS`."""
    rows = [[escape(cell) for cell in ORIGINAL_PRINTED[band.key]] for band in BANDS]
    head = ["<i>s</i>", *(escape(name) for name in ORIGINAL_COLUMNS[1:])]
    caption = (
        f"The original chapter's table as printed; its first column, headed "
        f"{ORIGINAL_COLUMNS[0]}, is the gate input s"
    )
    keys = [band.key for band in BANDS]
    return HTMLTable(html_table(caption, head, rows, "lstm-viz-original", keys, compact=True))


def componentwise_table_html(
    s: tuple[float, ...] = EXAMPLE_S, c_prev: tuple[float, ...] = EXAMPLE_C_PREV
) -> HTMLTable:
    """One step of a cell whose gate input and LTM are vectors: one column per component, so the
    components sit side by side even on a phone."""
    components = componentwise(s, c_prev)
    quantities = [
        ("gate input <i>s</i>", lambda r: number(r.s, "g")),
        ("old LTM <i>c</i><sub><i>t</i>−1</sub>", lambda r: number(r.c_prev)),
        ("forget gate <i>f</i>", lambda r: number(r.forget)),
        ("kept <i>f</i>·<i>c</i><sub><i>t</i>−1</sub>", lambda r: number(r.kept)),
        ("learned <i>i</i>·<i>g</i>", lambda r: number(r.learned, "+.2f")),
        ("new LTM <i>c</i><sub><i>t</i></sub>", lambda r: number(r.ltm)),
    ]
    rows = [[name, *(shown(r) for r in components)] for name, shown in quantities]
    head = ["component", *(str(k) for k in range(1, len(components) + 1))]
    caption = "One step of a cell with four components"
    return HTMLTable(html_table(caption, head, rows, "lstm-viz-componentwise", compact=True))
