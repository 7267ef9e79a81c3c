"""Sphinx extension: the book serves its own plotly.js, MathJax and scripts — no CDN, no kernel.

* plotly.js: the official partial bundle ``plotly.js-basic-dist-min`` (from the npm lock file) for
  pages whose figures use only scatter, bar and pie traces, else the full ``plotly.min.js`` that
  ships inside the installed ``plotly`` package. Both must be the plotly.js version that package
  writes figures for; the build stops if they are not.
* MathJax 3 from the npm lock file, with its fonts, instead of the CDN default.
* Scripts are added only to pages that need them: plotly.js and ``figures.js`` where a figure is,
  and any script or style sheet a figure names (``data-lstm-viz-scripts``, see
  :func:`lstm_viz.presentation.embed.figure_html`), and any ES module an element names
  (``data-lstm-viz-modules``: the explorer's ``explorer/main.js``).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from html import escape
from pathlib import Path
from typing import Any

import plotly
from plotly.offline import get_plotlyjs_version
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from lstm_viz.presentation.embed import STATIC

__all__ = ["setup_assets"]

VENDOR = "lstm-viz-vendor"  # under the site's _static/
MATHJAX_PARTS = (
    "tex-chtml.js",
    "input/tex/extensions",
    "output/chtml/fonts",
    "ui",
    "a11y",
    "sre",
    "adaptors",
)
_BUNDLE = re.compile(r'data-plotly-bundle="(basic|full)"')
_SCRIPTS = re.compile(r'data-lstm-viz-scripts="([^"]*)"')
_MODULES = re.compile(r'data-lstm-viz-modules="([^"]*)"')


def _node_modules(app: Sphinx) -> Path:
    path = Path(app.confdir) / "node_modules"
    if not (path / "plotly.js-basic-dist-min").is_dir() or not (path / "mathjax").is_dir():
        raise ExtensionError(
            f"the book's browser assets are missing from {path}: run `npm ci` in {app.confdir} "
            "(`make book` does it for you)"
        )
    return path


def plotly_bundles(node_modules: Path) -> dict[str, Path]:
    """The plotly.js files by bundle name, after checking they match the ``plotly`` package."""
    basic = node_modules / "plotly.js-basic-dist-min"
    version = json.loads((basic / "package.json").read_text())["version"]
    if version != get_plotlyjs_version():
        raise ExtensionError(
            f"plotly.js-basic-dist-min is {version} but the plotly package writes figures for "
            f"plotly.js {get_plotlyjs_version()}: pin the same version in package.json"
        )
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return {"basic": basic / "plotly-basic.min.js", "full": full}


def _configure(app: Sphinx, config: Any) -> None:
    config.mathjax_path = f"{VENDOR}/mathjax/tex-chtml.js"
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    config.html_css_files = [*config.html_css_files, "lstm-viz.css"]
    # _config.yml can only give lists; Sphinx looks (type, target) tuples up in nitpick_ignore.
    config.nitpick_ignore = {tuple(entry) for entry in config.nitpick_ignore}


def _page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    bundles = set(_BUNDLE.findall(body))
    if bundles:
        bundle = "full" if "full" in bundles else "basic"
        app.add_js_file(f"{VENDOR}/plotly-{bundle}.min.js", priority=600, defer="defer")
        app.add_js_file("figures.js", priority=601, defer="defer")
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
    # docutils marks bibliography entries with the deprecated role doc-biblioentry inside a
    # role="list": as list items they are valid ARIA (axe-core's WCAG checks ask for it).
    if "body" in context:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')
    # sphinx-book-theme declares Thebe's settings twice even with Thebe off: a console error.
    context["script_files"] = [
        js for js in context.get("script_files", []) if "thebe" not in str(js).lower()
    ]


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.exists() and target.stat().st_size == source.stat().st_size:
        if target.read_bytes() == source.read_bytes():
            return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _copy_vendor(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    node_modules = _node_modules(app)
    target = Path(app.outdir) / "_static" / VENDOR
    for name, path in plotly_bundles(node_modules).items():
        _copy_if_changed(path, target / f"plotly-{name}.min.js")
    mathjax = node_modules / "mathjax" / "es5"
    for part in MATHJAX_PARTS:
        source = mathjax / part
        files = (
            [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
        )
        for file in files:
            _copy_if_changed(file, target / "mathjax" / file.relative_to(mathjax))


def _write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``sitemap.xml`` of every page under ``html_baseurl`` (the one base URL, in _config.yml)."""
    if exception is not None or app.builder.format != "html":
        return
    base = app.config.html_baseurl
    if not base:
        raise ExtensionError(
            "set html.baseurl in _config.yml: the sitemap and page metadata need it"
        )
    locations = sorted(base + app.builder.get_target_uri(doc) for doc in app.env.found_docs)
    urls = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in locations)
    (Path(app.outdir) / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n",
        encoding="utf-8",
    )


def source_fingerprint(package: Path = Path(__file__).parents[1]) -> str:
    """A hash of the package's code and browser files.

    The book's pages are made by this code, but Sphinx and the notebook executor only watch the
    pages' own sources: as a config value that marks the environment outdated, the fingerprint
    makes any change here re-read and re-execute every page, so a rebuild never shows stale output.
    """
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for file in files:
        digest.update(str(file.relative_to(package)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def setup_assets(app: Sphinx) -> None:
    app.add_config_value("lstm_viz_fingerprint", source_fingerprint(), "env", [str])
    app.connect("config-inited", _configure)
    app.connect("builder-inited", lambda app: _node_modules(app))
    app.connect("html-page-context", _page_scripts)
    app.connect("build-finished", _copy_vendor)
    app.connect("build-finished", _write_sitemap)
