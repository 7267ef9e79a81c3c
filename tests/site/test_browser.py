"""Every page in real headless Chromium: no foreign request, no error, every figure drawn."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import html_pages

pytestmark = pytest.mark.browser


def _pages(site: Path) -> list[str]:
    return [str(p.relative_to(site)) for p in html_pages(site)]


def test_every_page_is_clean_in_chromium(built_site: Path, visit) -> None:
    for path in _pages(built_site):
        seen = visit(path)
        assert not seen.foreign_requests, f"{path} asked other hosts: {seen.foreign_requests}"
        assert not seen.failed_requests, f"{path} had failed requests: {seen.failed_requests}"
        assert not seen.console_errors, f"{path} logged errors: {seen.console_errors}"
        assert not seen.page_errors, f"{path} threw: {seen.page_errors}"


def test_every_figure_renders_with_its_traces(built_site: Path, visit) -> None:
    figures = 0
    for path in _pages(built_site):
        seen = visit(path)
        for div in seen.page.query_selector_all(".lstm-viz-figure"):
            name = div.get_attribute("id")
            expected = seen.page.evaluate(
                "n => JSON.parse(document.getElementById(n + '-data').textContent).data.length",
                name,
            )
            drawn = seen.page.evaluate(
                "n => document.getElementById(n).querySelectorAll('.scatterlayer .trace,"
                " .barlayer .trace, .pielayer .trace').length",
                name,
            )
            assert drawn == expected > 0, f"{path}#{name}: {drawn} of {expected} traces drawn"
            figures += 1
    assert figures >= 1


def test_math_is_typeset_when_the_book_is_built(visit) -> None:
    seen = visit("book/lstm.html")
    formulas = seen.page.locator("mjx-container")
    assert formulas.count() > 3
    # Each formula is SVG for the eye and MathML for screen readers; no math script ran.
    assert seen.page.locator("mjx-container > svg").count() == formulas.count()
    assert seen.page.locator("mjx-container mjx-assistive-mml > math").count() == formulas.count()
    assert seen.page.evaluate("typeof window.MathJax") == "undefined"
    assert not seen.foreign_requests


def test_figures_follow_the_dark_theme(visit) -> None:
    seen = visit("book/lstm.html")
    page = seen.page
    light = page.evaluate("document.getElementById('gate-curves').layout.font.color")
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_function(
        "c => document.getElementById('gate-curves').layout.font.color !== c", arg=light
    )
    dark = page.evaluate("document.getElementById('gate-curves').layout.font.color")
    assert light != dark
