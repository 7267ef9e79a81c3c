"""Colours as WCAG 2.1 reads them: relative luminance, contrast against the page, and shades.

Every figure, diagram and the explorer keep their lines and markers at 3:1 or more against the page
(1.4.11, non-text contrast) in both of the theme's modes; this is the one place that says what the
page's background is and how contrast is computed.
"""

from __future__ import annotations

__all__ = ["BACKGROUNDS", "channels", "contrast", "linear_rgb", "luminance", "mix"]

#: The page's background in the book theme's light and dark modes (pydata-sphinx-theme's own:
#: tests/site/test_layout_browser.py reads it back from the built pages in Chromium).
BACKGROUNDS: dict[str, str] = {"light": "#ffffff", "dark": "#121212"}


def channels(colour: str) -> tuple[float, float, float, float]:
    """Red, green, blue (0–255) and alpha (0–1) of ``#rrggbb``, ``rgb(…)`` or ``rgba(…)``."""
    text = colour.strip().lower()
    if len(text) == 7 and text[0] == "#":
        red, green, blue = (float(int(text[i : i + 2], 16)) for i in (1, 3, 5))
        return red, green, blue, 1.0
    if text.startswith(("rgb(", "rgba(")) and text.endswith(")"):
        parts = [float(p) for p in text[text.index("(") + 1 : -1].split(",")]
        if len(parts) in (3, 4):
            return parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else 1.0
    raise ValueError(f"colour must be #rrggbb, rgb(…) or rgba(…), got {colour!r}")


def linear_rgb(colour: str, page: str = "#ffffff") -> tuple[float, float, float]:
    """The linear-light sRGB channels of ``colour``, a translucent one laid over ``page``."""
    r, g, b, alpha = channels(colour)
    if alpha < 1:
        under = channels(page)
        r, g, b = (alpha * c + (1 - alpha) * u for c, u in zip((r, g, b), under[:3], strict=True))
    red, green, blue = (
        v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        for v in (r / 255, g / 255, b / 255)
    )
    return red, green, blue


def luminance(colour: str, page: str = "#ffffff") -> float:
    """Relative luminance of ``colour``, a translucent one as seen on ``page``."""
    r, g, b = linear_rgb(colour, page)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, page: str) -> float:
    """The contrast ratio of ``colour`` as drawn on ``page``, from 1 to 21."""
    high, low = sorted((luminance(colour, page), luminance(page)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, towards: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0 to 1) of the way to ``towards``, as ``#rrggbb``."""
    start, end = channels(colour)[:3], channels(towards)[:3]
    return "#" + "".join(
        f"{round(a + (b - a) * amount):02x}" for a, b in zip(start, end, strict=True)
    )
