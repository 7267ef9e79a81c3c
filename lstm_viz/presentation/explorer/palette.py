"""The explorer's colours: each quantity's colour of :data:`~lstm_viz.presentation.style.COLOURS`,
darkened on the light page and lightened on the dark one until its lines and markers stand out
from the background by at least 3:1 (WCAG 2.1, 1.4.11 non-text contrast)."""

from __future__ import annotations

from lstm_viz.presentation.colour import BACKGROUNDS, contrast, mix
from lstm_viz.presentation.style import COLOURS

__all__ = ["MIN_CONTRAST", "QUANTITIES", "palette", "palette_css"]

#: The contrast every line and marker keeps against the background (3:1, with a small margin).
MIN_CONTRAST = 3.2
#: The quantities the explorer draws, by their key in COLOURS.
QUANTITIES: tuple[str, ...] = (
    "stm_prev",
    "ltm_prev",
    "forget",
    "input",
    "candidate",
    "output",
    "kept",
    "learned",
    "ltm",
    "stm",
)


def _legible(colour: str, theme: str) -> str:
    """``colour`` moved towards black (light) or white (dark) just far enough for MIN_CONTRAST."""
    towards = "#000000" if theme == "light" else "#ffffff"
    for step in range(21):
        mixed = mix(colour, towards, step / 20)
        if contrast(mixed, BACKGROUNDS[theme]) >= MIN_CONTRAST:
            return mixed
    raise ValueError(f"no shade of {colour} reaches {MIN_CONTRAST}:1 on the {theme} page")


def palette() -> dict[str, dict[str, str]]:
    """Each quantity's colour on the light and on the dark page."""
    return {
        theme: {key: _legible(COLOURS[key], theme) for key in QUANTITIES} for theme in BACKGROUNDS
    }


def palette_css(scope: str) -> str:
    """CSS giving each quantity's elements under ``scope`` (class ``q-<quantity>``) its colour as
    the custom property ``--q``, on the light and on the dark page."""
    colours = palette()

    def rules(theme: str, prefix: str) -> str:
        return "".join(
            f"{prefix}{scope} .q-{key.replace('_', '-')}{{--q:{value}}}"
            for key, value in colours[theme].items()
        )

    return rules("light", "") + rules("dark", 'html[data-theme="dark"] ')
