"""The browser packages the site serves itself — no CDN: plotly.js from the npm lock file.

The official partial bundle ``plotly.js-basic-dist-min`` serves pages whose figures use only
scatter, bar and pie traces, else the full ``plotly.min.js`` that ships inside the installed
``plotly`` package. Both must be the plotly.js version that package writes figures for; the build
stops if they are not. Only a bundle some written page asks for is copied into the site.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import plotly
from plotly.offline import get_plotlyjs_version
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

__all__ = [
    "BUNDLE",
    "VENDOR",
    "node_modules",
    "plotly_bundles",
    "run_node",
    "setup_vendor",
    "used_bundles",
]

VENDOR = "lstm-viz-vendor"  # under the site's _static/
#: How a figure names the plotly.js bundle it needs (:func:`lstm_viz.presentation.embed.show`).
BUNDLE = re.compile(r'data-plotly-bundle="(basic|full)"')
#: The npm packages the build reads (served, or run at build time: MathJax typesets in Node,
#: purgecss and beasties slim the stylesheets).
PACKAGES = ("plotly.js-basic-dist-min", "mathjax", "purgecss", "beasties")


def node_modules(app: Sphinx) -> Path:
    """The book's ``node_modules``, checked to hold what the build needs."""
    path = Path(app.confdir) / "node_modules"
    if not all((path / package).is_dir() for package in PACKAGES):
        raise ExtensionError(
            f"the book's browser packages are missing from {path}: run `npm ci` in {app.confdir} "
            "(`make book` does it for you)"
        )
    return path


def run_node(script: Path, modules: Path, payload: str, doing: str, timeout: int = 600) -> str:
    """What the build's Node.js ``script`` prints, given ``modules`` (the book's
    ``node_modules``) as its argument and ``payload`` as its input; an error saying what the build
    was ``doing`` ("typeset the math") if Node.js is missing or the script fails."""
    node = shutil.which("node")
    if node is None:
        raise ExtensionError(f"the book needs Node.js to {doing}: install node (and npm)")
    result = subprocess.run(
        [node, str(script), str(modules)],
        input=payload,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise ExtensionError(f"Node.js could not {doing}: {result.stderr[-3000:]}")
    return result.stdout


def plotly_bundles(modules: Path) -> dict[str, Path]:
    """The plotly.js files by bundle name, after checking they match the ``plotly`` package."""
    basic = modules / "plotly.js-basic-dist-min"
    version = json.loads((basic / "package.json").read_text())["version"]
    if version != get_plotlyjs_version():
        raise ExtensionError(
            f"plotly.js-basic-dist-min is {version} but the plotly package writes figures for "
            f"plotly.js {get_plotlyjs_version()}: pin the same version in package.json"
        )
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return {"basic": basic / "plotly-basic.min.js", "full": full}


def used_bundles(outdir: Path, modules: Path) -> dict[Path, Path]:
    """Each bundle a written page uses (its path under the vendor folder → its source)."""
    pages = [page.read_text(encoding="utf-8") for page in outdir.rglob("*.html")]
    wanted = {bundle for page in pages for bundle in BUNDLE.findall(page)}
    return {
        Path(f"plotly-{name}.min.js"): path
        for name, path in plotly_bundles(modules).items()
        if name in wanted
    }


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.exists() and target.stat().st_size == source.stat().st_size:
        if target.read_bytes() == source.read_bytes():
            return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _copy_vendor(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / VENDOR
    used = used_bundles(Path(app.outdir), node_modules(app))
    for name, source in used.items():
        _copy_if_changed(source, target / name)
    # A file left from an earlier build into the same folder that no page uses any more.
    for stale in [p for p in target.rglob("*") if p.is_file()]:
        if stale.relative_to(target) not in used:
            stale.unlink()


def setup_vendor(app: Sphinx) -> None:
    app.connect("builder-inited", node_modules)
    app.connect("build-finished", _copy_vendor)
