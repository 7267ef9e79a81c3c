"""Scoring the shipped runs: the test set, the baselines, the gradient reach, the step-through."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.experiment import measure as mx
from lstm_viz.experiment import runs as ex
from lstm_viz.experiment import weights as wx
from lstm_viz.experiment.review_task import CHAPTER_SENTENCE, SCORES, VOCABULARY, encode, parse
from lstm_viz.experiment.training import Model, init_params
from lstm_viz.model.gates import GATES


@pytest.fixture(scope="module")
def runs() -> dict:
    return wx.load()


@pytest.fixture(scope="module")
def measured(runs) -> mx.Measured:
    return mx.measure(runs, mx.test_set(40))


def test_the_test_set_is_fixed_and_held_out() -> None:
    first, second = mx.test_set(5), mx.test_set(5)
    assert list(first) == list(mx.TEST_DISTANCES)
    for d, batch in first.items():
        np.testing.assert_array_equal(batch.tokens, second[d].tokens)
        assert set(batch.distances) == {d}


def test_measure_scores_each_run_and_the_baselines(runs, measured) -> None:
    assert measured.distances == mx.TEST_DISTANCES
    assert set(measured.accuracy) == set(runs)
    for acc in measured.accuracy.values():
        assert acc.shape == (len(mx.TEST_DISTANCES),)
        assert np.all((acc >= 0) & (acc <= 1))
    # Four classes: knowing the verdict leaves two, so its best rule scores at least half; one
    # fixed score gets at least a quarter (and, on 40 balanced reviews, not much more).
    assert np.all((measured.verdict_only >= 0.5) & (measured.verdict_only < 0.75))
    assert np.all((measured.constant >= 0.25) & (measured.constant < 0.45))
    key = ("every", "lstm", ex.SEEDS[0])
    np.testing.assert_array_equal(
        measured.accuracy[key], mx.accuracy(runs[key].model, mx.test_set(40))
    )


def test_a_model_that_ignores_the_opinion_scores_like_the_verdict_alone() -> None:
    """A hand-made RNN that reads only the verdict: its accuracy is the verdict-only baseline."""
    params = init_params("rnn", 17, 2, 4, np.random.default_rng(0))
    params = {k: np.zeros_like(v) for k, v in params.items()}
    params["w_ih"][0, VOCABULARY.index("loved")] = 5.0
    params["w_ih"][0, VOCABULARY.index("hated")] = -5.0
    params["w_hh"][0, 0] = 1.0  # hold the verdict to the end
    params["w_out"][:, 0] = [-1.0, -1.0, 1.0, 2.0]  # loved → 5/5, hated → 1/5 or 2/5
    model = Model("rnn", params)
    key = ("x", "rnn", 0)
    m = mx.measure({key: wx.Run(ex.BASE, model, np.zeros(1), None)}, mx.test_set(40))
    np.testing.assert_array_less(m.accuracy[key], m.verdict_only + 1e-12)
    bad_loved, good_loved = SCORES.index(4), SCORES.index(5)
    assert m.scored(key, bad_loved, 5) == m.scored(key, good_loved, 5) == 1.0


def test_walk_reads_a_review_word_by_word(runs) -> None:
    review = parse(CHAPTER_SENTENCE)
    rnn, lstm = runs[("long", "rnn", 1)].model, runs[("long", "lstm", 1)].model
    walk = mx.walk(rnn, lstm, review)
    n, h = len(review.words), ex.BASE.hidden
    assert walk.rnn_h.shape == (n, h) and walk.rnn_scores.shape == (n, len(SCORES))
    for name in (*GATES, "ltm", "stm"):
        assert walk.lstm[name].shape == (n, h)
    np.testing.assert_allclose(walk.lstm_scores.sum(axis=1), 1.0)
    # The last step's scores are what the model predicts for the whole review.
    assert np.argmax(walk.lstm_scores[-1]) == lstm.predict(encode([review]))[0]
    with pytest.raises(ValueError, match="an RNN and an LSTM"):
        mx.walk(lstm, rnn, review)


def test_median_seed_is_the_middle_run(measured) -> None:
    for regime in ex.REGIMES:
        for model in ex.MODELS:
            seed = mx.median_seed(measured, regime, model)
            means = sorted(measured.accuracy[(regime, model, s)].mean() for s in ex.SEEDS)
            assert measured.accuracy[(regime, model, seed)].mean() == means[len(means) // 2]


def test_less_gradient_reaches_far_words_and_the_lstm_gets_more_of_it() -> None:
    """Before training, the gradient at the decisive word shrinks with its distance in every RNN,
    and an LSTM with its forget gates opened keeps more of it than any RNN at every distance of
    the long regime."""
    reach = mx.gradient_reach(mx.test_set(20), per_distance=20)
    assert set(reach) == {(model, seed) for model in ex.MODELS for seed in ex.SEEDS}
    far = np.array(mx.TEST_DISTANCES) >= ex.REGIMES["long"].min_distance
    rnn = np.array([reach[(m, s)] for m in ("rnn", "rnn-matched") for s in ex.SEEDS])
    assert np.all(np.diff(np.log(rnn), axis=1) < 0)
    for seed in ex.SEEDS:
        assert np.all(reach[("lstm", seed)][far] > 10 * rnn[:, far].max(axis=0))
