"""A small vocabulary for the explorer's SVG: escaped elements, and the scale of a panel.

The figures are drawn here complete, at one state, at build time; the explorer's script moves
the same elements when the state changes. Coordinates are rounded to 0.01 so that the output is
the same on every build.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from lstm_viz.presentation.escaping import escape

__all__ = ["Panel", "el", "figure_svg", "fmt", "subscripted"]


def fmt(v: float) -> str:
    """A coordinate: two decimals at most, no trailing zeros, no −0."""
    text = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def el(tag: str, attrs: Mapping[str, object] | None = None, *children: str, text: str = "") -> str:
    """One element: attributes in the order given (floats as coordinates), children, text."""
    parts = [tag]
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        shown = fmt(value) if isinstance(value, float) else str(value)
        parts.append(f'{key}="{escape(shown)}"')
    inner = escape(text) + "".join(children)
    return f"<{' '.join(parts)}>{inner}</{tag}>"


def subscripted(symbol: str) -> str:
    """Text with ``_x`` subscripts as SVG tspans: ``c_t−1`` → c with a lowered t−1."""
    base, _, sub = symbol.partition("_")
    if not sub:
        return escape(base)
    return f'{escape(base)}<tspan class="sub" dy="0.3em">{escape(sub)}</tspan>'


@dataclass(frozen=True)
class Panel:
    """A panel's plot area (SVG units: left, right, top, bottom) and the values it spans."""

    left: float
    right: float
    top: float
    bottom: float
    low: float
    high: float

    def y(self, value: float) -> float:
        """The SVG y of ``value`` (clamped to the panel: a value off the scale sits on its edge)."""
        value = min(self.high, max(self.low, value))
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)

    def geometry(self) -> dict[str, float]:
        """What the script needs to place a value: the plot area and the range."""
        return {
            "left": self.left,
            "right": self.right,
            "top": self.top,
            "bottom": self.bottom,
            "low": self.low,
            "high": self.high,
        }


def figure_svg(
    kind: str,
    ident: str,
    layout: str,
    view: tuple[float, float],
    geometry: object,
    title: str,
    body: list[str],
) -> str:
    """One explorer figure's ``<svg>`` root for ``layout`` ("wide" or "narrow"): titled for screen
    readers, its geometry as JSON for the script that moves its marks in place."""
    return el(
        "svg",
        {
            "class": f"lstm-explorer-svg lstm-explorer-{kind} is-{layout}",
            "id": f"{ident}-{layout}",
            "viewBox": f"0 0 {view[0]} {view[1]}",
            "role": "img",
            "aria-labelledby": f"{ident}-{layout}-title",
            "data-geometry": json.dumps(geometry, separators=(",", ":")),
        },
        el("title", {"id": f"{ident}-{layout}-title"}, text=title),
        *body,
    )
