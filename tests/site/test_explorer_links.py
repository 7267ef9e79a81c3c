"""The explorer's state in Chromium: links in and out, presets, steps, the bands it marks."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.model.formatting import number
from lstm_viz.model.presets import PRESETS
from lstm_viz.model.sequence import MAX_STEPS
from lstm_viz.model.table import BANDS
from lstm_viz.presentation.explorer.grammar import DEFAULT_X
from lstm_viz.presentation.explorer.state import state_hash, values_of
from tests.site.explorer_page import assert_clean, open_explorer, shown

pytestmark = pytest.mark.browser


def test_a_state_link_round_trips(visit) -> None:
    fragment = "#s=-1.25&c=2&f=0.3&g=-0.4&wf=2&bo=-1.5&x=1,-2.5,3"
    seen = open_explorer(visit, fragment)
    page = seen.page
    st = page.evaluate("lstmExplorer.state()")
    assert (st["s"], st["c_prev"], st["forget"], st["candidate"]) == (-1.25, 2, 0.3, -0.4)
    assert (st["w_forget"], st["b_output"], st["x"]) == (2, -1.5, [1, -2.5, 3])
    assert page.evaluate("lstmExplorer.hash()") == fragment
    assert page.evaluate("location.hash") == fragment  # a good link is left as it is
    assert not page.locator(".lstm-explorer-notice").is_visible()
    assert page.locator("#sequence-table tbody tr").count() == 3
    # A change shows up in the address bar once it comes to rest …
    page.focus("#lstm-explorer-output")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => location.hash.includes('&o=')")
    link = page.evaluate("location.href")
    # … and the link reopens exactly what the reader saw.
    again = open_explorer(visit, "#" + link.split("#")[1])
    assert again.page.evaluate("lstmExplorer.state()") == page.evaluate("lstmExplorer.state()")
    # Editing the hash by hand (or a state link on the page) changes the state too.
    page.evaluate("location.hash = '#s=3&c=1'")
    page.wait_for_function("() => lstmExplorer.state().s === 3")
    assert page.evaluate("lstmExplorer.hash()") == "#s=3&c=1"
    for s in (seen, again):
        assert_clean(s)


def test_a_bad_link_is_adjusted_rewritten_and_said_so(visit) -> None:
    seen = open_explorer(visit, "#s=abc&c=99&f=-2&i=&o=Infinity&wf=12&x=1,zz,9")
    page = seen.page
    assert page.evaluate("lstmExplorer.hash()") == "#s=0.5&c=3&f=0&wf=10&x=1,5"
    page.wait_for_function("() => location.hash === '#s=0.5&c=3&f=0&wf=10&x=1,5'")
    notice = page.locator(".lstm-explorer-notice")
    assert notice.is_visible()
    for key in ("s", "c", "f", "i", "o", "wf", "x"):
        assert key in notice.text_content()
    assert_clean(seen)


def test_an_in_page_link_keeps_the_state_and_back_restores_states(visit) -> None:
    seen = open_explorer(visit, "#s=-2&c=0.5&wf=3")
    page = seen.page
    before = page.evaluate("lstmExplorer.state()")
    page.evaluate("document.querySelector('a[href=\"#challenges\"]').click()")
    page.wait_for_function("() => location.hash === '#challenges'")
    page.wait_for_timeout(300)
    assert page.evaluate("lstmExplorer.state()") == before
    page.evaluate("location.hash = '#s=4&c=1'")  # a state link: the state follows …
    page.wait_for_function("() => lstmExplorer.state().s === 4")
    page.go_back()  # … and back goes through the anchor to the first state
    page.go_back()
    page.wait_for_function("() => lstmExplorer.state().s === -2")
    assert page.evaluate("lstmExplorer.state()") == before
    assert_clean(seen)


def test_the_copy_button_copies_the_link(visit) -> None:
    seen = open_explorer(visit, "#s=2&c=-1", permissions=["clipboard-read", "clipboard-write"])
    page = seen.page
    page.get_by_role("button", name="Copy link to this state").click()
    page.wait_for_function("() => document.querySelector('.lstm-explorer-copied').textContent")
    assert page.text_content(".lstm-explorer-copied") == "Link copied."
    assert page.evaluate("navigator.clipboard.readText()").endswith("explorer.html#s=2&c=-1")
    assert_clean(seen)


def test_without_the_clipboard_the_link_is_shown_and_follows_the_state(visit) -> None:
    seen = open_explorer(visit, "#s=-3&c=0.5")
    page = seen.page
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.get_by_role("button", name="Copy link to this state").click()
    box = page.get_by_label("Link to this state")
    assert box.is_visible()
    assert box.input_value().endswith("explorer.html#s=-3&c=0.5")
    assert page.text_content(".lstm-explorer-copied") in ("Link copied.", "Copy the selected link.")
    page.evaluate("lstmExplorer.set('s', 1.5)")
    assert box.input_value().endswith("explorer.html#s=1.5&c=0.5")
    assert_clean(seen)


def test_band_readout_label_and_link_agree(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    assert page.locator("table.lstm-viz-behaviour tbody tr").count() == len(BANDS)
    for s in [b.stated for b in BANDS] + [2.0, 1.999, 1.99996, 0.0, -8.9e-16, -1e-6, -2.0, -2.001]:
        page.evaluate(f"lstmExplorer.set('s', {s})")
        held = page.evaluate("lstmExplorer.state().s")
        readout = shown(page, "s")
        label = float(page.text_content(".lstm-explorer-cell.is-wide .col[data-key=s] .val")
                      .replace("−", "-"))  # fmt: skip
        in_link = float(page.evaluate("lstmExplorer.hash()").split("&")[0][3:])
        assert held == readout == label == in_link, s
        band = next(b for b in BANDS if b.low <= held < b.high)
        current = page.locator("table.lstm-viz-behaviour tr.is-current")
        assert current.count() == 1 and current.get_attribute("data-key") == band.key, s
        assert current.get_attribute("aria-current") == "true"
        assert band.name in page.text_content(".lstm-explorer-band")
    assert_clean(seen)


@pytest.mark.parametrize("key", list(PRESETS))
def test_a_preset_is_one_click_and_a_link(visit, key: str) -> None:
    seen = open_explorer(visit, "#s=1&c=-0.5&x=3,0,0")
    page = seen.page
    link = page.locator(f'a[data-preset="{key}"]')
    assert link.get_attribute("href") == state_hash(**values_of(PRESETS[key].weights))
    link.click()
    st = page.evaluate("lstmExplorer.state()")
    for name, v in values_of(PRESETS[key].weights).items():
        assert st[name] == v, name
    assert (st["s"], st["c_prev"], st["x"]) == (1, -0.5, [3, 0, 0])  # the rest is kept
    assert link.get_attribute("aria-current") == "true"
    note = page.locator(".lstm-explorer-weights-note")
    assert note.is_visible() == (key != "book")  # the table describes the book's cell only
    page.wait_for_function(f"() => location.hash === {page.evaluate('lstmExplorer.hash()')!r}")
    assert_clean(seen)


def test_the_latch_holds_what_a_strong_input_wrote(visit) -> None:
    x = [4.0] + [0.0] * 10
    seen = open_explorer(visit, state_hash(0.5, 0.0, x=x), centre="sequence")
    page = seen.page
    page.locator('a[data-preset="latch"]').click()
    ltm = np.array(page.evaluate("lstmExplorer.run().ltm"))
    assert np.all(np.abs(ltm[1:] - ltm[0]) <= 0.05 * abs(ltm[0]))
    page.locator('a[data-preset="book"]').click()
    ltm = np.array(page.evaluate("lstmExplorer.run().ltm"))
    assert ltm[-1] < 0.5 * ltm[0]  # the book's cell lets it fade
    assert_clean(seen)


def test_steps_can_be_added_and_removed_from_one_to_the_most(visit) -> None:
    seen = open_explorer(visit, centre="sequence")
    page = seen.page
    rows = page.locator("#sequence-table tbody tr")
    add = page.get_by_role("button", name="Add a step")
    remove = page.get_by_role("button", name="Remove the last step")
    assert rows.count() == len(DEFAULT_X)
    while not add.is_disabled():
        add.click()
    assert rows.count() == MAX_STEPS and len(page.evaluate("lstmExplorer.state().x")) == MAX_STEPS
    visible = page.locator(".lstm-explorer-sequence.is-wide .step:not([display])")
    assert visible.count() == MAX_STEPS
    while not remove.is_disabled():
        remove.click()
    assert rows.count() == 1 and visible.count() == 1
    assert page.locator("#sequence-table tbody tr td").count() == 7  # x, f, i, g, o, c, h
    page.wait_for_function("() => location.hash.includes('&x=4')")
    assert page.evaluate("lstmExplorer.hash()") == "#s=0.5&c=1&x=4"
    assert_clean(seen)


def test_the_sequence_table_is_what_the_script_ran(visit) -> None:
    seen = open_explorer(visit, "#s=0&c=-2&i=0.9&x=2,-1,0.5,0")
    page = seen.page
    run = page.evaluate("lstmExplorer.run()")
    head = page.locator("#sequence-table thead th").all_text_contents()
    assert head == ["t", "xt", "ft", "it", "gt", "ot", "ct", "ht"]
    for t, row in enumerate(page.locator("#sequence-table tbody tr").all()):
        cells = row.locator("th, td").all_text_contents()
        fields = ("x", "forget", "input", "candidate", "output", "ltm", "stm")
        assert cells == [str(t + 1)] + [number(run[f][t], ".3f") for f in fields]
    assert_clean(seen)


@pytest.mark.parametrize(
    ("fragment", "read", "told"),
    [
        ("#s=0&c=1&x=1%2C2", {"x": [1, 2]}, False),  # a mail app's commas dropped the whole list
        ("#s=−1&c=1", {"s": -1}, False),  # the page's own minus sign was refused
        ("#s=1e-400&c=1", {"s": 0}, True),  # silently 0
        ("#s=0&c=1&x=4,0,0&i1=1&i2-3=0", {"held": {"input": {"1": 1, "2": 0, "3": 0}}}, False),
    ],
)
def test_links_as_readers_write_them(visit, fragment: str, read: dict, told: bool) -> None:
    seen = open_explorer(visit, fragment)
    page = seen.page
    st = page.evaluate("lstmExplorer.state()")
    for key, want in read.items():
        assert st[key] == want, key
    assert page.locator(".lstm-explorer-notice").is_visible() == told
    assert_clean(seen)


def test_the_notice_stays_short_and_clears_on_the_next_change(visit) -> None:
    """It never cleared after Reset or an edit, and 5,000 repeated keys made a 15,115-character
    notice."""
    seen = open_explorer(visit, "#s=1&c=1" + "&s=2" * 5000)
    page = seen.page
    notice = page.locator(".lstm-explorer-notice")
    assert notice.is_visible()
    words = notice.text_content()
    assert len(words) < 300 and "(s)" in words and "reads only its beginning" in words, words
    distinct = "#s=1&c=1" + "".join(f"&k{n}=1" for n in range(40))
    page.evaluate("h => { location.hash = h; }", distinct)
    page.wait_for_function("() => location.hash === '#s=1&c=1'")
    words = notice.text_content()
    assert len(words) < 300 and "(k0, k1" in words and "k7 and 32 more)" in words, words
    page.get_by_role("button", name="Reset all").click()
    assert not notice.is_visible()
    page.evaluate("location.hash = '#s=abc&c=1'")
    page.wait_for_function("() => !document.querySelector('.lstm-explorer-notice').hidden")
    page.focus("#lstm-explorer-s")
    page.keyboard.press("ArrowUp")
    assert not notice.is_visible()
    long = "#s=2&c=1&" + "&" * 100_000
    page.evaluate("h => { location.hash = h; }", long)
    page.wait_for_function("() => !document.querySelector('.lstm-explorer-notice').hidden")
    assert "reads only its beginning" in notice.text_content()
    assert page.evaluate("location.hash") == "#s=2&c=1"
    assert_clean(seen)


def test_a_preset_is_not_marked_while_an_override_defeats_it(visit) -> None:
    seen = open_explorer(visit)
    page = seen.page
    latch = page.locator('a[data-preset="latch"]')
    latch.click()
    assert latch.get_attribute("aria-current") == "true"
    page.evaluate("lstmExplorer.set('forget', 0.2)")
    assert latch.get_attribute("aria-current") is None
    assert "overrides" in page.text_content("[data-preset-about]")
    page.evaluate("lstmExplorer.reset('forget')")
    assert latch.get_attribute("aria-current") == "true"
    assert_clean(seen)
