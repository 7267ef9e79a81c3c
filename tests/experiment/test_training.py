"""Training: the backward pass against finite differences, the optimiser, and reproducibility."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from lstm_viz.experiment.review_task import Batch, TaskSpec
from lstm_viz.experiment.sequences import CELL_KEYS, inputs, run_lstm
from lstm_viz.experiment.training import (
    Adam,
    Model,
    TrainConfig,
    clip_by_norm,
    cross_entropy,
    init_params,
    input_gradients,
    loss_and_gradients,
    softmax,
    train,
)
from lstm_viz.model.gates import lstm_step
from tests.conftest import ROOT

SMALL = TrainConfig(hidden=4, steps=30, batch=16, train_size=200, task=TaskSpec(after=3), seed=11)


def _batch() -> Batch:
    """Four short sequences of different lengths over a 5-word vocabulary."""
    tokens = np.array([[1, 4, 2, 0, 3, 2], [2, 2, 1, -1, -1, -1], [4, -1, -1, -1, -1, -1],
                       [0, 3, 3, 1, 4, -1]])  # fmt: skip
    return Batch(tokens, np.array([6, 3, 1, 5]), np.array([0, 1, 3, 2]), np.zeros(4, np.int64))


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_gradients_match_finite_differences(kind: str) -> None:
    """Central differences of the loss for every single parameter, padded sequences included."""
    params = init_params(kind, 5, 3, 4, np.random.default_rng(5))
    for value in params.values():
        value *= 2.5  # large enough weights that every gate works away from its linear middle
    model, batch = Model(kind, params), _batch()
    _, grads = loss_and_gradients(model, batch)
    eps = 1e-6
    for key, value in params.items():
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            kept = value[index]
            value[index] = kept + eps
            above, _ = loss_and_gradients(model, batch)
            value[index] = kept - eps
            below, _ = loss_and_gradients(model, batch)
            value[index] = kept
            numeric[index] = (above - below) / (2 * eps)
        scale = max(1.0, float(np.abs(numeric).max()))
        np.testing.assert_allclose(grads[key], numeric, rtol=0, atol=1e-7 * scale, err_msg=key)
        assert np.abs(numeric).max() > 1e-4, f"{key}: the check must exercise a real gradient"


def test_the_backward_pass_fails_the_check_when_broken(monkeypatch) -> None:
    """The gradient check can fail: a forget gate that forgets to pass gradient back is caught."""
    params = init_params("lstm", 5, 3, 4, np.random.default_rng(5))
    model, batch = Model("lstm", params), _batch()
    _, right = loss_and_gradients(model, batch)
    from lstm_viz.experiment import training

    real = training._lstm_backward

    def broken(params, run, dh):
        return real(params, type(run)(**{**run.__dict__, "forget": run.forget * 0.5}), dh)

    monkeypatch.setattr(training, "_lstm_backward", broken)
    _, wrong = loss_and_gradients(model, batch)
    assert not np.allclose(wrong["w_hh"], right["w_hh"], atol=1e-7)


def test_cross_entropy_and_its_gradient() -> None:
    logits = np.array([[2.0, 0.0, -1.0, 0.5], [0.0, 0.0, 0.0, 0.0]])
    loss, grad = cross_entropy(logits, np.array([0, 3]))
    p = softmax(logits)
    assert loss == pytest.approx(-(np.log(p[0, 0]) + np.log(0.25)) / 2)
    np.testing.assert_allclose(grad.sum(axis=1), 0, atol=1e-15)
    np.testing.assert_allclose(softmax(np.array([1000.0, 1000.0])), [0.5, 0.5])


def test_adam_first_step_moves_each_weight_by_the_learning_rate() -> None:
    params = {"w": np.array([1.0, -2.0, 3.0])}
    Adam(params, 0.1).step(params, {"w": np.array([0.5, -4.0, 1e-3])})
    np.testing.assert_allclose(params["w"], [0.9, -1.9, 2.9], atol=1e-6)


def test_clipping_keeps_the_direction_and_caps_the_norm() -> None:
    grads = {"a": np.array([3.0]), "b": np.array([[4.0]])}
    clipped, norm = clip_by_norm(grads, 1.0)
    assert norm == 5.0
    assert clipped["a"][0] == pytest.approx(0.6) and clipped["b"][0, 0] == pytest.approx(0.8)
    assert clip_by_norm(grads, 10.0)[0] is grads


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_the_same_seed_trains_the_same_weights_bit_for_bit(kind: str) -> None:
    first, second = train(kind, SMALL), train(kind, SMALL)
    for key, value in first.model.params.items():
        np.testing.assert_array_equal(value, second.model.params[key])
    np.testing.assert_array_equal(first.losses, second.losses)
    other = train(kind, replace(SMALL, seed=12))
    assert not np.array_equal(other.model.params["w_ih"], first.model.params["w_ih"])


def test_training_lowers_the_loss() -> None:
    trained = train("lstm", replace(SMALL, steps=60))
    assert trained.losses[-10:].mean() < trained.losses[:10].mean() - 0.05


_DIGEST = """
import hashlib, sys
from lstm_viz.experiment.review_task import TaskSpec
from lstm_viz.experiment.training import TrainConfig, train
config = TrainConfig(hidden=4, steps=30, batch=16, train_size=200, task=TaskSpec(after=3), seed=11)
digest = hashlib.sha256()
for kind in ("rnn", "lstm"):
    for key, value in sorted(train(kind, config).model.params.items()):
        digest.update(key.encode() + value.tobytes())
print(digest.hexdigest())
"""


def test_training_ignores_thread_counts_and_hash_seeds() -> None:
    """Two fresh interpreters with different BLAS thread settings and hash seeds agree exactly."""
    digests = []
    for threads, hash_seed in (("1", "0"), ("2", "12345")):
        env = {**os.environ, "OPENBLAS_NUM_THREADS": threads, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", _DIGEST], capture_output=True, text=True, env=env, cwd=ROOT
        )
        assert out.returncode == 0, out.stderr
        digests.append(out.stdout.strip())
    here = hashlib.sha256()
    for kind in ("rnn", "lstm"):
        for key, value in sorted(train(kind, SMALL).model.params.items()):
            here.update(key.encode() + value.tobytes())
    assert digests[0] == digests[1] == here.hexdigest()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: init_params("gru", 5, 3, 4, np.random.default_rng(0)), "kind must"),
        (lambda: TrainConfig(hidden=0), "TrainConfig.hidden"),
        (lambda: TrainConfig(learning_rate=0.0), "TrainConfig.learning_rate"),
        (lambda: TrainConfig(batch=500, train_size=100), "batch"),
        (lambda: Model("rnn", {"w_ih": np.zeros((1, 1))}), "params lacks"),
    ],
)
def test_bad_settings_are_named(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_input_gradients_match_finite_differences_of_one_reviews_loss() -> None:
    """The gradient for an input word is the loss's change when that input vector changes."""
    params = init_params("lstm", 5, 3, 4, np.random.default_rng(2))
    model, batch = Model("lstm", params), _batch()
    grads = input_gradients(model, batch)
    x, _ = inputs(batch.tokens, batch.lengths, 5)

    def loss_of(row: int, t: int, k: int, eps: float) -> float:
        # Nudge one input of one review by hand: rebuild the run with x[t, row, k] moved.
        shifted = x.copy()
        shifted[t, row, k] += eps
        h = c = np.zeros(3)
        for step in range(batch.lengths[row]):
            h, c = lstm_step(shifted[step, row], h, c, *(params[key] for key in CELL_KEYS))
        return cross_entropy(Model("lstm", params).logits(h)[None], batch.labels[[row]])[0]

    for row, t, k in [(0, 0, 1), (0, 4, 3), (1, 1, 2), (3, 2, 0)]:
        numeric = (loss_of(row, t, k, 1e-6) - loss_of(row, t, k, -1e-6)) / 2e-6
        assert grads[t, row, k] == pytest.approx(numeric, abs=1e-8)
    assert not grads[3:, 1].any()  # nothing after a review's end
    assert run_lstm(params, batch.tokens, batch.lengths).h.shape == (7, 4, 3)
