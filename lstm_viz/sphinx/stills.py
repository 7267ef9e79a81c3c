"""Every figure's still: an SVG of its initial state, drawn at build time by plotly.js itself.

A page shows each ``.lstm-viz-figure`` as this still until ``figures.js`` has fetched plotly.js and
drawn the figure in its place (when the reader nears it), so the page paints without plotly.js;
readers without JavaScript, print and feed readers see the real figure instead of nothing.

The still is ``Plotly.toImage`` of the figure's own JSON in headless Chromium (Debian's, at
``/usr/bin/chromium``; ``make book`` makes sure it is there), at a phone's and at a page's width,
both inline, CSS showing the one that fits. The theme's colours enter through ``figures.js``'s own
``themed`` with stand-in colours that become ``currentColor`` and the CSS variables the live figure
reads, so the still follows light and dark like the figure. Plotly's random element ids are
replaced by the figure's name: the HTML is the same on every build on the same machine (text is
laid out with the fonts installed there).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from lstm_viz.presentation.embed import DEFAULT_HEIGHT, STATIC

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

__all__ = ["CHROMIUM", "WIDTHS", "StillPainter", "setup_stills", "still_html", "svg_for_html"]

CHROMIUM = Path("/usr/bin/chromium")
#: The still's widths in CSS pixels: a phone's column and a page's (lstm-viz.css picks one).
WIDTHS = {"narrow": 360, "wide": 720}
#: How often a figure may be drawn before the build gives up on two drawings agreeing.
MAX_DRAWINGS = 8
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
_TO_IMAGE = """([spec, colours, width, height]) => Plotly.toImage(
    lstmVizFigures.themed(spec, colours), {format: "svg", width, height})"""


class StillPainter:
    """Headless Chromium with each plotly.js bundle loaded once, started on first use."""

    def __init__(self, bundles: dict[str, Path]):
        self.bundles = bundles
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._pages: dict[str, Page] = {}

    def _page(self, bundle: str) -> Page:
        if bundle not in self._pages:
            if self._browser is None:
                if not CHROMIUM.exists():
                    raise ExtensionError(
                        f"the figures' stills are drawn with Debian's chromium at {CHROMIUM}: "
                        "run `make book` (which installs it) or `apt-get install -y chromium`"
                    )
                from playwright.sync_api import sync_playwright

                self._playwright = sync_playwright().start()
                self._browser = self._playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
                )
            page = self._browser.new_page()
            page.set_content("<!doctype html><html><head></head><body></body></html>")
            page.add_script_tag(path=str(self.bundles[bundle]))
            page.add_script_tag(path=str(STATIC / "figures.js"))
            self._pages[bundle] = page
        return self._pages[bundle]

    def svg(self, spec: dict[str, Any], bundle: str, width: int) -> str:
        """The figure as plotly.js draws it at ``width`` CSS pixels, as SVG markup.

        plotly.js writes some attributes in another order the first time it draws a kind of
        element in a page (and, on a busy machine, now and then later too), so the figure is
        drawn until one drawing comes out the same as an earlier one: the same bytes on every
        build, whichever figure a page drew first (random ids and classes aside).
        """
        height = (spec.get("layout") or {}).get("height") or DEFAULT_HEIGHT
        page = self._page(bundle)
        seen: set[str] = set()
        for _ in range(MAX_DRAWINGS):
            url = page.evaluate(_TO_IMAGE, [spec, _COLOURS, width, height])
            drawing = unquote(url.split(",", 1)[1])
            if _settled(drawing) in seen:
                return drawing
            seen.add(_settled(drawing))
        raise ExtensionError(
            f"plotly.js drew the same figure {MAX_DRAWINGS} times, differently every time"
        )

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._playwright = None
        self._browser = None
        self._pages = {}


def _settled(svg: str) -> str:
    """The drawing less what is random in it and dropped anyway: its id, its traces' classes."""
    uid = _UID.search(svg)
    return _CLASS.sub("", svg.replace(uid.group(1), "") if uid else svg)


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


def still_html(painter: StillPainter, spec: dict[str, Any], bundle: str, name: str) -> str:
    """The figure's still at every width of :data:`WIDTHS`, ready to go inside its box."""
    svgs = "".join(
        _inline(painter.svg(spec, bundle, width), name, kind) for kind, width in WIDTHS.items()
    )
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
            name, bundle = match.group(2), match.group(3)
            data = re.search(
                rf'<script type="application/json" id="{name}-data">(.*?)</script>', body
            )
            if data is None:
                raise ExtensionError(f"figure {name!r} on page {pagename} has no JSON")
            if painter is None:
                painter = StillPainter(plotly_bundles(node_modules(app)))
            still = still_html(painter, json.loads(data.group(1)), bundle, name)
            return match.group(1) + still + match.group(4)

        context["body"] = _FIGURE.sub(with_still, body)

    def close(app: Sphinx, exception: Exception | None) -> None:
        if painter is not None:
            painter.close()

    app.connect("html-page-context", paint, priority=700)
    app.connect("build-finished", close)
