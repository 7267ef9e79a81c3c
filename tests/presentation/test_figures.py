"""The chapter's figures of the gates: every curve they list is visible, one meaning per colour,
every line at 3:1 contrast on the light and the dark page (WCAG 1.4.11), and the numbers the
model's."""

from __future__ import annotations

import re

import numpy as np
import pytest

from lstm_viz.model.claims import CLAIMS
from lstm_viz.model.formatting import number
from lstm_viz.model.gates import Neuron, Weights, step
from lstm_viz.model.modes import stretches
from lstm_viz.model.presets import LATCH
from lstm_viz.presentation.figures import (
    affine,
    coinciding,
    gate_curves,
    gates_that_disagree,
    show_gates_that_disagree,
)
from lstm_viz.presentation.style import COLOURS, LABELS
from tests.presentation.legibility import colour_problems, hidden_traces, trace_colours

#: Weights that tie all three sigmoid gates, two of them, or none.
CELLS = {
    "book": Weights(),
    "forget bias": Weights(forget=Neuron(1.0, 1.0)),
    "all different": Weights(
        forget=Neuron(1.0, 1.0), input=Neuron(2.0, -1.0), output=Neuron(-0.5, 0.0)
    ),
}


def test_the_book_cell_draws_its_three_sigmoid_gates_once() -> None:
    fig = gate_curves()
    # The chapter's claim and the figure agree: with unit weights f = i = o.
    assert CLAIMS["unit-weights-gates-equal"].holds()
    assert [t.name for t in fig.data] == [
        "f = i = o = σ(s)",
        f"{LABELS['candidate']} = tanh(s)",
        LABELS["learned"],
    ]
    cell = step(fig.data[0].x, 0.0)
    for gate in ("forget", "input", "output"):
        assert list(fig.data[0].y) == list(getattr(cell, gate))
    colours = [c for trace in fig.data for c in trace_colours(trace)]
    assert colours == [COLOURS["gates"], COLOURS["candidate"], COLOURS["learned"]]


def test_gates_that_differ_are_drawn_apart_and_named() -> None:
    names = [t.name for t in gate_curves(weights=CELLS["forget bias"]).data]
    assert names[:2] == [f"{LABELS['forget']} = σ(s + 1)", "i = o = σ(s)"]
    names = [t.name for t in gate_curves(weights=CELLS["all different"]).data]
    assert names[:3] == [
        f"{LABELS['forget']} = σ(s + 1)",
        f"{LABELS['input']} = σ(2s − 1)",
        f"{LABELS['output']} = σ(−0.5s)",
    ]


def test_coincidence_comes_from_the_computed_gates() -> None:
    s = np.linspace(-6, 6, 13)
    assert coinciding(step(s, 0.0)) == [("forget", "input", "output")]
    assert coinciding(step(s, 0.0, weights=CELLS["forget bias"])) == [
        ("forget",),
        ("input", "output"),
    ]
    # An override is a gate too: held at 0.3, the forget gate leaves the curve of the others.
    assert coinciding(step(s, 0.0, forget=0.3)) == [("forget",), ("input", "output")]


@pytest.mark.parametrize("cell", list(CELLS))
def test_every_listed_curve_is_visible(cell: str) -> None:
    fig = gate_curves(weights=CELLS[cell])
    assert not hidden_traces(fig), "a legend entry whose curve is hidden under another"
    assert all(trace.showlegend is not False for trace in fig.data)


@pytest.mark.parametrize("cell", list(CELLS))
def test_one_colour_one_meaning_at_3_to_1_in_both_themes(cell: str) -> None:
    assert colour_problems(gate_curves(weights=CELLS[cell])) == []


def test_the_checks_catch_a_hidden_curve_and_a_weak_or_look_alike_colour() -> None:
    fig = gate_curves()
    fig.add_scatter(x=fig.data[0].x, y=fig.data[0].y, name="copy", line={"color": "#000000"})
    fig.add_scatter(x=[0, 1], y=[0, 1], name="pale", line={"color": "#5aa9e6"})
    fig.add_scatter(x=[0, 1], y=[1, 0], name="blue", line={"color": "#2b7bba"})
    assert hidden_traces(fig) == [("f = i = o = σ(s)", "copy")]
    problems = colour_problems(fig)
    assert "pale #5aa9e6 is 2.54:1 on light" in problems
    assert "copy #000000 is 1.12:1 on dark" in problems
    assert any(p.startswith("pale and blue look alike") for p in problems)


@pytest.mark.parametrize(
    ("w", "b", "text"),
    [(1, 0, "s"), (2, 0, "2s"), (-1, 0, "−s"), (1, 1, "s + 1"), (0.5, -2, "0.5s − 2"), (0, 3, "3")],
)
def test_a_neuron_is_written_as_the_chapter_writes_it(w: float, b: float, text: str) -> None:
    assert affine(Neuron(w, b)) == text


def test_gates_that_disagree_plots_the_latchs_numbers_and_shades_its_stretches() -> None:
    fig = gates_that_disagree()
    s = np.asarray(fig.data[0].x)
    cell = step(s, 0.0, weights=LATCH)
    assert [t.name for t in fig.data] == [
        f"{LABELS['forget']} = σ(3s + 7)",
        f"{LABELS['input']} = σ(4s − 10)",
    ]
    for trace, values in zip(fig.data, (cell.forget, cell.input), strict=True):
        assert list(trace.y) == list(values)
    shaded = [(shape.x0, shape.x1) for shape in fig.layout.shapes]
    assert shaded == [(found.low, found.high) for found in stretches(LATCH)]
    assert [a.text for a in fig.layout.annotations] == ["clear", "keep", "write"]
    # Each name sits where both gates are near 0 or 1, clear of their curves.
    for note in fig.layout.annotations:
        at = step(note.x, 0.0, weights=LATCH)
        assert min(abs(at.forget - note.y), abs(at.input - note.y)) > 0.4
    # The same figure of the tied cell shades no stretch where it keeps.
    tied = gates_that_disagree(Weights())
    assert [a.text for a in tied.layout.annotations] == ["clear", "write"]


def test_gates_that_disagree_is_legible() -> None:
    fig = gates_that_disagree()
    assert not hidden_traces(fig)
    assert colour_problems(fig) == []


def test_gates_that_disagree_has_a_text_alternative_from_its_numbers() -> None:
    shown = show_gates_that_disagree()
    assert 'id="latch-gates"' in shown.html
    found = re.search(r'<p id="latch-gates-alt"[^>]*>(.*?)</p>', shown.html)
    assert found
    alt = found.group(1)
    keep = next(f for f in stretches(LATCH) if f.mode == "keep")
    assert f"from s = {number(keep.low, '.1f')} to {number(keep.high, '.1f')}" in alt
    assert "σ(3s + 7)" in alt and "keeps its LTM without writing" in alt
