"""Scoring the experiment's trained models (:mod:`lstm_viz.experiment.runs`) on held-out reviews.

Everything here is what the book's build computes from the shipped weights: each run's accuracy at
every distance of a fixed test set, what a model could score without the opinion word, how much of
the training signal reaches the opinion word in the untrained models, and two models reading one
review word by word.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from lstm_viz.experiment.review_task import SCORES, Batch, Review, encode, reviews_at_distance
from lstm_viz.experiment.runs import MODELS, SEEDS, initial
from lstm_viz.experiment.sequences import LSTMRun
from lstm_viz.experiment.training import Model, input_gradients, softmax
from lstm_viz.experiment.weights import TIMING, WEIGHTS, Run, RunKey, load, write_timing
from lstm_viz.model.gates import GATES

__all__ = [
    "REACH_PER_DISTANCE",
    "TEST_DISTANCES",
    "TEST_PER_DISTANCE",
    "Measured",
    "Walk",
    "accuracy",
    "gradient_reach",
    "measure",
    "median_seed",
    "test_set",
    "time_evaluation",
    "walk",
]

#: The distances (words after the opinion) the test set holds, and how many reviews at each.
TEST_DISTANCES: tuple[int, ...] = tuple(range(5, 45, 3))
TEST_PER_DISTANCE = 200
TEST_SEED = 99
#: How many test reviews at each distance the gradient is measured on: its size varies far less
#: from review to review than the distances apart, so a quarter of the test set is plenty.
REACH_PER_DISTANCE = 50


def test_set(per_distance: int = TEST_PER_DISTANCE) -> dict[int, Batch]:
    """Held-out reviews at every distance of :data:`TEST_DISTANCES`, drawn from their own seed."""
    rng = np.random.default_rng(TEST_SEED)
    return {d: encode(reviews_at_distance(rng, per_distance, d)) for d in TEST_DISTANCES}


def accuracy(model: Model, tests: dict[int, Batch]) -> NDArray[np.float64]:
    """The fraction of reviews ``model`` scores right, at each distance of ``tests``."""
    with threadpool_limits(limits=1, user_api="blas"):
        return np.array([np.mean(model.predict(batch) == batch.labels) for batch in tests.values()])


@dataclass(frozen=True)
class Measured:
    """Every run scored on the test set, with what a model could reach without the opinion.

    ``accuracy[key]`` holds one fraction per distance. ``predicted[key]`` is the class the run
    gives every test review, in the order of ``labels`` and ``review_distances``.
    ``verdict_only`` is the best any rule that sees only the verdict can score at each distance,
    ``constant`` the best of always giving one and the same score.
    """

    distances: tuple[int, ...]
    per_distance: int
    accuracy: dict[RunKey, NDArray[np.float64]]
    verdict_only: NDArray[np.float64]
    constant: NDArray[np.float64]
    predicted: dict[RunKey, NDArray[np.int64]]
    labels: NDArray[np.int64]
    review_distances: NDArray[np.int64]

    def scored(self, key: RunKey, label: int, score: int) -> float:
        """The share of test reviews of class ``label`` that run ``key`` gives ``score`` stars."""
        return float(np.mean(self.predicted[key][self.labels == label] == SCORES.index(score)))


def _best_given(groups: NDArray[np.int64], labels: NDArray[np.int64]) -> float:
    """The best accuracy of a rule that sees only ``groups``: the commonest label in each group."""
    counts = np.zeros((groups.max() + 1, len(SCORES)), dtype=np.int64)
    np.add.at(counts, (groups, labels), 1)
    return float(counts.max(axis=1).sum() / len(labels))


def _concatenate(batches: list[Batch]) -> Batch:
    """One batch of all the reviews of ``batches``, padded to the longest."""
    width = max(batch.tokens.shape[1] for batch in batches)
    tokens = [
        np.pad(b.tokens, ((0, 0), (0, width - b.tokens.shape[1])), constant_values=-1)
        for b in batches
    ]
    return Batch(
        np.concatenate(tokens),
        np.concatenate([b.lengths for b in batches]),
        np.concatenate([b.labels for b in batches]),
        np.concatenate([b.distances for b in batches]),
    )


def measure(runs: dict[RunKey, Run], tests: dict[int, Batch]) -> Measured:
    """Score every run on ``tests`` (:func:`test_set`)."""
    labels = [batch.labels for batch in tests.values()]
    together = _concatenate(list(tests.values()))
    splits = np.cumsum([len(y) for y in labels])[:-1]
    with threadpool_limits(limits=1, user_api="blas"):
        # All distances in one batch: each step costs about the same for 200 reviews or 2800.
        predicted = {
            key: np.split(run.model.predict(together), splits) for key, run in runs.items()
        }
    return Measured(
        distances=tuple(tests),
        per_distance=len(labels[0]),
        accuracy={
            key: np.array([np.mean(p == y) for p, y in zip(guesses, labels, strict=True)])
            for key, guesses in predicted.items()
        },
        verdict_only=np.array([_best_given(y // 2, y) for y in labels]),
        constant=np.array([_best_given(np.zeros_like(y), y) for y in labels]),
        predicted={key: np.concatenate(guesses) for key, guesses in predicted.items()},
        labels=np.concatenate(labels),
        review_distances=together.distances,
    )


def gradient_reach(
    tests: dict[int, Batch], per_distance: int = REACH_PER_DISTANCE
) -> dict[tuple[str, int], NDArray[np.float64]]:
    """How loudly the decisive word speaks to each untrained model, at each distance.

    For every (model, seed), the mean size of the loss's gradient at the decisive word, divided by
    its mean size at the verdict word, over the first ``per_distance`` reviews of ``tests`` at each
    distance; measured on the weights training starts from (the same in both regimes).
    """
    first = [batch.take(np.arange(min(per_distance, len(batch)))) for batch in tests.values()]
    together = _concatenate(first)
    rows = np.arange(len(together))
    decisive = together.lengths - 1 - together.distances
    verdict = together.lengths - 3
    reach = {}
    with threadpool_limits(limits=1, user_api="blas"):
        for model in MODELS:
            for seed in SEEDS:
                size = np.linalg.norm(input_gradients(initial(model, seed), together), axis=-1)
                at_opinion, at_verdict = size[decisive, rows], size[verdict, rows]
                reach[(model, seed)] = np.array(
                    [
                        at_opinion[together.distances == d].mean()
                        / at_verdict[together.distances == d].mean()
                        for d in tests
                    ]
                )
    return reach


def time_evaluation(weights: Path = WEIGHTS, timing: Path = TIMING) -> float:
    """Time what the book's build computes from the weights, and note it in ``timing``."""
    start = time.perf_counter()
    tests = test_set()
    measure(load(weights), tests)
    gradient_reach(tests)
    seconds = time.perf_counter() - start
    write_timing(timing, {"evaluate_seconds": round(seconds, 2)})
    return seconds


@dataclass(frozen=True)
class Walk:
    """Two models reading one review word by word: every value after each word (T, …)."""

    words: tuple[str, ...]
    label: int
    rnn_h: NDArray[np.float64]
    rnn_scores: NDArray[np.float64]
    lstm: dict[str, NDArray[np.float64]]  # the four GATES, ltm and stm
    lstm_scores: NDArray[np.float64]


def walk(rnn: Model, lstm: Model, review: Review) -> Walk:
    """Run ``rnn`` and ``lstm`` over ``review``; the scores are what each would give if the
    review ended after that word."""
    if rnn.kind != "rnn" or lstm.kind != "lstm":
        raise ValueError(f"walk needs an RNN and an LSTM, got {rnn.kind} and {lstm.kind}")
    batch = encode([review])
    r, m = rnn.run(batch), lstm.run(batch)
    assert isinstance(m, LSTMRun)
    gates = {name: getattr(m, name)[:, 0] for name in GATES}
    return Walk(
        review.words,
        review.label,
        r.h[1:, 0],
        softmax(rnn.logits(r.h[1:, 0])),
        {**gates, "ltm": m.c[1:, 0], "stm": m.h[1:, 0]},
        softmax(lstm.logits(m.h[1:, 0])),
    )


def median_seed(measured: Measured, regime: str, model: str) -> int:
    """The seed whose mean test accuracy is the median of its regime and model (lower on a tie)."""
    means = [(float(np.mean(measured.accuracy[(regime, model, s)])), s) for s in SEEDS]
    return sorted(means)[(len(means) - 1) // 2][1]
