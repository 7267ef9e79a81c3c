"""Each figure's still: plotly.js's own SVG, made inline, the same on every build."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from sphinx.errors import ExtensionError

from lstm_viz.presentation import figures
from lstm_viz.sphinx.stills import STAND_INS, StillPainter, _inline, still_html
from lstm_viz.sphinx.vendor import plotly_bundles
from tests.conftest import ROOT

PLOTLY_SVG = (
    '<svg class="main-svg" xmlns="http://www.w3.org/2000/svg" width="360" height="420" style="" '
    'viewBox="0 0 360 420"><defs id="defs-1a2b3c"><clipPath id="clip1a2b3cxyplot"/></defs>'
    '<g class="trace scatter"><path class="js-line" d="M1.23456,2.5L3.999,4"'
    ' style="stroke: rgb(1, 2, 4)" clip-path="url(#clip1a2b3cxyplot)"/></g>'
    '<text style="fill: rgb(1, 2, 3)">t</text></svg>'
)


def test_plotly_svg_becomes_an_inline_still() -> None:
    still = _inline(PLOTLY_SVG, "curves", "narrow")
    assert still.startswith('<svg class="lstm-viz-still-narrow" ')
    assert 'viewBox="0 0 360 420"' in still and 'aria-hidden="true"' in still
    assert "1a2b3c" not in still and 'id="clip-curves-narrow-xyplot"' in still
    assert "url(#clip-curves-narrow-xyplot)" in still
    assert "currentColor" in still and "var(--lstm-viz-grid)" in still
    assert not any(stand_in in still for stand_in in STAND_INS)
    assert ' d="M1.2,2.5L3.9,4"' in still
    assert "trace" not in still and "js-line" not in still


def test_anything_but_plotly_svg_is_refused() -> None:
    with pytest.raises(ExtensionError, match="curves"):
        _inline("<svg><g/></svg>", "curves", "wide")


@pytest.mark.browser
def test_a_figure_is_drawn_the_same_every_time() -> None:
    spec = json.loads(figures.gate_curves().to_json())

    def draw_twice() -> tuple[str, str]:
        painter = StillPainter(plotly_bundles(ROOT / "node_modules"))
        try:
            return (
                still_html(painter, spec, "basic", "curves"),
                still_html(painter, spec, "basic", "curves"),
            )
        finally:
            painter.close()

    # In a thread of its own, as in a build: Playwright's sync API refuses a thread whose asyncio
    # loop an earlier browser test left running.
    with ThreadPoolExecutor(max_workers=1) as pool:
        first, again = pool.submit(draw_twice).result()
    assert first == again
    assert first.count("<svg") == 2 and "What each gate makes of s" in first


class _Drawings:
    """A page whose plotly.js draws the given SVGs in turn (as data URLs)."""

    def __init__(self, svgs: list[str]):
        self.svgs = iter(svgs)

    def evaluate(self, script: str, args: list) -> str:
        return "data:image/svg+xml," + next(self.svgs)


def test_a_figure_is_drawn_until_a_drawing_repeats_an_earlier_one(monkeypatch) -> None:
    painter = StillPainter({})
    page = _Drawings(["<svg>first</svg>", "<svg>b</svg>", "<svg>c</svg>", "<svg>b</svg>"])
    monkeypatch.setattr(painter, "_page", lambda bundle: page)
    assert painter.svg({"layout": {}}, "basic", 360) == "<svg>b</svg>"


def test_a_figure_never_drawn_the_same_way_twice_stops_the_build(monkeypatch) -> None:
    painter = StillPainter({})
    page = _Drawings([f"<svg>{n}</svg>" for n in range(20)])
    monkeypatch.setattr(painter, "_page", lambda bundle: page)
    with pytest.raises(ExtensionError, match="differently every time"):
        painter.svg({"layout": {}}, "basic", 360)
