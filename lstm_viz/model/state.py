"""The explorer's state: what the reader can set, its ranges, and the URL hash that carries it.

A state is the gate input s, the previous LTM c_prev and any gate overrides. The explorer page
(:mod:`lstm_viz.presentation.explorer` and its script), the ``{explore}`` role and the notebook
downloads all read and write it through this one grammar: ``s=0.5&c=1[&f=..&i=..&g=..&o=..]``.
"""

from __future__ import annotations

from collections.abc import Mapping

from lstm_viz.model.checks import real_number
from lstm_viz.model.gates import GATE_RANGES, GATES

__all__ = [
    "BIAS_RANGE",
    "C_PREV_RANGE",
    "DEFAULT_C_PREV",
    "DEFAULT_S",
    "HASH_KEYS",
    "S_RANGE",
    "WEIGHT_RANGE",
    "checked_overrides",
    "parse_state",
    "plain",
    "state_hash",
]

#: The ranges the reader can drag the gate input s and the previous LTM c_prev across.
S_RANGE: tuple[float, float] = (-6.0, 6.0)
C_PREV_RANGE: tuple[float, float] = (-3.0, 3.0)
#: The ranges of every gate's weight w and bias b that the reader can set.
WEIGHT_RANGE: tuple[float, float] = (-10.0, 10.0)
BIAS_RANGE: tuple[float, float] = (-10.0, 10.0)
#: The state the explorer opens in when its URL names none.
DEFAULT_S = 0.5
DEFAULT_C_PREV = 1.0

#: The key of each settable quantity in the shareable URL hash ``#s=…&c=…&f=…&i=…&g=…&o=…``.
HASH_KEYS: dict[str, str] = {
    "s": "s",
    "c_prev": "c",
    "forget": "f",
    "input": "i",
    "candidate": "g",
    "output": "o",
}


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
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def parse_state(text: str) -> dict[str, float]:
    """An explorer state ``s=..&c=..[&f=..&i=..&g=..&o=..]`` (a URL hash without its ``#``) as
    values by name (``s``, ``c_prev``, gate names), checked against the explorer's ranges."""
    names = {short: name for name, short in HASH_KEYS.items()}
    values: dict[str, float] = {}
    for part in filter(None, text.split("&")):
        key, eq, number = part.partition("=")
        if not eq or key not in names or names[key] in values:
            raise ValueError(
                f"explorer state parts are s, c, f, i, g, o=number once each: {part!r}"
            )
        try:
            values[names[key]] = float(number)
        except ValueError:
            raise ValueError(f"explorer state {key} must be a number, got {number!r}") from None
    if values and not {"s", "c_prev"} <= values.keys():
        raise ValueError(f"an explorer state names both s and c, got {text!r}")
    if values:
        state_hash(**values)  # checks every value against its range
    return values


def state_hash(s: float = DEFAULT_S, c_prev: float = DEFAULT_C_PREV, **overrides: float) -> str:
    """The URL hash that opens the explorer at this state, e.g. ``#s=4&c=1&f=0.2``.

    Link to it from a page as ``explorer.html`` followed by the hash.
    """
    values = {
        "s": real_number("s", s, S_RANGE),
        "c_prev": real_number("c_prev", c_prev, C_PREV_RANGE),
    }
    values.update(checked_overrides(overrides))
    order = [name for name in HASH_KEYS if name in values]
    return "#" + "&".join(f"{HASH_KEYS[name]}={plain(values[name])}" for name in order)
