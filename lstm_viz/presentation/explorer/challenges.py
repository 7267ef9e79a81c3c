"""The explorer's challenges and questions (:mod:`~lstm_viz.presentation.explorer.goals`): whether
a state meets a challenge, a question's answer and working, and their cards on the page.

:func:`met` is the Python side of the check the page's script (``static/explorer/challenges.js``)
runs live on every change; both are held to the cases of ``tests/shared_cases.py``. A check reads
what the page shows: the one-step cell (with the overrides it shows) and the sequence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import GATES, Neuron, Weights, sigmoid, step
from lstm_viz.model.ranges import S_RANGE
from lstm_viz.model.sequence import Trajectory, run_sequence
from lstm_viz.model.values import value
from lstm_viz.presentation.escaping import escape
from lstm_viz.presentation.explorer.goals import GOALS, Goal, goals
from lstm_viz.presentation.explorer.state import (
    Value,
    hash_of,
    read_state,
    sequence_overrides,
    weights_of,
)
from lstm_viz.presentation.explorer.working import working_html

__all__ = [
    "GoalsHTML",
    "Situation",
    "answer",
    "explanation",
    "goal_list",
    "met",
    "params",
    "script_data",
    "situation",
]


@dataclass(frozen=True)
class Situation:
    """What a check reads: the state, its weights, the one-step cell it shows (``s``,
    ``c_prev`` and every field of the step), the gates overridden there, the gates held at
    chosen steps of the sequence, and the sequence's run."""

    values: Mapping[str, Value]
    weights: Weights
    cell: dict[str, float]
    overridden: frozenset[str]
    held: frozenset[str]
    run: Trajectory


def situation(link: str) -> Situation:
    """The page at a link, its one-step figure showing the reader's own s and c."""
    values = read_state(link).values
    weights = weights_of(values)
    numbers = {k: v for k, v in values.items() if isinstance(v, int | float)}
    s, c_prev = numbers["s"], numbers["c_prev"]
    overrides = {g: numbers[g] for g in GATES if g in numbers}
    computed = step(s, c_prev, weights=weights, **overrides).as_dict()
    cell = {"s": s, "c_prev": c_prev} | {k: float(v) for k, v in computed.items()}
    over = sequence_overrides(values)
    run = run_sequence(values["x"], c_prev, weights=weights, **over)  # type: ignore[arg-type]
    held = values.get("held") or {}
    assert isinstance(held, dict)
    return Situation(values, weights, cell, frozenset(overrides), frozenset(held), run)


def params(goal: Goal) -> dict[str, float]:
    """The thresholds of a goal's check, with what the model computes for it."""
    if goal.key == "most-taken":
        return {**goal.params, "least": value("learned@min")}
    return dict(goal.params)


def _gate_at_ends(neuron: Neuron) -> list[float]:
    return [float(sigmoid(neuron.w * s + neuron.b)) for s in S_RANGE]


def _clear_and_write(p: dict[str, float], at: Situation) -> bool:
    c = at.cell
    near = abs(c["ltm"] - p["target"]) <= p["within"]
    return c["c_prev"] >= p["memory"] and abs(c["kept"]) <= p["within"] and near


def _keep(p: dict[str, float], at: Situation) -> bool:
    if {"forget", "input"} & (at.overridden | at.held):
        return False
    forget, shut = _gate_at_ends(at.weights.forget), _gate_at_ends(at.weights.input)
    return min(forget) >= p["open"] and max(shut) <= p["shut"]


def _most_taken(p: dict[str, float], at: Situation) -> bool:
    book = at.weights.input == Neuron() and at.weights.candidate == Neuron()
    free = not {"input", "candidate"} & at.overridden
    return book and free and at.cell["learned"] <= p["least"] + p["within"]


def _hide(p: dict[str, float], at: Situation) -> bool:
    return at.cell["ltm"] >= p["memory"] and abs(at.cell["stm"]) <= p["within"]


def _written(p: dict[str, float], run: Trajectory) -> bool:
    return len(run) >= p["steps"] and run.learned[0] >= p["written"]


def _hold(p: dict[str, float], at: Situation) -> bool:
    run, last = at.run, int(p["steps"])
    if not _written(p, run):
        return False
    quiet = all(abs(v) <= p["quiet"] for v in run.x[1:last])
    return quiet and all(abs(c - run.ltm[0]) <= p["within"] for c in run.ltm[1:last])


def _clear_on_cue(p: dict[str, float], at: Situation) -> bool:
    run, cue, last = at.run, int(p["at"]) - 1, int(p["steps"])
    if not _written(p, run):
        return False
    held = all(abs(c - run.ltm[0]) <= p["within"] for c in run.ltm[1:cue])
    return held and all(abs(c) <= p["empty"] for c in run.ltm[cue:last])


_CHECKS: dict[str, Callable[[dict[str, float], Situation], bool]] = {
    "clear-and-write": _clear_and_write,
    "keep": _keep,
    "most-taken": _most_taken,
    "hide": _hide,
    "hold": _hold,
    "clear-on-cue": _clear_on_cue,
}


def met(key: str, link: str) -> bool:
    """Whether the state of ``link`` meets the challenge ``key``."""
    return _CHECKS[key](params(GOALS[key]), situation(link))


def _target(goal: Goal, at: Situation) -> tuple[float, int | None]:
    """A question's number at a situation, and the step it is at (None: the one-step cell)."""
    name, _, t = goal.target.partition("@")
    if not t:
        return at.cell[name], None
    return float(getattr(at.run, name)[int(t) - 1]), int(t)


def answer(key: str) -> float:
    """The model's answer to the question ``key``."""
    goal = GOALS[key]
    return _target(goal, situation(goal.start))[0]


def _step_values(run: Trajectory, t: int) -> dict[str, float]:
    """Every number of the working at step t of a run."""
    k = t - 1
    out = {name: float(col[k]) for name, col in run.columns().items()}
    out["c_prev"] = float(run.ltm[k - 1]) if k else run.c0
    out["h_prev"] = float(run.stm[k - 1]) if k else 0.0
    return out


def _fields(goal: Goal) -> dict[str, str]:
    """What a goal's words may fill in, every number from the model."""
    at = situation(goal.start)
    fields = {k: number(v) for k, v in at.cell.items()}
    fields["argmin"] = number(value("learned@argmin"))
    fields["least"] = number(value("learned@min"))
    book = run_sequence(at.run.x, at.run.c0)
    fields["book"] = number(float(book.ltm[-1]))
    return fields


def explanation(goal: Goal) -> str:
    """What the page says once a challenge is met or a question answered (HTML)."""
    return goal.why.format(**_fields(goal))


def _words(goal: Goal) -> str:
    return goal.words.format(**_fields(goal))


def _answer_html(goal: Goal) -> str:
    at = situation(goal.start)
    result, t = _target(goal, at)
    values = at.cell if t is None else _step_values(at.run, t)
    return (
        f'<div class="lstm-explorer-reveal" hidden><p>The model says '
        f"<strong>{number(result)}</strong>:</p>{working_html(values, t)}"
        f"<p>{explanation(goal)}</p></div>"
    )


def _card(goal: Goal) -> str:
    key = goal.key
    if goal.kind == "challenge":
        marks = f'data-challenge="{key}" data-solved="false"'
        middle = (
            '<p class="lstm-explorer-goal-status" data-status>Not met yet.</p>'
            f'<details class="lstm-explorer-hint"><summary>Hint</summary><p>{goal.hint}</p>'
            f'</details><p class="lstm-explorer-goal-why" hidden>{explanation(goal)}</p>'
        )
    else:
        marks = f'data-predict="{key}" data-answered="false"'
        middle = (
            f'<form class="lstm-explorer-predict" data-within="{goal.params["within"]:g}">'
            f'<label for="predict-{key}">Your prediction</label>'
            f'<input type="text" id="predict-{key}" inputmode="decimal" autocomplete="off" '
            'size="7"><button type="submit" class="lstm-explorer-button">Check</button></form>'
            '<p class="lstm-explorer-verdict" data-status></p>' + _answer_html(goal)
        )
    kind = "Challenge" if goal.kind == "challenge" else "Question"
    return (
        f'<li class="lstm-explorer-goal" id="goal-{key}" {marks} data-figure="{goal.figure}" '
        'tabindex="-1">'
        f'<p class="lstm-explorer-goal-words"><strong>{kind}.</strong> {_words(goal)}</p>'
        f"{middle}"
        '<p class="lstm-explorer-goal-actions">'
        f'<a class="lstm-explorer-button" href="#goal={escape(key)}" data-open>Try it</a>'
        '<button type="button" class="lstm-explorer-button" data-restart hidden>Start again'
        '</button><button type="button" class="lstm-explorer-button" data-leave hidden>Leave'
        "</button></p></li>"
    )


class GoalsHTML:
    """A list of cards for a notebook cell: Jupyter and myst-nb show its ``text/html``."""

    def __init__(self, html_text: str) -> None:
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html


def goal_list(kind: str) -> GoalsHTML:
    """The cards of every challenge (``"challenge"``) or question (``"question"``)."""
    cards = "".join(_card(goal) for goal in goals(kind))
    return GoalsHTML(f'<ol class="lstm-explorer-goals" data-kind="{kind}">{cards}</ol>')


def script_data() -> dict[str, dict[str, object]]:
    """What the script needs of each goal: its kind, figure, thresholds, start state (the link
    it opens, without the goal) and, for a question, its target and answer."""
    out: dict[str, dict[str, object]] = {}
    for key, goal in GOALS.items():
        start = read_state(goal.start).values
        start.pop("goal", None)
        out[key] = {
            "kind": goal.kind,
            "figure": goal.figure,
            "params": params(goal),
            "start": hash_of(start),
            **({"target": goal.target, "answer": answer(key)} if goal.kind == "question" else {}),
        }
    return out
