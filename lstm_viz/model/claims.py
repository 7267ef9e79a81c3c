"""What the chapter's prose says about the cell, as data the build and the tests check.

Two kinds of statement:

* **values** — a number in the prose is written as a key, ``quantity@where[:format]``, and the
  build puts the computed value in its place (the ``{val}`` role of :mod:`lstm_viz.sphinx.roles`).
  ``quantity`` is a field of :class:`lstm_viz.model.gates.Gates` (``forget``, ``learned``, …),
  ``forgotten`` (1 − f) or ``stated`` (the band's value of s itself); ``where`` is a band key of
  :data:`lstm_viz.model.table.BANDS`, a gate input ``s``, a pair ``s,c`` (s and the previous LTM),
  or ``min`` / ``max`` (the extreme over all values of s) or ``argmin`` / ``argmax`` (the s
  where it is reached); ``format`` is a Python format spec
  (default ``.2f``). ``value("forget@slightly-positive")`` is about 0.62.
* **claims** — a qualitative sentence is wrapped in the ``{claim}`` role with the name of one of
  :data:`CLAIMS`, whose predicate must hold for the model as it is; the build warns (and so fails)
  if it does not, and a test checks that every claim is made somewhere in the chapter.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import Gates, Weights, step
from lstm_viz.model.table import BANDS, BehaviourRow, behaviour_table, componentwise

__all__ = ["CLAIMS", "Claim", "format_value", "parse_key", "value"]

QUANTITIES = (*(f.name for f in fields(Gates)), "forgotten", "stated")
_BANDS = {band.key: band for band in BANDS}
# The axis of s that min and max search: wide enough that every gate has saturated at its ends.
_AXIS = np.linspace(-20.0, 20.0, 400_001)


def parse_key(key: str) -> tuple[str, str, str]:
    """Split ``quantity@where[:format]`` into its three parts, checking the first two."""
    head, _, spec = key.partition(":")
    quantity, at, where = head.partition("@")
    if not at or quantity not in QUANTITIES:
        raise ValueError(
            f"a value key is quantity@where[:format] with quantity one of "
            f"{', '.join(QUANTITIES)}; got {key!r}"
        )
    if quantity == "stated" and where not in _BANDS:
        raise ValueError(f"stated@ needs a band key ({', '.join(_BANDS)}), got {key!r}")
    return quantity, where, spec or ".2f"


def _state(where: str, key: str) -> tuple[float, float]:
    if where in _BANDS:
        return _BANDS[where].stated, 0.0
    try:
        numbers = [float(part) for part in where.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) not in (1, 2) or not all(math.isfinite(n) for n in numbers):
        raise ValueError(
            f"where in {key!r} must be a band ({', '.join(_BANDS)}), s, s,c, min, max, argmin "
            "or argmax"
        )
    return numbers[0], numbers[1] if len(numbers) == 2 else 0.0


def value(key: str, weights: Weights = Weights()) -> float:
    """The number a value key stands for, computed by :func:`lstm_viz.model.gates.step`."""
    quantity, where, _ = parse_key(key)
    if quantity == "stated":
        return _BANDS[where].stated
    name = "forget" if quantity == "forgotten" else quantity
    if where in ("min", "max", "argmin", "argmax"):
        along = getattr(step(_AXIS, 0.0, weights=weights), name)
        along = 1.0 - along if quantity == "forgotten" else along
        index = int(along.argmin() if where.endswith("min") else along.argmax())
        return float(_AXIS[index] if where.startswith("arg") else along[index])
    s, c = _state(where, key)
    number = float(getattr(step(s, c, weights=weights), name))
    return 1.0 - number if quantity == "forgotten" else number


def format_value(key: str) -> str:
    """The value of ``key`` as the prose shows it, with a true minus sign."""
    _, _, spec = parse_key(key)
    computed = value(key)
    try:
        return number(computed, spec)
    except ValueError:
        raise ValueError(f"{spec!r} in {key!r} is not a format spec for a number") from None


@dataclass(frozen=True)
class Claim:
    """A qualitative statement of the chapter and the predicate that makes it true."""

    name: str
    statement: str
    test: Callable[[Weights], bool]

    def holds(self, weights: Weights = Weights()) -> bool:
        """Whether the statement is true of the cell with ``weights`` (the book's by default)."""
        return bool(self.test(weights))


def _rows(weights: Weights) -> dict[str, BehaviourRow]:
    return {row.band.key: row for row in behaviour_table(weights)}


def _small_stm_gates_near_half(weights: Weights) -> bool:
    rows = _rows(weights)
    return all(0.25 < rows[k].forget < 0.75 for k in ("slightly-positive", "slightly-negative"))


def _unit_gates_equal(weights: Weights) -> bool:
    return all(row.forget == row.input == row.output for row in behaviour_table(weights))


def _zero_stm(weights: Weights) -> bool:
    cell = step(0.0, 1.0, weights=weights)
    return bool(cell.forget == cell.input == cell.output == 0.5 and cell.learned == 0.0)


def _very_positive(weights: Weights) -> bool:
    row = _rows(weights)["very-positive"]
    return row.forget > 0.95 and row.learned > 0.95


def _very_negative(weights: Weights) -> bool:
    row = _rows(weights)["very-negative"]
    return row.forget < 0.05 and abs(row.learned) < 0.05


def _original_forget_not_near_one(weights: Weights) -> bool:
    rows = _rows(weights)
    return rows["slightly-positive"].forget < 0.75 and rows["slightly-negative"].forget > 0.25


def _small_stm_writes_noticeably(weights: Weights) -> bool:
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


def _negative_writes_little(weights: Weights) -> bool:
    rows = _rows(weights)
    return abs(rows["very-negative"].learned) < abs(rows["slightly-negative"].learned)


def _lopsided_writes(weights: Weights) -> bool:
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


def _example_writes_where_open(weights: Weights) -> bool:
    rows = componentwise(weights=weights)
    return all(row.learned > 0.95 if row.forget > 0.95 else abs(row.learned) < 0.05 for row in rows)


#: Every claim the chapter makes, by the name its ``{claim}`` role gives.
CLAIMS: dict[str, Claim] = {
    c.name: c
    for c in (
        Claim(
            "unit-weights-gates-equal",
            "With unit weights the forget, input and output gates are the same number.",
            _unit_gates_equal,
        ),
        Claim(
            "zero-stm-half-gates",
            "At s = 0 every sigmoid gate is one half and nothing is written.",
            _zero_stm,
        ),
        Claim(
            "small-stm-gates-near-half",
            "For a slightly positive or negative s the gates sit near one half.",
            _small_stm_gates_near_half,
        ),
        Claim(
            "original-forget-not-near-one",
            "For a slight s the forget gate is not near 1 (positive) nor near 0 (negative).",
            _original_forget_not_near_one,
        ),
        Claim(
            "small-stm-writes-noticeably",
            "A slight s writes a noticeable amount, not about zero.",
            _small_stm_writes_noticeably,
        ),
        Claim(
            "learned-follows-sign",
            "What is written has the sign of s.",
            _learned_follows_sign,
        ),
        Claim(
            "very-positive-keeps-and-writes",
            "A very positive s keeps almost all of the LTM and writes almost a full unit.",
            _very_positive,
        ),
        Claim(
            "very-negative-wipes",
            "A very negative s forgets almost all of the LTM and writes almost nothing.",
            _very_negative,
        ),
        Claim(
            "negative-forgets-more",
            "A slightly negative s forgets more than a slightly positive one.",
            _negative_forgets_more,
        ),
        Claim(
            "negative-writes-little",
            "A very negative s writes less than a slightly negative one.",
            _negative_writes_little,
        ),
        Claim(
            "lopsided-writes",
            "One step can add almost a full unit but take away only about a fifth of one.",
            _lopsided_writes,
        ),
        Claim(
            "sigmoid-near-ends-beyond-three",
            "A sigmoid gate is within 0.05 of 0 or 1 only once |s| is about 3 or more.",
            _sigmoid_near_ends_beyond_three,
        ),
        Claim(
            "mostly-zero-gate-erases",
            "In the vector example most forget-gate components are near zero and erase theirs.",
            _mostly_zero_gate_erases,
        ),
        Claim(
            "example-writes-where-open",
            "In the vector example the open component gets almost a full unit, the others ~0.",
            _example_writes_where_open,
        ),
    )
}
