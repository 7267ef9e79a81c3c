"""The build: strict, self-contained, reproducible; plotly.js comes from the site, math is SVG."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

from tests.conftest import ROOT, html_pages

pytestmark = pytest.mark.build

# A tag that points the browser at another host. (The book writes no <link rel="canonical"> either:
# the published address lives in meta tags, which no browser fetches.)
FOREIGN = re.compile(
    r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(https?:)?//', re.I
)


def test_every_page_loads_nothing_from_other_hosts(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):  # generated pages (search, indexes) included
        html = page.read_text()
        foreign = [m.group(0) for m in FOREIGN.finditer(html)]
        assert not foreign, f"{page.name} points at another host: {foreign}"
        assert "cdn." not in html.lower(), f"{page.name} mentions a CDN"


def test_the_foreign_host_check_catches_scripts_and_links() -> None:
    assert FOREIGN.search('<script defer src="https://cdn.example/x.js">')
    assert FOREIGN.search('<link rel="stylesheet" href="//fonts.example/a.css">')
    assert not FOREIGN.search('<script defer src="../_static/figures.js">')


def test_plotly_is_served_by_the_site_and_mathjax_not_needed(built_site: Path) -> None:
    vendor = built_site / "_static" / "lstm-viz-vendor"
    assert (vendor / "plotly-basic.min.js").stat().st_size > 500_000
    # The math is typeset at build time (lstm_viz.sphinx.math): no page runs MathJax, none ships.
    assert not (vendor / "mathjax").exists()
    page = (built_site / "book" / "lstm.html").read_text()
    assert "<mjx-container" in page and "tex-chtml" not in page
    assert "_static/lstm-viz-vendor/plotly-basic.min.js" in page  # fetched by figures.js


def test_only_what_a_page_uses_is_shipped(built_site: Path) -> None:
    vendor = built_site / "_static" / "lstm-viz-vendor"
    pages = [p.read_text(encoding="utf-8") for p in built_site.rglob("*.html")]
    for bundle in ("basic", "full"):
        used = any(f'data-plotly-bundle="{bundle}"' in page for page in pages)
        assert (vendor / f"plotly-{bundle}.min.js").exists() == used, bundle
    assert sorted(p.name for p in vendor.iterdir()) == sorted(
        f"plotly-{bundle}.min.js"
        for bundle in ("basic", "full")
        if any(f'data-plotly-bundle="{bundle}"' in page for page in pages)
    )


def test_plotly_js_is_loaded_only_where_a_figure_is(built_site: Path) -> None:
    for page in html_pages(built_site):
        html = page.read_text()
        has_figure = 'class="lstm-viz-figure"' in html
        assert ("plotly-basic.min.js" in html or "plotly-full.min.js" in html) == has_figure, page


def test_the_served_bundle_is_the_version_plotly_writes_for() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text())
    locked = lock["packages"]["node_modules/plotly.js-basic-dist-min"]["version"]
    assert locked == get_plotlyjs_version()


def test_no_thebe_and_a_declared_icon(built_site: Path) -> None:
    for page in html_pages(built_site):
        html = page.read_text()
        assert "thebe.js" not in html and "sphinx-thebe.js" not in html
        assert 'rel="icon"' in html


# Reproducible (the same bytes from a checkout elsewhere), incremental builds equal to clean ones,
# failed builds that stay failed: tests/site/test_rebuild.py.


def test_the_site_root_leads_to_the_landing_page(built_site: Path) -> None:
    assert 'url=book/index.html"' in (built_site / "index.html").read_text()
