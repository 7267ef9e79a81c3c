"""The explorer's second figure as SVG: the same cell run over a sequence x_1..x_T, and its table.

Three panels share the time axis: the inputs x_t (handles the reader drags up and down), the four
gates f_t, i_t, g_t, o_t, and the two memories — the LTM c_t (purple, from c_0 at t = 0) and the
STM h_t (green, from h_0 = 0). Every value comes from
:func:`lstm_viz.model.sequence.run_sequence`; the script recomputes it the same way and moves the
same elements. All :data:`~lstm_viz.model.sequence.MAX_STEPS` steps are drawn; those past T are
hidden, so adding a step needs no new element.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import GATES
from lstm_viz.model.ranges import C_PREV_RANGE, X_RANGE
from lstm_viz.model.sequence import MAX_STEPS, Trajectory
from lstm_viz.presentation.explorer.svg import Panel, el, figure_svg, subscripted

__all__ = [
    "LAYOUTS",
    "MEMORY_SCALES",
    "TICK_EVERY",
    "TICK_GAP",
    "SequenceLayout",
    "coinciding",
    "memory_scale",
    "sequence_svg",
    "sequence_table",
]

#: The memory panel's scales: the smallest that holds every LTM c_t is used. Each step writes less
#: than one unit, so c_t stays within c_0 ± t, and the last scale holds any sequence a reader makes.
MEMORY_SCALES: tuple[float, ...] = tuple(
    2.0**k for k in range(1, math.ceil(math.log2(C_PREV_RANGE[1] + MAX_STEPS)) + 1)
)
#: Step labels stand at least this far apart (SVG units), every n-th step labelled for the first
#: n of TICK_EVERY that allows it; the script follows the same rule.
TICK_GAP = 22.0
TICK_EVERY = (1, 2, 4, 8, 16, 32)
#: Each panel's range reaches this share of its span past the values it shows.
PAD = 0.06
#: A legend entry is this wide: a fixed part (swatch and gap) and so much per character.
LEGEND_FIXED, LEGEND_CHAR = 30.0, 7.5
TITLES = {"x": "input x_t", "gates": "gates", "memory": "memories"}
#: The series of the gates and memory panels, with the legend's words.
LEGENDS = {
    "gates": {"forget": "f", "input": "i", "candidate": "g", "output": "o"},
    "memory": {"ltm": "LTM c", "stm": "STM h"},
}
#: The table's columns: the trajectory's field and the heading's symbol.
TABLE_COLUMNS = (
    ("x", "x_t"),
    ("forget", "f_t"),
    ("input", "i_t"),
    ("candidate", "g_t"),
    ("output", "o_t"),
    ("ltm", "c_t"),
    ("stm", "h_t"),
)


def memory_scale(values: list[float]) -> float:
    """The smallest of :data:`MEMORY_SCALES` that holds every value."""
    largest = max(abs(v) for v in values)
    return next((m for m in MEMORY_SCALES if largest <= m), MEMORY_SCALES[-1])


@dataclass(frozen=True)
class SequenceLayout:
    """One arrangement of the three stacked panels in a ``width`` × ``height`` drawing."""

    name: str
    width: float
    height: float
    left: float
    right: float
    rows: dict[str, tuple[float, float]]  # panel: top, bottom

    def panel(self, name: str, scale: float = 1.0) -> Panel:
        span = {"x": X_RANGE, "gates": (-1.0, 1.0), "memory": (-scale, scale)}[name]
        pad = (span[1] - span[0]) * PAD
        return Panel(self.left, self.right, *self.rows[name], span[0] - pad, span[1] + pad)

    def x(self, t: int, steps: int) -> float:
        """The x of step ``t`` (0 is where c_0 and h_0 stand) when the sequence has ``steps``."""
        return self.left + (t + 0.5) * (self.right - self.left) / (steps + 1)


LAYOUTS = (
    SequenceLayout(
        "wide", 720, 430, 64, 708, {"x": (54, 136), "gates": (178, 268), "memory": (310, 396)}
    ),
    SequenceLayout(
        "narrow", 360, 478, 44, 352, {"x": (54, 144), "gates": (188, 278), "memory": (322, 418)}
    ),
)


def tick_every(layout: SequenceLayout, steps: int) -> int:
    """Label every n-th step so that labels stand at least 22 units apart."""
    gap = (layout.right - layout.left) / (steps + 1)
    return next(n for n in TICK_EVERY if gap * n >= TICK_GAP)


def _points(layout: SequenceLayout, panel: Panel, values: list[float], start: int) -> str:
    steps = len(values) + start - 1
    return " ".join(
        f"{layout.x(t + start, steps):.2f},{panel.y(v):.2f}" for t, v in enumerate(values)
    )


def _series(key: str, points: str, classes: str = "") -> str:
    """A series' line and dots; a gate's also has a ring at every step the reader holds it at
    (none at the opening state)."""
    dots = "".join(f"M{p}h0" for p in points.split())
    held = [el("path", {"class": "held", "d": ""})] if key in GATES else []
    return el(
        "g",
        {"class": f"series q-{key}{classes}", "data-key": key},
        el("polyline", {"class": "line", "points": points}),
        el("path", {"class": "dots", "d": dots}),
        *held,
    )


def coinciding(series: dict[str, list[float]], words: dict[str, str]) -> dict[str, str | None]:
    """Each series' legend words, with series that coincide drawn once and named together: the
    book's tied cell has one line labelled "f = i = o". A series drawn under another gets None."""
    leaders: list[str] = []
    labels: dict[str, str | None] = {}
    for key, values in series.items():
        leader = next((k for k in leaders if series[k] == values), None)
        if leader is None:
            leaders.append(key)
            labels[key] = words[key]
        else:
            labels[leader] = f"{labels[leader]} = {words[key]}"
            labels[key] = None
    return labels


def _legend(
    layout: SequenceLayout, panel: Panel, labels: dict[str, str | None], words: dict[str, str]
) -> str:
    """The legend, right-aligned above the panel; the script lays it out again the same way
    (from each entry's own words, ``data-words``)."""
    parts = []
    x = layout.right
    for key, label in reversed(labels.items()):
        if label is not None:
            x -= LEGEND_FIXED + LEGEND_CHAR * len(label)
        parts.append(
            el(
                "g",
                {"class": f"legend q-{key}", "data-key": key, "data-words": words[key]}
                | {"display": "none" if label is None else None},
                el("line", {"x1": x, "x2": x + 16, "y1": panel.top - 20, "y2": panel.top - 20}),
                el("text", {"x": x + 20, "y": panel.top - 16}, text=label or ""),
            )
        )
    return "".join(parts)


def _axis(name: str, layout: SequenceLayout, panel: Panel, ticks: tuple[float, ...]) -> str:
    parts = []
    for k, tick in enumerate(ticks):
        y = panel.y(tick)
        kind = "zero" if tick == 0 else "grid"
        parts.append(
            el("line", {"class": kind, "x1": layout.left, "x2": layout.right, "y1": y, "y2": y})
        )
        parts.append(
            el(
                "text",
                {"class": "tick", "x": layout.left - 6, "y": y + 4, "text-anchor": "end"}
                | {"data-tick": k if name == "memory" else None},
                text=number(tick, "g"),
            )
        )
    parts.append(
        el(
            "text",
            {"class": "title", "x": layout.left - 40, "y": panel.top - 16},
            subscripted(TITLES[name]),
        )
    )
    return "".join(parts)


def sequence_svg(
    layout: SequenceLayout, run: Trajectory, overridden: set[str], title: str, ident: str
) -> str:
    """The figure in ``layout`` for the trajectory ``run``; ``overridden`` gates are held."""
    steps = len(run)
    scale = memory_scale([run.c0, *run.ltm])
    panels = {name: layout.panel(name, scale) for name in ("x", "gates", "memory")}
    geometry = {
        "left": layout.left,
        "right": layout.right,
        "panels": {name: panel.geometry() for name, panel in panels.items()},
        "scales": list(MEMORY_SCALES),
        "pad": PAD,
        "legend": [LEGEND_FIXED, LEGEND_CHAR],
    }
    body = []
    top, bottom = panels["x"].top, panels["memory"].bottom
    gap = (layout.right - layout.left) / (steps + 1)
    body.append(
        el(
            "rect",
            {"class": "selected", "x": layout.x(1, steps) - gap / 2, "width": gap}
            | {"y": top - 4, "height": bottom - top + 8},
        )
    )
    ticks = {
        "x": (X_RANGE[0], 0.0, X_RANGE[1]),
        "gates": (-1.0, 0.0, 1.0),
        "memory": (-scale, 0.0, scale),
    }
    for name, panel in panels.items():
        body.append(f'<g class="panel" data-panel="{name}">')
        body.append(_axis(name, layout, panel, ticks[name]))
        body.append("</g>")
    x_panel, zero = panels["x"], panels["x"].y(0.0)
    handles = []
    for t in range(1, MAX_STEPS + 1):
        value = float(run.x[t - 1]) if t <= steps else 0.0
        x, y = layout.x(t, steps), x_panel.y(value)
        handles.append(
            el(
                "g",
                {"class": "step", "data-t": t, "display": None if t <= steps else "none"},
                el(
                    "line",
                    {"class": "stem", "x1": x, "x2": x, "y1": min(y, zero), "y2": max(y, zero)},
                ),
                el(
                    "g",
                    {"class": "pin handle", "transform": f"translate({x:.2f},{y:.2f})"},
                    el("circle", {"class": "hit", "r": 14}),
                    el("circle", {"class": "ring", "r": 7.5}),
                    el("circle", {"class": "dot", "r": 3}),
                ),
            )
        )
    body.append(el("g", {"class": "inputs q-input-x"}, *handles))
    labels = coinciding({gate: list(getattr(run, gate)) for gate in GATES}, LEGENDS["gates"])
    body.append(_legend(layout, panels["gates"], labels, LEGENDS["gates"]))
    body.append(_legend(layout, panels["memory"], dict(LEGENDS["memory"]), LEGENDS["memory"]))
    for gate in GATES:
        points = _points(layout, panels["gates"], list(getattr(run, gate)), 1)
        classes = (" is-set" if gate in overridden else "") + (
            " is-under" if labels[gate] is None else ""
        )
        body.append(_series(gate, points, classes))
    body.append(_series("ltm", _points(layout, panels["memory"], [run.c0, *run.ltm], 0)))
    body.append(_series("stm", _points(layout, panels["memory"], [0.0, *run.stm], 0)))
    every = tick_every(layout, steps)
    step_labels = [
        el(
            "text",
            {"class": "step-tick", "data-t": t, "x": layout.x(t, steps), "y": bottom + 22}
            | {
                "text-anchor": "middle",
                "display": None if t <= steps and t % every == 0 else "none",
            },
            text=str(t),
        )
        for t in range(MAX_STEPS + 1)
    ]
    body.append(el("g", {"class": "steps"}, *step_labels))
    body.append(
        el(
            "text",
            {"class": "axis-name", "x": layout.right, "y": bottom + 44, "text-anchor": "end"},
            text="step t",
        )
    )
    body.append(
        el(
            "text",
            {"class": "readout", "x": layout.right, "y": 14, "text-anchor": "end"},
            text=readout(run, 1),
        )
    )
    return figure_svg(
        "sequence", ident, layout.name, (layout.width, layout.height + 30), geometry, title, body
    )


def readout(run: Trajectory, t: int) -> str:
    """The line above the figure: the selected step's input and memories."""
    k = t - 1
    return (
        f"step {t}: x {number(float(run.x[k]))} · LTM c {number(float(run.ltm[k]))} · "
        f"STM h {number(float(run.stm[k]))}"
    )


def sequence_table(run: Trajectory, ident: str) -> str:
    """``<table id=ident>``: one row per step — t, x_t, f_t, i_t, g_t, o_t, c_t, h_t to 3 places
    (a real table, compact enough to fit a phone; the script marks a value the reader holds)."""
    head = "".join(
        f'<th scope="col">{_html_symbol(symbol)}</th>'
        for symbol in ("t", *(s for _, s in TABLE_COLUMNS))
    )
    rows = "".join(
        f'<tr><th scope="row">{t + 1}</th>'
        + "".join(
            f"<td>{number(float(getattr(run, key)[t]), '.3f')}</td>" for key, _ in TABLE_COLUMNS
        )
        + "</tr>"
        for t in range(len(run))
    )
    return (
        f'<table id="{ident}" class="table lstm-explorer-table">'
        "<caption>The cell over the sequence, step by step: input, gates, LTM c and STM h (a gate "
        "you hold at a step is underlined)</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _html_symbol(symbol: str) -> str:
    base, _, sub = symbol.partition("_")
    return f"<i>{base}</i>" + (f"<sub><i>{sub}</i></sub>" if sub else "")
