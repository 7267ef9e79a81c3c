"""The explorer's challenges and questions in Chromium: each challenge opens unsolved and is solved
by a reader's moves; each question hides its number until the reader has predicted it; every
exercise of the chapter lands in view of its figure, its goal above it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from lstm_viz.model.formatting import number
from lstm_viz.presentation.explorer import challenges, goals
from tests.site.explorer_page import (
    BOX,
    arrive,
    assert_clean,
    column,
    drag,
    open_explorer,
    point,
    visible_svg,
)

pytestmark = pytest.mark.browser


def _centre(page, kind: str) -> None:
    page.evaluate(
        "k => document.querySelector(k === 'cell' ? '#lstm-explorer .lstm-explorer-figure' :"
        " '#lstm-explorer-sequence .lstm-explorer-figure').scrollIntoView({block: 'center'})",
        kind,
    )


def _solve(page, key: str) -> None:
    """What a reader does to meet each challenge: drags, keys, taps and clicks where the page
    offers them, the API where a slider would take a hundred key presses."""
    _centre(page, "cell")
    if key == "clear-and-write":
        drag(page, "forget", 400)  # all the way down: 0
        page.evaluate("lstmExplorer.set('input', 0.5); lstmExplorer.set('candidate', -1)")
    elif key == "keep":
        page.click("summary:has-text('Weight w and bias b')")
        for name, v in (("w_forget", 0), ("b_forget", 10), ("w_input", 0), ("b_input", -10)):
            page.locator(f"#lstm-explorer-{name}").fill(str(v))
    elif key == "most-taken":
        page.focus("#lstm-explorer-s")
        for _ in range(12):  # from −1 up to −0.88
            page.keyboard.press("ArrowUp")
    elif key == "hide":
        drag(page, "output", 400)
    elif key == "hold":
        _centre(page, "sequence")
        p = column(page, 2, "gates")
        page.mouse.click(p["x"], p["y"])
        page.get_by_label("from this step on").check()
        _centre(page, "cell")
        drag(page, "forget", -400)
        drag(page, "input", 400)
    elif key == "clear-on-cue":
        page.locator('a[data-preset="latch"]').click()
        _centre(page, "sequence")
        p = point(page, "x", 5)
        page.mouse.move(p["x"], p["y"])
        page.mouse.down()
        page.mouse.move(p["x"], p["y"] + 400, steps=4)  # to the bottom: −5
        page.mouse.up()


@pytest.mark.parametrize("goal", goals.goals("challenge"), ids=lambda g: g.key)
def test_a_challenge_opens_unsolved_and_a_reader_can_solve_it(visit, goal: goals.Goal) -> None:
    seen = open_explorer(visit, f"#goal={goal.key}", centre=None)
    page = seen.page
    card = page.locator(f'[data-challenge="{goal.key}"]')
    slot = f"lstm-explorer-goal-{goal.figure}"
    assert card.evaluate("c => c.parentElement.id") == slot  # above its figure
    assert card.get_attribute("data-solved") == "false"
    assert card.locator("[data-status]").text_content() == "Not met yet."
    assert not card.locator(".lstm-explorer-goal-why").is_visible()
    card.locator("summary:has-text('Hint')").click()
    assert card.locator(".lstm-explorer-hint p").is_visible()
    _solve(page, goal.key)
    page.wait_for_timeout(100)
    solved = card.get_attribute("data-solved")
    assert solved == "true", page.evaluate("[lstmExplorer.hash(), document.activeElement.id]")
    assert card.locator("[data-status]").text_content() == "Done ✓"
    assert card.locator(".lstm-explorer-goal-why").is_visible()
    assert challenges.met(goal.key, page.evaluate("lstmExplorer.hash()"))  # Python agrees
    page.wait_for_function(
        "() => document.getElementById('lstm-explorer-summary').textContent"
        ".startsWith('Challenge met')"
    )
    card.get_by_role("button", name="Start again").click()
    assert card.get_attribute("data-solved") == "false"
    start = challenges.script_data()[goal.key]["start"]
    assert page.evaluate("lstmExplorer.hash()") == f"{start}&goal={goal.key}"
    card.get_by_role("button", name="Leave").click()
    assert card.evaluate("c => c.parentElement.dataset.kind") == "challenge"  # back in its list
    assert "goal=" not in page.evaluate("lstmExplorer.hash()")
    assert_clean(seen)


@pytest.mark.parametrize("goal", goals.goals("question"), ids=lambda g: g.key)
def test_a_question_hides_its_number_until_the_reader_predicts_it(visit, goal: goals.Goal) -> None:
    seen = open_explorer(visit, f"#goal={goal.key}", centre=None)
    page = seen.page
    card = page.locator(f'[data-predict="{goal.key}"]')
    assert card.evaluate("c => c.parentElement.id") == f"lstm-explorer-goal-{goal.figure}"
    target = goal.target.split("@")[0]
    answer = challenges.answer(goal.key)
    shown = number(answer)
    # Hidden: in the one-step figure, the working, the sequence (figure, table, readout) and the
    # summary a screen reader hears.
    cell = visible_svg(page, "cell")
    assert page.text_content(f"{cell} .col[data-key={target}] .val") == "?"
    terms = page.locator(f'#lstm-explorer-working [data-term="{target}"]').all_text_contents()
    assert terms and set(terms) == {"?"}
    if goal.figure == "sequence":
        series = page.locator(f"{visible_svg(page, 'sequence')} .series[data-key=ltm]")
        assert not series.is_visible()
        assert "?" in page.locator("#sequence-table tbody tr").last.text_content()
    card.get_by_role("button", name="Start again").click()  # the summary is said again
    page.wait_for_function(
        "() => document.getElementById('lstm-explorer-summary').textContent"
        ".includes('hidden until you answer')"
    )
    said = page.text_content("#lstm-explorer-summary")
    assert f"new {'LTM' if target == 'ltm' else 'STM'} hidden until you answer" in said
    # A prediction first: no number, no answer.
    check = card.get_by_role("button", name="Check")
    check.click()
    assert "Type a number first" in card.locator("[data-status]").text_content()
    assert not card.locator(".lstm-explorer-reveal").is_visible()
    wrong = answer + 10 * goal.params["within"]
    card.get_by_label("Your prediction").fill(f"{wrong:.2f}".replace("-", "−"))
    check.click()
    verdict = card.locator("[data-status]").text_content()
    assert verdict.startswith("Not quite") and f"the model says {shown}" in verdict
    reveal = card.locator(".lstm-explorer-reveal")
    assert reveal.is_visible() and shown in reveal.text_content()
    assert card.get_attribute("data-answered") == "true"
    assert page.text_content(f"{cell} .col[data-key={target}] .val") != "?"  # shown now
    card.get_by_role("button", name="Start again").click()
    assert card.get_attribute("data-answered") == "false"
    card.get_by_label("Your prediction").fill(f"{answer:.2f}".replace(".", ","))
    check.click()
    assert card.locator("[data-status]").text_content().startswith("Right")
    assert_clean(seen)


def _exercise_links(built_site: Path) -> list[str]:
    """The explorer links of the chapter's Exercises section, as the built page writes them."""
    html = (built_site / "book" / "lstm.html").read_text()
    section = html[html.index('id="exercises"') :]
    hrefs = re.findall(r'href="explorer\.html(#[^"]+)"', section)
    return [unquote(h.replace("&amp;", "&")) for h in hrefs]


def test_the_chapters_exercises_open_the_challenges_and_questions(built_site: Path) -> None:
    links = _exercise_links(built_site)
    opened = [link.removeprefix("#goal=") for link in links]
    assert all(link.startswith("#goal=") for link in links), links
    assert sorted(opened) == sorted(goals.GOALS), "every challenge and question, once"


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (375, 740)])
def test_every_exercise_lands_in_view_of_its_figure(
    browser, site_url: str, built_site: Path, width: int, height: int
) -> None:
    for link in _exercise_links(built_site):
        key = link.removeprefix("#goal=")
        page, errors = arrive(browser, site_url, link, {"width": width, "height": height})
        try:
            figure = goals.GOALS[key].figure
            box = page.evaluate(BOX, figure)
            assert box["top"] >= 0 and box["bottom"] <= height, (link, box)
            card = page.locator(f"#goal-{key}")
            assert card.evaluate("c => c.parentElement.id") == f"lstm-explorer-goal-{figure}"
            assert card.locator(".lstm-explorer-goal-words").is_visible()
            assert not errors, errors
        finally:
            page.context.close()


def test_try_it_brings_the_goal_above_its_figure_with_the_focus(visit) -> None:
    seen = open_explorer(visit, centre=None, viewport={"width": 1280, "height": 800})
    page = seen.page
    page.locator("#goal-hide").get_by_role("link", name="Try it").click()
    page.wait_for_function("() => lstmExplorer.goals.active() === 'hide'")
    assert page.evaluate("document.activeElement.id") == "goal-hide"  # read out first
    assert page.evaluate("lstmExplorer.hash()") == "#s=0.5&c=1&goal=hide"
    box = page.evaluate(BOX, "cell")
    assert box["top"] >= 0 and box["bottom"] <= 800, box
    assert_clean(seen)
