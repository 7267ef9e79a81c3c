"""The experiment's figures: their traces match the results they were made from, their panels are
stacked (but for the accuracy figure's two regimes), and no colour means two things in a figure."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from lstm_viz.experiment import figures as sf
from lstm_viz.experiment.reader import view
from lstm_viz.experiment.results import Results, results
from lstm_viz.experiment.review_task import SCORES, STRETCHED_SENTENCE
from lstm_viz.experiment.runs import MODELS, REGIMES, SEEDS
from lstm_viz.experiment.step_through import SELECTED, TRACES, step_through
from lstm_viz.experiment.weights import WEIGHTS
from lstm_viz.presentation.embed import bundle_for, figure_html
from lstm_viz.presentation.style import COLOURS
from tests.presentation.legibility import colour_problems, trace_colours


@pytest.fixture(scope="module")
def measured() -> Results:
    return results(WEIGHTS, 20)


@pytest.fixture(scope="module")
def figures(measured) -> dict[str, go.Figure]:
    return {
        "accuracy": sf.accuracy_by_distance(measured),
        "loss": sf.training_loss(measured),
        "reach": sf.gradient_reach(measured),
        "walk": step_through(
            view(STRETCHED_SENTENCE, measured.readers["rnn"], measured.readers["lstm"]),
            measured.units,
        ),
    }


def _model_lines(fig: go.Figure) -> list:
    return [t for t in fig.data if t.legendgroup in MODELS]


def test_accuracy_figure_draws_or_counts_every_run_once(measured, figures) -> None:
    """Each run is a line of its own or counted in one (×k), in its model's and regime's panel,
    and the lines of one group lie within the pixels that would hide one under another."""
    fig = figures["accuracy"]
    lines = [t for t in fig.data if t.legendgroup in MODELS]
    drawn = [run for t in lines for run in t.meta]
    keys = [f"{r}/{m}/{s}" for r in REGIMES for m in MODELS for s in SEEDS]
    assert sorted(drawn) == sorted(keys) and len(drawn) == len(set(drawn))
    counts = [a.text for a in fig.layout.annotations if a.name == "runs-on-one-line"]
    assert sorted(counts) == sorted(f"×{len(t.meta)}" for t in lines if len(t.meta) > 1)
    for trace in lines:
        regime, model, _ = trace.meta[0].split("/")
        assert {run.split("/")[:2] == [regime, model] for run in trace.meta} == {True}
        for run in trace.meta:
            seed = int(run.rsplit("/", 1)[1])
            y = measured.measured.accuracy[(regime, model, seed)]
            assert np.max(np.abs(np.asarray(trace.y) - y)) < 0.03, run
        assert trace.line.color == COLOURS[model]
        assert list(trace.x) == list(measured.measured.distances)
    # Only the long-only column has distances no training review had, and they are shaded.
    assert len([s for s in fig.layout.shapes if s.type == "rect"]) == len(MODELS)


def test_coinciding_groups_lines_within_the_tolerance_only() -> None:
    curves = {1: np.array([1.0, 1.0]), 2: np.array([0.5, 0.6]), 3: np.array([0.99, 1.0]),
              4: np.array([0.5, 0.7])}  # fmt: skip
    assert sf.coinciding(curves, 0.02) == [[1, 3], [2], [4]]
    assert sf.coinciding(curves, 0.2) == [[1, 3], [2, 4]]
    assert sf.coinciding(curves, 0.0) == [[1], [2], [3], [4]]


def test_loss_and_gradient_figures_have_one_line_per_run(measured, figures) -> None:
    loss = _model_lines(figures["loss"])
    assert len(loss) == len(MODELS) * len(SEEDS)
    np.testing.assert_array_equal(loss[0].y, measured.runs[("long", "rnn", 1)].loss)
    assert loss[0].x[-1] == measured.runs[("long", "rnn", 1)].config.steps
    reach = _model_lines(figures["reach"])
    for trace, key in zip(reach, [(m, s) for m in MODELS for s in SEEDS], strict=True):
        np.testing.assert_array_equal(trace.y, measured.reach[key])


def test_every_figure_stacks_its_panels_and_draws_with_the_basic_bundle(figures) -> None:
    """Panels are stacked: only the accuracy figure has two columns, its two regimes."""
    for name, fig in figures.items():
        assert bundle_for(fig) == "basic", name
        layout = fig.layout.to_plotly_json()
        domains = {
            tuple(v["domain"]) for k, v in layout.items() if k.startswith("xaxis") and "domain" in v
        }
        assert len(domains) == (len(REGIMES) if name == "accuracy" else 1), name


def test_the_experiments_figures_are_legible(figures) -> None:
    """Lines and bars at 3:1 on both pages; no two meanings in look-alike colours. Models that
    share a panel differ in dash too, so the LSTM pair and the RNN pair may be akin; baselines are
    all one grey, told apart by their dashes and left out of the comparison."""
    akin = {("rnn", "rnn-matched"), ("lstm", "lstm-bias0")}
    for name, fig in figures.items():
        assert not [p for p in colour_problems(fig) if ":1 on" in p], name
        models = go.Figure(fig.to_dict())  # a copy: the module's figures stay as they are
        models.data = [t for t in models.data if COLOURS["reference"] not in trace_colours(t)]
        for trace in models.data:  # the step-through's traces: one model each
            if isinstance(trace.meta, str):
                trace.legendgroup = trace.meta.split("-")[0]
        problems = [
            p for p in colour_problems(models)
            if not any(f"{a} and {b} look alike" in p for a, b in akin)
        ]  # fmt: skip
        assert not problems, (name, problems)


def test_no_colour_means_two_things_in_one_figure(figures) -> None:
    for name, fig in figures.items():
        meanings = defaultdict(set)
        for trace in fig.data:
            if trace.type == "bar":
                colour = trace.marker.color
            elif trace.mode and "lines" in trace.mode:
                colour = trace.line.color
            else:
                continue  # the step-through's words and marker: text, in the page's colour
            # The step-through names its traces "rnn-stm", "lstm-probs", …: one model each.
            meaning = trace.meta.split("-")[0] if isinstance(trace.meta, str) else None
            meaning = meaning or trace.legendgroup or trace.name
            # Baselines are grey, told apart by their dashes: one meaning, "a baseline".
            baseline = trace.line.color == COLOURS["reference"] if trace.type != "bar" else False
            meanings[colour].add("baseline" if baseline else meaning)
        assert all(len(ms) == 1 for ms in meanings.values()), (name, meanings)
    models = next(iter(figures.values()))
    colours = {t.line.color for t in _model_lines(models)}
    assert len(colours) == len(MODELS)


def test_the_step_through_follows_the_units_that_keep_the_opinion(measured, figures) -> None:
    fig, units = figures["walk"], measured.units
    shown = view(STRETCHED_SENTENCE, measured.readers["rnn"], measured.readers["lstm"])
    traces = {t.meta: t for t in fig.data}
    assert list(traces) == list(TRACES)
    assert shown.lstm.c is not None and shown.lstm_swapped.c is not None
    np.testing.assert_array_equal(traces["lstm-ltm"].y, shown.lstm.c[:, units["lstm"]])
    np.testing.assert_array_equal(
        traces["lstm-ltm-swapped"].y, shown.lstm_swapped.c[:, units["lstm"]]
    )
    np.testing.assert_array_equal(traces["rnn-stm"].y, shown.rnn.h[:, units["rnn"]])
    np.testing.assert_array_equal(traces["rnn-probs"].y, shown.rnn.probs[-1])
    np.testing.assert_array_equal(traces["lstm-probs"].y, shown.lstm.probs[-1])
    assert list(traces["rnn-probs"].x) == [f"{s}/5" for s in SCORES]
    assert list(traces["lstm-ltm"].text) == list(shown.words)
    lines = [s for s in fig.layout.shapes if s.name == SELECTED]
    assert [s.x0 for s in lines] == [len(shown.words)] * 2
    # The walk of the page's claims is this very reading.
    np.testing.assert_array_equal(shown.lstm.c, measured.walk.lstm["ltm"])
    assert f"LSTM unit {units['lstm'] + 1}" in fig.layout.annotations[0].text


def test_the_step_through_moves_to_the_chosen_word(measured) -> None:
    shown = view(STRETCHED_SENTENCE, measured.readers["rnn"], measured.readers["lstm"])
    fig = step_through(shown, measured.units, 3)
    assert [s.x0 for s in fig.layout.shapes if s.name == SELECTED] == [3, 3]
    np.testing.assert_array_equal(fig.data[-1].y, shown.lstm.probs[2])
    with pytest.raises(ValueError, match="chosen must be a word of the review"):
        step_through(shown, measured.units, 0)
    empty = step_through(
        view("", measured.readers["rnn"], measured.readers["lstm"]), {"rnn": 0, "lstm": 0}
    )
    assert not any(s.visible for s in empty.layout.shapes if s.name == SELECTED)
    assert list(empty.data[-1].y) == [0.0] * len(SCORES)


def test_the_baked_step_through_is_the_same_every_time(measured, figures) -> None:
    html = figure_html(figures["walk"], "walk", alt="a step-through")
    assert 'data-plotly-bundle="basic"' in html
    shown = view(STRETCHED_SENTENCE, measured.readers["rnn"], measured.readers["lstm"])
    again = step_through(shown, measured.units)
    assert html == figure_html(again, "walk", alt="a step-through")
    assert pio.to_json(again) == pio.to_json(figures["walk"])
