"""The front page's figure: the LTM of two cells over the chapter's example, as inline SVG.

The book's idea at a glance: the same inputs (:data:`lstm_viz.model.over_time.EXAMPLE_X`: one
strong input, quiet steps, one strong negative input) fed to a latch, whose forget and input gates
disagree, and to the book's tied cell, whose gates are one number (f = i = o). The latch holds its
LTM c_t; the tied cell's fades. Every point is :func:`lstm_viz.model.over_time.example_run`'s.

It is drawn here, at build time, as SVG with the cell diagrams' vocabulary
(:class:`lstm_viz.presentation.diagrams.canvas.Canvas`: LTM purple, everything else in the page's
text colour, both themes) rather than as a Plotly figure: it stands on the first screen, where a
Plotly figure would fetch and run plotly.js at once and delay the page for every reader. The
chapter's Plotly figure of the same runs (:mod:`lstm_viz.presentation.over_time`) adds the STM and
what each cell learns.

The words the figure itself states ("held", "fades", "cleared") are the chapter's checked claims;
drawing it fails if one of them stops holding for the model.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lstm_viz.model.claims import CLAIMS
from lstm_viz.model.formatting import number
from lstm_viz.model.over_time import EXAMPLE_X, QUIET_STEPS, example_run
from lstm_viz.model.presets import PRESETS
from lstm_viz.presentation.diagrams.canvas import Canvas

__all__ = ["CELLS", "HEIGHT", "WIDTH", "FrontFigureHTML", "front_figure_html", "front_figure_svg"]

#: The drawing's size (its viewBox). Like the diagrams, its labels are 16 units high, so at a
#: phone's width (about 340 px) they are still 12 px.
WIDTH, HEIGHT = 460, 202
#: The plot area of the LTM (left, right, top, bottom) and the values it spans.
LEFT, RIGHT, TOP, BOTTOM = 40.0, 446.0, 34.0, 140.0
LOW, HIGH = -0.15, 1.25
#: The strip of inputs under it: the zero line, and how many units an input of 1 is tall.
INPUT_ZERO, INPUT_UNIT = 178.0, 4.0
#: The two cells, their line's class and the words that name them on the figure.
CELLS: dict[str, tuple[str, str]] = {
    "latch": ("ltm", "gates disagree: held"),
    "book": ("ltm tied", "gates tied: fades"),
}
#: The claims the figure's words state.
STATED = ("latch-holds", "tied-memory-fades", "strong-negative-clears")

_STYLE = (
    ".lstm-front .grid{stroke:currentColor;stroke-width:1;opacity:0.25;fill:none}"
    ".lstm-front .zero{stroke:currentColor;stroke-width:1.2;opacity:0.6;fill:none}"
    ".lstm-front path.ltm{stroke-width:3.5;stroke-linejoin:round}"
    ".lstm-front path.tied{stroke-dasharray:9 6}"
    ".lstm-front .bar{fill:currentColor}"
)


def x_of(t: float) -> float:
    """The x of step ``t`` (1 … T): the middle of its slot."""
    return LEFT + (t - 0.5) * (RIGHT - LEFT) / len(EXAMPLE_X)


def y_of(c: float) -> float:
    """The y of the LTM value ``c``."""
    return BOTTOM - (c - LOW) / (HIGH - LOW) * (BOTTOM - TOP)


def _line(canvas: Canvas, key: str, cls: str) -> None:
    run = example_run(key)
    canvas.path([(round(x_of(t), 2), round(y_of(c), 2)) for t, c in enumerate(run.ltm, 1)], cls)


def _grid(canvas: Canvas) -> None:
    for value in (0.0, 1.0):
        y = y_of(value)
        ET.SubElement(canvas.back, "path", {"d": f"M{LEFT:g} {y:g} H{RIGHT:g}", "class": "grid"})
        canvas.text(LEFT - 8, y + 5, number(value, "g"), anchor="end")
    canvas.text(4, 18, "LTM c", "ltm", anchor="start", sub="t")


def _inputs(canvas: Canvas) -> None:
    ET.SubElement(
        canvas.back, "path", {"d": f"M{LEFT:g} {INPUT_ZERO:g} H{RIGHT:g}", "class": "zero"}
    )
    canvas.text(LEFT - 8, INPUT_ZERO + 5, "x", anchor="end", sub="t")
    for t, x in enumerate(EXAMPLE_X, 1):
        if x == 0:
            continue
        top, height = min(INPUT_ZERO, INPUT_ZERO - x * INPUT_UNIT), abs(x) * INPUT_UNIT
        ET.SubElement(
            canvas.front,
            "rect",
            {"x": f"{x_of(t) - 4:g}", "y": f"{top:g}", "width": "8", "height": f"{height:g}"},
        ).set("class", "bar")
        # Beside the bar, level with its middle: "x₁ = 4", the step as a subscript.
        canvas.text(x_of(t) + 10, top + height / 2 + 5, "x", anchor="start", sub=str(t))
        ET.SubElement(canvas.front[-1], "tspan", {"dy": "-4"}).text = f" = {number(x, 'g')}"


def _labels(canvas: Canvas) -> None:
    """Each line named where it is alone: the latch's above its level run, the tied cell's below
    its falling one."""
    latch, tied = example_run("latch"), example_run("book")
    last_quiet = QUIET_STEPS[-1]
    held = max(latch.ltm[t - 1] for t in QUIET_STEPS)
    canvas.text(x_of(last_quiet), y_of(held) - 10, CELLS["latch"][1], "ltm", anchor="end")
    first_quiet = QUIET_STEPS[0]
    low = min(tied.ltm[t - 1] for t in QUIET_STEPS)
    canvas.text(x_of(first_quiet), y_of(low) + 6, CELLS["book"][1], "ltm", anchor="start")


def _description() -> str:
    latch, tied = example_run("latch"), example_run("book")
    strong = [(t, x) for t, x in enumerate(EXAMPLE_X, 1) if x != 0]
    inputs = " and ".join(f"{number(x, 'g')} at step {t}" for t, x in strong)
    last, clear = QUIET_STEPS[-1], QUIET_STEPS[-1] + 1
    return (
        f"Two lines of the LTM c_t against the step, 1 to {len(EXAMPLE_X)}, for the same inputs "
        f"x_t: {inputs}, zero elsewhere. {PRESETS['latch'].name.capitalize()}, whose forget and "
        f"input gates disagree (solid line): its LTM is {number(latch.ltm[0])} after step 1 and "
        f"{number(latch.ltm[last - 1])} after step {last}. {PRESETS['book'].name.capitalize()}, "
        f"whose gates are tied, f = i = o (dashed line): its LTM is {number(tied.ltm[0])} after "
        f"step 1 and fades to {number(tied.ltm[last - 1])} after step {last}. The strong negative "
        f"input at step {clear} clears both, to {number(latch.ltm[clear - 1])} and "
        f"{number(tied.ltm[clear - 1])}."
    )


def front_figure_svg() -> str:
    """The figure's SVG markup, the same on every call; raises if a claim it states fails."""
    failing = [name for name in STATED if not CLAIMS[name].holds()]
    if failing:
        raise ValueError(f"the front figure states claims that no longer hold: {failing}")
    canvas = Canvas(
        "lstm-front-memory",
        "One memory held, one fading: the LTM of two cells over the same inputs",
        _description(),
        width=WIDTH,
        height=HEIGHT,
    )
    canvas.root.set("class", "lstm-dg lstm-front")
    ET.SubElement(canvas.root, "style").text = _STYLE
    _grid(canvas)
    _inputs(canvas)
    for key, (cls, _) in CELLS.items():
        _line(canvas, key, cls)
    _labels(canvas)
    return canvas.svg()


def front_figure_html() -> str:
    """The figure in a ``<figure>`` with its caption, for the front page."""
    caption = "The LTM c<sub>t</sub> of two cells given the same inputs x<sub>t</sub>."
    return (
        f'<figure class="lstm-dg-figure lstm-front-figure">{front_figure_svg()}'
        f"<figcaption>{caption}</figcaption></figure>"
    )


class FrontFigureHTML:
    """The figure for a notebook cell: Jupyter and myst-nb show its ``text/html``."""

    def __init__(self) -> None:
        self.html = front_figure_html()

    def _repr_html_(self) -> str:
        return self.html
