"""The explorer's controls as HTML, drawn at build time at the opening state.

Every quantity the reader can set has a native slider (keyboard and screen readers get them for
free), its range and value from :mod:`lstm_viz.presentation.explorer.state`; the script only
listens and updates.
Values beside the sliders are hidden from screen readers (each slider says its value itself);
the results are a description list whose values are named by their terms; the one polite live
region is the summary sentence (plus the copy button's status).
"""

from __future__ import annotations

from lstm_viz.model.formatting import number
from lstm_viz.model.gates import GATES, Gates
from lstm_viz.model.presets import PRESETS, original_table_fit
from lstm_viz.model.sequence import Trajectory
from lstm_viz.model.table import Band, band_of
from lstm_viz.presentation.escaping import escape
from lstm_viz.presentation.explorer.state import DECIMALS, RANGES, state_hash, values_of

__all__ = [
    "READOUT_PLACES",
    "STEPS",
    "band_bounds",
    "cell_controls",
    "sequence_controls",
    "slider",
    "weight_controls",
]

#: How far one arrow key moves each kind of quantity.
STEPS = {"s": 0.1, "c_prev": 0.1, "gate": 0.01, "weight": 0.1, "x": 0.1}
RESULTS = ("kept", "learned", "ltm", "stm")
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


def cell_controls(
    ident: str, s: float, c_prev: float, cell: Gates, names: dict[str, str], book: bool
) -> str:
    """Band line, the inputs, the gates (with Reset), the results and the link buttons."""
    band = band_of(s)
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
    results = "".join(
        f'<div class="lstm-explorer-result q-{key}"><dt id="{ident}-r-{key}">'
        f'<span class="lstm-explorer-swatch is-computed" aria-hidden="true"></span>'
        f"{escape(names[key])}</dt>"
        f'<dd data-result="{key}" aria-labelledby="{ident}-r-{key}">'
        f"{number(float(getattr(cell, key)), '.3f')}</dd></div>"
        for key in RESULTS
    )
    return (
        f'<div class="lstm-explorer-controls lstm-explorer-panel" role="group" '
        f'aria-label="Controls of the one-step cell">'
        f'<p class="lstm-explorer-band">Row of the behaviour table: '
        f"<strong data-band-name>{escape(band.name)}</strong> "
        f"<span data-band-bounds>({escape(band_bounds(band))})</span>"
        f'<span class="lstm-explorer-weights-note"{"" if not book else " hidden"}> — the table '
        f"describes the book's cell (w = 1, b = 0 for every gate); your weights differ.</span></p>"
        f'<fieldset class="lstm-explorer-group lstm-explorer-inputs"><legend>What goes in</legend>'
        f"{slider(ident, 's', names['s'], s, 'stm-prev')}"
        f"{slider(ident, 'c_prev', names['c_prev'], c_prev, 'ltm-prev')}</fieldset>"
        f'<fieldset class="lstm-explorer-group lstm-explorer-gates">'
        f"<legend>The gates (move one to override it)</legend>{gates}</fieldset>"
        f'<div class="lstm-explorer-group lstm-explorer-results" role="group" '
        f'aria-labelledby="{ident}-results"><p class="lstm-explorer-heading" id="{ident}-results">'
        f"What comes out</p><dl>{results}</dl></div>"
        f'<div class="lstm-explorer-actions">'
        f'<button type="button" class="lstm-explorer-button" data-action="copy">Copy link to this '
        f"state</button>"
        f'<button type="button" class="lstm-explorer-button" data-action="reset">Reset all</button>'
        f'<span class="lstm-explorer-copied" role="status"></span>'
        f'<input type="text" readonly class="lstm-explorer-link" aria-label="Link to this state" '
        f"hidden></div></div>"
    )


def _preset_links() -> str:
    items = []
    for preset in PRESETS.values():
        link = state_hash(**values_of(preset.weights))
        items.append(
            f'<li><a class="lstm-explorer-preset" href="{escape(link)}" '
            f'data-preset="{preset.key}">{escape(preset.name)}</a> '
            f"<span>{escape(preset.about)}</span></li>"
        )
    return "".join(items)


def fit_note() -> str:
    """What the page says of the fit to the original's table, every number computed."""
    fit = original_table_fit()
    if fit.exact:
        return "These weights reproduce the original's table exactly."
    return (
        "No weights reproduce the original's table exactly (a sigmoid reaches neither 0 nor 1); "
        "these come closest, and still miss one of its eight numbers by "
        f"{number(fit.mismatch)}."
    )


def weight_controls(ident: str, values: dict[str, float], names: dict[str, str]) -> str:
    """The presets (each a link, applied with one click) and the eight weight and bias sliders."""
    rows = []
    for gate in GATES:
        for part, word in (("w", "weight"), ("b", "bias")):
            name = f"{part}_{gate}"
            symbol = f"{part}_{names[gate].split()[-1]}"
            rows.append(slider(ident, name, f"{names[gate]}: {word} {symbol}", values[name], gate))
    return (
        f'<div class="lstm-explorer-controls lstm-explorer-weights" role="group" '
        f'aria-labelledby="{ident}-weights">'
        f'<p class="lstm-explorer-heading" id="{ident}-weights">Weights: presets</p>'
        f'<ul class="lstm-explorer-presets">{_preset_links()}</ul>'
        f'<p class="lstm-explorer-fit">{escape(fit_note())}</p>'
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
