"""The chapter's four cell diagrams, drawn as SVG from one small drawing vocabulary.

The pictures grow step by step and keep every part where it was in the picture before:

* ``black-box`` — the LTM line over the STM line, with a black box between them;
* ``forget-learn`` — the box opened: *forget* and *learn* act on the LTM;
* ``how-much-what`` — learning split into *how much* (σ) and *what* (tanh), forgetting a σ too,
  and the STM adjusted from the new LTM;
* ``gates`` — the finished cell, its forget, input and output gates drawn as dashed boxes.

Each SVG carries a ``<title>`` and ``<desc>``, labels as real ``<text>``, and a ``viewBox`` so it
scales to any width. The STM and LTM colours come from :data:`lstm_viz.presentation.style.COLOURS`;
everything else is drawn in ``currentColor``, so an SVG inlined in a page takes the page's text
colour, and the two line colours are lightened when the book's theme is dark
(``html[data-theme="dark"]``). The output is the same string on every call.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from lstm_viz.presentation.style import COLOURS

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

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH, HEIGHT = 460, 300
LTM_Y, MIDDLE_Y, LAYER_Y, STM_Y = 64, 128, 186, 246
LEFT, RIGHT = 12, 448
INPUT_X = 34
# Columns of the finished cell; the earlier pictures put their parts in the same places.
FORGET_X, INPUT_GATE_X, CANDIDATE_X, OUTPUT_GATE_X, READ_X = 128, 204, 272, 330, 396


def _mix(colour: str, towards: int, amount: float) -> str:
    """``colour`` (#rrggbb) moved ``amount`` of the way to grey level ``towards`` (0 or 255)."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (towards - c) * amount):02x}" for c in channels)


def _palette() -> dict[str, dict[str, str]]:
    stm, ltm = COLOURS["stm"], COLOURS["ltm"]
    return {
        "light": {
            "stm-line": stm,
            "ltm-line": ltm,
            "stm-text": _mix(stm, 0, 0.3),
            "ltm-text": _mix(ltm, 0, 0.1),
        },
        "dark": {
            "stm-line": _mix(stm, 255, 0.15),
            "ltm-line": _mix(ltm, 255, 0.4),
            "stm-text": _mix(stm, 255, 0.25),
            "ltm-text": _mix(ltm, 255, 0.45),
        },
    }


#: The STM and LTM colours of the diagrams in the light and the dark theme: the lines are
#: COLOURS' own in light mode; labels are a little darker there, and everything lighter in dark
#: mode, so that each keeps its contrast against the page.
PALETTE: dict[str, dict[str, str]] = _palette()


def _style() -> str:
    """CSS of every diagram: colours from PALETTE, the rest in the page's text colour."""
    light, dark = PALETTE["light"], PALETTE["dark"]
    on_dark = 'html[data-theme="dark"] .lstm-dg'
    return (
        "svg.lstm-dg{display:block;width:100%;height:auto;max-width:42rem;margin:0 auto;"
        "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}"
        ".lstm-dg text{fill:currentColor;font-size:16px}"
        ".lstm-dg .wire{stroke:currentColor;stroke-width:1.6;fill:none}"
        ".lstm-dg .head{fill:currentColor}"
        f".lstm-dg path.ltm{{stroke:{light['ltm-line']};stroke-width:4;fill:none}}"
        f".lstm-dg path.stm{{stroke:{light['stm-line']};stroke-width:4;fill:none}}"
        f".lstm-dg .head.ltm{{fill:{light['ltm-line']}}}"
        f".lstm-dg .head.stm{{fill:{light['stm-line']}}}"
        f".lstm-dg text.ltm{{fill:{light['ltm-text']};font-weight:600}}"
        f".lstm-dg text.stm{{fill:{light['stm-text']};font-weight:600}}"
        ".lstm-dg .layer{fill:var(--pst-color-background,Canvas);stroke:currentColor;"
        "stroke-width:1.6}"
        ".lstm-dg .op{fill:var(--pst-color-background,Canvas);stroke:currentColor;stroke-width:1.6}"
        ".lstm-dg .op-sign{font-size:19px;font-weight:600}"
        ".lstm-dg .black{fill:#262626;stroke:currentColor;stroke-width:1.6}"
        ".lstm-dg text.on-black{fill:#f5f5f5}"
        ".lstm-dg .opened{fill:none;stroke:currentColor;stroke-width:1.2;stroke-dasharray:2 4;"
        "opacity:0.6}"
        ".lstm-dg .gate{fill:none;stroke:currentColor;stroke-width:1.4;stroke-dasharray:7 5}"
        ".lstm-dg text.note{font-size:15px;font-style:italic}"
        ".lstm-dg text.halo{stroke:var(--pst-color-background,Canvas);stroke-width:5px;"
        "stroke-linejoin:round;paint-order:stroke}"
        ".lstm-dg text.gate-name{font-size:15px;font-weight:600}"
        ".lstm-dg tspan.sub{font-size:15px}"
        f"{on_dark} path.ltm{{stroke:{dark['ltm-line']}}}"
        f"{on_dark} path.stm{{stroke:{dark['stm-line']}}}"
        f"{on_dark} .head.ltm{{fill:{dark['ltm-line']}}}"
        f"{on_dark} .head.stm{{fill:{dark['stm-line']}}}"
        f"{on_dark} text.ltm{{fill:{dark['ltm-text']}}}"
        f"{on_dark} text.stm{{fill:{dark['stm-text']}}}"
        f"{on_dark} .black{{fill:#0b0b0b}}"
    )


class Canvas:
    """The drawing vocabulary shared by the four pictures: lines, layers, operations, boxes."""

    def __init__(self, name: str, title: str, desc: str) -> None:
        self.name = name
        self.root = ET.Element(
            "svg",
            {
                "xmlns": SVG_NS,
                "viewBox": f"0 0 {WIDTH} {HEIGHT}",
                "class": "lstm-dg",
                "role": "img",
                "aria-labelledby": f"{name}-title {name}-desc",
                "id": name,
            },
        )
        ET.SubElement(self.root, "title", {"id": f"{name}-title"}).text = title
        ET.SubElement(self.root, "desc", {"id": f"{name}-desc"}).text = desc
        ET.SubElement(self.root, "style").text = _style()
        self.back = ET.SubElement(self.root, "g")  # boxes behind everything else
        self.front = ET.SubElement(self.root, "g")

    def path(self, points: list[tuple[float, float]], cls: str, *, arrow: bool = False) -> None:
        """A polyline through ``points``; ``arrow`` puts a head at its last point."""
        d = "M" + " L".join(f"{x:g} {y:g}" for x, y in points)
        ET.SubElement(self.front, "path", {"d": d, "class": cls})
        if arrow:
            (x0, y0), (x1, y1) = points[-2], points[-1]
            self._head(x1, y1, (x1 > x0) - (x1 < x0), (y1 > y0) - (y1 < y0), cls)

    def _head(self, x: float, y: float, dx: int, dy: int, cls: str) -> None:
        size = 9 if cls in ("ltm", "stm") else 7
        # The tip at (x, y), the base `size` back along the direction (dx, dy).
        bx, by = x - dx * size, y - dy * size
        px, py = -dy * size * 0.55, dx * size * 0.55
        points = f"{x:g},{y:g} {bx + px:g},{by + py:g} {bx - px:g},{by - py:g}"
        ET.SubElement(self.front, "polygon", {"points": points, "class": f"head {cls}"})

    def text(
        self,
        x: float,
        y: float,
        words: str,
        cls: str = "",
        *,
        anchor: str = "middle",
        sub: str = "",
    ) -> None:
        """A label; ``sub`` is set as a subscript after ``words``."""
        attrs = {"x": f"{x:g}", "y": f"{y:g}", "text-anchor": anchor}
        if cls:
            attrs["class"] = cls
        element = ET.SubElement(self.front, "text", attrs)
        element.text = words
        if sub:
            tspan = ET.SubElement(element, "tspan", {"class": "sub", "dy": "4"})
            tspan.text = sub

    def layer(self, x: float, y: float, label: str, *, width: float = 40) -> None:
        """A one-neuron layer (σ or tanh) centred at (x, y)."""
        ET.SubElement(
            self.front,
            "rect",
            {
                "x": f"{x - width / 2:g}",
                "y": f"{y - 14:g}",
                "width": f"{width:g}",
                "height": "28",
                "rx": "5",
                "class": "layer",
            },
        )
        self.text(x, y + 5, label)

    def op(self, x: float, y: float, sign: str) -> None:
        """A component-wise operation (× or +) on the wires meeting at (x, y)."""
        ET.SubElement(self.front, "circle", {"cx": f"{x:g}", "cy": f"{y:g}", "r": "12"})
        self.front[-1].set("class", "op")
        self.text(x, y + 6.5, sign, "op-sign")

    def box(self, x0: float, y0: float, x1: float, y1: float, cls: str) -> None:
        """A rectangle behind the drawing: the black box, its opened outline, or a gate."""
        ET.SubElement(
            self.back,
            "rect",
            {
                "x": f"{x0:g}",
                "y": f"{y0:g}",
                "width": f"{x1 - x0:g}",
                "height": f"{y1 - y0:g}",
                "rx": "8",
                "class": cls,
            },
        )

    def svg(self) -> str:
        return ET.tostring(self.root, encoding="unicode")


def _memory_lines(c: Canvas, *, stm_gap: tuple[float, float] | None = None) -> None:
    """The two memories every picture starts from, and the input that joins the STM."""
    c.path([(LEFT, LTM_Y), (RIGHT, LTM_Y)], "ltm", arrow=True)
    c.text(LEFT, LTM_Y - 12, "LTM c", "ltm", anchor="start", sub="t−1")
    c.text(RIGHT, LTM_Y - 12, "c", "ltm", anchor="end", sub="t")
    if stm_gap is None:
        c.path([(LEFT, STM_Y), (RIGHT, STM_Y)], "stm", arrow=True)
    else:  # the STM line passes through a part that changes it
        c.path([(LEFT, STM_Y), (stm_gap[0], STM_Y)], "stm")
        c.path([(stm_gap[1], STM_Y), (RIGHT, STM_Y)], "stm", arrow=True)
    c.text(LEFT, STM_Y - 12, "STM h", "stm", anchor="start", sub="t−1")
    c.text(RIGHT, STM_Y - 12, "h", "stm", anchor="end", sub="t")
    c.path([(INPUT_X, HEIGHT - 26), (INPUT_X, STM_Y + 2)], "wire", arrow=True)
    c.text(INPUT_X, HEIGHT - 8, "input x", sub="t")


def _tap(c: Canvas, x: float, top: float) -> None:
    """A wire from the STM line up to a part whose bottom edge is at ``top``."""
    c.path([(x, STM_Y - 2), (x, top)], "wire", arrow=True)


def _black_box(c: Canvas) -> None:
    _memory_lines(c)
    c.box(104, 100, 300, 214, "black")
    middle = (FORGET_X + CANDIDATE_X) / 2
    c.text(middle, 152, "black box", "on-black")
    c.text(middle, 176, "?", "on-black op-sign")
    _tap(c, middle, 214)
    c.path([(middle, 100), (middle, LTM_Y + 2)], "wire", arrow=True)


def _forget_learn(c: Canvas) -> None:
    _memory_lines(c)
    c.box(104, 100, 300, 214, "opened")
    for x, word, sign in ((FORGET_X, "forget", "×"), (CANDIDATE_X, "learn", "+")):
        c.op(x, LTM_Y, sign)
        c.layer(x, LAYER_Y - 28, word, width=62)
        c.path([(x, LAYER_Y - 42), (x, LTM_Y + 13)], "wire", arrow=True)
        _tap(c, x, LAYER_Y - 14)


def _forget_and_write(c: Canvas, *, notes: bool) -> None:
    """Forgetting (σ → ×) and learning (σ how much × tanh what → +): the middle of the cell."""
    c.op(FORGET_X, LTM_Y, "×")
    c.op(CANDIDATE_X, LTM_Y, "+")
    c.op(CANDIDATE_X, MIDDLE_Y, "×")
    c.layer(FORGET_X, LAYER_Y, "σ")
    c.layer(INPUT_GATE_X, LAYER_Y, "σ")
    c.layer(CANDIDATE_X, LAYER_Y, "tanh", width=48)
    c.path([(FORGET_X, LAYER_Y - 14), (FORGET_X, LTM_Y + 13)], "wire", arrow=True)
    c.path(
        [(INPUT_GATE_X, LAYER_Y - 14), (INPUT_GATE_X, MIDDLE_Y), (CANDIDATE_X - 13, MIDDLE_Y)],
        "wire",
        arrow=True,
    )
    c.path([(CANDIDATE_X, LAYER_Y - 14), (CANDIDATE_X, MIDDLE_Y + 13)], "wire", arrow=True)
    c.path([(CANDIDATE_X, MIDDLE_Y - 12), (CANDIDATE_X, LTM_Y + 13)], "wire", arrow=True)
    for x in (FORGET_X, INPUT_GATE_X, CANDIDATE_X):
        _tap(c, x, LAYER_Y + 14)
    if notes:
        c.text(FORGET_X - 26, LAYER_Y + 5, "how much", "note", anchor="end")
        c.text(INPUT_GATE_X, LAYER_Y + 31, "how much", "note halo")
        c.text(CANDIDATE_X, LAYER_Y + 31, "what", "note halo")


def _how_much_what(c: Canvas) -> None:
    _memory_lines(c, stm_gap=(READ_X - 28, READ_X + 28))
    _forget_and_write(c, notes=True)
    c.layer(READ_X, STM_Y, "adjust", width=56)
    c.path([(READ_X, LTM_Y + 2), (READ_X, STM_Y - 16)], "wire", arrow=True)


def _gates(c: Canvas) -> None:
    _memory_lines(c, stm_gap=(OUTPUT_GATE_X - 20, READ_X + 12))
    _forget_and_write(c, notes=False)
    c.layer(OUTPUT_GATE_X, STM_Y, "σ")
    c.path([(OUTPUT_GATE_X + 20, STM_Y), (READ_X - 13, STM_Y)], "wire", arrow=True)
    c.op(READ_X, STM_Y, "×")
    c.layer(READ_X, MIDDLE_Y, "tanh", width=48)
    c.path([(READ_X, LTM_Y + 2), (READ_X, MIDDLE_Y - 16)], "wire", arrow=True)
    c.path([(READ_X, MIDDLE_Y + 14), (READ_X, STM_Y - 13)], "wire", arrow=True)
    top = LTM_Y - 22
    c.box(FORGET_X - 24, top, FORGET_X + 24, LAYER_Y + 22, "gate")
    c.box(INPUT_GATE_X - 26, top, CANDIDATE_X + 30, LAYER_Y + 22, "gate")
    c.box(OUTPUT_GATE_X - 26, MIDDLE_Y - 24, READ_X + 30, STM_Y + 22, "gate")
    c.text(FORGET_X, top - 8, "forget gate", "gate-name")
    c.text((INPUT_GATE_X + CANDIDATE_X) / 2 + 2, top - 8, "input gate", "gate-name")
    c.text(OUTPUT_GATE_X - 20, MIDDLE_Y - 6, "output", "gate-name", anchor="start")
    c.text(OUTPUT_GATE_X - 20, MIDDLE_Y + 12, "gate", "gate-name", anchor="start")


@dataclass(frozen=True)
class Diagram:
    """One of the chapter's pictures: its id, its title, and a description that doubles as alt."""

    name: str
    title: str
    desc: str
    draw: Callable[[Canvas], None]


#: The four pictures in the order the chapter shows them.
DIAGRAMS: dict[str, Diagram] = {
    d.name: d
    for d in (
        Diagram(
            "black-box",
            "Two memories and a black box",
            "Two horizontal lines run from left to right: the long-term memory (LTM, the cell "
            "state c) at the top in purple and the short-term memory (STM, the hidden state h) at "
            "the bottom in green. The input joins the STM line from below. An arrow rises from the "
            "STM into a black box marked with a question mark, and another from the box to the "
            "LTM line: the STM changes the LTM in a way not yet known.",
            _black_box,
        ),
        Diagram(
            "forget-learn",
            "Inside the box: forget and learn",
            "The same two lines. The black box is opened and holds two parts, each fed by the "
            "STM. On the left, forget acts on the LTM line through a multiplication sign; on the "
            "right, learn acts on it through an addition sign.",
            _forget_learn,
        ),
        Diagram(
            "how-much-what",
            "Learning split into how much and what",
            "Forgetting is now a sigmoid layer of the STM that multiplies the LTM: how much to "
            "keep. Learning is a sigmoid layer, how much, times a tanh layer, what, and the "
            "product is added to the LTM. A wire runs from the new LTM down to an adjust box on "
            "the STM line, so the STM that leaves the cell is adjusted from the new LTM.",
            _how_much_what,
        ),
        Diagram(
            "gates",
            "The finished LSTM cell and its three gates",
            "The finished cell. Dashed boxes mark three gates. The forget gate is a sigmoid layer "
            "of the STM that multiplies the LTM. The input gate is a sigmoid layer times a tanh "
            "layer of the STM, added to the LTM. The output gate passes the STM through a sigmoid "
            "layer and multiplies it by the tanh of the new LTM, giving the new STM.",
            _gates,
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
    canvas = Canvas(f"lstm-dg-{d.name}", d.title, d.desc)
    d.draw(canvas)
    return canvas.svg()


def diagram_html(name: str, caption: str = "") -> str:
    """Diagram ``name`` inlined in a ``<figure>``, so it follows the page's light or dark theme."""
    figcaption = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
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
