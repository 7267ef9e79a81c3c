"""The chapter's "Over many steps" figure: the LTM and the STM of two cells over one sequence.

Every number comes from :func:`lstm_viz.model.over_time.example_run`: the example inputs run by the
book's tied cell and by the latch preset. The panels are stacked, so the figure reads the same on a
phone: the inputs on top, then one panel per cell, all on one axis of steps.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz.model.formatting import number
from lstm_viz.model.over_time import EXAMPLE_X, QUIET_STEPS, example_run
from lstm_viz.model.presets import PRESETS
from lstm_viz.presentation.embed import FigureHTML, show
from lstm_viz.presentation.figures import base_layout
from lstm_viz.presentation.layouts import legend_on_top
from lstm_viz.presentation.style import COLOURS, LABELS

__all__ = ["memory_over_time", "show_memory_over_time"]


def _line(fig: go.Figure, row: int, y, name: str, colour: str, dash: str, shown: bool) -> None:
    fig.add_scatter(
        x=list(range(1, len(EXAMPLE_X) + 1)),
        y=list(y),
        name=name,
        legendgroup=name,
        showlegend=shown,
        mode="lines+markers",
        line={"color": colour, "width": 2.5, "dash": dash},
        marker={"size": 6, "color": colour},
        hovertemplate=f"{name}: %{{y:.3f}}<extra></extra>",
        row=row,
        col=1,
    )


def memory_over_time(presets: tuple[str, str] = ("book", "latch")) -> go.Figure:
    """The example inputs x_t, then for each preset its LTM c_t, its STM h_t and what it learns at
    every step, i·g: a memory can be kept by being written again and again, or kept as it is."""
    titles = ["input x<sub>t</sub>", *(PRESETS[key].name for key in presets)]
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.2, 0.4, 0.4],
        vertical_spacing=0.08,
        subplot_titles=titles,
    )
    steps = list(range(1, len(EXAMPLE_X) + 1))
    fig.add_bar(
        x=steps,
        y=list(EXAMPLE_X),
        name="input x<sub>t</sub>",
        marker_color=COLOURS["sequence_input"],
        showlegend=False,
        hovertemplate="x = %{y:g}<extra></extra>",
        row=1,
        col=1,
    )
    for row, key in enumerate(presets, start=2):
        run = example_run(key)
        first = row == 2
        _line(fig, row, run.ltm, "LTM c<sub>t</sub>", COLOURS["ltm"], "solid", first)
        _line(fig, row, run.stm, "STM h<sub>t</sub>", COLOURS["stm"], "solid", first)
        _line(fig, row, run.learned, LABELS["learned"], COLOURS["learned"], "dot", first)
    layout = legend_on_top(base_layout("Two cells, the same inputs", height=640), 125)
    layout["hovermode"] = "x"
    fig.update_layout(layout)
    fig.update_xaxes(dtick=1, range=[0.5, len(EXAMPLE_X) + 0.5])
    fig.update_xaxes(title_text="step t", row=3, col=1)
    fig.update_yaxes(range=[-1.1 * max(EXAMPLE_X), 1.1 * max(EXAMPLE_X)], row=1, col=1)
    fig.update_yaxes(range=[-0.15, 1.2], zeroline=True, row=2, col=1)
    fig.update_yaxes(range=[-0.15, 1.2], zeroline=True, row=3, col=1)
    return fig


def show_memory_over_time(presets: tuple[str, str] = ("book", "latch")) -> FigureHTML:
    """:func:`memory_over_time` for a chapter, with a text alternative written from its numbers."""
    strong = [(t, x) for t, x in enumerate(EXAMPLE_X, start=1) if x != 0]
    bars = " and ".join(f"of {number(x, 'g')} at step {t}" for t, x in strong)
    first, last = 0, QUIET_STEPS[-1] - 1  # indices: the first step and the last quiet one
    cells = "; ".join(
        f"{PRESETS[key].name}: the LTM is {number(run.ltm[first])} after the first step and "
        f"{number(run.ltm[last])} after the last quiet step, learning {number(run.learned[last])} "
        "on that step"
        for key in presets
        for run in (example_run(key),)
    )
    alt = (
        f"Three stacked charts against the step t from 1 to {len(EXAMPLE_X)}. On top, the inputs: "
        f"a bar {bars}, zero elsewhere. Below, one chart per cell with its LTM c_t, its STM h_t "
        f"and what it learns, i·g, at every step: {cells}."
    )
    return show(memory_over_time(presets), "memory-over-time", alt=alt)
