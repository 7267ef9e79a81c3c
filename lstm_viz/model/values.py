"""The chapter's numbers as value keys: ``quantity@where[/preset][:format]``.

A number in the chapter's prose is written as a key, and the build puts the computed value in its
place (the ``{val}`` role of :mod:`lstm_viz.sphinx.roles`). ``value("forget@slightly-positive")``
is about 0.62. The parts:

* ``quantity`` — a field of :class:`lstm_viz.model.gates.Gates` (``forget``, ``learned``, …) or
  ``forgotten`` (1 − f); with a band also ``stated`` (the band's value of s); with a step also
  ``x`` and ``s`` (the input and the gate input); with a gate name ``w`` or ``b`` (its weight or
  bias); and ``table-gap``, whose ``where`` is a preset: how far that cell is from the original
  chapter's table (:func:`lstm_viz.model.presets.table_gap`).
* ``where`` — a band key of :data:`lstm_viz.model.table.BANDS`; a gate input ``s`` or a pair
  ``s,c`` (s and the previous LTM); ``min`` / ``max`` (the extreme over all values of s) or
  ``argmin`` / ``argmax`` (the s where it is reached); ``step<k>``, step k (from 1) of the
  chapter's example sequence (:mod:`lstm_viz.model.over_time`); a gate name; a preset.
* ``preset`` — the weights (a key of :data:`lstm_viz.model.presets.PRESETS`); the book's cell if
  left out.
* ``format`` — a Python format spec (default ``.2f``); the value is written with a true minus sign.
"""

from __future__ import annotations

import math
import re
from dataclasses import fields

import numpy as np

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import GATES, Gates, Weights, step
from lstm_viz.model.over_time import EXAMPLE_X, example_run
from lstm_viz.model.presets import PRESETS, table_gap
from lstm_viz.model.sequence import Trajectory, run_sequence
from lstm_viz.model.table import BANDS

__all__ = ["GRAMMAR", "QUANTITIES", "format_value", "is_value_key", "parse_key", "value"]

_GATE_QUANTITIES = (*(f.name for f in fields(Gates)), "forgotten")
_STEP_QUANTITIES = ("x", "s", *_GATE_QUANTITIES)
#: Every quantity a key may name.
QUANTITIES: tuple[str, ...] = (*_STEP_QUANTITIES, "stated", "w", "b", "table-gap")
#: The keys' grammar, for error messages.
GRAMMAR = f"quantity@where[/preset][:format] with quantity one of {', '.join(QUANTITIES)}"

_BANDS = {band.key: band for band in BANDS}
_STEP = re.compile(r"^step(\d+)$")
_EXTREMES = ("min", "max", "argmin", "argmax")
# The axis of s that min and max search: wide enough that every gate has saturated at its ends.
_AXIS = np.linspace(-20.0, 20.0, 400_001)


def is_value_key(key: str) -> bool:
    """Whether ``key`` names one of the chapter's quantities (its ``where`` is checked later)."""
    quantity, at, _ = key.partition(":")[0].partition("@")
    return bool(at) and quantity in QUANTITIES


def parse_key(key: str) -> tuple[str, str, str, str]:
    """Split ``quantity@where[/preset][:format]`` into its four parts, checking the first three."""
    head, _, spec = key.partition(":")
    quantity, _, place = head.partition("@")
    where, _, preset = place.partition("/")
    if not is_value_key(key):
        raise ValueError(f"a value key is {GRAMMAR}; got {key!r}")
    if preset and preset not in PRESETS:
        raise ValueError(f"the preset in {key!r} must be one of {', '.join(PRESETS)}")
    if quantity == "stated" and where not in _BANDS:
        raise ValueError(f"stated@ needs a band key ({', '.join(_BANDS)}), got {key!r}")
    if quantity in ("w", "b") and where not in GATES:
        raise ValueError(f"{quantity}@ needs a gate ({', '.join(GATES)}), got {key!r}")
    if quantity == "table-gap" and (where not in PRESETS or preset):
        raise ValueError(f"table-gap@ needs a preset ({', '.join(PRESETS)}), got {key!r}")
    if quantity in ("x", "s") and not _STEP.match(where):
        raise ValueError(f"{quantity}@ needs a step of the example (step1 …), got {key!r}")
    return quantity, where, preset or "book", spec or ".2f"


def _state(where: str, key: str) -> tuple[float, float]:
    try:
        numbers = [float(part) for part in where.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) not in (1, 2) or not all(math.isfinite(n) for n in numbers):
        raise ValueError(
            f"where in {key!r} must be a band ({', '.join(_BANDS)}), s, s,c, "
            f"{', '.join(_EXTREMES)}, step1 … step{len(EXAMPLE_X)} or a gate"
        )
    return numbers[0], numbers[1] if len(numbers) == 2 else 0.0


def _at_step(run: Trajectory, quantity: str, where: str, key: str) -> float:
    k = int(_STEP.match(where).group(1))  # type: ignore[union-attr]
    if not 1 <= k <= len(run):
        raise ValueError(f"the example has steps 1 … {len(run)}, got {key!r}")
    name = "forget" if quantity == "forgotten" else quantity
    number = float(run.columns()[name][k - 1])
    return 1.0 - number if quantity == "forgotten" else number


def value(key: str, weights: Weights | None = None) -> float:
    """The number a value key stands for, computed by :func:`lstm_viz.model.gates.step`.

    ``weights`` replaces the key's preset (the book's cell by default), so a test can ask what a
    key would say of another cell.
    """
    quantity, where, preset, _ = parse_key(key)
    cell = PRESETS[preset].weights if weights is None else weights
    if quantity == "stated":
        return _BANDS[where].stated
    if quantity in ("w", "b"):
        return float(getattr(getattr(cell, where), quantity))
    if quantity == "table-gap":
        return table_gap(PRESETS[where].weights if weights is None else weights)
    if _STEP.match(where):
        run = example_run(preset) if weights is None else run_sequence(EXAMPLE_X, weights=cell)
        return _at_step(run, quantity, where, key)
    name = "forget" if quantity == "forgotten" else quantity
    if where in _EXTREMES:
        along = getattr(step(_AXIS, 0.0, weights=cell), name)
        along = 1.0 - along if quantity == "forgotten" else along
        index = int(along.argmin() if where.endswith("min") else along.argmax())
        return float(_AXIS[index] if where.startswith("arg") else along[index])
    s, c = (_BANDS[where].stated, 0.0) if where in _BANDS else _state(where, key)
    number = float(getattr(step(s, c, weights=cell), name))
    return 1.0 - number if quantity == "forgotten" else number


def format_value(key: str) -> str:
    """The value of ``key`` as the prose shows it, with a true minus sign."""
    *_, spec = parse_key(key)
    computed = value(key)
    try:
        return number(computed, spec)
    except ValueError:
        raise ValueError(f"{spec!r} in {key!r} is not a format spec for a number") from None
