"""Whether a figure can be read: every trace visible, lines and markers at 3:1 against the page in
both themes (WCAG 1.4.11), and no two meanings in colours that look alike.

:func:`hidden_traces` and :func:`colour_problems` take any Plotly figure, so each figure's tests can
use them; the arithmetic underneath is WCAG contrast (:mod:`lstm_viz.presentation.colour`) and the
CIE76 colour difference.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import plotly.graph_objects as go

from lstm_viz.presentation.colour import BACKGROUNDS, channels, contrast, linear_rgb

#: Two colours look alike below this CIE76 difference (the old input blue and i·g blue were 18).
DISTINCT = 25.0


def _lab(colour: str) -> tuple[float, float, float]:
    r, g, b = linear_rgb(colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    """CIE76 colour difference: about 2 is just noticeable; input blue and old i·g blue were 18."""
    return math.dist(_lab(a), _lab(b))


def trace_colours(trace: go.BaseTraceType) -> list[str]:
    """The colours a trace draws its line and markers in (those it sets), with the trace's
    opacity folded into their alpha."""
    found: list[str] = []
    for part in ("line", "marker"):
        colour = getattr(getattr(trace, part, None), "color", None)
        if isinstance(colour, str):
            found.append(colour)
        elif colour is not None:
            found.extend(c for c in colour if isinstance(c, str))
    opacity = getattr(trace, "opacity", None)
    if opacity is None or opacity >= 1:
        return found
    faded = []
    for colour in found:
        r, g, b, alpha = channels(colour)
        faded.append(f"rgba({r:g},{g:g},{b:g},{alpha * opacity:g})")
    return faded


def hidden_traces(fig: go.Figure, tolerance: float = 1e-3) -> list[tuple[str, str]]:
    """Pairs of traces that draw the same curve, so that one hides the other."""
    return [
        (a.name, b.name)
        for a, b in itertools.combinations(fig.data, 2)
        if a.x is not None
        and b.x is not None
        and np.array_equal(a.x, b.x)
        and np.allclose(a.y, b.y, rtol=0, atol=tolerance)
    ]


def colour_problems(fig: go.Figure) -> list[str]:
    """Every line or marker colour below 3:1 on either page, and every two meanings (traces of
    different names or legend groups) in colours that look alike."""
    problems = [
        f"{trace.name} {colour} is {contrast(colour, page):.2f}:1 on {mode}"
        for trace in fig.data
        for colour in dict.fromkeys(trace_colours(trace))
        for mode, page in BACKGROUNDS.items()
        if contrast(colour, page) < 3
    ]
    meanings: dict[str, set[str]] = {}
    for trace in fig.data:
        meanings.setdefault(trace.legendgroup or trace.name, set()).update(trace_colours(trace))
    for (a, colours_a), (b, colours_b) in itertools.combinations(meanings.items(), 2):
        problems += [
            f"{a} and {b} look alike (ΔE {delta_e(x, y):.0f})"
            for x in sorted(colours_a)
            for y in sorted(colours_b)
            if delta_e(x, y) < DISTINCT
        ]
    return problems
