"""Colour arithmetic for the tests: WCAG contrast, and how far apart two colours look (CIE76 ΔE)."""

from __future__ import annotations

import math

#: The page background of the book's theme in each mode (checked in Chromium by
#: tests/site/test_layout_browser.py, so these stay the theme's own).
BACKGROUND = {"light": "#ffffff", "dark": "#121212"}


def _linear(colour: str) -> tuple[float, float, float]:
    """The linear-light sRGB channels of ``#rrggbb``."""
    if len(colour) != 7 or colour[0] != "#":
        raise ValueError(f"colour must be #rrggbb, got {colour!r}")
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return r, g, b


def luminance(colour: str) -> float:
    """Relative luminance of ``#rrggbb`` (WCAG 2.1)."""
    r, g, b = _linear(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _lab(colour: str) -> tuple[float, float, float]:
    r, g, b = _linear(colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    """CIE76 colour difference: about 2 is just noticeable; input blue and old i·g blue were 18."""
    return math.dist(_lab(a), _lab(b))
