"""The book's RNN-versus-LSTM experiment: which models are trained, on what, and how they score.

Two training regimes of the review task (:mod:`lstm_viz.experiment.review_task`): in ``every`` the
opinion word is 5 to 45 words from the end of a training review; in ``long`` it is always 14 to 45
words from the end. In each, a plain RNN and an LSTM of the same hidden size are trained from five
seeds with the same settings (:data:`BASE`). The trained weights are shipped in
``lstm_viz/data/rnn-vs-lstm.json``; retrain them, bit for bit on the machine that made them, with::

    python -m lstm_viz.experiment            # a few minutes on two cores; --check compares

The book's build only loads the weights and scores the models on a fixed test set.
"""

from __future__ import annotations

import base64
import json
import os
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from lstm_viz.experiment.review_task import (
    SCORES,
    Batch,
    Review,
    TaskSpec,
    encode,
    reviews_at_distance,
)
from lstm_viz.experiment.sequences import LSTMRun
from lstm_viz.experiment.training import (
    KINDS,
    Model,
    TrainConfig,
    initial_model,
    input_gradients,
    softmax,
    train,
)

__all__ = [
    "BASE",
    "CHECKPOINT_STEPS",
    "REGIMES",
    "SEEDS",
    "TEST_DISTANCES",
    "TIMING",
    "WEIGHTS",
    "Measured",
    "Run",
    "RunKey",
    "Walk",
    "accuracy",
    "configs",
    "gradient_reach",
    "load",
    "measure",
    "median_seed",
    "retrain",
    "test_set",
    "time_evaluation",
    "walk",
]

DATA = Path(__file__).parent / "data"
#: The shipped weights (deterministic) and the times measured when they were made (not).
WEIGHTS = DATA / "rnn-vs-lstm.json"
TIMING = DATA / "rnn-vs-lstm-timing.json"

#: The training regimes: where the opinion word may sit in a training review.
REGIMES: dict[str, TaskSpec] = {"every": TaskSpec(), "long": TaskSpec(least_after=3)}
SEEDS: tuple[int, ...] = (1, 2, 3, 4, 5)
#: The settings every run shares; only the regime's task and the seed change.
BASE = TrainConfig(
    hidden=8, steps=1500, batch=64, learning_rate=0.01, clip=1.0, train_size=8000, forget_bias=1.0
)
#: After this many steps the first seed's weights are also stored, so a test can retrain that far.
CHECKPOINT_STEPS = 20

#: The distances (words after the opinion) the test set holds, and how many reviews at each.
TEST_DISTANCES: tuple[int, ...] = tuple(range(5, 45, 3))
TEST_PER_DISTANCE = 200
TEST_SEED = 99

RunKey = tuple[str, str, int]  # (regime, kind, seed)


def configs() -> dict[RunKey, TrainConfig]:
    """The configuration of every run of the experiment, in a fixed order."""
    return {
        (regime, kind, seed): replace(BASE, task=task, seed=seed)
        for regime, task in REGIMES.items()
        for kind in KINDS
        for seed in SEEDS
    }


def _encode_array(array: NDArray[np.float64]) -> dict:
    data = np.ascontiguousarray(array, dtype="<f8").tobytes()
    return {"shape": list(array.shape), "float64": base64.b64encode(data).decode("ascii")}


def _decode_array(entry: dict) -> NDArray[np.float64]:
    data = base64.b64decode(entry["float64"])
    array = np.frombuffer(data, dtype="<f8").astype(np.float64).reshape(entry["shape"])
    array.flags.writeable = False
    return array


def _params(params: dict) -> dict:
    return {key: _encode_array(value) for key, value in params.items()}


@dataclass(frozen=True)
class Run:
    """One trained model with its configuration, its mean loss over every 50 steps, and (first
    seed only) its weights after :data:`CHECKPOINT_STEPS` steps."""

    config: TrainConfig
    model: Model
    loss: NDArray[np.float64]
    checkpoint: dict[str, NDArray[np.float64]] | None


def retrain(weights: Path = WEIGHTS, timing: Path | None = TIMING, *, log=print) -> None:
    """Train every run of :func:`configs` and write the weights (and the times) as JSON."""
    runs, seconds, cpu = [], {}, {}
    for (regime, kind, seed), config in configs().items():
        checkpoint: dict[str, Any] = {}

        def keep(step: int, model: Model, checkpoint=checkpoint) -> None:
            if step == CHECKPOINT_STEPS:
                checkpoint.update({key: value.copy() for key, value in model.params.items()})

        trained = train(kind, config, on_step=keep)
        name = f"{regime}/{kind}/{seed}"
        seconds[name], cpu[name] = round(trained.seconds, 2), round(trained.cpu_seconds, 2)
        log(f"{name:>12}: {trained.seconds:5.1f} s ({trained.cpu_seconds:5.1f} s of CPU)")
        runs.append(
            {
                "regime": regime,
                "kind": kind,
                "seed": seed,
                "config": asdict(config),
                "params": _params(trained.model.params),
                "checkpoint": _params(checkpoint) if seed == SEEDS[0] else None,
                "loss_every_50": trained.losses.reshape(-1, 50).mean(axis=1).tolist(),
            }
        )
    document = {
        "about": "the book's RNN and LSTM review scorers: python -m lstm_viz.experiment",
        "checkpoint_steps": CHECKPOINT_STEPS,
        "runs": runs,
    }
    weights.parent.mkdir(parents=True, exist_ok=True)
    weights.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    if timing is not None:
        _write_timing(
            timing,
            {
                "train_seconds": seconds,
                "train_seconds_total": round(sum(seconds.values()), 1),
                "train_cpu_seconds": cpu,
                "train_cpu_seconds_total": round(sum(cpu.values()), 1),
                "cpus": os.cpu_count(),
            },
        )
        time_evaluation(weights, timing)


def _write_timing(timing: Path, entries: dict) -> None:
    known = json.loads(timing.read_text()) if timing.exists() else {}
    timing.write_text(json.dumps({**known, **entries}, indent=1, sort_keys=True) + "\n")


def time_evaluation(weights: Path = WEIGHTS, timing: Path = TIMING) -> float:
    """Time what the book's build computes from the weights, and note it in ``timing``."""
    start = time.perf_counter()
    tests = test_set()
    measure(load(weights), tests)
    gradient_reach(tests)
    seconds = time.perf_counter() - start
    _write_timing(timing, {"evaluate_seconds": round(seconds, 2)})
    return seconds


def _config(entry: dict) -> TrainConfig:
    fields = dict(entry)
    return TrainConfig(**{**fields, "task": TaskSpec(**fields["task"])})


def load(weights: Path = WEIGHTS) -> dict[RunKey, Run]:
    """The shipped runs by (regime, kind, seed)."""
    document = json.loads(Path(weights).read_text())
    runs = {}
    for entry in document["runs"]:
        params = {key: _decode_array(value) for key, value in entry["params"].items()}
        runs[(entry["regime"], entry["kind"], entry["seed"])] = Run(
            _config(entry["config"]),
            Model(entry["kind"], params),
            np.array(entry["loss_every_50"]),
            None
            if entry["checkpoint"] is None
            else {key: _decode_array(value) for key, value in entry["checkpoint"].items()},
        )
    return runs


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

    ``accuracy[key]`` holds one fraction per distance; ``swayed[key]`` is the share of the test's
    "bad … loved" reviews (4/5) that the run scores 5/5 — the chapter's predicted mistake.
    ``predicted[key]`` is the class the run gives every test review, in the order of ``labels``
    and ``review_distances``. ``verdict_only`` is the best any rule that sees only the verdict can
    score at each distance, ``constant`` the best of always giving one score.
    """

    distances: tuple[int, ...]
    per_distance: int
    accuracy: dict[RunKey, NDArray[np.float64]]
    swayed: dict[RunKey, float]
    verdict_only: NDArray[np.float64]
    constant: NDArray[np.float64]
    predicted: dict[RunKey, NDArray[np.int64]]
    labels: NDArray[np.int64]
    review_distances: NDArray[np.int64]


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
    four, five = SCORES.index(4), SCORES.index(5)
    labels = [batch.labels for batch in tests.values()]
    every_label = np.concatenate(labels)
    together = _concatenate(list(tests.values()))
    splits = np.cumsum([len(y) for y in labels])[:-1]
    with threadpool_limits(limits=1, user_api="blas"):
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
        swayed={
            key: float(np.mean(np.concatenate(guesses)[every_label == four] == five))
            for key, guesses in predicted.items()
        },
        verdict_only=np.array([_best_given(y // 2, y) for y in labels]),
        constant=np.array([_best_given(np.zeros_like(y), y) for y in labels]),
        predicted={key: np.concatenate(guesses) for key, guesses in predicted.items()},
        labels=every_label,
        review_distances=np.concatenate([batch.distances for batch in tests.values()]),
    )


def gradient_reach(tests: dict[int, Batch]) -> dict[tuple[str, int], NDArray[np.float64]]:
    """How loudly the decisive word speaks to each untrained model, at each distance.

    For every (kind, seed), the mean size of the loss's gradient at the decisive word, divided by
    its mean size at the verdict word, over the reviews of ``tests`` at each distance; measured
    on the weights training starts from (the same in both regimes).
    """
    together = _concatenate(list(tests.values()))
    rows = np.arange(len(together))
    decisive = together.lengths - 1 - together.distances
    verdict = together.lengths - 3
    reach = {}
    with threadpool_limits(limits=1, user_api="blas"):
        for kind in KINDS:
            for seed in SEEDS:
                model = initial_model(kind, replace(BASE, seed=seed))
                size = np.linalg.norm(input_gradients(model, together), axis=-1)  # (T, B)
                at_opinion, at_verdict = size[decisive, rows], size[verdict, rows]
                reach[(kind, seed)] = np.array(
                    [
                        at_opinion[together.distances == d].mean()
                        / at_verdict[together.distances == d].mean()
                        for d in tests
                    ]
                )
    return reach


@dataclass(frozen=True)
class Walk:
    """Two models reading one review word by word: every value after each word (T, …)."""

    words: tuple[str, ...]
    label: int
    rnn_h: NDArray[np.float64]
    rnn_scores: NDArray[np.float64]
    lstm: dict[str, NDArray[np.float64]]  # input, forget, candidate, output, ltm, stm
    lstm_scores: NDArray[np.float64]


def walk(rnn: Model, lstm: Model, review: Review) -> Walk:
    """Run ``rnn`` and ``lstm`` over ``review``; the scores are what each would give if the
    review ended after that word."""
    if rnn.kind != "rnn" or lstm.kind != "lstm":
        raise ValueError(f"walk needs an RNN and an LSTM, got {rnn.kind} and {lstm.kind}")
    batch = encode([review])
    r, m = rnn.run(batch), lstm.run(batch)
    assert isinstance(m, LSTMRun)
    gates = {name: getattr(m, name)[:, 0] for name in ("input", "forget", "candidate", "output")}
    return Walk(
        review.words,
        review.label,
        r.h[1:, 0],
        softmax(rnn.logits(r.h[1:, 0])),
        {**gates, "ltm": m.c[1:, 0], "stm": m.h[1:, 0]},
        softmax(lstm.logits(m.h[1:, 0])),
    )


def median_seed(measured: Measured, regime: str, kind: str) -> int:
    """The seed whose mean test accuracy is the median of its regime and kind (lower on a tie)."""
    means = [(float(np.mean(measured.accuracy[(regime, kind, s)])), s) for s in SEEDS]
    return sorted(means)[(len(means) - 1) // 2][1]
