"""Every figure's still: an SVG of its initial state, drawn at build time by plotly's own exporter.

A page shows each ``.lstm-viz-figure`` as this still until ``figures.js`` has fetched plotly.js and
drawn the figure in its place (when the reader nears it), so the page paints without plotly.js;
readers without JavaScript, print and feed readers see the real figure instead of nothing.

The still is drawn by Kaleido, plotly's exporter, in the Chrome or Chromium that
:func:`lstm_viz.sphinx.browser.find_chromium` finds, with the plotly.js the site serves, at a
phone's and at a page's width, both inline, CSS showing the one that fits. The theme's colours
enter through ``figures.js``'s own ``themed`` (loaded into Kaleido's page by ``stills-theme.js``)
with stand-in colours that become ``currentColor`` and the CSS variables the live figure reads, so
the still follows light and dark like the figure. Plotly's random element ids are replaced by the
figure's name: the HTML is the same on every build on the same machine (text is laid out with the
fonts installed there).
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from lstm_viz.presentation.embed import DEFAULT_HEIGHT, STATIC
from lstm_viz.sphinx.browser import NoBrowser, find_chromium

__all__ = ["WIDTHS", "StillPainter", "setup_stills", "still_html", "svg_for_html"]

#: The still's widths in CSS pixels: a phone's column and a page's (lstm-viz.css picks one).
WIDTHS = {"narrow": 360, "wide": 720}
#: Stand-in colours, drawn by plotly.js and then replaced by what the page's CSS says.
STAND_INS = {
    "rgb(1, 2, 3)": "currentColor",
    "rgb(1, 2, 4)": "var(--lstm-viz-grid)",
    "rgb(1, 2, 5)": "var(--lstm-viz-zero)",
}
_COLOURS = {"text": "rgb(1, 2, 3)", "grid": "rgb(1, 2, 4)", "zero": "rgb(1, 2, 5)"}
_FIGURE = re.compile(
    r'(<div id="([a-z][a-z0-9-]*)" class="lstm-viz-figure"[^>]*'
    r'data-plotly-bundle="(basic|full)"[^>]*>)(</div>)'
)
_ROOT = re.compile(r"<svg [^>]*>")
_UID = re.compile(r'<defs id="defs-([0-9a-f]+)"')
_CLASS = re.compile(r' class="[^"]*"')
_PATH = re.compile(r' d="([^"]*)"')
_DECIMALS = re.compile(r"(\.\d)\d+")
#: Loaded into Kaleido's page after plotly.js and figures.js: every figure it exports is first
#: themed with the stand-in colours, by the very function the live page themes figures with.
_THEME_SHIM = """"use strict";
(function (toImage) {
  Plotly.toImage = function (figure, options) {
    return toImage(window.lstmVizFigures.themed(figure, %s), options);
  };
})(Plotly.toImage);
"""


class StillPainter:
    """Kaleido's export server, started on first use with the site's full plotly.js bundle
    (which draws every figure the basic bundle draws, the same way)."""

    def __init__(self, plotly_js: Path):
        self.plotly_js = plotly_js
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def _start(self) -> None:
        import kaleido

        for logger in ("kaleido", "choreographer"):  # their notes on temporary folders
            logging.getLogger(logger).setLevel(logging.WARNING)

        try:
            chromium = find_chromium()
        except NoBrowser as error:
            raise ExtensionError(f"the figures' stills are drawn in a browser: {error}") from None
        self._folder = tempfile.TemporaryDirectory(prefix="lstm-viz-stills-")
        shim = Path(self._folder.name) / "stills-theme.js"
        shim.write_text(_THEME_SHIM % json.dumps(_COLOURS), encoding="utf-8")
        page = kaleido.PageGenerator(
            plotly=str(self.plotly_js),
            mathjax=False,
            others=[str(STATIC / "figures.js"), str(shim)],
        )
        kaleido.start_sync_server(page_generator=page, path=str(chromium), silence_warnings=True)

    def svg(self, spec: dict[str, Any], width: int) -> str:
        """The figure as plotly.js draws it at ``width`` CSS pixels, as SVG markup."""
        import kaleido

        if self._folder is None:
            self._start()
        height = (spec.get("layout") or {}).get("height") or DEFAULT_HEIGHT
        drawn = kaleido.calc_fig_sync(
            spec, opts={"format": "svg", "width": width, "height": height}
        )
        return bytes(drawn).decode("utf-8")

    def close(self) -> None:
        if self._folder is not None:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            self._folder.cleanup()
            self._folder = None


def _one_decimal(path: re.Match[str]) -> str:
    """A path's coordinates to a tenth of a pixel: a third less markup, nothing visible lost."""
    return ' d="' + _DECIMALS.sub(r"\1", path.group(1)) + '"'


#: Attributes plotly.js writes into its SVG for its own bookkeeping that HTML does not allow on an
#: SVG element (the Nu HTML checker refuses them); a still, never redrawn by plotly.js, needs none.
NOT_IN_HTML = ("updatemenu-active-index",)
_NOT_IN_HTML = re.compile(rf' (?:{"|".join(map(re.escape, NOT_IN_HTML))})="[^"]*"')


def svg_for_html(svg: str) -> str:
    """``svg`` less the attributes HTML does not allow on SVG elements (``NOT_IN_HTML``): a
    page holding it inline stays valid HTML."""
    return _NOT_IN_HTML.sub("", svg)


def _inline(svg: str, name: str, kind: str) -> str:
    """Plotly's SVG as an inline, hidden-from-readers still with ids of its own."""
    uid = _UID.search(svg)
    if uid is None:
        raise ExtensionError(f"plotly.js drew figure {name!r} without its <defs id>")
    svg = svg.replace(uid.group(1), f"-{name}-{kind}-")
    for stand_in, css in STAND_INS.items():
        svg = svg.replace(stand_in, css)
    svg = _PATH.sub(_one_decimal, svg)
    # Plotly finds its own layers in the figure's box by class: the still, drawn in the same box
    # until Plotly is done, must offer it none.
    svg = svg_for_html(_CLASS.sub("", svg))
    root = _ROOT.match(svg)
    if root is None:
        raise ExtensionError(f"plotly.js drew figure {name!r} as something other than SVG")
    view_box = re.search(r'viewBox="([^"]*)"', root.group(0))
    if view_box is None:
        raise ExtensionError(f"plotly.js drew figure {name!r} without a viewBox")
    return (
        f'<svg class="lstm-viz-still-{kind}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{view_box.group(1)}" preserveAspectRatio="xMidYMin meet" aria-hidden="true" '
        f'focusable="false">{svg[root.end() :]}'
    )


def still_html(painter: StillPainter, spec: dict[str, Any], name: str) -> str:
    """The figure's still at every width of :data:`WIDTHS`, ready to go inside its box."""
    svgs = "".join(_inline(painter.svg(spec, width), name, kind) for kind, width in WIDTHS.items())
    return f'<div class="lstm-viz-still" aria-hidden="true">{svgs}</div>'


def setup_stills(app: Sphinx) -> None:
    from lstm_viz.sphinx.vendor import node_modules, plotly_bundles

    painter: StillPainter | None = None

    def paint(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        nonlocal painter
        body = context.get("body", "")
        if "lstm-viz-figure" not in body:
            return

        def with_still(match: re.Match[str]) -> str:
            nonlocal painter
            name = match.group(2)
            data = re.search(
                rf'<script type="application/json" id="{name}-data">(.*?)</script>', body
            )
            if data is None:
                raise ExtensionError(f"figure {name!r} on page {pagename} has no JSON")
            if painter is None:
                painter = StillPainter(plotly_bundles(node_modules(app))["full"])
            still = still_html(painter, json.loads(data.group(1)), name)
            return match.group(1) + still + match.group(4)

        context["body"] = _FIGURE.sub(with_still, body)

    def close(app: Sphinx, exception: Exception | None) -> None:
        if painter is not None:
            painter.close()

    app.connect("html-page-context", paint, priority=700)
    app.connect("build-finished", close)
