"""Each figure's still: plotly.js's own SVG, made inline, the same on every build."""

from __future__ import annotations

import json

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
def test_a_figure_is_drawn_the_same_every_time_in_the_themes_stand_in_colours() -> None:
    spec = json.loads(figures.gate_curves().to_json())
    painter = StillPainter(plotly_bundles(ROOT / "node_modules")["full"])
    try:
        first = still_html(painter, spec, "curves")
        again = still_html(painter, json.loads(figures.gate_curves().to_json()), "curves")
    finally:
        painter.close()
    assert first == again
    assert first.count("<svg") == 2 and "What each gate makes of s" in first
    # Themed by figures.js in Kaleido's page: text and grid in the page's colours, none of plotly's.
    assert "currentColor" in first and "var(--lstm-viz-grid)" in first
    assert "fill: rgb(68, 68, 68)" not in first  # plotly's default text colour: no theme
