"""The chapter in real Chromium: diagrams and tables legible at phone width, light and dark."""

from __future__ import annotations

import pytest

from lstm_viz.presentation.diagrams import DIAGRAMS

pytestmark = pytest.mark.browser

# For every text and memory line of the diagrams: its colour and the page background behind it,
# as WCAG contrast ratios, and the rendered size of the smallest label.
MEASURE = """() => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const backdrop = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  const out = {texts: [], lines: [], minFont: Infinity, widths: []};
  for (const svg of document.querySelectorAll("svg.lstm-dg")) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    out.widths.push(svg.getBoundingClientRect().width);
    const page = backdrop(svg.parentElement);
    const black = rgb(getComputedStyle(svg.querySelector(".black") || svg).fill || "rgb(0,0,0)");
    for (const t of svg.querySelectorAll("text, tspan")) {
      const behind = t.classList.contains("on-black") ? black : page;
      out.texts.push([t.textContent, ratio(rgb(getComputedStyle(t).fill), behind)]);
      out.minFont = Math.min(out.minFont, parseFloat(getComputedStyle(t).fontSize) * scale);
    }
    for (const p of svg.querySelectorAll("path.ltm, path.stm")) {
      out.lines.push([p.getAttribute("class"), ratio(rgb(getComputedStyle(p).stroke), page)]);
    }
  }
  out.overflow = document.documentElement.scrollWidth - window.innerWidth;
  return out;
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_diagrams_are_legible_in_both_themes_and_at_phone_width(
    visit, theme: str, width: int
) -> None:
    seen = visit("book/lstm.html", viewport={"width": width, "height": 800}, color_scheme=theme)
    page = seen.page
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    found = page.evaluate(MEASURE)
    assert len(found["widths"]) == len(DIAGRAMS)
    assert all(w >= 320 for w in found["widths"]), found["widths"]
    assert found["minFont"] >= 10, f"smallest diagram label is {found['minFont']:.1f} px"
    low = [(t, round(r, 2)) for t, r in found["texts"] if r < 4.5]
    assert not low, f"{theme}: labels below 4.5:1 contrast: {low}"
    assert all(r >= 3 for _, r in found["lines"]), found["lines"]
    assert found["overflow"] <= 0, f"the page scrolls sideways by {found['overflow']} px"


#: The tallest a table of the chapter may be on a 375 px phone (CSS px).
TALLEST_TABLE = 700

TABLES = """() => [...document.querySelectorAll(".bd-article table")].map(t => ({
  cls: t.className,
  height: t.getBoundingClientRect().height,
  display: getComputedStyle(t).display,
  rows: [...t.rows].map(r => getComputedStyle(r).display),
  head: t.tHead ? t.tHead.getBoundingClientRect().height : 0,
  wide: t.closest(".lstm-viz-table-wrap, .table-wrapper, .pst-scrollable-table-container")
    ? t.scrollWidth - t.parentElement.clientWidth : 0,
}))"""


def test_tables_stay_tables_that_fit_a_phone(visit) -> None:
    """At 375 px a table that compares rows or components stays a table, short and as wide as the
    column: the reader compares across, without scrolling sideways or through stacked cards."""
    seen = visit("book/lstm.html", viewport={"width": 375, "height": 800})
    tables = seen.page.evaluate(TABLES)
    compared = [t for t in tables if "lstm-viz-compact" in t["cls"]]
    assert len(compared) == 3, [t["cls"] for t in tables]
    for table in tables:
        name = table["cls"] or "a table"
        assert table["height"] <= TALLEST_TABLE, f"{name} is {table['height']:.0f} px tall"
        assert table["wide"] <= 0, f"{name} scrolls sideways by {table['wide']} px"
    for table in compared:
        assert table["display"] == "table" and set(table["rows"]) == {"table-row"}, table["cls"]
        assert table["head"] > 10, f"{table['cls']}: its column names are hidden"


def test_the_table_check_sees_cards(visit) -> None:
    """Without its compact class the behaviour table becomes cards again, and the check says so."""
    seen = visit("book/lstm.html", viewport={"width": 375, "height": 800})
    seen.page.evaluate(
        "document.querySelector('table.lstm-viz-behaviour').classList.remove('lstm-viz-compact')"
    )
    behaviour = next(t for t in seen.page.evaluate(TABLES) if "behaviour" in t["cls"])
    assert behaviour["display"] == "block" and behaviour["head"] <= 1


def test_outputs_keep_the_dark_page_behind_them(visit) -> None:
    seen = visit("book/lstm.html", color_scheme="dark")
    page = seen.page
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    backgrounds = page.evaluate(
        "() => [...document.querySelectorAll('div.output.text_html')]"
        ".map(d => getComputedStyle(d).backgroundColor)"
    )
    assert len(backgrounds) >= 7
    assert set(backgrounds) == {"rgba(0, 0, 0, 0)"}, backgrounds
