"""Standards over every built page: WCAG 2.1 AA by axe-core, heading order, text alternatives,
and a crawl that finds no broken internal link or #anchor."""

from __future__ import annotations

import itertools
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from lstm_viz.presentation.explorer.state import parse_state
from tests.conftest import html_pages

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class _Page(HTMLParser):
    """The ids, links, headings and images of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if anchor := a.get("id"):
            self.ids.add(anchor)
        if tag == "a" and (name := a.get("name")):
            self.ids.add(name)
        for key in ("href", "src"):
            if (link := a.get(key)) and tag in ("a", "link", "script", "img", "source", "iframe"):
                self.links.append(link)
        if tag == "img":
            self.images.append(a)


def _parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path, pages: list[Path]) -> list[str]:
    """Every link from ``pages`` to a file of ``site`` that is missing, or to an absent #anchor.

    Each page is parsed once, however many links lead to it.
    """
    parsed: dict[Path, _Page] = {}

    def parse(path: Path) -> _Page:
        path = path.resolve()
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    broken = []
    for page in pages:
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {link}")
            elif parts.fragment.startswith("review="):  # a review: the page must have the reader
                if "review-reader" not in parse(target).ids:
                    broken.append(f"{page.relative_to(site)} → {link} (no review reader there)")
            elif "=" in parts.fragment:  # an explorer state, not an anchor: it must parse
                try:
                    parse_state(unquote(parts.fragment))
                except ValueError as error:
                    broken.append(f"{page.relative_to(site)} → {link} ({error})")
            elif parts.fragment and target.suffix == ".html":
                ids = parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)} → {link} (no such anchor)")
    return broken


def test_no_broken_internal_links_or_anchors(built_site: Path) -> None:
    broken = broken_links(built_site, html_pages(built_site))
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_the_crawl_catches_missing_pages_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "b.html").write_text('<h1 id="there">B</h1>')
    page = tmp_path / "a.html"
    page.write_text(
        '<a href="b.html#there">ok</a><a href="missing.html">x</a><a href="b.html#gone">y</a>'
        '<a href="#here">z</a><a href="#nowhere">w</a><p id="here"></p>'
        '<a href="https://example.org/">other host: not crawled</a>'
        '<a href="b.html#s=1&c=0">a state</a><a href="b.html#s=1&c=9">a state out of range</a>'
        '<a href="b.html#review=bad+x">a review where no reader is</a>'
    )
    assert broken_links(tmp_path, [page]) == [
        "a.html → missing.html",
        "a.html → b.html#gone (no such anchor)",
        "a.html → #nowhere (no such anchor)",
        "a.html → b.html#s=1&c=9 (c_prev must lie in [-3, 3], got 9)",
        "a.html → b.html#review=bad+x (no review reader there)",
    ]


def test_the_crawl_parses_each_page_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "b.html").write_text('<h1 id="x">B</h1><h2 id="y">C</h2>')
    links = "".join(f'<a href="b.html#{a}">{a}</a>' for a in "xyxyxy")
    pages = [tmp_path / "a.html", tmp_path / "c.html"]
    for page in pages:
        page.write_text(links + '<a href="a.html">a</a><a href="#top" id="top">top</a>')
    parsed: list[str] = []
    real = _parse

    def counted(path: Path) -> _Page:
        parsed.append(path.name)
        return real(path)

    monkeypatch.setattr(sys.modules[__name__], "_parse", counted)
    assert broken_links(tmp_path, pages) == []
    assert sorted(parsed) == ["a.html", "b.html", "c.html"]


def test_every_image_has_alt_text(built_site: Path) -> None:
    for page in html_pages(built_site):
        for image in _parse(page).images:
            assert (image.get("alt") or "").strip() or image.get("aria-hidden") == "true", (
                f"{page.name}: <img src={image.get('src')}> has no alt text"
            )


@pytest.mark.browser
def test_every_page_passes_axe_at_wcag_21_aa(built_site: Path, visit) -> None:
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    report = []
    for path in (str(p.relative_to(built_site)) for p in html_pages(built_site)):
        for theme in ("light", "dark"):
            seen = visit(path, color_scheme=theme)
            seen.page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
            seen.page.wait_for_timeout(150)
            results = axe.run(seen.page, options=options)
            if results.violations_count:
                report.append(f"{path} ({theme}):\n{results.generate_report()}")
    assert not report, "\n".join(report)


@pytest.mark.browser
def test_headings_are_in_order_and_figures_have_text(built_site: Path, visit) -> None:
    for path in (str(p.relative_to(built_site)) for p in html_pages(built_site)):
        page = visit(path).page
        levels = page.evaluate(
            "() => Array.from(document.querySelectorAll('article h1, article h2, article h3,"
            " article h4, article h5, article h6')).filter(h => h.offsetParent !== null)"
            ".map(h => +h.tagName[1])"
        )
        assert levels and levels[0] == 1 and levels.count(1) == 1, f"{path}: {levels}"
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{path}: heading level jumps from {before} to {after}"
        unlabelled = page.evaluate(
            "() => Array.from(document.querySelectorAll("
            "'.lstm-viz-figure, svg[role=img]:not([aria-hidden=true])'))"
            ".filter(e => !(e.getAttribute('aria-label') || e.querySelector('title') ||"
            " (document.getElementById(e.getAttribute('aria-describedby')) || {}).textContent))"
            ".map(e => e.id || e.outerHTML.slice(0, 80))"
        )
        assert not unlabelled, f"{path}: figures without a text alternative: {unlabelled}"
