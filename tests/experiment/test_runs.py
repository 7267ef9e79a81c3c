"""The shipped experiment: its weights come from the code as it stands, and are scored honestly."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from lstm_viz.experiment import runs as ex
from lstm_viz.experiment.review_task import CHAPTER_SENTENCE, SCORES, VOCABULARY, encode, parse
from lstm_viz.experiment.training import Model, init_params, train


@pytest.fixture(scope="module")
def runs() -> dict:
    return ex.load()


@pytest.fixture(scope="module")
def measured(runs) -> ex.Measured:
    return ex.measure(runs, ex.test_set())


def test_every_run_of_the_code_is_shipped_with_the_codes_configuration(runs) -> None:
    assert list(runs) == list(ex.configs())
    for key, config in ex.configs().items():
        assert runs[key].config == config, f"{key}: retrain with python -m lstm_viz.experiment"
        assert runs[key].model.kind == key[1]
        assert runs[key].model.hidden == ex.BASE.hidden
        assert len(runs[key].loss) == config.steps // 50


@pytest.mark.parametrize("regime", list(ex.REGIMES))
@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_retraining_a_reduced_run_reproduces_the_shipped_checkpoint(runs, regime, kind) -> None:
    """The first seed's run, retrained for the checkpoint's few steps, gives its stored weights."""
    key = (regime, kind, ex.SEEDS[0])
    shipped = runs[key].checkpoint
    fresh = train(kind, replace(ex.configs()[key], steps=ex.CHECKPOINT_STEPS)).model.params
    assert set(fresh) == set(shipped)
    for name, value in fresh.items():
        # Same code, same machine: the same bits. Elsewhere the last bits of exp and tanh may
        # differ, so a difference far below any training step is tolerated.
        np.testing.assert_allclose(value, shipped[name], rtol=0, atol=1e-12, err_msg=name)
    assert not np.array_equal(shipped["w_hh"], runs[key].model.params["w_hh"])


def test_weights_round_trip_bit_for_bit(runs, tmp_path) -> None:
    """Saving float64 weights as base64 keeps every bit; loading gives read-only arrays."""
    model = runs[("long", "lstm", ex.SEEDS[0])].model
    entry = ex._encode_array(model.params["w_ih"])
    back = ex._decode_array(json.loads(json.dumps(entry)))
    assert back.tobytes() == np.ascontiguousarray(model.params["w_ih"]).tobytes()
    assert not back.flags.writeable


def test_the_test_set_is_fixed_and_held_out() -> None:
    first, second = ex.test_set(5), ex.test_set(5)
    assert list(first) == list(ex.TEST_DISTANCES)
    for d, batch in first.items():
        np.testing.assert_array_equal(batch.tokens, second[d].tokens)
        assert set(batch.distances) == {d}


def test_measure_scores_each_run_and_the_baselines(runs, measured) -> None:
    assert measured.distances == ex.TEST_DISTANCES
    assert set(measured.accuracy) == set(runs)
    for key, acc in measured.accuracy.items():
        assert acc.shape == (len(ex.TEST_DISTANCES),)
        assert np.all((acc >= 0) & (acc <= 1))
        assert 0 <= measured.swayed[key] <= 1
    # Four balanced classes: the verdict alone gives about half, one fixed score about a quarter.
    assert np.all(np.abs(measured.verdict_only - 0.5) < 0.1)
    assert np.all(np.abs(measured.constant - 0.25) < 0.1)
    model = runs[("every", "lstm", ex.SEEDS[0])].model
    np.testing.assert_array_equal(
        measured.accuracy[("every", "lstm", ex.SEEDS[0])], ex.accuracy(model, ex.test_set())
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
    tests = ex.test_set(40)
    m = ex.measure({("x", "rnn", 0): ex.Run(ex.BASE, model, np.zeros(1), None)}, tests)
    np.testing.assert_array_less(m.accuracy[("x", "rnn", 0)], m.verdict_only + 1e-12)
    assert m.swayed[("x", "rnn", 0)] == 1.0  # every "bad … loved" review scored 5/5


def test_walk_reads_the_chapters_sentence(runs) -> None:
    review = parse(CHAPTER_SENTENCE)
    walk = ex.walk(runs[("long", "rnn", 1)].model, runs[("long", "lstm", 1)].model, review)
    n, h = len(review.words), ex.BASE.hidden
    assert walk.rnn_h.shape == (n, h) and walk.rnn_scores.shape == (n, len(SCORES))
    for name in ("input", "forget", "candidate", "output", "ltm", "stm"):
        assert walk.lstm[name].shape == (n, h)
    np.testing.assert_allclose(walk.lstm_scores.sum(axis=1), 1.0)
    # The last step's scores are what the model predicts for the whole review.
    batch = encode([review])
    assert np.argmax(walk.lstm_scores[-1]) == runs[("long", "lstm", 1)].model.predict(batch)[0]
    with pytest.raises(ValueError, match="an RNN and an LSTM"):
        ex.walk(runs[("long", "lstm", 1)].model, runs[("long", "rnn", 1)].model, review)


def test_median_seed_is_the_middle_run(measured) -> None:
    for regime in ex.REGIMES:
        for kind in ("rnn", "lstm"):
            seed = ex.median_seed(measured, regime, kind)
            means = sorted(measured.accuracy[(regime, kind, s)].mean() for s in ex.SEEDS)
            assert measured.accuracy[(regime, kind, seed)].mean() == means[len(means) // 2]


def test_less_gradient_reaches_far_words_and_the_lstm_gets_more_of_it() -> None:
    """Before training, the gradient at the decisive word shrinks with its distance, and an LSTM
    (forget gates opened) keeps more of it than an RNN at every distance of the long regime."""
    reach = ex.gradient_reach(ex.test_set(20))
    far = np.array(ex.TEST_DISTANCES) >= 14
    for seed in ex.SEEDS:
        rnn, lstm = reach[("rnn", seed)], reach[("lstm", seed)]
        assert np.all(np.diff(np.log(rnn)) < 0)
        assert np.all(lstm[far] > 10 * rnn[far])
