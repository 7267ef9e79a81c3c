"""Each page gets the book's scripts it uses, and no others.

* ``figures.js`` where a figure is: it fetches plotly.js (the bundle the page's figures need, see
  :mod:`~lstm_viz.sphinx.vendor`) when a figure nears the viewport, showing its still until then;
* any script or style sheet a figure names (``data-lstm-viz-scripts``, see
  :func:`lstm_viz.presentation.embed.figure_html`);
* any ES module an element names (``data-lstm-viz-modules``: the explorer's ``explorer/main.js``),
  with every module of its folder preloaded.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

from lstm_viz.presentation.embed import STATIC
from lstm_viz.sphinx.vendor import BUNDLE, VENDOR

__all__ = ["setup_page_scripts"]

_SCRIPTS = re.compile(r'data-lstm-viz-scripts="([^"]*)"')
_MODULES = re.compile(r'data-lstm-viz-modules="([^"]*)"')


def _serve_static(app: Sphinx, config: Any) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    config.html_css_files = [*config.html_css_files, "lstm-viz.css"]


def _page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    bundles = set(BUNDLE.findall(body))
    if bundles:
        bundle = "full" if "full" in bundles else "basic"
        plotly_js = context["pathto"](f"_static/{VENDOR}/plotly-{bundle}.min.js", 1)
        app.add_js_file("figures.js", priority=601, defer="defer", **{"data-plotly": plotly_js})
    for script in sorted({name for names in _SCRIPTS.findall(body) for name in names.split()}):
        if script.endswith(".css"):
            app.add_css_file(script, priority=602)
        else:
            app.add_js_file(script, priority=602, defer="defer")
    # ES modules (deferred by nature), with every module of their folder preloaded, so the
    # browser fetches them at once instead of one import level after another.
    preloads = []
    for module in sorted({name for names in _MODULES.findall(body) for name in names.split()}):
        app.add_js_file(module, priority=602, type="module")
        for file in sorted((STATIC / module).parent.glob("*.js")):
            if file == STATIC / module:
                continue  # the entry itself is loaded by its script tag
            href = context["pathto"](f"_static/{file.relative_to(STATIC).as_posix()}", 1)
            preloads.append(f'<link rel="modulepreload" href="{href}">')
    if preloads:
        context["metatags"] = context.get("metatags", "") + "\n".join(preloads)


def setup_page_scripts(app: Sphinx) -> None:
    app.connect("config-inited", _serve_static)
    app.connect("html-page-context", _page_scripts)
