"""One model, one grammar: the explorer's script in real Chromium against lstm_viz, on random
states of the whole model (gates held at chosen steps among them) and on the shared tables of
link, number, working and challenge cases."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.model.gates import GATE_RANGES, GATES, Neuron, Weights, step
from lstm_viz.model.ranges import BIAS_RANGE, C_PREV_RANGE, S_RANGE, WEIGHT_RANGE, X_RANGE
from lstm_viz.model.sequence import MAX_STEPS, run_sequence
from tests.shared_cases import (
    CHALLENGE_CASES,
    LINK_CASES,
    LONG_LINK_CASES,
    NUMBER_CASES,
    PLAIN_CASES,
    WORKING_CASES,
)

pytestmark = pytest.mark.browser

PAGE = "book/explorer.html"
FIELDS = ("x", "s", *GATES, "kept", "learned", "ltm", "stm")
STATES = 5_000


def _explorer(visit):
    seen = visit(PAGE)
    seen.page.wait_for_function("() => window.lstmExplorer")
    return seen


def _random_states(rng: np.random.Generator, count: int) -> list[dict]:
    states = []
    for _ in range(count):
        weights = {
            f"{part}_{gate}": float(rng.uniform(*(WEIGHT_RANGE if part == "w" else BIAS_RANGE)))
            for gate in GATES
            for part in "wb"
        }
        steps = int(rng.integers(1, MAX_STEPS + 1))
        over: dict[str, float | list[float | None]] = {
            gate: float(rng.uniform(*GATE_RANGES[gate])) for gate in GATES if rng.random() < 0.25
        }
        for gate in GATES:  # some gates held at some steps only
            if rng.random() < 0.25:
                over[gate] = [
                    float(rng.uniform(*GATE_RANGES[gate])) if rng.random() < 0.5 else None
                    for _ in range(steps)
                ]
        states.append(
            {
                "weights": weights,
                "x": rng.uniform(*X_RANGE, steps).tolist(),
                "c0": float(rng.uniform(*C_PREV_RANGE)),
                "s": float(rng.uniform(*S_RANGE) * rng.choice([1, 5])),  # some past the range
                "over": over,
            }
        )
    return states


def _weights(values: dict[str, float]) -> Weights:
    return Weights(**{g: Neuron(values[f"w_{g}"], values[f"b_{g}"]) for g in GATES})


def test_the_browser_runs_the_cell_as_lstm_viz_does(visit) -> None:
    seen = _explorer(visit)
    states = _random_states(np.random.default_rng(2026), STATES)
    got = seen.page.evaluate(
        """([states, fields]) => states.map(st => {
             const m = lstmExplorer.model;
             const run = m.runSequence(st.weights, st.x, st.c0, st.over);
             const every = Object.fromEntries(
               Object.entries(st.over).filter(([, v]) => !Array.isArray(v)));
             const one = m.step(st.weights, st.s, st.c0, every);
             return {run: fields.map(f => run[f]), one: fields.slice(2).map(f => one[f])};
           })""",
        [states, list(FIELDS)],
    )
    worst_run = worst_step = 0.0
    for st, out in zip(states, got, strict=True):
        weights = _weights(st["weights"])
        run = run_sequence(st["x"], st["c0"], weights=weights, **st["over"])
        for k, name in enumerate(FIELDS):
            worst_run = max(
                worst_run, float(np.max(np.abs(np.array(out["run"][k]) - getattr(run, name))))
            )
        every = {g: v for g, v in st["over"].items() if not isinstance(v, list)}
        cell = step(st["s"], st["c0"], weights=weights, **every)
        for k, name in enumerate(FIELDS[2:]):
            worst_step = max(worst_step, abs(out["one"][k] - float(getattr(cell, name))))
    assert worst_run <= 1e-9, f"the browser's sequence is off by {worst_run:g}"
    assert worst_step <= 1e-9, f"the browser's step is off by {worst_step:g}"
    # The script's model names the same gates, in the same order, as lstm_viz.model.gates.
    assert seen.page.evaluate("lstmExplorer.model.GATES") == list(GATES)
    assert seen.page.evaluate("lstmExplorer.model.FIELDS") == list(FIELDS)
    assert not seen.console_errors and not seen.page_errors


def test_the_browser_reads_and_writes_links_as_the_shared_table_says(visit) -> None:
    seen = _explorer(visit)
    cases = [(*case, False) for case in LINK_CASES] + [(*case, True) for case in LONG_LINK_CASES]
    got = seen.page.evaluate(
        """cases => cases.map(([link]) => {
             const start = performance.now();
             const {values, adjusted, cut} = lstmExplorer.link.readLink(link, lstmExplorer.spec);
             const ms = performance.now() - start;
             return [lstmExplorer.link.writeLink(values, lstmExplorer.spec), adjusted, cut, ms];
           })""",
        cases,
    )
    wrong = [
        (link[:80], canonical[:80], adjusted, out[:3])
        for (link, canonical, adjusted, cut), out in zip(cases, got, strict=True)
        if out[:3] != [canonical, adjusted, cut]
    ]
    assert not wrong, wrong


def test_the_browser_writes_the_working_as_the_shared_table_says(visit) -> None:
    seen = _explorer(visit)
    page = seen.page
    wrong = []
    for link, t, texts in WORKING_CASES:
        page.evaluate("h => { location.hash = h; }", "#" + link)
        page.wait_for_function("h => lstmExplorer.hash() === h", arg="#" + link)
        page.evaluate("t => t === null ? lstmExplorer.select(1, false) : lstmExplorer.select(t)", t)
        got = page.evaluate("lstmExplorer.working.texts()")
        if got != texts:
            wrong.append((link, t, got))
    assert not wrong, wrong


def test_the_browser_checks_the_challenges_as_the_shared_table_says(visit) -> None:
    seen = _explorer(visit)
    got = seen.page.evaluate(
        "cases => cases.map(([key, link]) => lstmExplorer.goals.met(key, link))", CHALLENGE_CASES
    )
    wrong = [case for case, out in zip(CHALLENGE_CASES, got, strict=True) if out is not case[2]]
    assert not wrong, wrong


def test_the_browser_formats_numbers_as_the_shared_table_says(visit) -> None:
    seen = _explorer(visit)
    fmt = seen.page.evaluate(
        "cases => cases.map(([v, d]) => lstmExplorer.format.fmt(v, d))", NUMBER_CASES
    )
    assert fmt == [text for _, _, text in NUMBER_CASES]
    plain = seen.page.evaluate(
        "cases => cases.map(([v]) => lstmExplorer.format.plain(v))", PLAIN_CASES
    )
    assert plain == [text for _, text in PLAIN_CASES]
