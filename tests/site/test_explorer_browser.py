"""The explorer in real headless Chromium: dragging (snapped to 0.05), overriding, keyboard, focus,
live regions, the working."""

from __future__ import annotations

import pytest

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import GATES
from lstm_viz.model.ranges import C_PREV_RANGE, S_RANGE, X_RANGE
from lstm_viz.presentation.explorer.controls import DRAG_SNAP
from lstm_viz.presentation.explorer.grammar import DEFAULT_X
from tests.site.explorer_page import (
    assert_clean,
    drag,
    open_explorer,
    point,
    shown,
    shown_result,
    value,
    visible_svg,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("key", ["s", "c_prev", *GATES])
def test_dragging_a_point_moves_its_value_and_everything_follows(visit, key: str) -> None:
    seen = open_explorer(visit, "#s=0.5&c=1")
    page = seen.page
    start = point(page, key)
    x, y, per_pixel = start["x"], start["y"], start["perPixel"]
    before = value(page, key)
    h_before = page.evaluate("lstmExplorer.values().stm")
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 11):
        page.mouse.move(x + k, y - 3 * k)  # up and a little sideways: only vertical movement counts
    up = value(page, key)
    near = DRAG_SNAP / 2 + 0.001 + 0.02 * abs(30 * per_pixel)  # a drag snaps to 0.05
    assert up == pytest.approx(before + 30 * per_pixel, abs=near)
    assert round(up / DRAG_SNAP, 9) == round(up / DRAG_SNAP)
    assert shown(page, key) == pytest.approx(up, abs=5e-4), "the number beside it follows"
    under = max(1.5, DRAG_SNAP / per_pixel / 2 + 0.5)
    assert point(page, key)["y"] == pytest.approx(y - 30, abs=under), "the point stays under it"
    h_now = page.evaluate("lstmExplorer.values().stm")
    assert h_now != h_before  # downstream follows …
    assert shown_result(page, "stm") == pytest.approx(h_now, abs=5e-3)  # … and shows it
    for k in range(1, 21):
        page.mouse.move(x + 10, y - 30 + 3 * k)
    down = value(page, key)
    assert down == pytest.approx(before - 30 * per_pixel, abs=near)
    page.mouse.move(x + 60, y + 30)  # sideways only: no change
    assert value(page, key) == down
    page.mouse.up()
    page.mouse.move(x, y - 60)  # the drag is over: moving no longer changes anything
    assert value(page, key) == down
    overridden = [g for g in GATES if g in page.evaluate("lstmExplorer.state()")]
    assert overridden == ([key] if key in GATES else [])  # dragging a gate overrides it
    assert_clean(seen)


@pytest.mark.parametrize(
    ("key", "top", "bottom"),
    [("s", S_RANGE[1], S_RANGE[0]), ("c_prev", C_PREV_RANGE[1], C_PREV_RANGE[0]),
     ("forget", 1.0, 0.0), ("candidate", 1.0, -1.0), ("x", X_RANGE[1], X_RANGE[0])],
)  # fmt: skip
def test_dragging_past_the_ends_stops_at_them(visit, key: str, top: float, bottom: float) -> None:
    seen = open_explorer(visit, centre="sequence" if key == "x" else "cell")
    page = seen.page
    p = point(page, key, 2)
    page.mouse.move(p["x"], p["y"])
    page.mouse.down()
    page.mouse.move(p["x"], 1, steps=5)
    assert value(page, key, 2) == top
    page.mouse.move(p["x"], page.viewport_size["height"] - 1, steps=10)
    assert value(page, key, 2) == bottom
    page.mouse.up()
    assert_clean(seen)


def test_dragging_an_input_redraws_the_whole_sequence_and_its_table(visit) -> None:
    seen = open_explorer(visit, centre="sequence")
    page = seen.page
    assert page.evaluate("lstmExplorer.state().x") == list(DEFAULT_X)
    before = page.evaluate("lstmExplorer.run()")
    p = point(page, "x", 3)
    page.mouse.move(p["x"], p["y"])
    page.mouse.down()
    page.mouse.move(p["x"] + 3, p["y"] - 12, steps=4)
    moved = value(page, "x", 3)
    assert moved == pytest.approx(DEFAULT_X[2] + 12 * p["perPixel"], abs=DRAG_SNAP / 2 + 0.001)
    assert round(moved / DRAG_SNAP, 9) == round(moved / DRAG_SNAP)
    assert point(page, "x", 3)["y"] == pytest.approx(p["y"] - 12, abs=1.5)
    assert page.evaluate("lstmExplorer.selected()") == 3
    assert page.evaluate("lstmExplorer.linked()")  # the one-step figure shows that step
    page.mouse.up()
    after = page.evaluate("lstmExplorer.run()")
    assert after["x"][:2] == before["x"][:2] and after["ltm"][:2] == before["ltm"][:2]
    assert after["ltm"][2:] != before["ltm"][2:]  # every later step follows
    row = page.locator("#sequence-table tbody tr").nth(2)
    cells = row.locator("td").all_text_contents()
    assert cells[0] == number(moved, ".3f")
    assert cells[5] == number(after["ltm"][2], ".3f")
    assert "is-selected" in row.get_attribute("class")
    assert shown(page, "x") == pytest.approx(moved, abs=5e-3)
    assert_clean(seen)


def test_a_gate_can_be_overridden_and_reset_and_focus_stays(visit) -> None:
    seen = open_explorer(visit, "#s=-1&c=2")
    page = seen.page
    computed = value(page, "forget")
    drag(page, "forget", -60)
    set_to = value(page, "forget")
    assert set_to > computed + 0.2
    assert page.evaluate("lstmExplorer.state().forget") == set_to
    row = page.locator('.lstm-explorer-row[data-quantity="forget"]')
    assert "is-overridden" in row.get_attribute("class")
    assert "Set by you" in row.locator(".lstm-explorer-status").text_content()
    col = page.locator('.lstm-explorer-cell.is-wide .col[data-key="forget"]')
    assert "is-set" in col.get_attribute("class")  # a filled handle …
    ghost = col.locator(".ghost")
    assert ghost.is_visible()  # … and a ghost where the cell would have put it
    assert page.evaluate("lstmExplorer.values().kept") == pytest.approx(set_to * 2.0, abs=1e-12)
    # The sequence holds the override at every step.
    assert set(page.evaluate("lstmExplorer.run().forget")) == {set_to}
    assert "is-set" in page.get_attribute(
        '.lstm-explorer-sequence.is-wide .series[data-key="forget"]', "class"
    )

    row.get_by_role("button", name="Reset").click()
    assert "forget" not in page.evaluate("lstmExplorer.state()")
    assert value(page, "forget") == pytest.approx(computed, abs=1e-12)
    assert "is-overridden" not in row.get_attribute("class")
    assert row.get_by_role("button", name="Reset").is_disabled()
    assert page.evaluate("document.activeElement.id") == "lstm-explorer-forget"
    assert not ghost.is_visible()

    page.evaluate("lstmExplorer.set('output', 1.7)")  # overrides stay in the gate's range
    assert page.evaluate("lstmExplorer.state().output") == 1.0
    page.get_by_role("button", name="Reset all").click()
    assert page.evaluate("lstmExplorer.hash()") == "#s=0.5&c=1"
    assert_clean(seen)


def test_every_quantity_works_from_the_keyboard(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    ids = [f"lstm-explorer-{key}" for key in ("s", "c_prev", *GATES)]
    page.focus(f"#{ids[0]}")
    order = [page.evaluate("document.activeElement.id")]
    for _ in ids[1:]:
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order == ids, "Tab walks through every control (disabled Reset buttons are skipped)"
    labelled = page.evaluate(
        "() => [...document.querySelectorAll('input[type=range]')]"
        ".every(i => i.labels.length && i.labels[0].textContent.trim())"
    )
    assert labelled

    page.focus("#lstm-explorer-s")
    page.keyboard.press("ArrowUp")  # finer than a drag's 0.05
    assert value(page, "s") == pytest.approx(0.51)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert value(page, "s") == pytest.approx(0.49)
    page.keyboard.press("End")
    assert value(page, "s") == S_RANGE[1]
    assert page.get_attribute("#lstm-explorer-s", "aria-valuetext") == "6.00"
    page.keyboard.press("Home")
    assert value(page, "s") == S_RANGE[0]

    page.focus("#lstm-explorer-output")
    page.keyboard.press("ArrowUp")
    assert "output" in page.evaluate("lstmExplorer.state()")
    assert page.get_attribute("#lstm-explorer-output", "aria-valuetext").endswith("set by you")
    page.keyboard.press("Delete")
    assert "output" not in page.evaluate("lstmExplorer.state()")

    # Screen readers hear one summary once the values settle.
    page.wait_for_function(
        "() => document.getElementById('lstm-explorer-summary').textContent.includes('−6.00')"
    )
    assert "Behaviour table row: very negative" in page.text_content("#lstm-explorer-summary")

    # The weights and the sequence too.
    page.click("summary:has-text('Weight w and bias b')")
    page.focus("#lstm-explorer-b_forget")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("lstmExplorer.state().b_forget") == pytest.approx(0.1)
    page.focus("#lstm-explorer-t")
    page.keyboard.press("ArrowRight")  # picks step 2, and the one-step figure shows it
    assert page.evaluate("[lstmExplorer.selected(), lstmExplorer.linked()]") == [2, True]
    page.focus("#lstm-explorer-x")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("lstmExplorer.state().x[1]") == pytest.approx(DEFAULT_X[1] + 0.01)
    page.wait_for_function(
        "() => document.getElementById('lstm-explorer-summary').textContent"
        ".startsWith('Step 2 of the sequence')"
    )
    assert_clean(seen)


def test_one_live_region_and_a_named_working(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    live = page.evaluate(
        """() => [...document.querySelectorAll('[aria-live], [role=status], [role=alert], '
               + '[role=log], output')].filter(e => e.closest('.lstm-explorer'))
               .map(e => e.id || e.className)"""
    )
    assert sorted(live) == ["lstm-explorer-copied", "lstm-explorer-summary"], live
    working = page.get_by_role("group", name="The working")
    assert working.count() == 1
    text = working.text_content()
    for key in ("ltm", "stm"):
        assert f"{shown_result(page, key):.2f}" in text.replace("−", "-"), key
    hidden = page.evaluate(
        "() => [...document.querySelectorAll('.lstm-explorer-value')]"
        ".every(e => e.getAttribute('aria-hidden') === 'true')"
    )
    assert hidden, "numbers beside sliders repeat what each slider says itself"
    assert_clean(seen)


def test_the_point_stays_under_the_pointer_while_the_page_scrolls(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    p = point(page, "s")
    page.mouse.move(p["x"], p["y"])
    page.mouse.down()
    page.mouse.move(p["x"], p["y"] - 10, steps=2)
    page.evaluate("window.scrollBy(0, 100)")
    page.wait_for_timeout(100)
    page.mouse.move(p["x"], p["y"] - 12, steps=2)
    assert point(page, "s")["y"] == pytest.approx(p["y"] - 12, abs=1.5)
    page.mouse.up()
    assert_clean(seen)


def test_no_frame_around_the_explorer_after_a_click(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    box = page.locator(".lstm-explorer-cell.is-wide").bounding_box()
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] - 5)
    page.keyboard.press("Shift")
    framed = page.evaluate(
        """() => [...document.querySelectorAll('#lstm-explorer, #lstm-explorer *')]
             .filter(e => e.matches(':focus-visible') && !e.matches('input, button, a, summary'))
             .map(e => e.tagName)"""
    )
    assert framed == []
    outline = page.evaluate(
        "getComputedStyle(document.getElementById('lstm-explorer')).outlineStyle"
    )
    assert outline == "none"
    assert_clean(seen)


def test_handles_look_draggable_and_computed_points_do_not(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    look = page.evaluate(
        """() => [...document.querySelectorAll('.lstm-explorer-cell.is-wide .col')].map(c => {
             const mark = c.querySelector('.pin');
             return {key: c.dataset.key, handle: mark.classList.contains('handle'),
                     cursor: getComputedStyle(mark).cursor, ring: !!mark.querySelector('.ring'),
                     square: !!mark.querySelector('rect'),
                     colour: getComputedStyle(c).getPropertyValue('--q').trim()};
           })"""
    )
    for mark in look:
        if mark["handle"]:
            assert mark["cursor"] == "grab" and mark["ring"] and not mark["square"], mark
        else:
            assert mark["cursor"] != "grab" and mark["square"] and not mark["ring"], mark
    handles = {(m["colour"], "ring") for m in look if m["handle"]}
    computed = {(m["colour"], "square") for m in look if not m["handle"]}
    assert not handles & computed  # no computed point looks like a handle
    assert_clean(seen)


def test_a_drag_snaps_to_round_values_and_shift_takes_finer_steps(visit) -> None:
    """One pixel moved an input by 0.15 with no snapping, so 4 and −4 were hard to hit."""
    seen = open_explorer(visit, centre="sequence")
    page = seen.page
    p = point(page, "x", 2)
    page.mouse.move(p["x"], p["y"])
    page.mouse.down()
    for k in range(1, 8):
        page.mouse.move(p["x"], p["y"] - k)
        moved = value(page, "x", 2)
        assert round(moved / DRAG_SNAP, 9) == round(moved / DRAG_SNAP), moved
    page.mouse.up()
    page.evaluate("lstmExplorer.select(1, false)")  # the reader's own cell again
    page.evaluate(
        "document.querySelector('#lstm-explorer .lstm-explorer-figure')"
        ".scrollIntoView({block: 'center'})"
    )
    q = point(page, "forget")
    before = value(page, "forget")
    page.keyboard.down("Shift")
    page.mouse.move(q["x"], q["y"])
    page.mouse.down()
    page.mouse.move(q["x"], q["y"] - 3, steps=3)
    page.mouse.up()
    page.keyboard.up("Shift")
    assert value(page, "forget") == pytest.approx(before + 3 * q["perPixel"], abs=0.002)
    assert_clean(seen)


LABELLED_STATES = ("#s=-5.25&c=1&f=0", "#s=-6&c=1&o=0.578", "#s=6&c=3&f=0.5&g=-1", "#s=0&c=-3&i=1")
COVERED = """sel => {
  const svg = document.querySelector(sel);
  const box = e => e.getBoundingClientRect();
  const meet = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const cols = [...svg.querySelectorAll('.col')];
  const out = [];
  for (const col of cols) {
    const label = box(col.querySelector('.val'));
    const marks = cols.filter(c => c !== col)
      .map(c => [c.dataset.key, box(c.querySelector('.pin'))]);
    const ghost = col.querySelector('.ghost');
    if (ghost && getComputedStyle(ghost).display !== 'none') marks.push(['ghost', box(ghost)]);
    for (const [key, mark] of marks) {
      if (meet(label, mark)) out.push(`${col.dataset.key} under ${key}`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_no_value_label_is_covered_by_a_mark(visit, width: int) -> None:
    """At #s=-5.25&c=1&f=0 the label of f·c read "−0.0▪" under the square of i·g; on a phone
    #s=-6&c=1&o=0.578 hid the forget gate's label."""
    seen = open_explorer(visit, viewport={"width": width, "height": 900})
    page = seen.page
    problems = []
    for fragment in LABELLED_STATES:
        page.evaluate("h => { location.hash = h; }", fragment)
        page.wait_for_function("h => lstmExplorer.hash() === h", arg=fragment)
        problems += [f"{fragment}: {p}" for p in page.evaluate(COVERED, visible_svg(page, "cell"))]
    assert not problems, problems
    assert_clean(seen)


def test_a_term_of_the_working_lights_up_its_point(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    col = ".lstm-explorer-cell.is-wide .col[data-key='{}']"
    lit = "k => document.querySelector(`.lstm-explorer-cell.is-wide .col[data-key=${k}]`)"
    term = page.locator('#lstm-explorer-working [data-eq="ltm"] [data-term="forget"]')
    term.hover()
    assert "is-lit" in page.get_attribute(col.format("forget"), "class")
    page.mouse.move(5, 5)
    assert "is-lit" not in page.get_attribute(col.format("forget"), "class")
    term.focus()  # the keyboard too: one tab stop per equation, arrows between its terms
    assert page.evaluate(lit + ".classList.contains('is-lit')", "forget")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.term") == "c_prev"
    assert page.evaluate(lit + ".classList.contains('is-lit')", "c_prev")
    assert not page.evaluate(lit + ".classList.contains('is-lit')", "forget")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.term") == "output"  # the next equation
    assert_clean(seen)
