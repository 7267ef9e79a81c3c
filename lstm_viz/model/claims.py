"""What the chapter's prose says about the cell, as data the build and the tests check.

Two kinds of statement:

* **values** — a number in the prose is written as a key, ``quantity@where[/preset][:format]``,
  and the build puts the computed value in its place; :mod:`lstm_viz.model.values` reads the keys.
* **claims** — a qualitative sentence is wrapped in the ``{claim}`` role with the name of one of
  :data:`CLAIMS`, whose predicate must hold for the model as it is; the build warns (and so fails)
  if it does not, and a test checks that every claim is made somewhere in the chapter.

:data:`CHAPTER` holds both, as one registry of :mod:`lstm_viz.model.statements`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from lstm_viz.model.gates import BLOCKS, Weights, lstm_step, step
from lstm_viz.model.modes import MODES, stretches
from lstm_viz.model.over_time import EXAMPLE_X, QUIET_STEPS, example_run
from lstm_viz.model.presets import LATCH, original_table_fit, table_gap
from lstm_viz.model.sequence import Trajectory, run_sequence
from lstm_viz.model.statements import Claim, Statements
from lstm_viz.model.table import BehaviourRow, behaviour_table, componentwise
from lstm_viz.model.values import GRAMMAR, format_value, is_value_key, parse_key, value

__all__ = ["CHAPTER", "CLAIMS", "Claim", "format_value", "parse_key", "value"]


def _claim(name: str, statement: str, test: Callable[[Weights], bool]) -> Claim[Weights]:
    """A claim about the cell: true of the book's own (unit weights) unless given others."""
    return Claim(name, statement, test, Weights)


def _rows(weights: Weights) -> dict[str, BehaviourRow]:
    return {row.band.key: row for row in behaviour_table(weights)}


def _slight_s_gates_near_half(weights: Weights) -> bool:
    rows = _rows(weights)
    return all(0.25 < rows[k].forget < 0.75 for k in ("slightly-positive", "slightly-negative"))


def _unit_gates_equal(weights: Weights) -> bool:
    return all(row.forget == row.input == row.output for row in behaviour_table(weights))


def _zero_s(weights: Weights) -> bool:
    cell = step(0.0, 1.0, weights=weights)
    return bool(cell.forget == cell.input == cell.output == 0.5 and cell.learned == 0.0)


def _very_positive(weights: Weights) -> bool:
    """Across the whole very positive band, not only at its stated s."""
    span = _rows(weights)["very-positive"].span
    return span.forget[0] > 0.95 and span.learned[0] > 0.9


def _very_negative(weights: Weights) -> bool:
    """Across the whole very negative band: almost nothing kept, and what is learned is negative
    (it takes away) but almost nothing."""
    span = _rows(weights)["very-negative"].span
    return span.forget[1] < 0.05 and -0.05 < span.learned[0] and span.learned[1] < 0


def _original_forget_not_near_one(weights: Weights) -> bool:
    rows = _rows(weights)
    return rows["slightly-positive"].forget < 0.75 and rows["slightly-negative"].forget > 0.25


def _slight_s_learns_noticeably(weights: Weights) -> bool:
    rows = _rows(weights)
    return all(abs(rows[k].learned) > 0.1 for k in ("slightly-positive", "slightly-negative"))


def _learned_follows_sign(weights: Weights) -> bool:
    return all(
        math.copysign(1, row.learned) == math.copysign(1, row.band.stated)
        for row in behaviour_table(weights)
    )


def _negative_forgets_more(weights: Weights) -> bool:
    rows = _rows(weights)
    return rows["slightly-negative"].forgotten > rows["slightly-positive"].forgotten


def _very_negative_takes_away_less(weights: Weights) -> bool:
    rows = _rows(weights)
    very, slightly = rows["very-negative"].learned, rows["slightly-negative"].learned
    return slightly < very < 0


def _lopsided_learning(weights: Weights) -> bool:
    return value("learned@max", weights) > 0.99 and -0.25 < value("learned@min", weights) < -0.15


def _sigmoid_near_ends_beyond_three(weights: Weights) -> bool:
    near = step(np.array([-3.0, 3.0]), 0.0, weights=weights).forget
    inside = step(np.array([-2.5, 2.5]), 0.0, weights=weights).forget
    return bool(near[0] < 0.05 < inside[0] and inside[1] < 0.95 < near[1])


def _mostly_zero_gate_erases(weights: Weights) -> bool:
    rows = componentwise(weights=weights)
    closed = [row for row in rows if row.forget < 0.05]
    return (
        len(closed) > len(rows) / 2
        and all(abs(row.kept) < 0.05 * abs(row.c_prev) for row in closed)
        and all(abs(row.kept) > 0.5 * abs(row.c_prev) for row in rows if row.forget > 0.95)
    )


def _example_learns_where_open(weights: Weights) -> bool:
    rows = componentwise(weights=weights)
    return all(row.learned > 0.95 if row.forget > 0.95 else abs(row.learned) < 0.05 for row in rows)


def _modes(weights: Weights) -> list[str]:
    return [found.mode for found in stretches(weights)]


def _tied_never_keeps(weights: Weights) -> bool:
    """The cell clears and writes somewhere in the explorer's range of s, but never keeps without
    writing."""
    return set(_modes(weights)) == {"clear", "write"}


def _latch_clears_keeps_writes(weights: Weights) -> bool:
    """Along s the latch clears, then keeps, then writes: one stretch of each, in that order, each
    at least one unit of s wide."""
    found = stretches(LATCH)
    return [f.mode for f in found] == list(MODES) and all(f.width >= 1 for f in found)


def _general_cell_is_the_books(weights: Weights) -> bool:
    """The general cell with one unit, each gate's weight on both the input and the previous STM
    and its bias on the input (blocks i, f, g, o), gives the scalar cell's new STM and LTM for
    s = x + h, to 1e-12 over a grid of inputs, previous STMs and LTMs."""
    x, h, c = (a.ravel() for a in np.meshgrid(*(np.linspace(-3, 3, 7),) * 3, indexing="ij"))
    gates = [getattr(weights, name) for name in BLOCKS]
    w = np.array([[gate.w] for gate in gates])
    b = np.array([gate.b for gate in gates])
    h_new, c_new = lstm_step(x[:, None], h[:, None], c[:, None], w, w, b, np.zeros(4))
    cell = step(x + h, c, weights=weights)
    return bool(
        np.allclose(h_new[:, 0], cell.stm, rtol=0, atol=1e-12)
        and np.allclose(c_new[:, 0], cell.ltm, rtol=0, atol=1e-12)
    )


def _latch_writes_almost_a_unit(weights: Weights) -> bool:
    """Wherever the latch writes, it keeps its LTM (f > 0.99) and adds more than 0.95."""
    found = next(f for f in stretches(LATCH) if f.mode == "write")
    cell = step(np.linspace(found.low, found.high, 101), 0.0, weights=LATCH)
    return bool(np.all(cell.forget > 0.99) and np.all(cell.learned > 0.95))


def _example(weights: Weights, preset: str) -> Trajectory:
    """The example sequence with ``preset``'s weights, or with the tested ``weights`` when the
    preset is the book's cell (so a test can ask the claim about another cell)."""
    if preset == "book" and weights != Weights():
        return run_sequence(EXAMPLE_X, weights=weights)
    return example_run(preset)


_QUIET = [k - 1 for k in QUIET_STEPS]  # indices of the quiet steps


def _tied_memory_fades(weights: Weights) -> bool:
    run = _example(weights, "book")
    return bool(run.ltm[_QUIET[-1]] < 0.5 * run.ltm[: _QUIET[0] + 1].max())


def _tied_keeps_only_by_learning(weights: Weights) -> bool:
    run = _example(weights, "book")
    quiet = run.columns()
    return bool(
        np.all(quiet["forget"][_QUIET] == quiet["input"][_QUIET])
        and np.all(np.abs(quiet["learned"][_QUIET]) > 0.1)
    )


def _latch_holds(weights: Weights) -> bool:
    run = example_run("latch")
    stored = run.ltm[_QUIET[0] - 1]
    return bool(stored > 0.9 and np.all(np.abs(run.ltm[_QUIET] - stored) < 0.01 * stored))


def _latch_keeps_without_learning(weights: Weights) -> bool:
    run = example_run("latch")
    return bool(np.all(run.forget[_QUIET] > 0.99) and np.all(run.input[_QUIET] < 0.01))


def _strong_negative_clears(weights: Weights) -> bool:
    clear = _QUIET[-1] + 1  # the strong negative input after the quiet steps
    runs = (_example(weights, "book"), example_run("latch"))
    return all(abs(run.ltm[clear]) < 0.1 <= run.ltm[clear - 1] for run in runs)


def _no_weights_reproduce_table(weights: Weights) -> bool:
    fit = original_table_fit()
    return not fit.exact and fit.mismatch > 0


def _untied_weights_come_close(weights: Weights) -> bool:
    return original_table_fit().mismatch < 0.01


def _tied_cell_far_from_table(weights: Weights) -> bool:
    return table_gap(weights) > 1 / 3


def _fit_gates_disagree(weights: Weights) -> bool:
    fit = original_table_fit().weights
    cell = step(0.5, 1.0, weights=fit)  # the slightly positive band's stated s
    return bool(cell.forget > 0.99 and cell.input < 0.01)


#: Every claim the chapter makes, by the name its ``{claim}`` role gives.
CLAIMS: dict[str, Claim[Weights]] = {
    c.name: c
    for c in (
        _claim(
            "unit-weights-gates-equal",
            "With unit weights the forget, input and output gates are the same number.",
            _unit_gates_equal,
        ),
        _claim(
            "zero-s-half-gates",
            "At s = 0 every sigmoid gate is one half and nothing is learned.",
            _zero_s,
        ),
        _claim(
            "slight-s-gates-near-half",
            "For a slightly positive or negative gate input s the gates sit near one half.",
            _slight_s_gates_near_half,
        ),
        _claim(
            "original-forget-not-near-one",
            "For a slight s the forget gate is not near 1 (positive) nor near 0 (negative).",
            _original_forget_not_near_one,
        ),
        _claim(
            "slight-s-learns-noticeably",
            "A slight s learns a noticeable amount, not about zero.",
            _slight_s_learns_noticeably,
        ),
        _claim(
            "learned-follows-sign",
            "What is learned, i·g, has the sign of s.",
            _learned_follows_sign,
        ),
        _claim(
            "very-positive-keeps-and-learns",
            "Anywhere in the very positive band the cell keeps over 95% of the LTM and adds over "
            "0.9.",
            _very_positive,
        ),
        _claim(
            "very-negative-wipes",
            "Anywhere in the very negative band the cell keeps under 5% of the LTM and takes away "
            "less than 0.05.",
            _very_negative,
        ),
        _claim(
            "negative-forgets-more",
            "A slightly negative s forgets more than a slightly positive one.",
            _negative_forgets_more,
        ),
        _claim(
            "very-negative-takes-away-less",
            "A very negative s takes away less than a slightly negative one.",
            _very_negative_takes_away_less,
        ),
        _claim(
            "tied-never-keeps-without-writing",
            "Over the explorer's range of s the cell clears and writes, but never keeps without "
            "writing.",
            _tied_never_keeps,
        ),
        _claim(
            "latch-clears-keeps-writes",
            "Along s the latch clears, keeps without writing, then writes, each over at least a "
            "unit of s.",
            _latch_clears_keeps_writes,
        ),
        _claim(
            "lopsided-learning",
            "One step can learn almost a full unit but take away only about a fifth of one.",
            _lopsided_learning,
        ),
        _claim(
            "sigmoid-near-ends-beyond-three",
            "A sigmoid gate is within 0.05 of 0 or 1 only once |s| is about 3 or more.",
            _sigmoid_near_ends_beyond_three,
        ),
        _claim(
            "mostly-zero-gate-erases",
            "In the vector example most forget-gate components are near zero and erase theirs.",
            _mostly_zero_gate_erases,
        ),
        _claim(
            "example-learns-where-open",
            "In the vector example the open component gets almost a full unit, the others ~0.",
            _example_learns_where_open,
        ),
        _claim(
            "tied-memory-fades",
            "In the example the tied cell's LTM falls below half its stored value over the quiet "
            "steps.",
            _tied_memory_fades,
        ),
        _claim(
            "tied-keeps-only-by-learning",
            "On the quiet steps the tied cell's input gate equals its forget gate, so it learns a "
            "noticeable amount at every step it keeps.",
            _tied_keeps_only_by_learning,
        ),
        _claim(
            "latch-holds",
            "The latch stores the strong input and holds it within 1% over the quiet steps.",
            _latch_holds,
        ),
        _claim(
            "latch-keeps-without-learning",
            "On the quiet steps the latch's forget gate is above 0.99 and its input gate below "
            "0.01.",
            _latch_keeps_without_learning,
        ),
        _claim(
            "strong-negative-clears",
            "The strong negative input clears both cells' LTM (to less than 0.1).",
            _strong_negative_clears,
        ),
        _claim(
            "no-weights-reproduce-table",
            "No weights reproduce the original's table exactly.",
            _no_weights_reproduce_table,
        ),
        _claim(
            "untied-weights-come-close",
            "Untied weights inside the explorer's ranges come within 0.01 of every table entry.",
            _untied_weights_come_close,
        ),
        _claim(
            "tied-cell-far-from-table",
            "The tied cell misses the original's table by more than a third somewhere.",
            _tied_cell_far_from_table,
        ),
        _claim(
            "latch-writes-almost-a-unit",
            "Wherever the latch writes it keeps its LTM and adds more than 0.95.",
            _latch_writes_almost_a_unit,
        ),
        _claim(
            "general-cell-is-the-books",
            "The general cell with one unit and the book's weights gives the scalar cell's STM and "
            "LTM.",
            _general_cell_is_the_books,
        ),
        _claim(
            "fit-gates-disagree",
            "At a slightly positive s the fit's forget gate is open (> 0.99) and its input gate "
            "shut (< 0.01).",
            _fit_gates_disagree,
        ),
    )
}

#: The chapter's registry of value keys and claims, for the ``{val}`` and ``{claim}`` roles.
CHAPTER = Statements("chapter", GRAMMAR, is_value_key, format_value, CLAIMS)
