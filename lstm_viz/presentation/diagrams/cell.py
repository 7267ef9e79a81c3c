"""The chapter's four pictures of one cell step, each growing out of the one before.

Every part keeps the place it had in the picture before: the columns below are shared.
"""

from __future__ import annotations

from lstm_viz.presentation.diagrams.canvas import HEIGHT, Canvas

__all__ = ["black_box", "forget_learn", "gates", "how_much_what"]

LTM_Y, MIDDLE_Y, LAYER_Y, STM_Y = 64, 128, 186, 246
LEFT, RIGHT = 12, 448
INPUT_X = 34
# Columns of the finished cell; the earlier pictures put their parts in the same places.
FORGET_X, INPUT_GATE_X, CANDIDATE_X, OUTPUT_GATE_X, READ_X = 128, 204, 272, 330, 396


def _memory_lines(c: Canvas, *, stm_gap: tuple[float, float] | None = None) -> None:
    """The two memories every picture starts from, and the input that joins the STM."""
    c.path([(LEFT, LTM_Y), (RIGHT, LTM_Y)], "ltm", arrow=True)
    c.text(LEFT, LTM_Y - 12, "LTM c", "ltm", anchor="start", sub="t−1")
    c.text(RIGHT, LTM_Y - 12, "c", "ltm", anchor="end", sub="t")
    if stm_gap is None:
        c.path([(LEFT, STM_Y), (RIGHT, STM_Y)], "stm", arrow=True)
    else:  # the STM line passes through a part that changes it
        c.path([(LEFT, STM_Y), (stm_gap[0], STM_Y)], "stm")
        c.path([(stm_gap[1], STM_Y), (RIGHT, STM_Y)], "stm", arrow=True)
    c.text(LEFT, STM_Y - 12, "STM h", "stm", anchor="start", sub="t−1")
    c.text(RIGHT, STM_Y - 12, "h", "stm", anchor="end", sub="t")
    c.path([(INPUT_X, HEIGHT - 26), (INPUT_X, STM_Y + 2)], "wire", arrow=True)
    c.text(INPUT_X, HEIGHT - 8, "input x", sub="t")


def _tap(c: Canvas, x: float, top: float) -> None:
    """A wire from the STM line up to a part whose bottom edge is at ``top``."""
    c.path([(x, STM_Y - 2), (x, top)], "wire", arrow=True)


def black_box(c: Canvas) -> None:
    _memory_lines(c)
    c.box(104, 100, 300, 214, "black")
    middle = (FORGET_X + CANDIDATE_X) / 2
    c.text(middle, 152, "black box", "on-black")
    c.text(middle, 176, "?", "on-black op-sign")
    _tap(c, middle, 214)
    c.path([(middle, 100), (middle, LTM_Y + 2)], "wire", arrow=True)


def forget_learn(c: Canvas) -> None:
    _memory_lines(c)
    c.box(104, 100, 300, 214, "opened")
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
        c.text(FORGET_X - 26, LAYER_Y + 5, "how much", "note", anchor="end")
        c.text(INPUT_GATE_X, LAYER_Y + 31, "how much", "note halo")
        c.text(CANDIDATE_X, LAYER_Y + 31, "what", "note halo")


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
    top = LTM_Y - 22
    c.box(FORGET_X - 24, top, FORGET_X + 24, LAYER_Y + 22, "gate")
    c.box(INPUT_GATE_X - 26, top, CANDIDATE_X + 30, LAYER_Y + 22, "gate")
    c.box(OUTPUT_GATE_X - 26, MIDDLE_Y - 24, READ_X + 30, STM_Y + 22, "gate")
    c.text(FORGET_X, top - 8, "forget gate", "gate-name")
    c.text((INPUT_GATE_X + CANDIDATE_X) / 2 + 2, top - 8, "input gate", "gate-name")
    c.text(OUTPUT_GATE_X - 20, MIDDLE_Y - 6, "output", "gate-name", anchor="start")
    c.text(OUTPUT_GATE_X - 20, MIDDLE_Y + 12, "gate", "gate-name", anchor="start")
