"""The explorer's state: what the reader can set, and the URL hash that carries it.

A state is the gate input s and the previous LTM c_prev of the one-step figure (c_prev is also c_0
of the sequence), gate overrides, each gate's weight and bias, and the sequence's inputs x_1..x_T.
The explorer page (:mod:`lstm_viz.presentation.explorer` and its script), the ``{explore}`` role
and the notebook downloads all read and write it through this one grammar::

    s=0.5&c=1[&f=..&i=..&g=..&o=..][&wf=..&bf=..&wi=..&bi=..&wg=..&bg=..&wo=..&bo=..][&x=4,0,-4]

Every value is a decimal number (``NUMBER``) rounded to its key's places (``DECIMALS``), so the
value the page holds is the one it shows and writes. Weights and inputs equal to the defaults are
left out of a link. :func:`read_state` reads a link as the page does (a bad value clamped or
dropped, and said so); :func:`parse_state` is the strict reading for links the book writes. The
script's reader (``static/explorer/link.js``) is checked against this one on a shared table of
cases (``tests/shared_cases.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from urllib.parse import unquote

from numpy.typing import ArrayLike

from lstm_viz.model.checks import real_array, real_number
from lstm_viz.model.formatting import fixed, snap
from lstm_viz.model.gates import GATE_RANGES, GATES, Neuron, Weights
from lstm_viz.model.ranges import BIAS_RANGE, C_PREV_RANGE, S_RANGE, WEIGHT_RANGE, X_RANGE
from lstm_viz.model.sequence import MAX_STEPS

__all__ = [
    "DECIMALS",
    "DEFAULTS",
    "DEFAULT_C_PREV",
    "DEFAULT_S",
    "DEFAULT_X",
    "HASH_KEYS",
    "NUMBER",
    "RANGES",
    "Value",
    "checked_overrides",
    "hash_of",
    "parse_state",
    "plain",
    "read_state",
    "state_hash",
    "values_of",
    "weights_of",
]

#: The state the explorer opens in when its URL names none.
DEFAULT_S = 0.5
DEFAULT_C_PREV = 1.0
#: The sequence the explorer opens with: one strong input, quiet steps, a strong opposite input,
#: quiet again — enough to watch a memory being written, kept (or lost) and overwritten.
DEFAULT_X: tuple[float, ...] = (4.0, *(0.0,) * 6, -4.0, *(0.0,) * 4)

#: The key of each settable quantity in the shareable URL hash, in the order a link lists them.
_SYMBOLS = {"forget": "f", "input": "i", "candidate": "g", "output": "o"}
HASH_KEYS: dict[str, str] = {
    "s": "s",
    "c_prev": "c",
    **_SYMBOLS,
    **{f"{part}_{gate}": f"{part}{_SYMBOLS[gate]}" for gate in GATES for part in ("w", "b")},
    "x": "x",
}
_NAMES = {key: name for name, key in HASH_KEYS.items()}

#: The range of each quantity (for ``x``, of each input).
RANGES: dict[str, tuple[float, float]] = {
    "s": S_RANGE,
    "c_prev": C_PREV_RANGE,
    **GATE_RANGES,
    **{f"w_{gate}": WEIGHT_RANGE for gate in GATES},
    **{f"b_{gate}": BIAS_RANGE for gate in GATES},
    "x": X_RANGE,
}
#: Decimal places each quantity is held to: what the page shows of it is all there is of it,
#: so the behaviour-table band of s, its readout and its link always agree.
DECIMALS: dict[str, int] = {
    "s": 2,
    "c_prev": 2,
    **{gate: 3 for gate in GATES},
    **{f"{part}_{gate}": 4 for gate in GATES for part in ("w", "b")},
    "x": 2,
}
#: The value of every quantity that a link leaves out (gate overrides: none).
DEFAULTS: dict[str, Value] = {
    "s": DEFAULT_S,
    "c_prev": DEFAULT_C_PREV,
    **{f"w_{gate}": Neuron().w for gate in GATES},
    **{f"b_{gate}": Neuron().b for gate in GATES},
    "x": DEFAULT_X,
}
#: A value of the state: one number, or the inputs x_1..x_T.
Value = float | tuple[float, ...]

#: A number in a link: plain decimal notation with an optional exponent (no "inf", no "0x").
NUMBER = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"
_NUMBER = re.compile(NUMBER)


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


def plain(x: float) -> str:
    """Shortest decimal of ``x`` to 4 places, as the explorer's script writes it into the URL."""
    text = format(Decimal(fixed(x, 4)).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def weights_of(values: Mapping[str, Value]) -> Weights:
    """The :class:`~lstm_viz.model.gates.Weights` a state names (``w_forget``, ``b_forget``, …;
    the book's where it names none)."""

    def number(name: str) -> float:
        value = values.get(name, DEFAULTS[name])
        if isinstance(value, tuple):
            raise TypeError(f"{name} must be one number, got {len(value)}")
        return float(value)

    return Weights(**{gate: Neuron(number(f"w_{gate}"), number(f"b_{gate}")) for gate in GATES})


def values_of(weights: Weights) -> dict[str, float]:
    """A state's weight keys (``w_forget``, ``b_forget``, …) for ``weights``."""
    out = {}
    for gate in GATES:
        neuron = getattr(weights, gate)
        out[f"w_{gate}"], out[f"b_{gate}"] = neuron.w, neuron.b
    return out


def _number(text: str) -> float | None:
    """A link's number, or None when it is not one (or not finite)."""
    try:
        text = unquote(text, errors="strict")
    except UnicodeDecodeError:
        return None
    if not _NUMBER.match(text):
        return None
    value = float(text)
    return value if abs(value) < float("inf") else None


def _settle(name: str, value: float) -> float:
    """``value`` clamped to its quantity's range and rounded to its places."""
    low, high = RANGES[name]
    return snap(min(high, max(low, value)), DECIMALS[name])


def read_state(text: str) -> tuple[dict[str, Value], list[str]]:
    """A link's state as the explorer page reads it: every quantity (defaults for those it leaves
    out), and the link keys whose values had to be changed — out of range (clamped), more places
    than the key holds (rounded), not a number (dropped), named twice (the first kept), or unknown.

    ``x`` is held as a tuple; its bad items are dropped, and those past
    :data:`~lstm_viz.model.sequence.MAX_STEPS` cut off.
    """
    values: dict[str, Value] = dict(DEFAULTS)
    adjusted: list[str] = []
    seen: set[str] = set()
    for part in filter(None, text.lstrip("#").split("&")):
        key, _, raw = part.partition("=")
        name = _NAMES.get(key)
        if name is None or key in seen:
            adjusted.append(key)
            continue
        seen.add(key)
        if name == "x":
            items = [_number(item) for item in raw.split(",")]
            good = [v for v in items if v is not None][:MAX_STEPS]
            xs = tuple(_settle("x", v) for v in good)
            if not xs or len(good) != len(items) or xs != tuple(good):
                adjusted.append(key)
            if xs:
                values["x"] = xs
            continue
        number = _number(raw)
        if number is None:
            adjusted.append(key)
            continue
        values[name] = _settle(name, number)
        if values[name] != number:
            adjusted.append(key)
    return values, adjusted


def parse_state(text: str) -> dict[str, Value]:
    """An explorer state (a URL hash without its ``#``) as the values it names (``s``,
    ``c_prev``, gate names, ``w_forget``…, ``x``), refused with a ``ValueError`` unless the page
    would show it exactly as written: every key known and given once, every number in range and
    to its places, and s and c both named."""
    values, adjusted = read_state(text)
    given = [part.partition("=") for part in filter(None, text.split("&"))]
    for key, _, raw in given:
        if key not in adjusted:
            continue
        name = _NAMES.get(key)
        if name is None or [k for k, _, _ in given].count(key) > 1:
            raise ValueError(
                f"explorer state parts are {', '.join(HASH_KEYS.values())}=number once each: "
                f"{key + '=' + raw!r}"
            )
        if name == "x":
            items = [_number(item) for item in raw.split(",")]
            if None in items or not 1 <= len(items) <= MAX_STEPS:
                raise ValueError(
                    f"explorer state x must be 1 to {MAX_STEPS} numbers joined by commas, "
                    f"got {raw!r}"
                )
            for item in items:
                real_number("x", item, X_RANGE)
            raise ValueError(f"explorer state x has more than {DECIMALS['x']} places: {raw!r}")
        number = _number(raw)
        if number is None:
            raise ValueError(f"explorer state {key} must be a number, got {raw!r}")
        label = f"override {name}" if name in GATES else name
        real_number(label, number, RANGES[name])
        raise ValueError(
            f"explorer state {key} has more than {DECIMALS[name]} decimal places: {raw!r}"
        )
    named = {_NAMES[key] for key, _, _ in given}
    if named and not {"s", "c_prev"} <= named:
        raise ValueError(f"an explorer state names both s and c, got {text!r}")
    return {name: values[name] for name in HASH_KEYS if name in named}


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
    Link to it from a page as ``explorer.html`` followed by the hash.
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


def hash_of(values: Mapping[str, Value]) -> str:
    """The URL hash of a state given as values by name, as :func:`read_state` and
    :func:`parse_state` return it (checked and written as :func:`state_hash` does)."""
    x = values.get("x")
    if x is not None and not isinstance(x, tuple):
        raise TypeError(f"x must be a tuple of numbers, got {type(x).__name__}")
    numbers = {k: v for k, v in values.items() if k != "x" and not isinstance(v, tuple)}
    wrong = sorted(k for k, v in values.items() if k != "x" and isinstance(v, tuple))
    if wrong:
        raise TypeError(f"{', '.join(wrong)} must be one number each")
    s, c_prev = numbers.pop("s", DEFAULT_S), numbers.pop("c_prev", DEFAULT_C_PREV)
    return state_hash(s, c_prev, x=x, **numbers)
