"""Sphinx extension: the book serves its own plotly.js, MathJax and scripts — no CDN, no kernel.

* plotly.js: the official partial bundle ``plotly.js-basic-dist-min`` (from the npm lock file) for
  pages whose figures use only scatter, bar and pie traces, else the full ``plotly.min.js`` that
  ships inside the installed ``plotly`` package. Both must be the plotly.js version that package
  writes figures for; the build stops if they are not.
* MathJax 3 from the npm lock file, with its fonts, instead of the CDN default.
* Scripts are added only to pages that need them: ``figures.js`` where a figure is (it fetches
  plotly.js when a figure nears the viewport),
  and any script or style sheet a figure names (``data-lstm-viz-scripts``, see
  :func:`lstm_viz.presentation.embed.figure_html`), and any ES module an element names
  (``data-lstm-viz-modules``: the explorer's ``explorer/main.js``).
* Only what a page uses is shipped: a plotly.js bundle when a written page has a figure that needs
  it, MathJax when a written page loads it.
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
_MATHJAX = f"{VENDOR}/mathjax/"
#: Beside the package, the files that fix what it runs with: the Python packages (plotly writes
#: the figures' JSON) and the browser packages (plotly.js draws it).
LOCK_FILES = ("uv.lock", "package-lock.json")


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
        # figures.js fetches plotly.js itself when a figure nears the viewport (stills until then).
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


def _used_vendor_files(outdir: Path, node_modules: Path) -> dict[Path, Path]:
    """Each vendored file a written page uses (its path under the vendor folder → its source):
    the plotly.js bundle a page's figures ask for, and MathJax where a page loads it."""
    pages = [page.read_text(encoding="utf-8") for page in outdir.rglob("*.html")]
    bundles = {bundle for page in pages for bundle in _BUNDLE.findall(page)}
    files = {
        Path(f"plotly-{name}.min.js"): path
        for name, path in plotly_bundles(node_modules).items()
        if name in bundles
    }
    if any(_MATHJAX in page for page in pages):
        mathjax = node_modules / "mathjax" / "es5"
        for part in MATHJAX_PARTS:
            source = mathjax / part
            found = [source] if source.is_file() else [p for p in source.rglob("*") if p.is_file()]
            files.update({Path("mathjax") / p.relative_to(mathjax): p for p in sorted(found)})
    return files


def _copy_vendor(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / VENDOR
    used = _used_vendor_files(Path(app.outdir), _node_modules(app))
    for name, source in used.items():
        _copy_if_changed(source, target / name)
    # A file left from an earlier build into the same folder that no page uses any more.
    for stale in [p for p in target.rglob("*") if p.is_file()]:
        if stale.relative_to(target) not in used:
            stale.unlink()


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


def source_fingerprint(package: Path = Path(__file__).parents[1], root: Path | None = None) -> str:
    """A hash of the package's code and browser files, and of the lock files in ``root``.

    The book's pages are made by this code, with the packages the lock files pin, but Sphinx and the
    notebook executor only watch the pages' own sources: as a config value that marks the
    environment outdated, the fingerprint makes any change here re-read and re-execute every page,
    so a rebuild never shows stale output (say figure JSON from an older plotly beside a newer
    plotly.js). ``root`` is the book's folder, by default the one holding ``package``.
    """
    root = package.parent if root is None else root
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    named = [(f"{package.name}/{p.relative_to(package).as_posix()}", p) for p in files]
    named += [(name, root / name) for name in LOCK_FILES]
    digest = hashlib.sha256()
    for name, path in named:
        content = path.read_bytes() if path.is_file() else b""
        for part in (name.encode(), content):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()


def setup_assets(app: Sphinx) -> None:
    fingerprint = source_fingerprint(root=Path(app.srcdir))
    app.add_config_value("lstm_viz_fingerprint", fingerprint, "env", [str])
    app.connect("config-inited", _configure)
    app.connect("builder-inited", lambda app: _node_modules(app))
    app.connect("html-page-context", _page_scripts)
    app.connect("build-finished", _copy_vendor)
    app.connect("build-finished", _write_sitemap)
