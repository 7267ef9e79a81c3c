"""Numbers as the book's prose writes them: a true minus sign, and no minus on a zero.

Fixed-point numbers are rounded the way the explorer's script rounds them (JavaScript's
``toFixed``: the exact binary value, halves away from zero), so the page and the prose never
disagree on a digit; ``tests/shared_cases.py`` holds one table of cases that both are checked
against (the script's side in Chromium).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["fixed", "number", "snap"]

_FIXED = re.compile(r"^(\+?)\.(\d+)f$")


def fixed(x: float, decimals: int) -> str:
    """``x`` to ``decimals`` places as JavaScript's ``toFixed`` writes it: rounded from its exact
    binary value, a tie away from zero (Python's own ``format`` rounds a tie to even)."""
    exact = Decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return format(exact, "f")


def snap(x: float, decimals: int) -> float:
    """``x`` rounded to ``decimals`` places, as a float, never −0."""
    return float(fixed(x, decimals)) + 0.0


def number(x: float, spec: str = ".2f") -> str:
    """``x`` formatted with ``spec`` and a true minus sign; a value that rounds to zero has none."""
    match = _FIXED.match(spec)
    if match:
        text = format(Decimal(fixed(x, int(match.group(2)))), f"{match.group(1)}f")
    else:
        text = format(x, spec)
    if float(text.replace("%", "").replace("+", "")) == 0:
        text = text.replace("-", "")
    return text.replace("-", "−")
