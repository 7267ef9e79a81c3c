"""The explorer's instructions, with the ranges of :mod:`lstm_viz.model.ranges` written in.

The page's prose says how to use each part of the explorer; every range in it is the model's, so
a change of range changes the words too.
"""

from __future__ import annotations

from lstm_viz.model.formatting import number
from lstm_viz.model.ranges import BIAS_RANGE, C_PREV_RANGE, S_RANGE, WEIGHT_RANGE, X_RANGE
from lstm_viz.model.sequence import MAX_STEPS

__all__ = ["GuideHTML", "guide", "span"]


def span(bounds: tuple[float, float], joined: str = "to") -> str:
    """A range in words with true minus signs: ``−6 to 6``."""
    return f"{number(bounds[0], 'g')} {joined} {number(bounds[1], 'g')}"


class GuideHTML:
    """The list for a notebook cell: Jupyter and myst-nb show its ``text/html``."""

    def __init__(self, markup: str) -> None:
        self.html = markup

    def _repr_html_(self) -> str:
        return self.html


def guide() -> GuideHTML:
    """How to use the one-step figure, its controls and the weights, as a list."""
    items = [
        "A <strong>ringed point</strong> is yours to drag (it snaps to steps of 0.05; hold Shift "
        "for finer ones); a square is what the cell computes from it.",
        "The green ring on the left is the gate input <em>s</em> — the previous STM plus the "
        f"current input (Prev. STM + input). Drag it anywhere from {span(S_RANGE)}.",
        "The purple ring on the right, <em>c</em><sub>t−1</sub>, is the previous LTM. Drag it "
        f"between {span(C_PREV_RANGE, 'and')}.",
        "The middle panel shows the four gates. Drag any of them to <strong>override</strong> "
        "it: the cell then uses your value instead of the one it computed; a dashed circle marks "
        "the value it would have had, and its <strong>Reset</strong> button gives it back.",
        "Under the figure, the working: the new LTM <em>c</em><sub>t</sub> = "
        "<em>f</em>·<em>c</em><sub>t−1</sub> + <em>i</em>·<em>g</em> and the new STM "
        "<em>h</em><sub>t</sub> = <em>o</em>·tanh(<em>c</em><sub>t</sub>) with the cell's "
        "numbers. Point at a number, or Tab to it, to light up its point.",
        "Each gate is a one-neuron layer of <em>s</em> with its own weight <em>w</em> and bias "
        f"<em>b</em> (each from {span(WEIGHT_RANGE)}; biases {span(BIAS_RANGE)}). The book's cell "
        "uses <em>w</em> = 1, <em>b</em> = 0 for all four, so its forget, input and output gates "
        "are always equal; a preset, or the sliders under <em>Weight w and bias b of each "
        "gate</em>, let them disagree.",
        f"The sequence below has up to {MAX_STEPS} inputs, each from {span(X_RANGE)}: at step "
        "<em>t</em> the cell reads <em>s</em><sub>t</sub> = <em>x</em><sub>t</sub> + "
        "<em>h</em><sub>t−1</sub>, from <em>h</em><sub>0</sub> = 0 and the previous LTM you "
        "set. Tap a step (or use <em>Step</em> and <em>Play</em>) to see it in the one-step "
        "figure; a gate you move there is held at that step only, from it on, or at every step, "
        "as you choose.",
        "Every point has a slider too, so the keyboard can do all of it: Tab to a slider and use "
        "the arrow keys (Page Up and Page Down take bigger steps); on a gate you have set, Delete "
        "gives it back to the cell. The address bar keeps the state you have set, so a copied "
        "link opens this page exactly as you left it.",
    ]
    return GuideHTML(
        '<ul class="lstm-explorer-guide">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    )
