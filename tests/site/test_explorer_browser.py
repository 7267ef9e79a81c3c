"""The explorer in real headless Chromium: arithmetic, dragging, keyboard, links, themes, phones."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.model.gates import GATES, step
from lstm_viz.model.state import C_PREV_RANGE as LTM_RANGE
from lstm_viz.model.state import S_RANGE as STM_RANGE
from lstm_viz.model.table import BANDS

pytestmark = pytest.mark.browser

PAGE = "book/explorer.html"
FIELDS = ("forget", "input", "candidate", "output", "kept", "learned", "ltm", "stm")

# The client position of a draggable point, from the figure's own drag rectangles and ranges.
POINT = """key => {
  const gd = window.lstmExplorer.element;
  const st = window.lstmExplorer.state(), q = window.lstmExplorer.values();
  const where = {stm: ["", 0, st.stm], ltm: ["3", 0, st.ltm], forget: ["2", 0, q.forget],
    input: ["2", 1, q.input], candidate: ["2", 2, q.candidate], output: ["2", 3, q.output]};
  const [n, x, y] = where[key];
  const r = gd.querySelector(`.nsewdrag[data-subplot="x${n}y${n}"]`).getBoundingClientRect();
  const xr = gd.layout["xaxis" + n].range, yr = gd.layout["yaxis" + n].range;
  return {x: r.left + (x - xr[0]) / (xr[1] - xr[0]) * r.width,
          y: r.top + (yr[1] - y) / (yr[1] - yr[0]) * r.height,
          perPixel: (yr[1] - yr[0]) / r.height};
}"""

# Where every point, number, stem and the band are drawn in the SVG, panel by panel.
DRAWN = """() => {
  const gd = window.lstmExplorer.element, out = {};
  for (const sub of ["xy", "x2y2", "x3y3"]) {
    gd.querySelectorAll(`.subplot.${sub} .scatterlayer > .trace`).forEach((t, k) => {
      const num = s => (s.match(/-?[\\d.]+(e-?\\d+)?/g) || []).map(Number);
      out[`${sub}-${k}`] = {
        points: [...t.querySelectorAll(".point")].map(p => num(p.getAttribute("transform"))),
        texts: [...t.querySelectorAll(".textpoint text")].map(e => [Number(e.getAttribute("y")),
          e.textContent]),
        stems: [...t.querySelectorAll(".yerror")].map(e => {
          const d = e.getAttribute("d");
          return [num(d.split("V")[0])[1], num(d.split("V")[1])[0]];
        }),
      };
    });
  }
  const bar = gd.querySelector(".subplot.xy .barlayer .point path").getAttribute("d");
  out.band = bar.match(/-?[\\d.]+/g).map(Number);
  return out;
}"""


def open_explorer(visit, fragment: str = "", **context):
    seen = visit(PAGE + fragment, **context)
    seen.page.wait_for_function("() => window.lstmExplorer")
    seen.page.evaluate("lstmExplorer.element.scrollIntoView({block: 'center'})")
    return seen


def assert_clean(seen) -> None:
    assert not seen.console_errors, seen.console_errors
    assert not seen.page_errors, seen.page_errors
    assert not seen.foreign_requests, seen.foreign_requests
    assert not seen.failed_requests, seen.failed_requests


def value(page, key: str) -> float:
    """The current value of a draggable quantity: the STM, the previous LTM or a gate."""
    return page.evaluate(
        "k => (k === 'stm' || k === 'ltm') ? lstmExplorer.state()[k] : lstmExplorer.values()[k]",
        key,
    )


def shown(page, key: str) -> float:
    """The number the control panel shows for a draggable quantity."""
    text = page.text_content(f'.lstm-explorer-row[data-quantity="{key}"] .lstm-explorer-value')
    return float(text.replace("−", "-"))


def shown_result(page, key: str) -> float:
    """The number the panel shows for a computed quantity: kept, learned, ltm (c_t), stm (h_t)."""
    text = page.text_content(f"#lstm-explorer-r-{key} + .lstm-explorer-value")
    return float(text.replace("−", "-"))


def settled(page) -> None:
    """Wait until Plotly's own data holds the state the reader set (the script commits it)."""
    page.wait_for_function(
        """() => { const gd = lstmExplorer.element, q = lstmExplorer.values();
          return gd.data[2].y.every((v, k) => v === q[["forget","input","candidate","output"][k]])
            && gd.data[1].y[0] === lstmExplorer.state().stm
            && gd.data[4].y[4] === q.stm; }"""
    )


def test_the_browser_computes_what_lstm_viz_gates_computes(visit) -> None:
    seen = open_explorer(visit)
    s = np.concatenate([np.linspace(-8, 8, 41), [-40.0, -6.0, -1e-9, 0.0, 1e-9, 6.0, 40.0]])
    c = np.linspace(*LTM_RANGE, 13)
    overrides: list[dict[str, float]] = [{}]
    for gate, values in {
        "forget": (0.0, 0.3, 1.0),
        "input": (0.0, 0.7, 1.0),
        "candidate": (-1.0, -0.2, 1.0),
        "output": (0.0, 0.5, 1.0),
    }.items():
        overrides += [{gate: v} for v in values]
    overrides.append({"forget": 0.1, "input": 0.9, "candidate": -0.6, "output": 0.4})
    worst = 0.0
    for over in overrides:
        got = seen.page.evaluate(
            """([s, c, over, fields]) => s.map(a => c.map(b => {
                 const q = lstmExplorer.compute(a, b, over); return fields.map(f => q[f]); }))""",
            [s.tolist(), c.tolist(), over, list(FIELDS)],
        )
        expected = step(s[:, None], c[None, :], **over)  # type: ignore[arg-type]
        got = np.array(got)
        for k, name in enumerate(FIELDS):
            worst = max(worst, float(np.max(np.abs(got[:, :, k] - getattr(expected, name)))))
    assert worst <= 1e-9, f"the browser's cell is off by {worst:g}"
    assert_clean(seen)


@pytest.mark.parametrize("key", ["stm", "ltm", *GATES])
def test_dragging_a_point_moves_its_value_and_everything_follows_during_the_drag(
    visit, key: str
) -> None:
    seen = open_explorer(visit, "#s=0.5&c=1")
    page = seen.page
    start = page.evaluate(POINT, key)
    x, y, per_pixel = start["x"], start["y"], start["perPixel"]
    before = value(page, key)
    h_before = page.evaluate("lstmExplorer.values().stm")
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 11):
        page.mouse.move(x + k, y - 3 * k)  # up and a little sideways: only vertical movement counts
    up = value(page, key)
    assert up == pytest.approx(before + 30 * per_pixel, rel=0.02), "the point follows the pointer"
    assert shown(page, key) == pytest.approx(up, abs=5e-4), "the panel's number follows the drag"
    point = page.evaluate(POINT, key)
    assert point["y"] == pytest.approx(y - 30, abs=0.5)
    assert page.evaluate("lstmExplorer.values().stm") != h_before  # downstream follows
    assert shown_result(page, "stm") == pytest.approx(
        page.evaluate("lstmExplorer.values().stm"), abs=5e-4
    )
    for k in range(1, 21):
        page.mouse.move(x + 10, y - 30 + 3 * k)
    down = value(page, key)
    assert down == pytest.approx(before - 30 * per_pixel, rel=0.02)
    page.mouse.move(x + 60, y + 30)  # sideways only: no change
    assert value(page, key) == down
    page.mouse.up()
    page.mouse.move(x, y - 60)  # the drag is over: moving no longer changes anything
    assert value(page, key) == down
    assert (key in GATES) == (key in page.evaluate("lstmExplorer.state().over"))
    assert_clean(seen)


@pytest.mark.parametrize(
    ("key", "top", "bottom"),
    [("stm", STM_RANGE[1], STM_RANGE[0]), ("ltm", LTM_RANGE[1], LTM_RANGE[0]),
     ("forget", 1.0, 0.0), ("candidate", 1.0, -1.0)],
)  # fmt: skip
def test_dragging_past_the_ends_stops_at_them(visit, key: str, top: float, bottom: float) -> None:
    seen = open_explorer(visit)
    page = seen.page
    point = page.evaluate(POINT, key)
    page.mouse.move(point["x"], point["y"])
    page.mouse.down()
    page.mouse.move(point["x"], 1, steps=5)
    assert value(page, key) == top
    page.mouse.move(point["x"], page.viewport_size["height"] - 1, steps=10)
    assert value(page, key) == bottom
    page.mouse.up()
    assert_clean(seen)


def test_points_moved_during_a_drag_sit_where_plotly_draws_them(visit) -> None:
    seen = open_explorer(visit, "#s=1.5&c=-1&g=0.3")
    page = seen.page
    for key, dy in (("stm", 70), ("ltm", -50), ("input", 40)):
        point = page.evaluate(POINT, key)
        page.mouse.move(point["x"], point["y"])
        page.mouse.down()
        page.mouse.move(point["x"], point["y"] + dy, steps=6)
        page.mouse.up()
    moved = page.evaluate(DRAWN)  # moved in place by the script
    settled(page)  # … and now redrawn by Plotly from its data
    drawn = page.evaluate(DRAWN)
    assert moved.keys() == drawn.keys()
    for name, ours in moved.items():
        theirs = drawn[name]
        if name == "band":
            assert ours == pytest.approx(theirs, abs=0.02)
            continue
        assert np.allclose(ours["points"], theirs["points"], atol=0.02), name
        assert [t for _, t in ours["texts"]] == [t for _, t in theirs["texts"]], name
        assert np.allclose(
            [y for y, _ in ours["texts"]], [y for y, _ in theirs["texts"]], atol=0.02
        )
        assert np.allclose(ours["stems"], theirs["stems"], atol=0.02), name
    assert_clean(seen)


def test_a_gate_can_be_overridden_and_reset(visit) -> None:
    seen = open_explorer(visit, "#s=-1&c=2")
    page = seen.page
    computed = value(page, "forget")
    point = page.evaluate(POINT, "forget")
    page.mouse.move(point["x"], point["y"])
    page.mouse.down()
    page.mouse.move(point["x"], point["y"] - 60, steps=6)
    page.mouse.up()
    set_to = value(page, "forget")
    assert set_to > computed + 0.2
    assert page.evaluate("lstmExplorer.state().over.forget") == set_to
    row = page.locator('.lstm-explorer-row[data-quantity="forget"]')
    assert "is-overridden" in row.get_attribute("class")
    assert "Set by you" in row.locator(".lstm-explorer-status").text_content()
    settled(page)
    gd = "lstmExplorer.element"
    assert page.evaluate(f"{gd}.data[2].marker.symbol[0]") == "diamond"  # marked …
    assert page.evaluate(f"{gd}.data[3].marker.opacity[0]") == 1  # … with its computed value
    assert page.evaluate(f"{gd}.data[3].y[0]") == pytest.approx(computed, abs=1e-12)
    # Everything downstream uses the override: kept = f · c_prev.
    assert page.evaluate("lstmExplorer.values().kept") == pytest.approx(set_to * 2.0, abs=1e-12)

    row.get_by_role("button", name="Reset").click()
    assert page.evaluate("lstmExplorer.state().over") == {}
    assert value(page, "forget") == pytest.approx(computed, abs=1e-12)
    assert "is-overridden" not in row.get_attribute("class")
    assert row.get_by_role("button", name="Reset").is_disabled()
    settled(page)
    assert page.evaluate(f"{gd}.data[2].marker.symbol[0]") == "circle"
    assert page.evaluate(f"{gd}.data[3].marker.opacity[0]") == 0

    page.evaluate("lstmExplorer.set('output', 1.7)")  # overrides stay in the gate's range
    assert page.evaluate("lstmExplorer.state().over.output") == 1.0
    page.get_by_role("button", name="Reset all").click()
    assert page.evaluate("lstmExplorer.state()") == {"stm": 0.5, "ltm": 1.0, "over": {}}
    assert_clean(seen)


def test_every_draggable_quantity_works_from_the_keyboard(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    ids = [f"lstm-explorer-{key}" for key in ("stm", "ltm", *GATES)]
    page.focus(f"#{ids[0]}")
    order = [page.evaluate("document.activeElement.id")]
    for _ in ids[1:]:
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order == ids, "Tab walks through every control (disabled Reset buttons are skipped)"
    for element_id in ids:
        label = page.evaluate(f"document.getElementById('{element_id}').labels[0].textContent")
        assert label.strip()

    page.focus("#lstm-explorer-stm")
    page.keyboard.press("ArrowUp")
    assert value(page, "stm") == pytest.approx(0.6)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert value(page, "stm") == pytest.approx(0.4)
    page.keyboard.press("End")
    assert value(page, "stm") == STM_RANGE[1]
    assert page.get_attribute("#lstm-explorer-stm", "aria-valuetext") == "6.000"
    page.keyboard.press("Home")
    assert value(page, "stm") == STM_RANGE[0]

    page.focus("#lstm-explorer-output")
    page.keyboard.press("ArrowUp")
    assert "output" in page.evaluate("lstmExplorer.state().over")
    assert page.get_attribute("#lstm-explorer-output", "aria-valuetext").endswith("set by you")
    page.keyboard.press("Delete")
    assert page.evaluate("lstmExplorer.state().over") == {}

    # Screen readers hear the numbers once they settle.
    live = page.locator(".lstm-explorer-sr[aria-live='polite']")
    page.wait_for_function(
        "() => document.querySelector('.lstm-explorer-sr').textContent.includes('STM −6.00')"
    )
    assert "Behaviour table row: very negative" in live.text_content()
    assert_clean(seen)


def test_a_state_link_round_trips(visit, site_url: str) -> None:
    fragment = "#s=-1.25&c=2&f=0.3&g=-0.4"
    seen = open_explorer(visit, fragment)
    page = seen.page
    assert page.evaluate("lstmExplorer.state()") == {
        "stm": -1.25,
        "ltm": 2.0,
        "over": {"forget": 0.3, "candidate": -0.4},
    }
    assert page.evaluate("lstmExplorer.hash()") == fragment
    # A change shows up in the address bar once it comes to rest.
    page.focus("#lstm-explorer-output")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => location.hash.includes('&o=')")
    link = page.evaluate("location.href")
    again = open_explorer(visit, "#" + link.split("#")[1])
    assert again.page.evaluate("lstmExplorer.state()") == page.evaluate("lstmExplorer.state()")
    # Editing the hash by hand (or following a link on the page) changes the state too.
    page.evaluate("location.hash = '#s=3'")
    page.wait_for_function("() => lstmExplorer.state().stm === 3")
    assert page.evaluate("lstmExplorer.state()") == {"stm": 3, "ltm": 1.0, "over": {}}
    # Out-of-range values are clamped; nonsense is ignored.
    odd = open_explorer(visit, "#s=abc&c=99&f=-2&i=&o=Infinity")
    assert odd.page.evaluate("lstmExplorer.state()") == {
        "stm": 0.5,
        "ltm": 3,
        "over": {"forget": 0},
    }
    for s in (seen, again, odd):
        assert_clean(s)


def test_the_copy_button_copies_the_link(visit) -> None:
    seen = open_explorer(visit, "#s=2&c=-1", permissions=["clipboard-read", "clipboard-write"])
    page = seen.page
    page.get_by_role("button", name="Copy link to this state").click()
    page.wait_for_function("() => document.querySelector('.lstm-explorer-copied').textContent")
    assert page.text_content(".lstm-explorer-copied") == "Link copied."
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("explorer.html#s=2&c=-1")
    assert_clean(seen)


def test_without_the_clipboard_the_link_is_shown_selected(visit) -> None:
    seen = open_explorer(visit, "#s=-3&c=0.5")
    page = seen.page
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.get_by_role("button", name="Copy link to this state").click()
    box = page.get_by_label("Link to this state")
    assert box.is_visible()
    assert box.input_value().endswith("explorer.html#s=-3&c=0.5")
    assert page.text_content(".lstm-explorer-copied") in ("Link copied.", "Copy the selected link.")
    assert_clean(seen)


def test_the_row_of_the_behaviour_table_follows_the_stm(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    assert page.locator("table.lstm-viz-behaviour tbody tr").count() == len(BANDS)
    for s in [b.stated for b in BANDS] + [2.0, 1.999, 0.0, -1e-6, -2.0, -2.001]:
        page.evaluate(f"lstmExplorer.set('stm', {s})")
        band = next(b for b in BANDS if b.low <= s < b.high)
        current = page.locator("table.lstm-viz-behaviour tr.is-current")
        assert current.count() == 1
        assert current.get_attribute("data-key") == band.key
        assert current.get_attribute("aria-current") == "true"
        assert band.name in page.text_content(".lstm-explorer-band")
    assert_clean(seen)


def test_the_explorer_follows_light_and_dark(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    look = """() => ({
      panel: getComputedStyle(document.querySelector('.lstm-explorer-panel')).color,
      font: lstmExplorer.element.layout.font.color,
      behind: getComputedStyle(lstmExplorer.element.closest('.output')).backgroundColor,
      body: getComputedStyle(document.body).backgroundColor,
    })"""
    light = page.evaluate(look)
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_function("c => lstmExplorer.element.layout.font.color !== c", arg=light["font"])
    dark = page.evaluate(look)
    assert light["panel"] != dark["panel"] and light["font"] != dark["font"]
    assert dark["font"] == dark["panel"]  # the figure's text is the page's text colour
    assert dark["behind"] == "rgba(0, 0, 0, 0)", "the figure sits on the page, not a light card"
    page.evaluate("lstmExplorer.set('stm', -3)")  # still works after the switch
    assert value(page, "forget") < 0.1
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
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width} px wide on a 375 px phone"
    box = page.locator("#lstm-explorer").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    panel = page.locator(".lstm-explorer-panel").bounding_box()
    assert panel["x"] + panel["width"] <= 375
    page.screenshot(path=tmp_path / "explorer-375.png", full_page=True)

    # A finger drags the STM up; the page does not scroll while it does.
    point = page.evaluate(POINT, "stm")
    scroll = page.evaluate("window.scrollY")
    before = value(page, "stm")
    cdp = page.context.new_cdp_session(page)

    def touch(kind: str, y: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": point["x"], "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", point["y"])
    for k in range(1, 9):
        touch("touchMove", point["y"] - 5 * k)
    during = value(page, "stm")
    touch("touchEnd", point["y"] - 40)
    assert during == pytest.approx(before + 40 * point["perPixel"], rel=0.05)
    assert page.evaluate("window.scrollY") == scroll
    assert_clean(seen)


def test_without_javascript_a_notice_and_the_table_stand_in(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{PAGE}")
        assert not page.locator(".lstm-explorer").is_visible()
        assert page.locator(".lstm-explorer-noscript").is_visible()
        assert "needs JavaScript" in page.text_content(".lstm-explorer-noscript")
        assert page.locator("table.lstm-viz-behaviour tbody tr").count() == len(BANDS)
        assert page.locator("table.lstm-viz-behaviour").is_visible()
    finally:
        context.close()


def test_the_explorer_script_and_style_load_only_on_its_page(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        if "_static" in page.parts:
            continue
        html = page.read_text()
        here = page.relative_to(built_site).as_posix() == PAGE
        assert ("_static/explorer.js" in html) == here, page
        assert ("_static/explorer.css" in html) == here, page
    html = (built_site / PAGE).read_text()
    assert "plotly-basic.min.js" in html and "plotly-full.min.js" not in html
    assert re.search(r'<link rel="stylesheet"[^>]*_static/explorer\.css', html)
