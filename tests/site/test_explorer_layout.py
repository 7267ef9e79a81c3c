"""The explorer's looks in Chromium: phones, widths, themes, text that never overprints, colours,
the figure in view on arrival, and the page without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lstm_viz.presentation.colour import contrast
from lstm_viz.presentation.explorer.grammar import DEFAULT_X
from lstm_viz.presentation.explorer.state import state_hash
from lstm_viz.sphinx.slim.references import stylesheet_links
from tests.site.explorer_page import (
    BOX,
    PAGE,
    arrive,
    assert_clean,
    open_explorer,
    point,
    value,
)
from tests.site.layout import WIDTHS, measure, text_problems

pytestmark = pytest.mark.browser

#: States that push every label to its limits: ends of every range, gates that disagree, a long
#: sequence swinging between its ends, a memory that grows past the first scale.
EXTREMES = (
    "",
    state_hash(6, 3, forget=1, input=1, candidate=1, output=1, x=[5, -5] * 12),
    state_hash(-6, -3, forget=0, input=0, candidate=-1, output=0, x=[-5] * 24),
    state_hash(0.01, -0.01, w_forget=10, b_forget=10, w_input=-10, b_input=-10, x=[5] * 24),
    state_hash(-1.99, 2.99, b_output=-10, x=[0.01]),
    "#s=-5.25&c=1&f=0&x=5,-5,5&f1-2=1&i3=0.5",
    "#s=-6&c=1&o=0.578&goal=hold",
)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_text_over_text_and_no_sideways_scrolling(visit, width: int, theme: str) -> None:
    seen = open_explorer(visit, viewport={"width": width, "height": 900}, color_scheme=theme)
    page = seen.page
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    problems = []
    for link in EXTREMES:
        page.evaluate("h => { location.hash = h || '#s=0.5&c=1'; }", link)
        page.wait_for_function("h => lstmExplorer.hash() === (h || '#s=0.5&c=1')", arg=link)
        # Text over text, and text cut off at a figure's edge (the site-wide check's own rules),
        # with the one-step figure showing the reader's own cell and then a step of the sequence.
        problems += [f"{link}: {o}" for o in text_problems(measure(page, width, theme))]
        page.evaluate("lstmExplorer.select(lstmExplorer.state().x.length)")
        problems += [f"{link} (linked): {o}" for o in text_problems(measure(page, width, theme))]
        page.evaluate("lstmExplorer.select(1, false)")
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            problems.append(f"{link}: the page is {wide} px wide")
    assert not problems, "\n".join(problems)
    assert_clean(seen)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_mark_stands_out_from_the_page(visit, theme: str) -> None:
    seen = open_explorer(visit, color_scheme=theme)
    page = seen.page
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    page.wait_for_timeout(100)
    colours = page.evaluate(
        """() => {
          const hex = c => '#' + c.match(/\\d+/g).slice(0, 3)
            .map(v => (+v).toString(16).padStart(2, '0')).join('');
          const marks = [...document.querySelectorAll(
            '.lstm-explorer-svg .ring, .lstm-explorer-svg .computed rect,'
            + ' .lstm-explorer-svg .series .line')];
          return {
            page: hex(getComputedStyle(document.body).backgroundColor),
            marks: marks.map(m => {
              const s = getComputedStyle(m);
              return hex(m.matches('rect') ? s.fill : s.stroke);
            }),
          };
        }"""
    )
    low = [c for c in set(colours["marks"]) if contrast(c, colours["page"]) < 3.0]
    assert not low, f"below 3:1 on {colours['page']}: {low}"
    assert_clean(seen)


def test_the_figures_follow_light_and_dark(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    look = """() => ({
      text: getComputedStyle(document.querySelector('.lstm-explorer-cell .title')).fill,
      page: getComputedStyle(document.body).color,
      ltm: getComputedStyle(document.querySelector('.col[data-key=c_prev] .ring')).stroke,
      behind: getComputedStyle(document.querySelector('#lstm-explorer').closest('.output'))
        .backgroundColor,
    })"""
    light = page.evaluate(look)
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_function("c => getComputedStyle(document.body).color !== c", arg=light["page"])
    dark = page.evaluate(look)
    assert light["text"] == light["page"] and dark["text"] == dark["page"]
    assert light["text"] != dark["text"] and light["ltm"] != dark["ltm"]
    assert dark["behind"] == "rgba(0, 0, 0, 0)", "the explorer sits on the page, not a light card"
    page.evaluate("lstmExplorer.set('s', -3)")  # still works after the switch
    assert value(page, "forget") < 0.1
    assert_clean(seen)


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (375, 740)])
@pytest.mark.parametrize(
    ("fragment", "kind"),
    [
        ("", "cell"),
        ("#s=0.5&c=1.5&f=0", "cell"),
        ("#s=-4&c=2", "cell"),
        # A link that sets the inputs is about the sequence (it landed 2,432 px above it).
        ("#s=0.5&c=0&x=4,0,0,0,0,0,0,0,0,0,0", "sequence"),
        ("#s=0&c=1&x=4,0,0&i1=1&i2-3=0", "sequence"),
    ],
)
def test_the_figure_is_in_view_on_arrival(
    browser, site_url: str, width: int, height: int, fragment: str, kind: str
) -> None:
    page, errors = arrive(browser, site_url, fragment, {"width": width, "height": height})
    try:
        box = page.evaluate(BOX, kind)
        assert box["top"] >= 0 and box["bottom"] <= height, box
        assert not errors, errors
    finally:
        page.context.close()


def test_the_sequence_table_is_a_table_that_fits_a_phone(visit) -> None:
    """At 375 px every cell of #sequence-table read ": 4.000", its column named nowhere (the
    table became cards, 4,320 px tall at 12 steps)."""
    seen = open_explorer(
        visit, "#s=0&c=-3&x=-5,5,-4.99,0.01", viewport={"width": 375, "height": 740}
    )
    page = seen.page
    table = page.evaluate(
        """() => {
          const t = document.getElementById('sequence-table');
          t.scrollIntoView();
          const wrap = t.closest('details');
          const head = [...t.tHead.rows[0].cells]
            .map(c => [c.textContent, c.getBoundingClientRect().height]);
          const right = t.getBoundingClientRect().right;
          return {head, fits: wrap.scrollWidth <= wrap.clientWidth && right <= 375,
                  rows: [...t.tBodies[0].rows]
                    .map(r => [r.cells.length, r.getBoundingClientRect().height]),
                  display: getComputedStyle(t).display};
        }"""
    )
    assert table["display"] == "table" and table["fits"], table
    assert [h for h, _ in table["head"]] == ["t", "xt", "ft", "it", "gt", "ot", "ct", "ht"]
    assert all(height > 10 for _, height in table["head"]), "every column is named on the page"
    assert all(cells == 8 and height < 40 for cells, height in table["rows"]), table["rows"]
    assert_clean(seen)


def test_nothing_covers_the_sliders_on_a_phone(visit) -> None:
    """The theme's "back to top" button, shown as the reader scrolls up, covered the c slider."""
    seen = open_explorer(
        visit, viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True
    )
    page = seen.page
    # Scroll up towards the c slider from below it, as a reader looking for it would: the theme
    # shows its button while the page scrolls up. At every step, whatever covers a slider.
    covered = page.evaluate(
        """async () => {
          const frame = () =>
            new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
          const c = document.getElementById('lstm-explorer-c_prev');
          c.scrollIntoView({block: 'start'});
          window.scrollBy(0, 500);
          await frame();
          const found = new Set();
          for (let k = 0; k < 30; k++) {
            window.scrollBy(0, -30);
            await frame();
            const header = Math.max(...['.bd-header', '.bd-header-article']
              .map(s => document.querySelector(s)?.getBoundingClientRect().bottom ?? 0));
            for (const i of document.querySelectorAll('.lstm-explorer input[type=range]')) {
              const r = i.getBoundingClientRect();
              if (r.top < header || r.bottom > innerHeight || !i.checkVisibility()) continue;
              const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
              if (top && top !== i && !i.closest('.lstm-explorer-row').contains(top)) {
                found.add(`${i.id} under ${top.id || top.className || top.tagName}`);
              }
            }
          }
          return [...found];
        }"""
    )
    assert covered == [], covered
    assert_clean(seen)


def test_the_weights_are_a_disclosure_that_looks_like_one_by_the_figure(visit) -> None:
    """Its triangle was removed (summary{display:flex}), so open and closed looked the same,
    and once open its sliders sat ~1,100 px below the figure they change."""
    seen = open_explorer(visit, viewport={"width": 1280, "height": 800})
    page = seen.page
    summary = page.locator("summary:has-text('Weight w and bias b')")
    assert (
        page.evaluate("s => getComputedStyle(s).display", summary.element_handle()) == "list-item"
    )
    summary.click()
    gap = page.evaluate(
        """() => document.getElementById('lstm-explorer-w_forget').getBoundingClientRect().top
             - document.querySelector('.lstm-explorer-cell.is-wide')
               .getBoundingClientRect().bottom"""
    )
    assert 0 < gap < 400, gap
    assert_clean(seen)


def test_a_phone_can_use_it(visit, tmp_path: Path) -> None:
    seen = open_explorer(
        visit,
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = seen.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator(".lstm-explorer-cell.is-narrow").is_visible()
    assert not page.locator(".lstm-explorer-cell.is-wide").is_visible()
    page.screenshot(path=tmp_path / "explorer-375.png", full_page=True)
    cdp = page.context.new_cdp_session(page)
    p = point(page, "s")

    def touch(kind: str, x: float, y: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    # A finger 20 px off the point still takes it (a 44 px target); the page does not scroll.
    scroll = page.evaluate("window.scrollY")
    before = value(page, "s")
    x, y = p["x"] + 20, p["y"] + 20
    touch("touchStart", x, y)
    for k in range(1, 9):
        touch("touchMove", x, y - 5 * k)
    during = value(page, "s")
    # While the finger moves s, the new LTM and STM stay in view beside their points.
    for key in ("ltm", "stm"):
        r = page.evaluate(
            "k => document.querySelector(`.lstm-explorer-cell.is-narrow .col[data-key=${k}] .val`)"
            ".getBoundingClientRect().toJSON()",
            key,
        )
        assert 0 <= r["top"] and r["bottom"] <= 740 and 0 <= r["left"] and r["right"] <= 375, key
    touch("touchEnd", x, y - 40)
    assert during == pytest.approx(
        before + 40 * p["perPixel"], abs=0.011 + 0.05 * 40 * p["perPixel"]
    )
    assert page.evaluate("window.scrollY") == scroll
    targets = page.evaluate(
        "() => [...document.querySelectorAll('.lstm-explorer button, .lstm-explorer "
        "a.lstm-explorer-preset, .lstm-explorer input[type=range], .lstm-explorer summary')]"
        ".filter(e => e.getBoundingClientRect().width)"
        ".map(e => [e.textContent || e.id, e.getBoundingClientRect().height])"
    )
    small = [t for t in targets if t[1] < 44]
    assert not small, f"touch targets under 44 px: {small}"
    assert_clean(seen)


def test_the_sequence_legend_names_coinciding_gates_together(visit) -> None:
    seen = open_explorer(visit, centre="sequence")
    page = seen.page
    legend = """() => [...document.querySelectorAll('.lstm-explorer-sequence.is-wide .legend')]
      .filter(g => !g.hasAttribute('display')).map(g => g.textContent)"""
    page.evaluate("lstmExplorer.set('x', 1.5, 2)")
    assert sorted(page.evaluate(legend)) == ["LTM c", "STM h", "f = i = o", "g"]
    page.locator('a[data-preset="latch"]').click()
    assert sorted(page.evaluate(legend)) == ["LTM c", "STM h", "f", "g", "i", "o"]
    assert_clean(seen)


def test_without_javascript_the_figures_and_tables_stand(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{PAGE}")
        assert page.locator(".lstm-explorer-cell.is-wide").is_visible()
        assert page.locator(".lstm-explorer-sequence.is-wide").is_visible()
        assert not page.locator(".lstm-explorer-controls").first.is_visible()
        assert "needs JavaScript" in page.text_content(".lstm-explorer-noscript")
        assert page.locator("#sequence-table tbody tr").count() == len(DEFAULT_X)
        assert page.locator("table.lstm-viz-behaviour").is_visible()
        # Nothing that needs the script to work is offered; a question shows its answer.
        assert not page.locator(".lstm-explorer-view").is_visible()
        assert not page.get_by_role("button", name="Check").first.is_visible()
        assert not page.get_by_role("link", name="Try it").first.is_visible()
        assert page.locator("#goal-zero .lstm-explorer-reveal").is_visible()
    finally:
        context.close()


def _css_of(page: Path, site: Path) -> str:
    """The CSS a built page loads: its inline styles and the stylesheets it links."""
    inline = re.findall(r"<style[^>]*>(.*?)</style>", page.read_text(), flags=re.DOTALL)
    return "".join(inline) + "".join(sheet.read_text() for sheet in stylesheet_links(page, site))


def test_the_explorer_loads_only_on_its_page_and_without_plotly(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        if "_static" in page.parts:
            continue
        html = page.read_text()
        here = page.relative_to(built_site).as_posix() == PAGE
        assert ("_static/explorer/main.js" in html) == here, page
        # The site's stylesheets are bundled per page (lstm_viz.sphinx.slim): the explorer's rules
        # are in what its page loads, and in what no other page loads.
        assert (".lstm-explorer" in _css_of(page, built_site)) == here, page
    html = (built_site / PAGE).read_text()
    assert "plotly" not in html.lower()
    assert re.search(r'<script type="module" src="[^"]*_static/explorer/main\.js', html)
    modules = sorted((built_site / "_static" / "explorer").glob("*.js"))
    assert len(modules) >= 5
    for module in modules:
        assert len(module.read_text().splitlines()) < 400, module.name


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_explorer_at_work_passes_axe(visit, theme: str) -> None:
    """The page's own axe check sees the explorer at rest; here with a question's card above the
    figure and its number hidden, a step shown with gates held, an answer and a challenge met."""
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"],
    }
    seen = open_explorer(visit, "#goal=zero", color_scheme=theme)
    page = seen.page
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    assert_clean(seen)
    report = []
    for stage in ("question", "step", "answered"):
        if stage == "step":
            page.evaluate(
                "lstmExplorer.select(2); lstmExplorer.holdAt('after'); lstmExplorer.set('input', 0)"
            )
        if stage == "answered":
            page.fill("#predict-zero", "0.5")
            page.locator("#goal-zero").get_by_role("button", name="Check").click()
            page.evaluate("location.hash = '#s=0.5&c=1&o=0'")  # and "hide" met
            page.wait_for_function(
                "() => document.querySelector('[data-challenge=hide]').dataset.solved === 'true'"
            )
        page.wait_for_timeout(150)
        results = Axe().run(page, options=options)
        if results.violations_count:
            report.append(f"{stage}: {results.generate_report()}")
    assert not report, "\n".join(report)
    assert not seen.page_errors, seen.page_errors  # (axe itself asks for a basic.css)
