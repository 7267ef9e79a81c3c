"""The chapter's tables as static HTML, every number computed by :mod:`lstm_viz.model.table`."""

from __future__ import annotations

import re

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import Weights
from lstm_viz.model.table import EXAMPLE_C_PREV, EXAMPLE_S, behaviour_table, componentwise
from lstm_viz.presentation.escaping import escape

__all__ = ["HTMLTable", "behaviour_table_html", "componentwise_table_html", "html_table"]


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
    caption: str, head: list[str], rows: list[list[str]], cls: str, keys: list[str] | None = None
) -> str:
    """A table whose cells name their column (``data-label``), so a phone can stack each row.

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
    return (
        f'<div class="lstm-viz-table-wrap"><table class="table lstm-viz-table {cls}">'
        f"<caption>{escape(caption)}</caption>"
        f"<thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def behaviour_table_html(weights: Weights = Weights()) -> HTMLTable:
    """The behaviour table: the gates at each band's stated gate input s and what they do to the
    LTM.

    Each row carries its band's key (``data-key``); the explorer marks the band its s is in.
    """
    table = behaviour_table(weights)
    rows = [
        [
            f'{escape(row.band.name)} <span class="lstm-viz-nowrap">(s = '
            f"{number(row.band.stated, 'g')})</span>",
            number(row.forget),
            number(row.learned, "+.2f"),
            f"{escape(row.kept_words)} ({number(row.forget, '.0%')})",
            escape(row.learned_words),
            escape(row.reading),
        ]
        for row in table
    ]
    head = [
        "gate input <i>s</i>",
        "forget gate <i>f</i>",
        "learned <i>i</i>·<i>g</i>",
        "LTM kept",
        "learned, in words",
        "in plain words",
    ]
    caption = (
        "What the cell does to its LTM at four values of the gate input s (unit weights, zero "
        "biases)"
    )
    keys = [row.band.key for row in table]
    return HTMLTable(html_table(caption, head, rows, "lstm-viz-behaviour", keys))


def componentwise_table_html(
    s: tuple[float, ...] = EXAMPLE_S, c_prev: tuple[float, ...] = EXAMPLE_C_PREV
) -> HTMLTable:
    """One step of a cell whose gate input and LTM are vectors, component by component."""
    rows = [
        [
            str(k),
            number(row.s, "g"),
            number(row.c_prev),
            number(row.forget, ".3f"),
            number(row.kept, ".3f"),
            number(row.learned, "+.3f"),
            number(row.ltm, ".3f"),
        ]
        for k, row in enumerate(componentwise(s, c_prev), start=1)
    ]
    head = [
        "component",
        "gate input <i>s</i>",
        "old LTM <i>c</i><sub><i>t</i>−1</sub>",
        "forget gate <i>f</i>",
        "kept <i>f</i>·<i>c</i><sub><i>t</i>−1</sub>",
        "learned <i>i</i>·<i>g</i>",
        "new LTM <i>c</i><sub><i>t</i></sub>",
    ]
    caption = "One step of a cell whose memories are vectors, component by component"
    return HTMLTable(html_table(caption, head, rows, "lstm-viz-componentwise"))
