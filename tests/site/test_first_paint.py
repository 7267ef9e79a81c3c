"""Fast first paint: no script blocks it, figures are painted before plotly.js arrives, no math
script runs, and plotly.js replaces a figure's still without moving anything (issue 13)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lstm_viz.sphinx.stills import WIDTHS
from tests.conftest import html_pages

HEAD = re.compile(r"<head>(.*?)</head>", re.DOTALL)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.DOTALL)
FIGURE = re.compile(r'<div id="([a-z0-9-]+)" class="lstm-viz-figure"[^>]*>(.*?)</div>', re.DOTALL)
STILL = re.compile(r'<svg class="lstm-viz-still-(\w+)"[^>]*viewBox="0 0 (\d+) (\d+)"')
PLOTLY = re.compile(r"plotly-(basic|full)\.min\.js")

# Sums every layout shift the page makes without the reader's input, as Lighthouse's CLS counts.
LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const sources = (entry.sources || []).map(s => s.node ? (s.node.id || s.node.nodeName
      + "." + (s.node.className && s.node.className.baseVal !== undefined
        ? s.node.className.baseVal : s.node.className)) : "?");
    window.__shifts.push({t: entry.startTime, value: entry.value, sources});
  }
}).observe({type: "layout-shift", buffered: true});
"""
# The layout shift after performance.now() was ``since``, with what moved.
SHIFTS_SINCE = """since => {
  const late = window.__shifts.filter(s => s.t > since);
  return [late.reduce((sum, s) => sum + s.value, 0), late];
}"""


def blocking_scripts(html: str) -> list[str]:
    """The ``<script src>`` tags of the head that stop the first paint until they have run."""
    head = HEAD.search(html)
    return [
        tag.group(0)
        for tag in SCRIPT.finditer(head.group(1) if head else "")
        if "src=" in tag.group(1) and not re.search(r"\b(defer|async)\b|type=\"module\"", tag[1])
    ]


def test_the_check_finds_a_blocking_script() -> None:
    page = '<head><script src="a.js"></script><script defer src="b.js"></script></head>'
    assert blocking_scripts(page) == ['<script src="a.js">']
    assert blocking_scripts('<head><script async src="a.js"></script><script>x=1</script>') == []


def test_no_script_blocks_the_first_paint_of_any_page(built_site: Path) -> None:
    for page in sorted(built_site.rglob("*.html")):  # generated pages too
        html = page.read_text()
        assert not blocking_scripts(html), f"{page.name}: {blocking_scripts(html)}"
        if page.name != "search.html":
            assert "searchindex.js" not in html, f"{page.name} loads the search index"


def test_the_search_page_still_finds_pages(visit) -> None:
    page = visit("search.html?q=forget").page
    page.wait_for_selector("#search-results a[href*='lstm']", timeout=15_000)


def test_no_page_loads_a_math_script(built_site: Path) -> None:
    for page in html_pages(built_site):
        html = page.read_text()
        assert "mathjax/tex-" not in html and "window.MathJax" not in html, page.name
        assert not re.search(r'class="math notranslate nohighlight">\s*\\[(\[]', html), page.name


def test_every_figure_has_its_still_at_each_width(built_site: Path) -> None:
    figures = 0
    for page in html_pages(built_site):
        html = page.read_text()
        for name, inner in FIGURE.findall(html):
            data = re.search(rf'id="{name}-data">(.*?)</script>', html, re.DOTALL)
            assert data, f"{name}: no JSON"
            spec = json.loads(data.group(1))
            assert inner.startswith('<div class="lstm-viz-still" aria-hidden="true">'), name
            boxes = re.findall(STILL, inner)
            height = str(spec["layout"].get("height", 450))
            assert boxes == [(k, str(w), height) for k, w in WIDTHS.items()], (name, boxes)
            assert inner.count("<path") >= len(spec["data"]), f"{name}: traces missing"
            title = spec["layout"].get("title", {}).get("text")
            assert not title or title.replace("<", "&lt;") in inner or title in inner, name
            # The still's box and its two pictures have classes; Plotly's layers must not.
            assert inner.count(' class="') == 1 + len(WIDTHS), f"{name}: plotly's classes left"
            figures += 1
    assert figures >= 5


@pytest.mark.parametrize(("width", "shown"), [(375, "narrow"), (1280, "wide")])
def test_without_javascript_every_figure_shows_its_still(
    built_site: Path, browser, site_url: str, width: int, shown: str
) -> None:
    viewport = {"width": width, "height": 900}
    context = browser.new_context(java_script_enabled=False, viewport=viewport)
    page = context.new_page()
    for path in ("book/lstm.html", "book/rnn-vs-lstm.html"):
        page.goto(f"{site_url}/{path}")
        sizes = page.evaluate(
            """() => Array.from(document.querySelectorAll('.lstm-viz-figure')).map(d => {
                 const svg = Array.from(d.querySelectorAll('.lstm-viz-still svg'))
                   .filter(s => getComputedStyle(s).display !== 'none');
                 return [svg.map(s => s.getAttribute('class')), d.getBoundingClientRect().height,
                         svg.length ? svg[0].getBoundingClientRect().height : 0];
               })"""
        )
        assert sizes, path
        for classes, box, drawn in sizes:
            assert classes == [f"lstm-viz-still-{shown}"], (path, classes)
            assert drawn > 0.5 * box > 100, (path, box, drawn)
    context.close()


def test_plotly_is_fetched_only_when_a_figure_nears(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.extend([r.url] if PLOTLY.search(r.url) else []))
    page.goto(f"{site_url}/book/rnn-vs-lstm.html", wait_until="load")
    page.wait_for_timeout(500)
    first = page.locator(".lstm-viz-figure").first
    assert first.evaluate("d => d.getBoundingClientRect().top") > 2 * 800, "figure is not far"
    assert fetched == [], "plotly.js was fetched with no figure near"
    assert first.locator(".lstm-viz-still").count() == 1
    first.scroll_into_view_if_needed()
    page.wait_for_function(
        "d => d.querySelector('.main-svg') && !d.querySelector('.lstm-viz-still')",
        arg=first.element_handle(),
        timeout=20_000,
    )
    assert len(fetched) == 1
    # Figures still far away wait for the reader.
    assert page.locator(".lstm-viz-figure").last.locator(".lstm-viz-still").count() == 1
    context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_plotly_replaces_the_still_without_a_layout_shift(
    browser, site_url: str, theme: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=theme)
    context.add_init_script(f"localStorage.setItem('theme', '{theme}');" + LAYOUT_SHIFTS)
    page = context.new_page()
    page.goto(f"{site_url}/book/lstm.html", wait_until="load")
    figure = page.locator("#gate-curves")
    before = figure.evaluate(
        """d => [d.getBoundingClientRect().height,
                 getComputedStyle(d.querySelector('.lstm-viz-still')).color,
                 getComputedStyle(d).color]"""
    )
    assert before[1] == before[2], "the still's text is not the page's text colour"
    since = page.evaluate("performance.now()")
    figure.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const d = document.getElementById('gate-curves');"
        " return d.querySelector('.main-svg') && !d.querySelector('.lstm-viz-still'); }",
        timeout=20_000,
    )
    page.wait_for_timeout(300)
    after = figure.evaluate(
        """d => [d.getBoundingClientRect().height,
                 d.querySelector('.main-svg').getBoundingClientRect().height,
                 d.layout.font.color]"""
    )
    assert after[0] == before[0] == after[1], (before, after)
    assert after[2] == before[2], "Plotly drew the text in another colour than the still"
    shift, shifts = page.evaluate(SHIFTS_SINCE, since)
    assert shift == 0, f"the page moved while plotly replaced the still: {shifts}"
    # Nor did the figure's box move at any time since the page began to load.
    every = page.evaluate("window.__shifts")
    assert not [s for s in every if "gate-curves" in " ".join(s["sources"])], every
    context.close()
