"""The experiment's figures: their traces and frames match the data they were made from."""

from __future__ import annotations

import json

import numpy as np
import plotly.io as pio
import pytest

from lstm_viz.experiment import figures as sf
from lstm_viz.experiment import runs as ex
from lstm_viz.experiment.review_task import CHAPTER_SENTENCE, SCORES, parse
from lstm_viz.presentation.embed import bundle_for, figure_html


@pytest.fixture(scope="module")
def runs() -> dict:
    return ex.load()


@pytest.fixture(scope="module")
def measured(runs) -> ex.Measured:
    return ex.measure(runs, ex.test_set(20))


@pytest.fixture(scope="module")
def walk(runs) -> ex.Walk:
    return ex.walk(
        runs[("long", "rnn", 1)].model, runs[("long", "lstm", 1)].model, parse(CHAPTER_SENTENCE)
    )


def test_accuracy_figure_has_one_line_per_run_and_two_baselines(measured) -> None:
    fig = sf.accuracy_by_distance(measured)
    per_panel = 2 * len(ex.SEEDS) + 2
    assert len(fig.data) == len(ex.REGIMES) * per_panel
    assert bundle_for(fig) == "basic"
    lines = [t for t in fig.data if t.legendgroup in ("rnn", "lstm")]
    assert len(lines) == len(measured.accuracy)
    for trace, (key, acc) in zip(lines, measured.accuracy.items(), strict=True):
        assert f"seed {key[2]}" in trace.hovertemplate
        np.testing.assert_array_equal(trace.y, acc)
        assert list(trace.x) == list(measured.distances)
    assert [t.name for t in fig.data if t.showlegend] == [
        "RNN, 5 seeds",
        "LSTM, 5 seeds",
        "best from the verdict alone",
        "best single score",
    ]
    # Only the long-only regime has distances no training review had, and they are shaded.
    assert len([s for s in fig.layout.shapes if s.type == "rect"]) == 1


def test_loss_figure_has_one_line_per_run(runs) -> None:
    fig = sf.training_loss(runs)
    assert len(fig.data) == len(ex.REGIMES) * (2 * len(ex.SEEDS) + 2)
    assert bundle_for(fig) == "basic"
    first = fig.data[0]
    np.testing.assert_array_equal(first.y, runs[("every", "rnn", 1)].loss)
    assert first.x[-1] == ex.BASE.steps
    assert fig.data[10].y[0] == pytest.approx(np.log(2))


def test_step_through_has_one_frame_per_word_and_a_slider_over_them(walk) -> None:
    fig = sf.step_through(walk)
    words = len(walk.words)
    assert bundle_for(fig) == "basic"
    assert len(fig.data) == 12
    assert len(fig.frames) == words
    slider = fig.layout.sliders[0]
    assert [step.label for step in slider.steps] == list(walk.words)
    assert [step.args[0][0] for step in slider.steps] == [f.name for f in fig.frames]
    assert slider.active == words - 1
    play = fig.layout.updatemenus[0].buttons[0]
    assert play.method == "animate" and len(play.args[0]) == words
    for t, frame in enumerate(fig.frames):
        assert list(frame.traces) == list(range(1, 12))
        assert len(frame.data) == 11
        # A frame's trace must keep its type, or Plotly redraws the bars as lines.
        assert [trace.type for trace in frame.data] == [fig.data[k].type for k in range(1, 12)]
        read, marker, rnn_h, rnn_scores, lstm_scores, *gates, ltm, stm = frame.data
        assert list(read.text) == list(walk.words[: t + 1])
        assert list(marker.x) == [read.x[-1]]
        np.testing.assert_array_equal(rnn_h.y, walk.rnn_h[t])
        np.testing.assert_array_equal(rnn_scores.y, walk.rnn_scores[t])
        np.testing.assert_array_equal(lstm_scores.y, walk.lstm_scores[t])
        for trace, name in zip(gates, ("forget", "input", "candidate", "output"), strict=True):
            np.testing.assert_array_equal(trace.y, walk.lstm[name][t])
            assert len(trace.x) == walk.rnn_h.shape[1]
        np.testing.assert_array_equal(ltm.y, walk.lstm["ltm"][t])
        np.testing.assert_array_equal(stm.y, walk.lstm["stm"][t])
        assert list(rnn_scores.x) == [f"{s}/5" for s in SCORES]
    # The figure as first drawn is the last frame.
    last = fig.frames[-1].data
    for k in range(1, 12):
        np.testing.assert_array_equal(np.asarray(fig.data[k].y), np.asarray(last[k - 1].y))


def test_the_baked_step_through_carries_its_frames(walk) -> None:
    html = figure_html(sf.step_through(walk), "walk", alt="a step-through")
    spec = json.loads(
        html.split('type="application/json" id="walk-data">')[1].split("</script>")[0]
    )
    assert len(spec["frames"]) == len(walk.words)
    assert spec["layout"]["sliders"][0]["steps"][0]["method"] == "animate"
    assert 'data-plotly-bundle="basic"' in html
    # The JSON is the same every time: no random ids, fixed float formatting.
    assert html == figure_html(sf.step_through(walk), "walk", alt="a step-through")
    assert pio.to_json(sf.step_through(walk)) == pio.to_json(sf.step_through(walk))


def test_gradient_reach_figure_has_one_line_per_model_and_seed() -> None:
    tests = ex.test_set(10)
    reach = ex.gradient_reach(tests)
    assert set(reach) == {(kind, seed) for kind in ("rnn", "lstm") for seed in ex.SEEDS}
    fig = sf.gradient_reach(reach, tuple(tests))
    assert len(fig.data) == len(reach)
    assert bundle_for(fig) == "basic"
    for trace, values in zip(fig.data, reach.values(), strict=True):
        np.testing.assert_array_equal(trace.y, values)
        assert len(trace.x) == len(tests)
