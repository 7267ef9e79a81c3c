"""The chapter's four pictures of one cell step, each growing out of the one before.

Every part keeps the place it had in the picture before: the columns below are shared.
"""

from __future__ import annotations

from lstm_viz.presentation.diagrams.canvas import Canvas

__all__ = ["HEIGHT", "black_box", "forget_learn", "gates", "how_much_what"]

# Rows. Labels sit 14 above their memory line; under each layer there is room for two lines of
# notes before the STM line, and under the output gate for its name: the pictures are taller than
# the canvas's default.
HEIGHT = 336
LTM_Y, MIDDLE_Y, LAYER_Y, STM_Y = 72, 136, 194, 266
LEFT, RIGHT = 12, 448
INPUT_X = 34
# Columns of the finished cell; the earlier pictures put their parts in the same places. They are
# spaced so that the three gate boxes keep 14 apart and clear the labels at both ends.
FORGET_X, INPUT_GATE_X, CANDIDATE_X, OUTPUT_GATE_X, READ_X = 128, 196, 260, 330, 390
# The black box, and the same box opened, around the forget and learn columns.
BOX = (84, LTM_Y + 36, 306, LAYER_Y + 28)
# Gate boxes reach this far beyond the layers, ops and labels they hold.
PAD = 6
LINE = 19  # the line height of two-line notes


def _memory_lines(c: Canvas, *, stm_gap: tuple[float, float] | None = None) -> None:
    """The two memories every picture starts from, and the input that joins the STM."""
    c.resize(height=HEIGHT)
    c.path([(LEFT, LTM_Y), (RIGHT, LTM_Y)], "ltm", arrow=True)
    c.text(LEFT, LTM_Y - 14, "LTM c", "ltm", anchor="start", sub="t−1")
    c.text(RIGHT, LTM_Y - 14, "c", "ltm", anchor="end", sub="t")
    if stm_gap is None:
        c.path([(LEFT, STM_Y), (RIGHT, STM_Y)], "stm", arrow=True)
    else:  # the STM line passes through a part that changes it
        c.path([(LEFT, STM_Y), (stm_gap[0], STM_Y)], "stm")
        c.path([(stm_gap[1], STM_Y), (RIGHT, STM_Y)], "stm", arrow=True)
    c.text(LEFT, STM_Y - 14, "STM h", "stm", anchor="start", sub="t−1")
    c.text(RIGHT, STM_Y - 14, "h", "stm", anchor="end", sub="t")
    c.path([(INPUT_X, c.height - 30), (INPUT_X, STM_Y + 2)], "wire", arrow=True)
    c.text(INPUT_X, c.height - 12, "input x", sub="t")


def _tap(c: Canvas, x: float, top: float) -> None:
    """A wire from the STM line up to a part whose bottom edge is at ``top``."""
    c.path([(x, STM_Y - 2), (x, top)], "wire", arrow=True)


def _note(c: Canvas, x: float, lines: tuple[str, ...]) -> None:
    """A note under a layer, just left of the wire that feeds it, clear of every wire."""
    for n, words in enumerate(lines):
        c.text(x - 7, LAYER_Y + 33 + n * LINE, words, "note", anchor="end")


def black_box(c: Canvas) -> None:
    _memory_lines(c)
    c.box(*BOX, "black")
    middle = (FORGET_X + CANDIDATE_X) / 2
    c.text(middle, BOX[1] + 52, "black box", "on-black")
    c.text(middle, BOX[1] + 80, "?", "on-black op-sign")
    _tap(c, middle, BOX[3])
    c.path([(middle, BOX[1]), (middle, LTM_Y + 2)], "wire", arrow=True)


def forget_learn(c: Canvas) -> None:
    _memory_lines(c)
    c.box(*BOX, "opened")
    for x, word, sign in ((FORGET_X, "forget", "×"), (CANDIDATE_X, "learn", "+")):
        c.op(x, LTM_Y, sign)
        c.layer(x, LAYER_Y - 28, word, width=62)
        c.path([(x, LAYER_Y - 42), (x, LTM_Y + 13)], "wire", arrow=True)
        _tap(c, x, LAYER_Y - 14)


def _forget_and_write(c: Canvas, *, notes: bool) -> None:
    """Forgetting (σ → ×) and learning (σ how much × tanh what → +): the middle of the cell."""
    c.op(FORGET_X, LTM_Y, "×")
    c.op(CANDIDATE_X, LTM_Y, "+")
    c.op(CANDIDATE_X, MIDDLE_Y, "×")
    c.layer(FORGET_X, LAYER_Y, "σ")
    c.layer(INPUT_GATE_X, LAYER_Y, "σ")
    c.layer(CANDIDATE_X, LAYER_Y, "tanh", width=48)
    c.path([(FORGET_X, LAYER_Y - 14), (FORGET_X, LTM_Y + 13)], "wire", arrow=True)
    c.path(
        [(INPUT_GATE_X, LAYER_Y - 14), (INPUT_GATE_X, MIDDLE_Y), (CANDIDATE_X - 13, MIDDLE_Y)],
        "wire",
        arrow=True,
    )
    c.path([(CANDIDATE_X, LAYER_Y - 14), (CANDIDATE_X, MIDDLE_Y + 13)], "wire", arrow=True)
    c.path([(CANDIDATE_X, MIDDLE_Y - 12), (CANDIDATE_X, LTM_Y + 13)], "wire", arrow=True)
    for x in (FORGET_X, INPUT_GATE_X, CANDIDATE_X):
        _tap(c, x, LAYER_Y + 14)
    if notes:
        _note(c, FORGET_X, ("how much",))  # one line: a second would meet the STM's label
        _note(c, INPUT_GATE_X, ("how", "much"))  # two lines: one is wider than the columns' gap
        _note(c, CANDIDATE_X, ("what",))


def how_much_what(c: Canvas) -> None:
    _memory_lines(c, stm_gap=(READ_X - 28, READ_X + 28))
    _forget_and_write(c, notes=True)
    c.layer(READ_X, STM_Y, "adjust", width=56)
    c.path([(READ_X, LTM_Y + 2), (READ_X, STM_Y - 16)], "wire", arrow=True)


def gates(c: Canvas) -> None:
    _memory_lines(c, stm_gap=(OUTPUT_GATE_X - 20, READ_X + 12))
    _forget_and_write(c, notes=False)
    c.layer(OUTPUT_GATE_X, STM_Y, "σ")
    c.path([(OUTPUT_GATE_X + 20, STM_Y), (READ_X - 13, STM_Y)], "wire", arrow=True)
    c.op(READ_X, STM_Y, "×")
    c.layer(READ_X, MIDDLE_Y, "tanh", width=48)
    c.path([(READ_X, LTM_Y + 2), (READ_X, MIDDLE_Y - 16)], "wire", arrow=True)
    c.path([(READ_X, MIDDLE_Y + 14), (READ_X, STM_Y - 13)], "wire", arrow=True)
    top, bottom = LTM_Y - 22, LAYER_Y + 14 + PAD
    forget = (FORGET_X - 20 - PAD, FORGET_X + 20 + PAD)
    write = (INPUT_GATE_X - 20 - PAD, CANDIDATE_X + 24 + PAD)
    read = (OUTPUT_GATE_X - 20 - PAD, READ_X + 24 + PAD)
    c.box(forget[0], top, forget[1], bottom, "gate")
    c.box(write[0], top, write[1], bottom, "gate")
    c.box(read[0], MIDDLE_Y - 24, read[1], STM_Y + 14 + PAD, "gate")
    # Names above the forget and input gates, under the output gate. The input gate's name sits
    # right of its box's centre, to keep clear of the forget gate's.
    c.text(FORGET_X, top - 16, "forget gate", "gate-name")
    c.text(sum(write) / 2 + 10, top - 16, "input gate", "gate-name")
    c.text(sum(read) / 2, STM_Y + 14 + PAD + 23, "output gate", "gate-name")
