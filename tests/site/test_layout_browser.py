"""Every page at 375, 660, 1024 and 1280 px, light and dark, in Chromium: no sideways scrolling, and
in every figure and diagram no text over text and no text cut off (helpers in tests/site/layout.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from lstm_viz.presentation.colour import BACKGROUNDS
from tests.conftest import html_pages
from tests.site.layout import THEMES, WIDTHS, Measured, measure, text_problems, toc_pages

pytestmark = pytest.mark.browser

PAGES = toc_pages()
#: Every figure drawn (as the ``visit`` fixture waits), so the page has its final width.
DRAWN = """() => [...document.querySelectorAll('.lstm-viz-figure')]
  .every(d => d.querySelector('.main-svg'))"""
NEXT_FRAME = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# Each figure brought into view in turn, as a reader scrolling would (for figures that are drawn
# only when the reader nears them), then back to the top.
SCROLL_PAST_EVERY_FIGURE = f"""async () => {{
  for (const figure of document.querySelectorAll('.lstm-viz-figure')) {{
    figure.scrollIntoView();
    await {NEXT_FRAME};
  }}
  window.scrollTo(0, 0);
}}"""


@pytest.fixture(scope="session")
def layouts(browser, site_url: str) -> Callable[[str], list[Measured]]:
    """``layouts(path)``: the page measured at every width in both themes.

    Each width is a fresh load in the light theme; the reader's system then turns dark, which the
    book follows live (``prefers-color-scheme``, and figures.js recolours the figures), and the
    page is measured again. (A fresh load in each theme costs twice the time for the same boxes.)
    """

    @cache
    def measured(path: str) -> list[Measured]:
        found = []
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800})
            try:
                page = context.new_page()
                page.goto(f"{site_url}/{path}", wait_until="load")
                page.evaluate(SCROLL_PAST_EVERY_FIGURE)
                page.wait_for_function(DRAWN, timeout=15_000)
                for theme in THEMES:
                    page.emulate_media(color_scheme=theme)
                    page.wait_for_function(f"document.documentElement.dataset.theme === '{theme}'")
                    page.evaluate(NEXT_FRAME)
                    found.append(measure(page, width, theme))
            finally:
                context.close()
        return found

    return measured


def test_the_page_list_is_every_page_of_the_site(built_site: Path) -> None:
    built = sorted(str(p.relative_to(built_site)) for p in html_pages(built_site))
    assert sorted(PAGES) == built


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways(layouts, path: str) -> None:
    problems = [
        f"{m.width} px {m.theme}: {m.scroll_width} px wide; sticking out: {m.sticking_out}"
        for m in layouts(path)
        if m.scrolls_sideways
    ]
    assert not problems, f"{path} scrolls sideways:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", PAGES)
def test_no_text_over_text_in_any_figure(layouts, path: str) -> None:
    problems = [
        f"{m.width} px {m.theme}: {problem}" for m in layouts(path) for problem in text_problems(m)
    ]
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_the_check_sees_every_figure_and_diagram(layouts) -> None:
    for m in layouts("book/lstm.html"):
        figures = set(m.frames)
        assert "gate-curves" in figures and "lstm-dg-gates" in figures, figures
        assert {t.figure for t in m.texts} == figures, "a figure with no text read"


def test_the_check_catches_a_legend_moved_onto_the_axis_title(visit) -> None:
    """A real overlap, made on the real figure: the gate-curve legend put back under the plot, where
    it used to run into the axis title at 375 px."""
    seen = visit("book/lstm.html", viewport={"width": 375, "height": 800})
    page = seen.page
    assert text_problems(measure(page, 375, "light")) == []
    page.evaluate(
        "Plotly.relayout('gate-curves', {'legend.y': -0.12, 'legend.yanchor': 'top',"
        " 'margin.t': 40})"
    )
    problems = text_problems(measure(page, 375, "light"))
    assert any("overlaps 'gate input s (Prev. STM + input)'" in p for p in problems), problems


def test_the_check_catches_a_diagram_label_on_another_or_cut_off(visit) -> None:
    seen = visit("book/lstm.html", viewport={"width": 375, "height": 800})
    page = seen.page
    move = (
        "([words, x, y]) => { const t = [...document.querySelectorAll('#lstm-dg-gates text')]"
        ".find(t => t.textContent === words); t.setAttribute('x', x); t.setAttribute('y', y); }"
    )
    page.evaluate(move, ["forget gate", "128", "60"])
    problems = text_problems(measure(page, 375, "light"))
    assert any("lstm-dg-gates: 'LTM ct−1' overlaps 'forget gate'" in p for p in problems), problems
    page.evaluate(move, ["output gate", "470", "320"])
    problems = text_problems(measure(page, 375, "light"))
    assert any(p.startswith("lstm-dg-gates: 'output gate' is cut off") for p in problems), problems


@pytest.mark.parametrize("theme", THEMES)
def test_the_page_backgrounds_are_the_ones_contrast_is_computed_against(visit, theme) -> None:
    seen = visit("book/lstm.html", color_scheme=theme)
    found = seen.page.evaluate("getComputedStyle(document.body).backgroundColor")
    r, g, b = (int(BACKGROUNDS[theme][i : i + 2], 16) for i in (1, 3, 5))
    assert found == f"rgb({r}, {g}, {b})"
