"""The cell unrolled over three steps: the LTM line runs straight through, the STM is made anew.

The same cell is drawn once per step. In each, the gate layers (one box here: the σ and tanh layers
of the finished cell) read the previous STM together with that step's input, and touch the LTM
only through one multiplication (forget) and one addition (learn). The new LTM is read out beside
the gates, not into them: squashed, it is multiplied by the output gate into the new STM that the
next step reads. Nothing else lies on the LTM line, which is why a memory — and the training signal
that teaches it — can travel along it over many steps.

Drawn :data:`WIDTH` units wide, a little narrower than the other diagrams, so that on a phone (an
SVG about 330 px wide) even its smallest labels, 15 units high, are at least 11 px.
"""

from __future__ import annotations

from lstm_viz.presentation.diagrams.canvas import HEIGHT, Canvas

__all__ = ["CENTRES", "HEIGHT", "LTM_Y", "READ_Y", "STEPS", "WIDTH", "unrolled"]

#: The drawing's width (its viewBox); its height is the canvas default.
WIDTH = 440

#: How many steps the picture shows.
STEPS = 3
LEFT, RIGHT = 12, WIDTH - 12
LTM_Y, GATES_Y, READ_Y, STM_Y, INPUT_Y = 70, 156, 190, 222, HEIGHT - 26
HALF, GAP = 42, 28  # half a cell's width; the room between two cells, for the memories' labels
#: Where the first cell starts: the memories' names ("LTM c0", about 60 units) end before it.
FIRST = 84
# The centre of each step's cell, and where its parts sit around that centre: every operation and
# layer at least 6 units inside its cell's outline and from each other.
CENTRES = tuple(FIRST + HALF + k * (2 * HALF + GAP) for k in range(STEPS))
FORGET_DX, LEARN_DX, GATES_DX, READ_DX, IN_DX, OUT_DX = -24, 6, -9, 24, -22, 0
LAYER_WIDTH = 54


def _cell(c: Canvas, x: float, k: int) -> None:
    """Step ``k``'s cell centred at ``x``: its outline, the two operations on the LTM line, the
    gate layers, the read-out of the new LTM into the new STM, and the input joining the STM."""
    c.box(x - HALF, LTM_Y - 30, x + HALF, STM_Y + 26, "opened")
    c.text(x, LTM_Y - 40, f"step {k}", "note")
    c.op(x + FORGET_DX, LTM_Y, "×")
    c.op(x + LEARN_DX, LTM_Y, "+")
    c.layer(x + GATES_DX, GATES_Y, "gates", width=LAYER_WIDTH)
    top, bottom = GATES_Y - 14, GATES_Y + 14
    c.path([(x + FORGET_DX, top), (x + FORGET_DX, LTM_Y + 13)], "wire", arrow=True)
    c.path([(x + LEARN_DX, top), (x + LEARN_DX, LTM_Y + 13)], "wire", arrow=True)
    # The new LTM, read out past the gates (which never read it), meets the output gate's share.
    c.op(x + READ_DX, READ_Y, "×")
    c.path([(x + READ_DX, LTM_Y + 2), (x + READ_DX, READ_Y - 13)], "wire", arrow=True)
    c.path(
        [(x + OUT_DX, bottom), (x + OUT_DX, READ_Y), (x + READ_DX - 13, READ_Y)],
        "wire",
        arrow=True,
    )
    c.path([(x + IN_DX, INPUT_Y), (x + IN_DX, STM_Y + 2)], "wire", arrow=True)
    c.text(x + IN_DX, HEIGHT - 8, "x", sub=str(k))


def unrolled(c: Canvas) -> None:
    """Three steps of one cell, side by side, joined by their two memories."""
    c.path([(LEFT, LTM_Y), (RIGHT, LTM_Y)], "ltm", arrow=True)
    c.text(LEFT, LTM_Y - 12, "LTM c", "ltm", anchor="start", sub="0")
    c.text(LEFT, STM_Y - 12, "STM h", "stm", anchor="start", sub="0")
    start = LEFT
    for k, x in enumerate(CENTRES, start=1):
        _cell(c, x, k)
        # The STM so far runs to this cell's gates, joined on the way by the input.
        joined = x + GATES_DX
        c.path([(start, STM_Y), (joined, STM_Y), (joined, GATES_Y + 16)], "stm", arrow=True)
        # The new STM leaves the read-out for the next step.
        start = x + READ_DX
        c.path([(start, READ_Y + 12), (start, STM_Y)], "stm")
        # Each new memory is named just after its cell, clear of the next cell and the arrowheads.
        between = x + HALF + GAP / 2
        c.text(between, LTM_Y - 12, "c", "ltm", sub=str(k))
        c.text(between, STM_Y - 12, "h", "stm", sub=str(k))
    c.path([(start, STM_Y), (RIGHT, STM_Y)], "stm", arrow=True)
