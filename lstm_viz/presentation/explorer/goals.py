"""What the explorer asks of the reader: challenges that check themselves, and questions that ask
for a number before they show the model's.

A **challenge** is a goal in words ("hold what the first input wrote for ten quiet steps"), a
state to start from, a hint, and an explanation shown once the goal is met; the page checks it
live as the reader moves the cell (:mod:`~lstm_viz.presentation.explorer.challenges` in Python,
``static/explorer/challenges.js`` in the browser, both against ``tests/shared_cases.py``). A
**question** sets the cell up, asks for one number, hides it on the page until the reader has
predicted it, then shows the model's value and the working.

Each is opened by the link ``#goal=<key>`` (the chapter's exercises link here). Every state is a
link of :mod:`~lstm_viz.presentation.explorer.state`; ``solutions`` and ``misses`` are states that
do and do not meet a challenge, checked in both languages. The numbers in ``params`` are the
thresholds both checks use; the words say them, and nothing else of the model is typed here
(explanations fill ``{…}`` fields from the model: see ``challenges.explanation``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["GOALS", "Goal", "goals"]

_QUIET = "x=4,0,0,0,0,0,0,0,0,0,0"


@dataclass(frozen=True)
class Goal:
    """One challenge (``kind="challenge"``) or question (``kind="question"``)."""

    key: str
    kind: str
    figure: str  # the figure it is about: "cell" (one step) or "sequence"
    words: str  # the goal or the question (HTML)
    start: str  # the state it opens in (a link without "#")
    why: str  # shown when met or answered (HTML; {field}s filled from the model)
    hint: str = ""
    solutions: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()
    params: dict[str, float] = field(default_factory=dict)
    #: A question's number: "ltm" or "stm" of the one-step cell, or "ltm@<t>" of the sequence.
    target: str = ""


_C = "<i>c</i><sub>t</sub>"
_H = "<i>h</i><sub>t</sub>"

_GOALS = (
    Goal(
        "clear-and-write",
        "challenge",
        "cell",
        "Clear the memory and write −0.5 in one step: from a previous LTM of at least 1, keep "
        f"nothing of it (<i>f</i>·<i>c</i> within 0.02 of 0) and make the new LTM {_C} −0.5 "
        "(within 0.02).",
        "s=0.5&c=2",
        "Clearing needs a shut forget gate, writing needs an open input gate: the gates have to "
        "disagree. The book's cell cannot do it, since its forget and input gates are always "
        "equal; you had to hold them apart.",
        hint="Drag the forget gate to 0. What is written is <i>i</i>·<i>g</i>: open the input "
        "gate and pull the candidate below zero until it is −0.5.",
        solutions=("s=0.5&c=2&f=0&i=0.5&g=-1", "s=-1&c=1&f=0.01&i=1&g=-0.5"),
        misses=("s=-6&c=2", "s=0.5&c=2&f=0", "s=0.5&c=0&f=0&i=0.5&g=-1", "s=0.5&c=2&i=0.5&g=-1"),
        params={"memory": 1.0, "target": -0.5, "within": 0.02},
    ),
    Goal(
        "keep",
        "challenge",
        "cell",
        "Keep without learning, wherever <i>s</i> is: find weights for which the forget gate "
        "stays open (<i>f</i> ≥ 0.99) and the input gate shut (<i>i</i> ≤ 0.01) at every gate "
        "input <i>s</i> from −6 to 6 — without holding a gate.",
        "s=0&c=1",
        "A gate's bias moves it at every <i>s</i>, and a weight near 0 keeps <i>s</i> from moving "
        "it back: with a large <i>b</i><sub>f</sub> the forget gate stays open, with a large "
        "negative <i>b</i><sub>i</sub> the input gate stays shut. In the book's cell both are "
        "σ(<i>s</i>), one and the same number, so they can never disagree like this.",
        hint="Open <em>Weight w and bias b of each gate</em>. Try the forget gate's bias first, "
        "then drag <i>s</i> to both ends to see whether it holds.",
        solutions=("s=0&c=1&wf=0&bf=10&wi=0&bi=-10", "s=0&c=1&wf=0.5&bf=8&wi=-0.5&bi=-8"),
        misses=(
            "s=0&c=1&f=1&i=0",
            "s=0&c=1&bf=10&bi=-10",
            "s=0&c=1&wf=3&bf=7&wi=4&bi=-10&wg=2&wo=0&bo=4",
        ),
        params={"open": 0.99, "shut": 0.01},
    ),
    Goal(
        "most-taken",
        "challenge",
        "cell",
        "Find the gate input <i>s</i> at which the book's cell takes the most away from its "
        "memory: the most negative <i>i</i>·<i>g</i> (to within 0.001).",
        "s=-1&c=0",
        "At <i>s</i> ≈ {argmin} the write is {least}, the most the book's cell can take away. "
        "Further down the input gate shuts faster than the candidate can grow, so their product "
        "shrinks again.",
        hint="Move <i>s</i> up from −1 in small steps (the arrow keys on its slider) and watch "
        "<i>i</i>·<i>g</i> in the working: it falls, then rises again.",
        solutions=("s=-0.88&c=0", "s=-0.85&c=2"),
        misses=("s=-1&c=0", "s=-0.88&c=0&i=1", "s=-6&c=0", "s=-0.88&c=0&wi=2"),
        params={"within": 0.001},
    ),
    Goal(
        "hide",
        "challenge",
        "cell",
        f"Keep a memory but show none of it: a new LTM {_C} of at least 0.5 while the new STM "
        f"{_H} is 0 (within 0.005).",
        "s=0.5&c=1",
        f"The output gate decides only how much of the LTM is shown: {_H} = "
        f"<i>o</i>·tanh {_C}. At <i>o</i> = 0 the STM is 0, and the LTM is what it was.",
        hint="Which gate stands between the new LTM and the new STM?",
        solutions=("s=0.5&c=1&o=0", "s=0.5&c=1&wo=0&bo=-10"),
        misses=("s=-6&c=1", "s=0.5&c=1&o=0.1", "s=0.5&c=0&o=0"),
        params={"memory": 0.5, "within": 0.005},
    ),
    Goal(
        "hold",
        "challenge",
        "sequence",
        "Hold what the first input wrote for ten quiet steps: at steps 2 to 11 the LTM stays "
        "within 0.02 of what step 1 wrote (at least 0.5), with inputs 2 to 11 quiet (within 0.5 "
        "of 0).",
        f"s=0.5&c=0&{_QUIET}",
        "The memory is kept while the forget gate is open and the input gate shut — but only "
        "after the first step has written it, so they must be held from step 2 on. Held at every "
        "step, <i>f</i> = 1 and <i>i</i> = 0 write nothing at all. A trained LSTM does this with "
        "its weights, as the latch does: its input gate opens only for a strong input.",
        hint="Tap step 2 in the figure, choose <em>from this step on</em>, and drag the forget "
        "gate to 1 and the input gate to 0 in the one-step figure. Or try the preset "
        "<em>a latch</em>.",
        solutions=(
            f"s=0.5&c=0&{_QUIET}&f2-11=1&i2-11=0",
            f"s=0.5&c=0&wf=3&bf=7&wi=4&bi=-10&wg=2&wo=0&bo=4&{_QUIET}",
        ),
        misses=(
            f"s=0.5&c=0&f=1&i=0&{_QUIET}",
            f"s=0.5&c=0&f=1&{_QUIET}",
            f"s=0.5&c=0&{_QUIET}&f2-10=1&i2-10=0",
            "s=0.5&c=0&x=4,0,0,0,0&f2-5=1&i2-5=0",
        ),
        params={"steps": 11, "written": 0.5, "within": 0.02, "quiet": 0.5},
    ),
    Goal(
        "clear-on-cue",
        "challenge",
        "sequence",
        "Write at step 1, hold it, and clear it at step 5: the LTM within 0.02 of what step 1 "
        "wrote (at least 0.5) at steps 2 to 4, and within 0.05 of 0 from step 5 to step 8.",
        "s=0.5&c=0&x=4,0,0,0,0,0,0,0",
        "Clearing on cue is the forget gate shutting for one step. In a trained LSTM the cue is "
        "an input: the latch's forget gate shuts only when <i>s</i> is strongly negative, so a "
        "strong negative input clears what it holds.",
        hint="Hold the gates from step 2 as in the last challenge, then shut the forget gate at "
        "step 5 alone. Or choose <em>a latch</em> and drag the input at step 5 down.",
        solutions=(
            "s=0.5&c=0&x=4,0,0,0,0,0,0,0&f2-4=1&f5=0&f6-8=1&i2-8=0",
            "s=0.5&c=0&wf=3&bf=7&wi=4&bi=-10&wg=2&wo=0&bo=4&x=4,0,0,0,-5,0,0,0",
        ),
        misses=(
            "s=0.5&c=0&x=4,0,0,0,0,0,0,0",
            "s=0.5&c=0&wf=3&bf=7&wi=4&bi=-10&wg=2&wo=0&bo=4&x=4,0,0,0,0,0,0,0",
            "s=0.5&c=0&x=4,0,0,0,0,0,0,0&f2-4=1&f5=0&i2-4=0",
        ),
        params={"steps": 8, "at": 5, "written": 0.5, "within": 0.02, "empty": 0.05},
    ),
    Goal(
        "forget-zero",
        "question",
        "cell",
        f"The forget gate is held at 0. What is the new LTM {_C}?",
        "s=0.5&c=1.5&f=0",
        "Nothing of the old LTM is left: the new LTM is only what is written, "
        "<i>i</i>·<i>g</i>, so the input gate and the candidate decide it together.",
        target="ltm",
        params={"within": 0.05},
    ),
    Goal(
        "zero",
        "question",
        "cell",
        f"The gate input <i>s</i> is 0. What is the new LTM {_C}?",
        "s=0&c=1",
        "Every sigmoid gate is one half and the candidate tanh 0 is 0: half of the memory is "
        "kept and nothing is written. Held at <i>s</i> = 0, the LTM halves at every step.",
        target="ltm",
        params={"within": 0.05},
    ),
    Goal(
        "very-negative",
        "question",
        "cell",
        f"The gate input <i>s</i> is −4 and the previous LTM 2. What is the new LTM {_C}?",
        "s=-4&c=2",
        "The forget gate is {forget}, so almost all of the memory is forgotten, and the input "
        "gate is just as shut: what is written is only {learned}. Forgetting, not writing, "
        "empties it.",
        target="ltm",
        params={"within": 0.05},
    ),
    Goal(
        "output-open",
        "question",
        "cell",
        f"The output gate is held at 1. What is the new STM {_H}?",
        "s=0.5&c=1&o=1",
        f"With <i>o</i> = 1 the STM is tanh {_C}: it stays between −1 and 1 however large the "
        "LTM grows.",
        target="stm",
        params={"within": 0.05},
    ),
    Goal(
        "bias-drift",
        "question",
        "sequence",
        "The forget gate's bias is +1; one strong input is followed by ten quiet steps. What is "
        "the LTM after the last step, <i>c</i><sub>11</sub>? (The book's cell lets it fade to "
        "{book}.)",
        f"s=0.5&c=0&bf=1&{_QUIET}",
        "It grows instead of fading: every quiet step the STM comes back in "
        "<i>s</i><sub>t</sub> = <i>x</i><sub>t</sub> + <i>h</i><sub>t−1</sub>, and the input gate "
        "and the candidate write a little more. The bias alone does not hold the memory: to hold "
        "it, the input gate has to shut as well.",
        target="ltm@11",
        params={"within": 0.1},
    ),
)

#: Every challenge and question by key, in the order the page lists them.
GOALS: dict[str, Goal] = {goal.key: goal for goal in _GOALS}


def goals(kind: str) -> list[Goal]:
    """The challenges (``"challenge"``) or the questions (``"question"``)."""
    return [goal for goal in _GOALS if goal.kind == kind]
