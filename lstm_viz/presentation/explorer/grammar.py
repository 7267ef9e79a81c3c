"""The words of the explorer's link (:mod:`~lstm_viz.presentation.explorer.state` reads and
writes whole links with them): each quantity's key, range, places and default, the patterns of a
number and of a gate held at chosen steps, and how one number of a link is read and written.

The script's reader (``static/explorer/link.js``) takes every one of these from
:func:`lstm_viz.presentation.explorer.script_data`, so the two readers share them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from urllib.parse import unquote

from lstm_viz.model.formatting import fixed, snap
from lstm_viz.model.gates import GATE_RANGES, GATES, Neuron
from lstm_viz.model.ranges import BIAS_RANGE, C_PREV_RANGE, S_RANGE, WEIGHT_RANGE, X_RANGE

__all__ = [
    "DECIMALS",
    "DEFAULTS",
    "DEFAULT_C_PREV",
    "DEFAULT_S",
    "DEFAULT_X",
    "GATE_OF",
    "HASH_KEYS",
    "HELD_KEY",
    "MAX_LINK",
    "NAMES",
    "NUMBER",
    "RANGES",
    "SYMBOLS",
    "Held",
    "Value",
    "decoded",
    "held_links",
    "held_runs",
    "link_number",
    "plain",
    "settle",
    "underflows",
]

#: The state the explorer opens in when its URL names none.
DEFAULT_S = 0.5
DEFAULT_C_PREV = 1.0
#: The sequence the explorer opens with: one strong input, quiet steps, a strong opposite input,
#: quiet again — enough to watch a memory being written, kept (or lost) and overwritten.
DEFAULT_X: tuple[float, ...] = (4.0, *(0.0,) * 6, -4.0, *(0.0,) * 4)
#: The longest link the page reads (characters after the ``#``): the longest link it writes is a
#: third of this; the rest of a longer one is cut off, and the reader told.
MAX_LINK = 4000

#: Each gate's symbol in a link.
SYMBOLS = {"forget": "f", "input": "i", "candidate": "g", "output": "o"}
#: The key of each settable quantity in the shareable URL hash, in the order a link lists them
#: (gates held at chosen steps come after ``x``, before ``goal``).
HASH_KEYS: dict[str, str] = {
    "s": "s",
    "c_prev": "c",
    **SYMBOLS,
    **{f"{part}_{gate}": f"{part}{SYMBOLS[gate]}" for gate in GATES for part in ("w", "b")},
    "x": "x",
    "goal": "goal",
}
NAMES = {key: name for name, key in HASH_KEYS.items()}
GATE_OF = {symbol: gate for gate, symbol in SYMBOLS.items()}
#: The key of a gate held at step k, or at steps k to m: ``f3``, ``i2-11``.
HELD_KEY = r"^([figo])([1-9][0-9]?)(?:-([1-9][0-9]?))?$"

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
#: Gates held at chosen steps: gate → {step (from 1): value}.
Held = dict[str, dict[int, float]]
#: A value of the state: one number, the inputs x_1..x_T, the held gates, or a goal's key.
Value = float | tuple[float, ...] | Held | str
#: The value of every quantity that a link leaves out (gate overrides and goal: none).
DEFAULTS: dict[str, Value] = {
    "s": DEFAULT_S,
    "c_prev": DEFAULT_C_PREV,
    **{f"w_{gate}": Neuron().w for gate in GATES},
    **{f"b_{gate}": Neuron().b for gate in GATES},
    "x": DEFAULT_X,
    "held": {},
}

#: A number in a link: plain decimal notation with an optional exponent (no "inf", no "0x").
#: Each digit can be matched one way only, so a failed match costs time linear in its length.
NUMBER = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_NUMBER = re.compile(NUMBER)
_NONZERO = re.compile(r"^[^eE]*[1-9]")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def plain(x: float) -> str:
    """Shortest decimal of ``x`` to 4 places, as the explorer's script writes it into the URL."""
    text = format(Decimal(fixed(x, 4)).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def decoded(part: str) -> str:
    """A link's part percent-decoded once, as JavaScript's ``decodeURIComponent`` does; as it
    stands when that would fail (a ``%`` not followed by two hex digits, or not UTF-8)."""
    if _BAD_ESCAPE.search(part):
        return part
    try:
        return unquote(part, errors="strict")
    except UnicodeDecodeError:
        return part


def link_number(text: str) -> float | None:
    """A link's number (− read as a minus), or None when it is not one or not finite."""
    text = text.replace("−", "-")
    if not _NUMBER.match(text):
        return None
    value = float(text)
    return value if abs(value) < float("inf") else None


def underflows(text: str, value: float) -> bool:
    """Whether a number written with a digit other than 0 reads as 0 (``1e-400``)."""
    return value == 0 and bool(_NONZERO.match(text))


def settle(name: str, value: float) -> float:
    """``value`` clamped to its quantity's range and rounded to its places."""
    low, high = RANGES[name]
    return snap(min(high, max(low, value)), DECIMALS[name])


def held_runs(held: Mapping[str, Mapping[int, float]]) -> list[tuple[str, int, int, float]]:
    """Held gates as runs of steps with one value: (gate's symbol, first step, last, value)."""
    runs: list[tuple[str, int, int, float]] = []
    for gate in GATES:
        for t, v in sorted(held.get(gate, {}).items()):
            symbol, first, last, value = runs[-1] if runs else ("", 0, 0, 0.0)
            if (symbol, last + 1, value) == (SYMBOLS[gate], t, v):
                runs[-1] = (symbol, first, t, v)
            else:
                runs.append((SYMBOLS[gate], t, t, v))
    return runs


def held_links(held: Mapping[str, Mapping[int, float]]) -> list[str]:
    """The link parts of held gates, runs of equal values joined (``i1=1``, ``i2-11=0``)."""
    return [
        f"{symbol}{first if first == last else f'{first}-{last}'}={plain(v)}"
        for symbol, first, last, v in held_runs(held)
    ]
