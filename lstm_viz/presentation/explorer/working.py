"""The working beside the one-step figure: the cell's equations with the live numbers put in.

    c_t = f·c_t−1 + i·g = 0.62 × 1.00 + 0.62 × 0.46 = 0.91
    h_t = o·tanh(c_t) = 0.62 × tanh(0.91) = 0.45
    s_t = x_t + h_t−1 = 0.00 + 0.45 = 0.45            (a step of the sequence only)

Each number is a term (``data-term``: the quantity it is) that lights up its point in the figure
when hovered or focused. The script (``static/explorer/working.js``) writes the same text as
:func:`term_text` here; ``tests/shared_cases.py`` holds the cases both are checked against. A
question's answer shows its working the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from lstm_viz.model.formatting import number

__all__ = ["EQUATIONS", "PLACES", "subscripts", "term_text", "working_html"]

#: Places every number of the working is written to.
PLACES = 2
#: The terms a second factor (c_t−1, g) that is put in parentheses when negative.
FACTORS = frozenset({"c_prev", "candidate"})
#: Each equation: its symbols (HTML, ``{t}`` and ``{p}`` the step and the one before), then its
#: terms and the words between them.
EQUATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ltm": (
        "<i>c</i>{t} = <i>f</i>·<i>c</i>{p} + <i>i</i>·<i>g</i>",
        ("forget", " × ", "c_prev", " + ", "input", " × ", "candidate", " = ", "ltm"),
    ),
    "stm": (
        "<i>h</i>{t} = <i>o</i>·tanh(<i>c</i>{t})",
        ("output", " × tanh(", "ltm", ") = ", "stm"),
    ),
    "s": (
        "<i>s</i>{t} = <i>x</i>{t} + <i>h</i>{p}",
        ("x", " + ", "h_prev", " = ", "s"),
    ),
}


def term_text(key: str, value: float) -> str:
    """A number of the working: two places, a true minus sign, and a negative second factor in
    parentheses (``0.62 × (−1.00)``)."""
    text = number(value, f".{PLACES}f")
    return f"({text})" if key in FACTORS and text.startswith("−") else text


def subscripts(step: int | None) -> tuple[str, str]:
    """The subscripts of a step and the one before: ``t`` and ``t−1``, or ``3`` and ``2``."""
    return ("t", "t−1") if step is None else (str(step), str(step - 1))


def _equation(name: str, values: Mapping[str, float], step: int | None, focus: bool) -> str:
    """One equation in three pieces that each stay on one line (the symbols, the numbers, the
    result), so that a narrow page breaks it only between them."""
    symbols, parts = EQUATIONS[name]
    t, p = subscripts(step)
    sub = '<sub data-sub="{}">{}</sub>'
    head = symbols.format(t=sub.format("t", t), p=sub.format("p", p))
    body = []
    for k, part in enumerate(parts):
        if k % 2:
            body.append(part)
            continue
        tab = f' tabindex="{0 if not body else -1}"' if focus else ""
        body.append(
            f'<span class="lstm-explorer-term" data-term="{part}"{tab}>'
            f"{term_text(part, values[part])}</span>"
        )
    closing, _, _ = body[-2].rpartition(" = ")  # what closes the numbers, e.g. ")" of tanh(…)
    numbers = "".join(body[:-2]) + closing
    pieces = (head, f"= {numbers}", f"= {body[-1]}")
    # Kept in the layout while the figure shows the reader's own cell, so that showing a step
    # moves nothing on the page.
    off = " is-off" if name == "s" and step is None else ""
    return (
        f'<p class="lstm-explorer-eq{off}" data-eq="{name}">'
        + " ".join(f'<span class="lstm-explorer-piece">{piece}</span>' for piece in pieces)
        + "</p>"
    )


def working_html(
    values: Mapping[str, float], step: int | None = None, ident: str | None = None
) -> str:
    """The working at one cell: ``values`` holds s, c_prev, the gates, ltm and stm (and, for a
    step of the sequence, x and h_prev). With ``ident`` it is the live working the script updates
    (its terms focusable, the first one a tab stop); without, a question's answer."""
    if step is None:
        values = {"x": 0.0, "h_prev": 0.0, **values}
    names = EQUATIONS if ident or step is not None else ("ltm", "stm")
    lines = "".join(_equation(name, values, step, focus=ident is not None) for name in names)
    if ident is None:
        return f'<div class="lstm-explorer-working is-answer">{lines}</div>'
    return (
        f'<div class="lstm-explorer-working" id="{ident}" role="group" '
        'aria-label="The working: the cell\'s equations with its numbers">'
        f"{lines}</div>"
    )
