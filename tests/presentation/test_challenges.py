"""The explorer's challenges and questions: each check against the shared table of cases, the
questions' answers and working against the model, and their cards on the page."""

from __future__ import annotations

import html
import re

import pytest

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import step
from lstm_viz.model.presets import PRESETS
from lstm_viz.model.sequence import run_sequence
from lstm_viz.presentation.explorer import challenges, goals, state, working
from tests.shared_cases import CHALLENGE_CASES, WORKING_CASES


def _texts(markup: str) -> dict[str, str]:
    """Each shown equation of a working's HTML as its text."""
    return {
        m.group(2): html.unescape(re.sub("<[^>]+>", "", m.group(3)))
        for m in re.finditer(
            r'<p class="lstm-explorer-eq( is-off)?" data-eq="(\w+)">(.*?)</p>', markup
        )
        if not m.group(1)
    }


@pytest.mark.parametrize(("key", "link", "met"), CHALLENGE_CASES)
def test_a_challenge_is_met_as_the_shared_table_says(key: str, link: str, met: bool) -> None:
    assert challenges.met(key, link) is met


def test_there_are_enough_challenges_and_questions() -> None:
    assert len(goals.goals("challenge")) >= 5
    assert len(goals.goals("question")) >= 3
    for goal in goals.GOALS.values():
        assert goal.figure in ("cell", "sequence") and goal.why
        state.parse_state(goal.start)  # every state is a link the book could write
        for link in (*goal.solutions, *goal.misses):
            state.parse_state(link)
    assert {g.figure for g in goals.goals("challenge")} == {"cell", "sequence"}


@pytest.mark.parametrize("goal", goals.goals("challenge"), ids=lambda g: g.key)
def test_a_challenges_words_say_its_thresholds(goal: goals.Goal) -> None:
    for name, value in goal.params.items():
        assert number(value, "g") in goal.words, (name, value)
    assert goal.solutions and goal.misses and goal.hint


def test_no_challenge_is_met_where_another_starts() -> None:
    starts = [goal.start for goal in goals.GOALS.values()]
    met = [
        (g.key, link)
        for g in goals.goals("challenge")
        for link in starts
        if challenges.met(g.key, link)
    ]
    assert met == []


def test_holding_gates_at_every_step_cannot_hold_a_memory_but_from_step_two_it_can() -> None:
    """The chapter's old exercise 6 as a reader tried it: f = 1 and i = 0 held at every step
    never write the first input; f = 1 alone lets the memory grow."""
    x = [4.0] + [0.0] * 10
    every = run_sequence(x, 0.0, forget=1.0, input=0.0)
    assert max(abs(every.ltm)) == 0.0
    grows = run_sequence(x, 0.0, forget=1.0)
    assert grows.ltm[-1] > 4 * grows.ltm[0]
    held = run_sequence(x, 0.0, forget=[None] + [1.0] * 10, input=[None] + [0.0] * 10)
    assert held.ltm[0] > 0.9 and max(abs(held.ltm - held.ltm[0])) == 0.0


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("forget-zero", step(0.5, 1.5, forget=0.0).ltm),
        ("zero", step(0.0, 1.0).ltm),
        ("very-negative", step(-4.0, 2.0).ltm),
        ("output-open", step(0.5, 1.0, output=1.0).stm),
        (
            "bias-drift",
            run_sequence([4.0] + [0.0] * 10, 0.0, weights=PRESETS["forget-bias"].weights).ltm[10],
        ),
    ],
)
def test_a_questions_answer_is_the_models(key: str, expected: float) -> None:
    assert challenges.answer(key) == float(expected)


@pytest.mark.parametrize(("link", "t", "texts"), WORKING_CASES)
def test_the_working_reads_as_the_shared_table_says(link: str, t: int | None, texts) -> None:
    at = challenges.situation(link)
    values = at.cell if t is None else challenges._step_values(at.run, t)
    assert _texts(working.working_html(values, t, "w")) == texts


def test_the_live_working_has_one_tab_stop_per_equation_and_names_every_term() -> None:
    at = challenges.situation("s=0.5&c=1")
    markup = working.working_html(at.cell, None, "w")
    assert markup.count('tabindex="0"') == 3
    terms = re.findall(r'data-term="(\w+)"', markup)
    assert set(terms) == {
        "x",
        "h_prev",
        "s",
        "forget",
        "c_prev",
        "input",
        "candidate",
        "output",
        "ltm",
        "stm",
    }
    answer = working.working_html(at.cell)
    assert "tabindex" not in answer and 'data-eq="s"' not in answer


def test_every_card_is_marked_for_tests_and_opens_its_goal() -> None:
    cards = challenges.goal_list("challenge").html + challenges.goal_list("question").html
    for goal in goals.GOALS.values():
        mark = "data-challenge" if goal.kind == "challenge" else "data-predict"
        assert f'{mark}="{goal.key}"' in cards
        assert f'href="#goal={goal.key}"' in cards
    assert cards.count('data-solved="false"') == len(goals.goals("challenge"))
    assert cards.count('data-answered="false"') == len(goals.goals("question"))
    assert "{" not in re.sub(r"<[^>]+>", "", cards), "every {field} is filled from the model"


def test_a_questions_reveal_shows_the_models_number_and_working() -> None:
    cards = challenges.goal_list("question").html
    for goal in goals.goals("question"):
        card = re.search(rf'data-predict="{goal.key}".*?</li>', cards, re.S)
        assert card
        reveal = re.search(
            r'<div class="lstm-explorer-reveal" hidden>(.*?)<p class="lstm-explorer-goal-actions">',
            card.group(0),
            re.S,
        )
        assert reveal, goal.key
        assert f"<strong>{number(challenges.answer(goal.key))}</strong>" in reveal.group(1)
        assert "lstm-explorer-working is-answer" in reveal.group(1)


def test_the_bias_question_names_the_books_fading_memory() -> None:
    cards = challenges.goal_list("question").html
    book = run_sequence([4.0] + [0.0] * 10, 0.0).ltm[-1]
    assert f"fade to {number(float(book))}" in cards


def test_the_script_gets_each_goals_start_without_the_goal() -> None:
    data = challenges.script_data()
    assert set(data) == set(goals.GOALS)
    for item in data.values():
        start = state.read_state(str(item["start"])).values
        assert "goal" not in start
        assert state.hash_of(start) == item["start"]
    assert data["most-taken"]["params"]["least"] < -0.2  # type: ignore[index]
