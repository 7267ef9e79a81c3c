"""The explorer's controls as HTML, drawn at build time at the opening state.

Every quantity the reader can set has a native slider (keyboard and screen readers get them for
free), its range and value from :mod:`lstm_viz.presentation.explorer.state`; the script only
listens and updates.
Values beside the sliders are hidden from screen readers (each slider says its value itself);
the results are a description list whose values are named by their terms; the one polite live
region is the summary sentence (plus the copy button's status).
"""

from __future__ import annotations

from lstm_viz.model.claims import CLAIMS
from lstm_viz.model.formatting import number
from lstm_viz.model.gates import GATES, Gates
from lstm_viz.model.presets import PRESETS, original_table_fit
from lstm_viz.model.sequence import Trajectory
from lstm_viz.model.table import Band, band_of
from lstm_viz.presentation.escaping import escape
from lstm_viz.presentation.explorer.grammar import DECIMALS, RANGES
from lstm_viz.presentation.explorer.state import state_hash, values_of

__all__ = [
    "DRAG_SNAP",
    "READOUT_PLACES",
    "STEPS",
    "band_bounds",
    "band_line",
    "cell_controls",
    "fit_note",
    "preset_about",
    "sequence_controls",
    "slider",
    "step_view",
    "weight_controls",
]

#: How far one arrow key moves each kind of quantity: finer than a drag, which snaps to
#: multiples of DRAG_SNAP (hold Shift or Alt for the finest steps).
STEPS = {"s": 0.01, "c_prev": 0.01, "gate": 0.01, "weight": 0.1, "x": 0.01}
DRAG_SNAP = 0.05
#: Places a readout shows at most (a quantity held to fewer shows all of its own).
READOUT_PLACES = 3


def _step(name: str) -> float:
    if name in GATES:
        return STEPS["gate"]
    if name[:2] in ("w_", "b_"):
        return STEPS["weight"]
    return STEPS[name]


def _value_text(name: str, value: float) -> str:
    return number(value, f".{min(DECIMALS.get(name, READOUT_PLACES), READOUT_PLACES)}f")


def slider(
    ident: str,
    name: str,
    label: str,
    value: float,
    colour: str | None = None,
    *,
    bounds: tuple[float, float] | None = None,
    step: float | None = None,
    extra: str = "",
    described_by: str | None = None,
    text: str | None = None,
) -> str:
    """One row: a swatch and label, the slider, and its value (hidden from screen readers)."""
    low, high = bounds or RANGES[name]
    text = text or _value_text(name, value)
    described = f' aria-describedby="{described_by}"' if described_by else ""
    swatch = (
        f'<span class="lstm-explorer-swatch q-{colour}" aria-hidden="true"></span>'
        if colour
        else ""
    )
    step = step if step is not None else _step(name)
    return (
        f'<div class="lstm-explorer-row" data-quantity="{name}">'
        f'<label for="{ident}-{name}" class="lstm-explorer-label">{swatch}'
        f"<span>{escape(label)}</span></label>"
        f'<input type="range" id="{ident}-{name}" data-quantity="{name}"{described} min="{low:g}" '
        f'max="{high:g}" step="{step:g}" value="{value!r}" aria-valuetext="{text}">'
        f'<span class="lstm-explorer-value" aria-hidden="true">{text}</span>{extra}</div>'
    )


def band_bounds(band: Band) -> str:
    """A band's bounds in words, as the script writes them: ``0 ≤ s < 2``."""
    if band.high == float("inf"):
        return f"s ≥ {number(band.low, '.0f')}"
    if band.low == float("-inf"):
        return f"s < {number(band.high, '.0f')}"
    return f"{number(band.low, '.0f')} ≤ s < {number(band.high, '.0f')}"


def band_line(s: float, book: bool = True) -> str:
    """The row of the behaviour table the gate input s is in (and whether the table, which
    describes the book's cell, applies to the weights the cell has)."""
    band = band_of(s)
    return (
        f'<p class="lstm-explorer-band">Row of the behaviour table: '
        f"<strong data-band-name>{escape(band.name)}</strong> "
        f"<span data-band-bounds>({escape(band_bounds(band))})</span>"
        f'<span class="lstm-explorer-weights-note"{" hidden" if book else ""}> — the table '
        f"describes the book's cell (w = 1, b = 0 for every gate); your weights differ.</span></p>"
    )


def cell_controls(ident: str, s: float, c_prev: float, cell: Gates, names: dict[str, str]) -> str:
    """A slider for every point of the one-step figure (the gates with Reset), and the link and
    Reset-all buttons."""
    gates = "".join(
        slider(
            ident,
            gate,
            names[gate],
            float(getattr(cell, gate)),
            gate,
            extra=(
                f'<button type="button" class="lstm-explorer-reset" data-reset="{gate}" disabled '
                f'aria-label="Reset the {escape(names[gate])} to its computed value">Reset'
                f'</button><span class="lstm-explorer-status" id="{ident}-{gate}-status"></span>'
            ),
            described_by=f"{ident}-{gate}-status",
        )
        for gate in GATES
    )
    return (
        f'<div class="lstm-explorer-controls lstm-explorer-panel" role="group" '
        f'aria-label="Controls of the one-step cell">'
        f'<fieldset class="lstm-explorer-group lstm-explorer-inputs"><legend>What goes in</legend>'
        f"{slider(ident, 's', names['s'], s, 'stm-prev')}"
        f"{slider(ident, 'c_prev', names['c_prev'], c_prev, 'ltm-prev')}</fieldset>"
        f'<fieldset class="lstm-explorer-group lstm-explorer-gates">'
        f"<legend>The gates (move one to override it)</legend>{gates}</fieldset>"
        f'<div class="lstm-explorer-actions">'
        f'<button type="button" class="lstm-explorer-button" data-action="copy">Copy link to this '
        f"state</button>"
        f'<button type="button" class="lstm-explorer-button" data-action="reset">Reset all</button>'
        f'<span class="lstm-explorer-copied" role="status"></span>'
        f'<input type="text" readonly class="lstm-explorer-link" aria-label="Link to this state" '
        f"hidden></div></div>"
    )


def step_view(ident: str) -> str:
    """Which cell the one-step figure shows — the reader's own s and c, or a step of the sequence
    — with the buttons that walk through the sequence, the way back, and where a gate moved in a
    step is held."""
    holds = (("step", "at this step"), ("after", "from this step on"), ("every", "at every step"))
    radios = "".join(
        f'<label><input type="radio" name="{ident}-hold" value="{value}"'
        f"{' checked' if value == 'step' else ''}> {words}</label>"
        for value, words in holds
    )
    return (
        f'<div class="lstm-explorer-view" role="group" aria-labelledby="{ident}-view-words">'
        f'<p class="lstm-explorer-view-words" id="{ident}-view-words">'
        '<span data-view="own">The one-step figure shows <strong>your own <i>s</i> and '
        "<i>c</i></strong>. Tap a step of the sequence below to see it there.</span>"
        '<span data-view="step" hidden>The one-step figure shows <strong>step '
        "<span data-view-t>1</span></strong> of the sequence below: its gate input "
        "<i>s</i><sub>t</sub> = <i>x</i><sub>t</sub> + <i>h</i><sub>t−1</sub> and the LTM "
        "<i>c</i><sub>t−1</sub> that the steps before left.</span></p>"
        '<div class="lstm-explorer-actions">'
        '<button type="button" class="lstm-explorer-button" data-action="prev">◀ Step back'
        "</button>"
        '<button type="button" class="lstm-explorer-button" data-action="play" '
        'aria-pressed="false">Play</button>'
        '<button type="button" class="lstm-explorer-button" data-action="next">Step ▶</button>'
        '<button type="button" class="lstm-explorer-button" data-action="own" disabled>Back to '
        "your own <i>s</i> and <i>c</i></button></div>"
        f'<fieldset class="lstm-explorer-hold"><legend>A gate you move in a step is held'
        f"</legend>{radios}</fieldset></div>"
    )


def _preset_links() -> str:
    items = []
    for preset in PRESETS.values():
        link = state_hash(**values_of(preset.weights))
        items.append(
            f'<li><a class="lstm-explorer-preset" href="{escape(link)}" '
            f'data-preset="{preset.key}">{escape(preset.name)}</a></li>'
        )
    return "".join(items)


def fit_note() -> str:
    """What the page says of the fit to the original's table: the chapter's claim
    ``untied-weights-come-close``, checked, with the largest gap computed."""
    fit = original_table_fit()
    if fit.exact:
        return "These weights reproduce the original's table exactly."
    close = CLAIMS["untied-weights-come-close"].holds()
    within = "within a hundredth of every entry" if close else "as close as any weights can"
    return (
        "No weights reproduce the original's table exactly (a sigmoid reaches neither 0 nor 1); "
        f"these come {within}: the largest gap is {number(fit.mismatch, '.4f')}."
    )


def preset_about() -> dict[str, str]:
    """What the page says of each preset when it is chosen."""
    about = {key: preset.about for key, preset in PRESETS.items()}
    about["original-table"] += " " + fit_note()
    return about


def weight_controls(ident: str, values: dict[str, float], names: dict[str, str]) -> str:
    """The presets (each a link, applied with one click), what the chosen one does, and the
    eight weight and bias sliders in a disclosure."""
    rows = []
    for gate in GATES:
        for part, word in (("w", "weight"), ("b", "bias")):
            name = f"{part}_{gate}"
            symbol = f"{part}_{names[gate].split()[-1]}"
            rows.append(slider(ident, name, f"{names[gate]}: {word} {symbol}", values[name], gate))
    return (
        f'<div class="lstm-explorer-controls lstm-explorer-weights" role="group" '
        f'aria-labelledby="{ident}-weights">'
        f'<p class="lstm-explorer-heading" id="{ident}-weights">Weights</p>'
        f'<ul class="lstm-explorer-presets">{_preset_links()}</ul>'
        f'<p class="lstm-explorer-preset-about" data-preset-about>'
        f"{escape(preset_about()['book'])}</p>"
        f'<details class="lstm-explorer-weight-sliders"><summary>Weight w and bias b of each '
        f'gate</summary><div class="lstm-explorer-weight-grid">{"".join(rows)}</div></details>'
        "</div>"
    )


def sequence_controls(ident: str, run: Trajectory, selected: int) -> str:
    """The selected step and its input, and the buttons that add and remove steps."""
    steps = len(run)
    return (
        '<div class="lstm-explorer-controls lstm-explorer-sequence-controls" role="group" '
        'aria-label="Controls of the sequence">'
        + slider(
            ident,
            "t",
            "step t",
            selected,
            bounds=(1, steps),
            step=1,
            text=f"{selected} of {steps}",
        )
        + slider(ident, "x", "input x_t at that step", float(run.x[selected - 1]), None)
        + '<div class="lstm-explorer-actions">'
        '<button type="button" class="lstm-explorer-button" data-action="add">Add a step</button>'
        '<button type="button" class="lstm-explorer-button" data-action="remove">Remove the last '
        "step</button></div></div>"
    )
