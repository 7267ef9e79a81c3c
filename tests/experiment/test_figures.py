"""The experiment's figures: their traces and frames match the results they were made from, their
panels are stacked, and no colour means two things in one figure."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from lstm_viz.experiment import figures as sf
from lstm_viz.experiment.results import Results, results
from lstm_viz.experiment.review_task import SCORES
from lstm_viz.experiment.runs import MODELS, REGIMES, SEEDS, WEIGHTS
from lstm_viz.experiment.step_through import LINE_CHARACTERS, step_through, word_places
from lstm_viz.model.gates import GATES
from lstm_viz.presentation.embed import bundle_for, figure_html
from lstm_viz.presentation.style import COLOURS


@pytest.fixture(scope="module")
def measured() -> Results:
    return results(WEIGHTS, 20)


@pytest.fixture(scope="module")
def figures(measured) -> dict[str, go.Figure]:
    return {
        "accuracy": sf.accuracy_by_distance(measured),
        "loss": sf.training_loss(measured),
        "reach": sf.gradient_reach(measured),
        "walk": step_through(measured.walk),
    }


def _model_lines(fig: go.Figure) -> list:
    return [t for t in fig.data if t.legendgroup in MODELS]


def test_accuracy_figure_has_one_line_per_run_and_two_baselines(measured, figures) -> None:
    fig = figures["accuracy"]
    lines = _model_lines(fig)
    assert len(lines) == len(measured.measured.accuracy) == len(REGIMES) * len(MODELS) * 5
    keys = [(r, m, s) for r in REGIMES for m in MODELS for s in SEEDS]
    for trace, key in zip(lines, keys, strict=True):
        assert f"seed {key[2]}" in trace.hovertemplate
        np.testing.assert_array_equal(trace.y, measured.measured.accuracy[key])
        assert list(trace.x) == list(measured.measured.distances)
    assert [t.name for t in fig.data if t.showlegend] == [
        *(sf.model_label(m) for m in MODELS),
        *sf.REFERENCE_NAMES.values(),
    ]
    # Only the long-only regime has distances no training review had, and they are shaded.
    assert len([s for s in fig.layout.shapes if s.type == "rect"]) == 1


def test_loss_and_gradient_figures_have_one_line_per_run(measured, figures) -> None:
    loss = _model_lines(figures["loss"])
    assert len(loss) == len(MODELS) * len(SEEDS)
    np.testing.assert_array_equal(loss[0].y, measured.runs[("long", "rnn", 1)].loss)
    assert loss[0].x[-1] == measured.runs[("long", "rnn", 1)].config.steps
    reach = _model_lines(figures["reach"])
    for trace, key in zip(reach, [(m, s) for m in MODELS for s in SEEDS], strict=True):
        np.testing.assert_array_equal(trace.y, measured.reach[key])


def test_every_figure_stacks_its_panels_and_draws_with_the_basic_bundle(figures) -> None:
    for name, fig in figures.items():
        assert bundle_for(fig) == "basic", name
        layout = fig.layout.to_plotly_json()
        domains = [
            v["domain"] for k, v in layout.items() if k.startswith("xaxis") and "domain" in v
        ]
        assert domains and all(d == [0, 1] for d in domains), f"{name}: panels side by side"


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
            meaning = trace.legendgroup or trace.name
            # Baselines are grey, told apart by their dashes: one meaning, "a baseline".
            baseline = trace.line.color == COLOURS["reference"] if trace.type != "bar" else False
            meanings[colour].add("baseline" if baseline else meaning)
        # The RNN's hidden state and its scores are the one model, in the one colour.
        merged = {c: {m.replace(" h<sub>t</sub>", "") for m in ms} for c, ms in meanings.items()}
        assert all(len(ms) == 1 for ms in merged.values()), (name, merged)
    models = next(iter(figures.values()))
    colours = {t.line.color for t in _model_lines(models)}
    assert len(colours) == len(MODELS)


def test_the_words_of_the_step_through_fit_short_lines() -> None:
    words = tuple("the acting was very bad direction was ok but i loved the movie".split())
    places = word_places(words)
    for line in {line for _, line in places}:
        on_line = [(x, w) for (x, ln), w in zip(places, words, strict=True) if ln == line]
        assert on_line[-1][0] + len(on_line[-1][1]) / 2 <= LINE_CHARACTERS
        # one space between neighbours on a line
        for (x0, w0), (x1, w1) in itertools.pairwise(on_line):
            assert x1 - len(w1) / 2 - (x0 + len(w0) / 2) == 1
    assert max(line for _, line in places) >= 1


def test_step_through_has_one_frame_per_word_and_a_slider_over_them(measured, figures) -> None:
    walk, fig = measured.walk, figures["walk"]
    words = len(walk.words)
    traces = 2 + 2 + len(GATES) + 2 + 1  # words, marker, RNN h and scores, gates, c and h, scores
    assert len(fig.data) == traces and len(fig.frames) == words
    slider = fig.layout.sliders[0]
    assert [step.args[0][0] for step in slider.steps] == [f.name for f in fig.frames]
    assert all(step.label == "" for step in slider.steps), "no labels to run together on a phone"
    assert slider.active == words - 1
    play = fig.layout.updatemenus[0].buttons[0]
    assert play.method == "animate" and len(play.args[0]) == words
    for t, frame in enumerate(fig.frames):
        assert list(frame.traces) == list(range(traces))
        # A frame's trace must keep its type, or Plotly redraws the bars as lines.
        assert [trace.type for trace in frame.data] == [trace.type for trace in fig.data]
        read, marker, rnn_h, rnn_scores, *gates, ltm, stm, lstm_scores = frame.data
        assert list(read.text) == list(walk.words[: t + 1])
        assert list(marker.x) == [read.x[-1]]
        np.testing.assert_array_equal(rnn_h.y, walk.rnn_h[t])
        np.testing.assert_array_equal(rnn_scores.y, walk.rnn_scores[t])
        np.testing.assert_array_equal(lstm_scores.y, walk.lstm_scores[t])
        for trace, name in zip(gates, GATES, strict=True):
            np.testing.assert_array_equal(trace.y, walk.lstm[name][t])
        np.testing.assert_array_equal(ltm.y, walk.lstm["ltm"][t])
        np.testing.assert_array_equal(stm.y, walk.lstm["stm"][t])
        assert list(rnn_scores.x) == [f"{s}/5" for s in SCORES]
    # The figure as first drawn is the last frame.
    for k, trace in enumerate(fig.frames[-1].data):
        np.testing.assert_array_equal(np.asarray(fig.data[k].y), np.asarray(trace.y))


def test_the_baked_step_through_carries_its_frames(measured, figures) -> None:
    html = figure_html(figures["walk"], "walk", alt="a step-through")
    spec = json.loads(
        html.split('type="application/json" id="walk-data">')[1].split("</script>")[0]
    )
    assert len(spec["frames"]) == len(measured.walk.words)
    assert spec["layout"]["sliders"][0]["steps"][0]["method"] == "animate"
    assert 'data-plotly-bundle="basic"' in html
    # The JSON is the same every time: no random ids, fixed float formatting.
    again = step_through(measured.walk)
    assert html == figure_html(again, "walk", alt="a step-through")
    assert pio.to_json(again) == pio.to_json(figures["walk"])
