"""The explorer's state: what the reader can set, and the URL hash that carries it.

A state is the gate input s and the previous LTM c_prev of the one-step figure (c_prev is also c_0
of the sequence), gate overrides, each gate's weight and bias, the sequence's inputs x_1..x_T,
gates held at chosen steps only, and the challenge or question the reader is on. The explorer page
(:mod:`lstm_viz.presentation.explorer` and its script), the ``{explore}`` role and the notebook
downloads all read and write it through this one grammar::

    s=0.5&c=1[&f=..&i=..&g=..&o=..][&wf=..&bf=..&wi=..&bi=..&wg=..&bg=..&wo=..&bo=..][&x=4,0,-4]
    [&i1=1&i2-11=0][&goal=hold]

``i2-11=0`` holds the input gate at 0 at steps 2 to 11 (``f3=..``: the forget gate at step 3
alone); a gate held at a step takes that value there whatever ``i=..`` says. Every value is a
decimal number (``NUMBER``; the page's own minus sign − is read as a minus) rounded to its key's
places (``DECIMALS``; both, with every key, range and default, in
:mod:`~lstm_viz.presentation.explorer.grammar`), so the value the page holds is the one it shows
and writes. Weights and inputs equal to the defaults are left out of a link. ``goal=<key>``
alone opens that goal at its starting state (:mod:`~lstm_viz.presentation.explorer.goals`).

:func:`read_state` reads a link as the page does: each ``&``-separated part decoded once (a mail
app's ``%2C`` is a comma), a bad value clamped or dropped and said so, and a link longer than
:data:`~lstm_viz.presentation.explorer.grammar.MAX_LINK` characters cut there. Every step of it
is linear in the link's length.
:func:`parse_state` is the strict reading for links the book writes. The script's reader
(``static/explorer/link.js``) is checked against this one on a shared table of cases
(``tests/shared_cases.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from numpy.typing import ArrayLike

from lstm_viz.model.checks import real_array, real_number
from lstm_viz.model.formatting import snap
from lstm_viz.model.gates import GATE_RANGES, GATES, Neuron, Weights
from lstm_viz.model.ranges import C_PREV_RANGE, S_RANGE, X_RANGE
from lstm_viz.model.sequence import MAX_STEPS
from lstm_viz.presentation.explorer.goals import GOALS
from lstm_viz.presentation.explorer.grammar import (
    DECIMALS,
    DEFAULT_C_PREV,
    DEFAULT_S,
    DEFAULT_X,
    DEFAULTS,
    GATE_OF,
    HASH_KEYS,
    HELD_KEY,
    MAX_LINK,
    NAMES,
    RANGES,
    Held,
    Value,
    decoded,
    held_links,
    link_number,
    plain,
    settle,
    underflows,
)

_HELD_KEY = re.compile(HELD_KEY)

__all__ = [
    "Reading",
    "checked_overrides",
    "hash_of",
    "parse_state",
    "read_state",
    "sequence_overrides",
    "state_hash",
    "values_of",
    "weights_of",
]


def checked_overrides(overrides: Mapping[str, float] | None) -> dict[str, float]:
    """Gate overrides by gate name, each checked to be one number inside its gate's range."""
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(GATES))
    if unknown:
        raise ValueError(
            f"overrides name no gate: {', '.join(unknown)} (gates: {', '.join(GATES)})"
        )
    return {
        name: real_number(f"override {name}", v, GATE_RANGES[name]) for name, v in overrides.items()
    }


def weights_of(values: Mapping[str, Value]) -> Weights:
    """The :class:`~lstm_viz.model.gates.Weights` a state names (``w_forget``, ``b_forget``, …;
    the book's where it names none)."""

    def number(name: str) -> float:
        value = values.get(name, DEFAULTS[name])
        if not isinstance(value, int | float):
            raise TypeError(f"{name} must be one number, got {value!r}")
        return float(value)

    return Weights(**{gate: Neuron(number(f"w_{gate}"), number(f"b_{gate}")) for gate in GATES})


def values_of(weights: Weights) -> dict[str, float]:
    """A state's weight keys (``w_forget``, ``b_forget``, …) for ``weights``."""
    out = {}
    for gate in GATES:
        neuron = getattr(weights, gate)
        out[f"w_{gate}"], out[f"b_{gate}"] = neuron.w, neuron.b
    return out


def sequence_overrides(values: Mapping[str, Value]) -> dict[str, float | list[float | None]]:
    """The overrides :func:`~lstm_viz.model.sequence.run_sequence` takes for a state: a gate
    overridden at every step as one number, a gate held at some steps as one value per step."""
    xs, held = values.get("x", DEFAULT_X), values.get("held") or {}
    assert isinstance(xs, tuple) and isinstance(held, dict)
    out: dict[str, float | list[float | None]] = {}
    for gate in GATES:
        given = values.get(gate)
        every = float(given) if isinstance(given, int | float) else None
        at = held.get(gate, {})
        if at:
            out[gate] = [at.get(t, every) for t in range(1, len(xs) + 1)]
        elif every is not None:
            out[gate] = every
    return out


@dataclass
class Reading:
    """A link as the page reads it: every quantity (defaults for those it leaves out; gate
    overrides and ``goal`` only if named), the link keys whose values had to change — out of
    range (clamped), more places than the key holds (rounded), not a number (dropped), named
    twice (the first kept), unknown, or holding a gate past the last step — each once, and
    whether the link was cut at :data:`~lstm_viz.presentation.explorer.grammar.MAX_LINK`
    characters."""

    values: dict[str, Value]
    adjusted: list[str] = field(default_factory=list)
    cut: bool = False

    def adjust(self, key: str) -> None:
        if key not in self.adjusted:
            self.adjusted.append(key)


def _read_x(reading: Reading, key: str, raw: str) -> None:
    texts = raw.split(",")
    items = [link_number(text) for text in texts]
    good = [v for v in items if v is not None][:MAX_STEPS]
    xs = tuple(settle("x", v) for v in good)
    lost = any(v is not None and underflows(t, v) for t, v in zip(texts, items, strict=True))
    if not xs or len(good) != len(items) or xs != tuple(good) or lost:
        reading.adjust(key)
    if xs:
        reading.values["x"] = xs


def _read_held(reading: Reading, key: str, raw: str, by: dict[tuple[str, int], str]) -> bool:
    """A gate held at step k or steps k..m (``f3``, ``i2-11``); False when ``key`` is not one."""
    match = _HELD_KEY.match(key)
    if not match:
        return False
    gate = GATE_OF[match.group(1)]
    first = int(match.group(2))
    last = int(match.group(3) or first)
    value = link_number(raw)
    if value is None or last < first or first > MAX_STEPS:
        reading.adjust(key)
        return True
    held = reading.values["held"]
    assert isinstance(held, dict)
    at = held.setdefault(gate, {})
    settled = settle(gate, value)
    if settled != value or underflows(raw, value) or last > MAX_STEPS:
        reading.adjust(key)
    for t in range(first, min(last, MAX_STEPS) + 1):
        if t in at:
            reading.adjust(key)  # an earlier part holds this step: the first is kept
        else:
            at[t], by[gate, t] = settled, key
    return True


def read_state(text: str) -> Reading:
    """A link's state as the explorer page reads it (see :class:`Reading`).

    ``x`` is held as a tuple; its bad items are dropped, and those past
    :data:`~lstm_viz.model.sequence.MAX_STEPS` cut off. Gates held at steps past the last input
    are let go.
    """
    text = text.lstrip("#")
    reading = Reading(dict(DEFAULTS, held={}), cut=len(text) > MAX_LINK)
    seen: set[str] = set()
    by: dict[tuple[str, int], str] = {}
    for part in filter(None, text[:MAX_LINK].split("&")):
        key, _, raw = decoded(part).partition("=")
        name = NAMES.get(key)
        if key in seen or (name is None and not _read_held(reading, key, raw, by)):
            reading.adjust(key)
        seen.add(key)
        if name is None or key in reading.adjusted:
            continue
        if name == "x":
            _read_x(reading, key, raw)
        elif name == "goal":
            if raw in GOALS:
                reading.values["goal"] = raw
            else:
                reading.adjust(key)
        elif (number := link_number(raw)) is None:
            reading.adjust(key)
        else:
            reading.values[name] = settle(name, number)
            if reading.values[name] != number or underflows(raw, number):
                reading.adjust(key)
    held = reading.values["held"]
    assert isinstance(held, dict)
    steps = len(reading.values["x"])  # type: ignore[arg-type]
    for (gate, t), key in by.items():
        if t > steps:
            del held[gate][t]
            reading.adjust(key)
    reading.values["held"] = {gate: dict(sorted(at.items())) for gate, at in held.items() if at}
    return reading


def parse_state(text: str) -> dict[str, Value]:
    """An explorer state (a URL hash without its ``#``) as the values it names (``s``,
    ``c_prev``, gate names, ``w_forget``…, ``x``, ``held``, ``goal``), refused with a
    ``ValueError`` unless the page would show it exactly as written: every key known and given
    once, every number in range and to its places, and s and c both named (unless the link names
    a goal alone, which opens at the goal's start)."""
    reading = read_state(text)
    given = [part.partition("=") for part in filter(None, text.split("&"))]
    if reading.cut:
        raise ValueError(f"an explorer state is at most {MAX_LINK} characters, got {len(text)}")
    for key, _, raw in given:
        if key in reading.adjusted:
            _refuse(key, raw, [k for k, _, _ in given].count(key) > 1)
    named = {NAMES.get(key, "held") for key, _, _ in given}
    if named and named != {"goal"} and not {"s", "c_prev"} <= named:
        raise ValueError(f"an explorer state names both s and c, got {text!r}")
    return {name: reading.values[name] for name in (*HASH_KEYS, "held") if name in named}


def _refuse(key: str, raw: str, repeated: bool) -> None:
    """Why the strict reading refuses the part ``key=raw``."""
    name = NAMES.get(key)
    held = _HELD_KEY.match(key)
    if repeated or (name is None and not held):
        raise ValueError(
            f"explorer state parts are {', '.join(HASH_KEYS.values())}=value or "
            f"<gate><step>[-<step>]=value, once each: {key + '=' + raw!r}"
        )
    if name == "goal":
        raise ValueError(f"explorer goal must be one of {', '.join(GOALS)}, got {raw!r}")
    if name == "x":
        items = [link_number(item) for item in raw.split(",")]
        if None in items or not 1 <= len(items) <= MAX_STEPS:
            raise ValueError(
                f"explorer state x must be 1 to {MAX_STEPS} numbers joined by commas, got {raw!r}"
            )
        for item in items:
            real_number("x", item, X_RANGE)
        raise ValueError(f"explorer state x has more than {DECIMALS['x']} places: {raw!r}")
    number = link_number(raw)
    if number is None:
        raise ValueError(f"explorer state {key} must be a number, got {raw!r}")
    if held:
        gate = GATE_OF[held.group(1)]
        first, last = int(held.group(2)), int(held.group(3) or held.group(2))
        if not first <= last <= MAX_STEPS:
            raise ValueError(f"explorer state {key} holds steps {first} to {last}")
        real_number(f"held {gate}", number, RANGES[gate])
        raise ValueError(
            f"explorer state {key} holds a step past the last input, overlaps another, or has "
            f"more than {DECIMALS[gate]} places: {key}={raw}"
        )
    assert name is not None
    label = f"override {name}" if name in GATES else name
    real_number(label, number, RANGES[name])
    raise ValueError(f"explorer state {key} has more than {DECIMALS[name]} decimal places: {raw!r}")


def state_hash(
    s: float = DEFAULT_S,
    c_prev: float = DEFAULT_C_PREV,
    *,
    x: ArrayLike | None = None,
    **named: float,
) -> str:
    """The URL hash that opens the explorer at this state, e.g. ``#s=4&c=1&f=0.2&wf=2&x=4,0,-4``.

    ``named`` holds gate overrides (``forget=0.2``) and weights (``w_forget=2``, ``b_input=-1``).
    Values are rounded to their places; weights and inputs equal to the defaults are left out.
    Link to it from a page as ``explorer.html`` followed by the hash (:func:`hash_of` also writes
    gates held at chosen steps, and a goal).
    """
    weight_keys = {k for k in named if k[:2] in ("w_", "b_")}
    unknown = sorted(weight_keys - set(RANGES))
    if unknown:
        raise ValueError(f"no such weight: {', '.join(unknown)} (w_<gate>, b_<gate>)")
    numbers = {
        "s": real_number("s", s, S_RANGE),
        "c_prev": real_number("c_prev", c_prev, C_PREV_RANGE),
        **checked_overrides({k: v for k, v in named.items() if k not in weight_keys}),
        **{k: real_number(k, named[k], RANGES[k]) for k in weight_keys},
    }
    xs: tuple[float, ...] = DEFAULT_X
    if x is not None:
        inputs = real_array("x", x)
        if inputs.ndim != 1 or not 1 <= len(inputs) <= MAX_STEPS:
            raise ValueError(f"x must be 1 to {MAX_STEPS} numbers, got shape {inputs.shape}")
        xs = tuple(snap(real_number("x", v, X_RANGE), DECIMALS["x"]) for v in inputs)
    parts = []
    for name, key in HASH_KEYS.items():
        if name == "x":
            if xs != DEFAULT_X:
                parts.append(f"x={','.join(plain(v) for v in xs)}")
        elif name in numbers:
            value = snap(numbers[name], DECIMALS[name])
            if name in ("s", "c_prev") or value != DEFAULTS.get(name):
                parts.append(f"{key}={plain(value)}")
    return "#" + "&".join(parts)


def _checked_held(held: Mapping[str, Mapping[int, float]], steps: int) -> Held:
    unknown = sorted(set(held) - set(GATES))
    if unknown:
        raise ValueError(f"held names no gate: {', '.join(unknown)} (gates: {', '.join(GATES)})")
    out: Held = {}
    for gate, at in held.items():
        for t, v in at.items():
            if not 1 <= t <= steps:
                raise ValueError(f"held {gate} at step {t}: the steps are 1 to {steps}")
            value = real_number(f"held {gate}", v, GATE_RANGES[gate])
            out.setdefault(gate, {})[t] = snap(value, DECIMALS[gate])
    return out


def hash_of(values: Mapping[str, Value]) -> str:
    """The URL hash of a state given as values by name, as :func:`read_state` and
    :func:`parse_state` return it (checked and written as :func:`state_hash` does); a goal
    named alone stays alone (``#goal=hold``: the goal at its start)."""
    if set(values) == {"goal"}:
        if values["goal"] not in GOALS:
            raise ValueError(f"no such goal: {values['goal']!r} (goals: {', '.join(GOALS)})")
        return f"#goal={values['goal']}"
    x = values.get("x")
    if x is not None and not isinstance(x, tuple):
        raise TypeError(f"x must be a tuple of numbers, got {type(x).__name__}")
    held = values.get("held")
    if held is not None and not isinstance(held, dict):
        raise TypeError(f"held must map gates to steps and values, got {type(held).__name__}")
    goal = values.get("goal")
    if goal is not None and not isinstance(goal, str):
        raise TypeError(f"goal must be a goal's key, got {type(goal).__name__}")
    numbers: dict[str, float] = {}
    for k, v in values.items():
        if k in RANGES and k != "x":
            if not isinstance(v, int | float):
                raise TypeError(f"{k} must be one number")
            numbers[k] = float(v)
    s, c_prev = numbers.pop("s", DEFAULT_S), numbers.pop("c_prev", DEFAULT_C_PREV)
    parts = [state_hash(s, c_prev, x=x, **numbers)]
    parts += held_links(_checked_held(held or {}, len(x or DEFAULT_X)))
    if goal is not None:
        if goal not in GOALS:
            raise ValueError(f"no such goal: {goal!r} (goals: {', '.join(GOALS)})")
        parts.append(f"goal={goal}")
    return "&".join(parts)
