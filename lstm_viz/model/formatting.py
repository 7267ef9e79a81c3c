"""Numbers as the book's prose writes them: a true minus sign, and no minus on a zero.

The explorer's script formats its readouts the same way; a browser test checks the two against
one table of cases.
"""

from __future__ import annotations

__all__ = ["number"]


def number(x: float, spec: str = ".2f") -> str:
    """``x`` formatted with ``spec`` and a true minus sign; a value that rounds to zero has none."""
    text = format(x, spec)
    if float(text.replace("%", "").replace("+", "")) == 0:
        text = text.replace("-", "")
    return text.replace("-", "−")
