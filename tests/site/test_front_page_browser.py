"""The front page's first screen, in Chromium: the figure and the three ways in fit it on a laptop
and on a phone, in both themes; the figure's words stand clear of its lines; and the page fetches
no plotly.js (issue 24)."""

from __future__ import annotations

import pytest

#: The three ways in: each card's title and the page it opens.
WAYS = {
    "Read the chapter": "lstm.html",
    "Move the cell": "explorer.html",
    "See the experiment": "rnn-vs-lstm.html",
}
SCREENS = [(1280, 800), (375, 800)]
FIRST_SCREEN = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom]; };
  const figure = document.querySelector("figure.lstm-front-figure svg");
  const cards = [...document.querySelectorAll(".lstm-front-ways .sd-card")].map(card => ({
    title: card.querySelector(".sd-card-title").textContent.trim(),
    href: card.querySelector("a").getAttribute("href"),
    box: box(card),
  }));
  return {figure: figure && box(figure), cards, height: innerHeight,
          scrollWidth: document.documentElement.scrollWidth, width: innerWidth};
}"""
# Every text of the figure, and whether its box (in SVG units) meets a segment of either LTM line.
WORDS_ON_LINES = """() => {
  const svg = document.querySelector("figure.lstm-front-figure svg");
  const lines = [...svg.querySelectorAll("path.ltm")].map(p =>
    [...p.getAttribute("d").matchAll(/([\\d.]+) ([\\d.]+)/g)].map(m => [+m[1], +m[2]]));
  const meets = (b, [x1, y1], [x2, y2]) => {
    // Sample the segment finely: a point inside the box (grown by the line's half width) meets it.
    for (let k = 0; k <= 200; k++) {
      const x = x1 + (x2 - x1) * k / 200, y = y1 + (y2 - y1) * k / 200;
      const inside = x > b.x - 2 && x < b.x + b.width + 2 && y > b.y - 2 && y < b.y + b.height + 2;
      if (inside) return true;
    }
    return false;
  };
  const found = [];
  for (const text of svg.querySelectorAll("text")) {
    const b = text.getBBox();
    for (const points of lines) {
      for (let i = 1; i < points.length; i++) {
        if (meets(b, points[i - 1], points[i])) found.push(text.textContent);
      }
    }
  }
  return found;
}"""


@pytest.mark.parametrize(("width", "height"), SCREENS)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_first_screen_shows_the_figure_and_the_three_ways_in(
    browser, site_url: str, width: int, height: int, theme: str
) -> None:
    with browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=theme
    ) as context:
        page = context.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(f"{site_url}/book/index.html", wait_until="load")
        page.wait_for_function(f"document.documentElement.dataset.theme === '{theme}'")
        seen = page.evaluate(FIRST_SCREEN)
        assert seen["figure"], "the front page has no figure"
        top, bottom = seen["figure"]
        assert 0 <= top and bottom <= height, f"the figure is at {top:.0f}–{bottom:.0f} px"
        assert {c["title"]: c["href"] for c in seen["cards"]} == WAYS
        for card in seen["cards"]:
            assert card["box"][1] <= height, f"{card['title']} ends at {card['box'][1]:.0f} px"
        assert seen["scrollWidth"] <= seen["width"], "the page scrolls sideways"
        assert not [url for url in fetched if "plotly" in url], "the front page fetched plotly.js"


def test_the_figures_words_stand_clear_of_its_lines(browser, site_url: str) -> None:
    with browser.new_context(viewport={"width": 375, "height": 800}) as context:
        page = context.new_page()
        page.goto(f"{site_url}/book/index.html", wait_until="load")
        assert page.evaluate(WORDS_ON_LINES) == []
        # The check sees a word laid over a line: the latch's name moved down onto its level run.
        page.evaluate(
            """() => { const t = [...document.querySelectorAll("figure.lstm-front-figure text")]
              .find(t => t.textContent.includes("held"));
              t.setAttribute("y", +t.getAttribute("y") + 14); }"""
        )
        assert any("held" in words for words in page.evaluate(WORDS_ON_LINES))
