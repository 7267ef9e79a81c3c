"""The explorer's one-step figure as SVG: the gate input s, the four gates, and the LTM's path.

Three panels: the gate input s ("Prev. STM + input") on its own, with the behaviour-table band it
falls in shaded; the gates f, i, g, o; and the LTM's path — the previous LTM c_t−1, what is kept
of it (f·c), what is learned (i·g), the new LTM c_t and the new STM h_t. Each value is a mark on
a stem from zero. What the reader can drag (s, c_t−1, the gates) is a ring with a dot, a handle;
what the cell computes is a square. An overridden gate keeps a dashed ghost at the value the cell
would have computed.

Two layouts of the same picture: ``wide`` (one row) and ``narrow`` (two rows, for a phone); the
page shows the one that fits (a CSS container query), and the script updates both.
"""

from __future__ import annotations

from dataclasses import dataclass

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import GATES, Gates
from lstm_viz.model.ranges import C_PREV_RANGE, S_RANGE
from lstm_viz.model.table import band_of
from lstm_viz.presentation.explorer.svg import Panel, el, figure_svg, subscripted

__all__ = ["COLUMNS", "LAYOUTS", "SYMBOLS", "CellLayout", "cell_svg", "label_y"]

#: The symbol under each column; s and c_prev by their state names, the rest as in Gates. A
#: subscript (after "_") becomes the step's number when the figure shows a step of the sequence.
SYMBOLS: dict[str, str] = {
    "s": "s_",
    "forget": "f",
    "input": "i",
    "candidate": "g",
    "output": "o",
    "c_prev": "c_t−1",
    "kept": "f·c",
    "learned": "i·g",
    "ltm": "c_t",
    "stm": "h_t",
}
#: The columns of each panel, left to right.
COLUMNS: dict[str, tuple[str, ...]] = {
    "s": ("s",),
    "gates": GATES,
    "ltm": ("c_prev", "kept", "learned", "ltm", "stm"),
}
#: The colour (a key of COLOURS) of each column.
COLOUR_OF: dict[str, str] = {"s": "stm_prev", "c_prev": "ltm_prev"}
#: What the reader can drag.
DRAGGABLE = frozenset({"s", "c_prev", *GATES})
TITLES = {"s": "gate input s", "gates": "gates", "ltm": "LTM c → new STM h"}


def _margin(bounds: tuple[float, float], share: float) -> tuple[float, float]:
    """A range widened by ``share`` of its span on each side, so marks at the ends stay whole."""
    pad = (bounds[1] - bounds[0]) * share
    return bounds[0] - pad, bounds[1] + pad


# The LTM panel shows c_t−1 (in C_PREV_RANGE) and c_t = f·c_t−1 + i·g, one more at most.
_LTM_SPAN = (C_PREV_RANGE[0] - 1.0, C_PREV_RANGE[1] + 1.0)
RANGES = {
    "s": _margin(S_RANGE, 0.05),
    "gates": _margin((-1.0, 1.0), 0.075),
    "ltm": _margin(_LTM_SPAN, 0.05),
}
#: Tick values of each panel's axis.
TICKS = {
    "s": (S_RANGE[0], S_RANGE[0] / 2, 0.0, S_RANGE[1] / 2, S_RANGE[1]),
    "gates": (-1.0, 0.0, 1.0),
    "ltm": (_LTM_SPAN[0], _LTM_SPAN[0] / 2, 0.0, _LTM_SPAN[1] / 2, _LTM_SPAN[1]),
}


@dataclass(frozen=True)
class CellLayout:
    """One arrangement of the three panels in a ``width`` × ``height`` drawing."""

    name: str
    width: float
    height: float
    boxes: dict[str, tuple[float, float, float, float]]  # panel: left, right, top, bottom

    def panel(self, name: str) -> Panel:
        return Panel(*self.boxes[name], *RANGES[name])


# Every value label is centred above or below its own mark (label_y), so that no neighbour's mark
# can cover it: columns stand far enough apart for "−4.00".
LAYOUTS = (
    CellLayout(
        "wide",
        720,
        330,
        {"s": (52, 124, 44, 290), "gates": (186, 418, 44, 290), "ltm": (472, 690, 44, 290)},
    ),
    CellLayout(
        "narrow",
        360,
        398,
        {"s": (44, 104, 38, 170), "gates": (160, 330, 38, 170), "ltm": (44, 330, 236, 368)},
    ),
)


def column_x(panel: Panel, k: int, n: int) -> float:
    """The x of column ``k`` of ``n`` in ``panel``."""
    return panel.left + (k + 0.5) * (panel.right - panel.left) / n


def _mark(key: str, x: float, y: float) -> str:
    if key in DRAGGABLE:
        return el(
            "g",
            {"class": "pin handle", "transform": f"translate({x:.2f},{y:.2f})"},
            el("circle", {"class": "hit", "r": 18}),
            el("circle", {"class": "ring", "r": 10}),
            el("circle", {"class": "dot", "r": 4.5}),
        )
    return el(
        "g",
        {"class": "pin computed", "transform": f"translate({x:.2f},{y:.2f})"},
        el("rect", {"x": -5.5, "y": -5.5, "width": 11, "height": 11}),
    )


def label_y(panel: Panel, y: float, zero: float, ghost: float | None = None) -> float:
    """Where a value's number stands (its baseline): beyond the mark, away from zero, unless that
    leaves the panel or meets the ghost; then on the other side (as the script's ``labelY``)."""
    sides = (y - 15, y + 24) if y <= zero else (y + 24, y - 15)

    def fits(base: float) -> bool:
        inside = base - 11 >= panel.top - 14 and base + 3 <= panel.bottom + 10
        return inside and (ghost is None or base + 3 < ghost - 9 or base - 11 > ghost + 9)

    return next((base for base in sides if fits(base)), sides[0])


def _column(key: str, value: float, free: float | None, panel: Panel, x: float, name: str) -> str:
    y, zero = panel.y(value), panel.y(0.0)
    overridden = free is not None and free != value
    parts = [
        el(
            "line",
            {"class": "stem", "x1": x, "x2": x, "y1": min(y, zero), "y2": max(y, zero)},
        ),
    ]
    if free is not None:  # a gate: the ghost shows what the cell computes while it is overridden
        parts.append(el("circle", {"class": "ghost", "cx": x, "cy": panel.y(free), "r": 8}))
    parts.append(_mark(key, x, y))
    ghost = panel.y(free) if overridden and free is not None else None
    parts.append(
        el(
            "text",
            {"class": "val", "x": x, "y": label_y(panel, y, zero, ghost), "text-anchor": "middle"},
            text=number(value),
        ),
    )
    symbol = SYMBOLS[key]
    parts.append(
        el(
            "text",
            {"class": "sym", "x": x, "y": panel.bottom + 22, "text-anchor": "middle"},
            subscripted(symbol)
            if not symbol.endswith("_")
            else f'{symbol[:-1]}<tspan class="sub" dy="0.3em"></tspan>',
        )
    )
    classes = f"col q-{COLOUR_OF.get(key, key).replace('_', '-')}" + (
        " is-set" if overridden else ""
    )
    return el("g", {"class": classes, "data-key": key, "data-name": name}, *parts)


def _axis(name: str, panel: Panel) -> str:
    parts = []
    for tick in TICKS[name]:
        y = panel.y(tick)
        parts.append(
            el(
                "line",
                {"class": "zero" if tick == 0 else "grid", "x1": panel.left, "x2": panel.right}
                | {"y1": y, "y2": y},
            )
        )
        parts.append(
            el(
                "text",
                {"class": "tick", "x": panel.left - 6, "y": y + 4, "text-anchor": "end"},
                text=number(tick, "g"),
            )
        )
    parts.append(
        el("text", {"class": "title", "x": panel.left - 34, "y": panel.top - 18}, text=TITLES[name])
    )
    return "".join(parts)


def _band(panel: Panel, s: float) -> str:
    band = band_of(s)
    top, bottom = panel.y(min(band.high, S_RANGE[1])), panel.y(max(band.low, S_RANGE[0]))
    return el(
        "rect",
        {"class": "band q-stm-prev", "x": panel.left, "width": panel.right - panel.left}
        | {"y": top, "height": bottom - top},
    )


def cell_svg(
    layout: CellLayout,
    s: float,
    c_prev: float,
    cell: Gates,
    free: Gates,
    names: dict[str, str],
    title: str,
    ident: str,
) -> str:
    """The figure in ``layout`` at one state: ``cell`` is the step with the reader's overrides,
    ``free`` the same step without them; ``names`` are the columns' names for screen readers."""
    values = {"s": s, "c_prev": c_prev, **{k: float(v) for k, v in cell.as_dict().items()}}
    geometry = {}
    body = []
    for name, keys in COLUMNS.items():
        panel = layout.panel(name)
        geometry[name] = panel.geometry()
        body.append(f'<g class="panel" data-panel="{name}">')
        if name == "s":
            body.append(_band(panel, s))
        body.append(_axis(name, panel))
        for k, key in enumerate(keys):
            free_value = float(getattr(free, key)) if key in GATES else None
            body.append(
                _column(
                    key, values[key], free_value, panel, column_x(panel, k, len(keys)), names[key]
                )
            )
        body.append("</g>")
    body.append(
        el(
            "text",
            {"class": "step-label", "x": layout.width, "y": 14, "text-anchor": "end"},
            text="",
        )
    )
    return figure_svg(
        "cell", ident, layout.name, (layout.width, layout.height), geometry, title, body
    )
