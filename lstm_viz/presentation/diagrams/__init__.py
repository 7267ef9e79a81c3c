"""The chapter's cell diagrams, drawn as SVG from one small drawing vocabulary (:mod:`.canvas`).

The pictures grow step by step and keep every part where it was in the picture before:

* ``black-box`` — the LTM line over the STM line, with a black box between them;
* ``forget-learn`` — the box opened: *forget* and *learn* act on the LTM;
* ``how-much-what`` — learning split into *how much* (σ) and *what* (tanh), forgetting a σ too,
  and the STM adjusted from the new LTM;
* ``gates`` — the finished cell, its forget, input and output gates drawn as dashed boxes;
* ``unrolled`` — the cell over three steps: the LTM line runs straight through, and is read out
  past the gates, which never read it (:mod:`lstm_viz.presentation.diagrams.unrolled`).

Each SVG carries a ``<title>`` and ``<desc>``, labels as real ``<text>``, and a ``viewBox`` so it
scales to any width. The STM and LTM colours come from :data:`lstm_viz.presentation.style.COLOURS`;
everything else is drawn in ``currentColor``, so an SVG inlined in a page takes the page's text
colour, and the two line colours are lightened when the book's theme is dark
(``html[data-theme="dark"]``). The output is the same string on every call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lstm_viz.presentation.diagrams import cell, unrolled
from lstm_viz.presentation.diagrams.canvas import HEIGHT, PALETTE, WIDTH, Canvas
from lstm_viz.presentation.escaping import escape

__all__ = [
    "DIAGRAMS",
    "PALETTE",
    "Canvas",
    "Diagram",
    "DiagramHTML",
    "diagram_html",
    "diagram_svg",
    "show_diagram",
]


@dataclass(frozen=True)
class Diagram:
    """One of the chapter's pictures: its id, its title, a description that doubles as alt, and
    its drawing size (the canvas default unless it needs another)."""

    name: str
    title: str
    desc: str
    draw: Callable[[Canvas], None]
    width: int = WIDTH
    height: int = HEIGHT


#: The pictures in the order the chapter shows them.
DIAGRAMS: dict[str, Diagram] = {
    d.name: d
    for d in (
        Diagram(
            "black-box",
            "Two memories and a black box",
            "Two horizontal lines run from left to right: the long-term memory (LTM, the cell "
            "state c) at the top in purple and the short-term memory (STM, the hidden state h) at "
            "the bottom in green. The input joins the STM line from below. An arrow rises from the "
            "STM line, after the input has joined it, into a black box marked with a question "
            "mark, and another from the box to the LTM line: the previous STM and the input change "
            "the LTM in a way not yet known.",
            cell.black_box,
        ),
        Diagram(
            "forget-learn",
            "Inside the box: forget and learn",
            "The same two lines. The black box is opened and holds two parts, each fed from the "
            "STM line after the input has joined it. On the left, forget acts on the LTM line "
            "through a multiplication sign; on the right, learn acts on it through an addition "
            "sign.",
            cell.forget_learn,
        ),
        Diagram(
            "how-much-what",
            "Learning split into how much and what",
            "Forgetting is now a sigmoid layer that multiplies the LTM: how much to keep. "
            "Learning is a sigmoid layer, how much, times a tanh layer, what, and the product is "
            "added to the LTM. Each layer reads the previous STM together with the input. A wire "
            "runs from the new LTM down to an adjust box on the STM line, so the STM that leaves "
            "the cell is adjusted from the new LTM.",
            cell.how_much_what,
        ),
        Diagram(
            "gates",
            "The finished LSTM cell and its three gates",
            "The finished cell. Dashed boxes mark three gates; every layer in them reads the "
            "previous STM together with the input. The forget gate is a sigmoid layer that "
            "multiplies the LTM. The input gate is a sigmoid layer times a tanh layer, added to "
            "the LTM. The output gate is a sigmoid layer whose share of the tanh of the new LTM "
            "is the new STM.",
            cell.gates,
        ),
        Diagram(
            "unrolled",
            "The cell over three steps",
            "The same cell drawn three times, for steps 1, 2 and 3 of a sequence, left to right. "
            "The LTM line (purple, top) runs straight through all three, from c0 to c3; in each "
            "step it meets only a multiplication (forget) and an addition (learn), both driven by "
            "the step's gate layers. The STM (green, bottom) is made anew at every step: the "
            "previous STM, joined by the step's input x, goes into the gate layers; the gates "
            "never read the LTM. The new LTM is read out past them and multiplied by the output "
            "gate's share, giving the new STM, which runs on to the next step.",
            unrolled.unrolled,
            width=unrolled.WIDTH,
        ),
    )
}


def _diagram(name: str) -> Diagram:
    if name not in DIAGRAMS:
        raise ValueError(f"no diagram named {name!r}; the diagrams are {', '.join(DIAGRAMS)}")
    return DIAGRAMS[name]


def diagram_svg(name: str) -> str:
    """The SVG markup of diagram ``name`` (one of :data:`DIAGRAMS`), the same on every call."""
    d = _diagram(name)
    canvas = Canvas(f"lstm-dg-{d.name}", d.title, d.desc, width=d.width, height=d.height)
    d.draw(canvas)
    return canvas.svg()


def diagram_html(name: str, caption: str = "") -> str:
    """Diagram ``name`` inlined in a ``<figure>``, so it follows the page's light or dark theme."""
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="lstm-dg-figure">{diagram_svg(name)}{figcaption}</figure>'


class DiagramHTML:
    """A diagram ready for a notebook cell: Jupyter and myst-nb show its ``text/html``."""

    def __init__(self, name: str, caption: str = "") -> None:
        self.html = diagram_html(name, caption)

    def _repr_html_(self) -> str:
        return self.html


def show_diagram(name: str, caption: str = "") -> DiagramHTML:
    """Display diagram ``name`` in a chapter: ``show_diagram("gates", "The finished cell.")``."""
    return DiagramHTML(name, caption)
