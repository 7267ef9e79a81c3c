"""The book's RNN-versus-LSTM experiment: which models are trained, on what, and where kept.

Two training regimes of the review task (:mod:`lstm_viz.experiment.review_task`): in ``every`` the
opinion word is 5 to 45 words from the end of a training review; in ``long`` it is always 14 to 45
words from the end. In each, four models (:data:`MODELS`) are trained from five seeds with the same
settings (:data:`BASE`): a plain RNN and an LSTM of the same hidden size, an RNN with about as many
parameters as the LSTM, and an LSTM without the forget bias that the first one starts with. The
trained weights are shipped in ``lstm_viz/experiment/data/rnn-vs-lstm.json``; retrain them, bit for
bit on the machine that made them, with::

    python -m lstm_viz.experiment            # a few minutes on two cores; --check compares

The book's build only loads the weights and scores the models (:mod:`lstm_viz.experiment.measure`).
"""

from __future__ import annotations

import base64
import json
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from lstm_viz.experiment.review_task import TaskSpec
from lstm_viz.experiment.training import Model, TrainConfig, parameter_count, train

__all__ = [
    "BASE",
    "CHECKPOINT_STEPS",
    "MODELS",
    "REGIMES",
    "SEEDS",
    "TIMING",
    "WEIGHTS",
    "ModelSpec",
    "Run",
    "RunKey",
    "configs",
    "default_jobs",
    "load",
    "matched_hidden",
    "retrain",
    "write_timing",
]

DATA = Path(__file__).parent / "data"
#: The shipped weights (deterministic) and the times measured when they were made (not).
WEIGHTS = DATA / "rnn-vs-lstm.json"
TIMING = DATA / "rnn-vs-lstm-timing.json"

#: The training regimes: where the opinion word may sit in a training review.
REGIMES: dict[str, TaskSpec] = {"every": TaskSpec(), "long": TaskSpec(least_after=3)}
SEEDS: tuple[int, ...] = (1, 2, 3, 4, 5)
#: The settings every run shares; the regime's task, the seed and the model's own size and forget
#: bias (:data:`MODELS`) change.
BASE = TrainConfig(
    hidden=8, steps=1500, batch=64, learning_rate=0.01, clip=1.0, train_size=8000, forget_bias=1.0
)
#: After this many steps the first seed's weights are also stored, so a test can retrain that far.
CHECKPOINT_STEPS = 20


@dataclass(frozen=True)
class ModelSpec:
    """One of the experiment's models: its cell ("rnn" or "lstm"), how the page names it, its
    hidden size and the bias its LSTM forget gates start with (an RNN has no forget gate)."""

    kind: str
    name: str
    hidden: int
    forget_bias: float

    @property
    def parameters(self) -> int:
        """How many numbers the model learns."""
        return parameter_count(self.kind, self.hidden)


def matched_hidden(hidden: int = BASE.hidden) -> int:
    """The RNN hidden size whose parameter count is closest to an LSTM's with ``hidden`` units
    (the larger size on a tie, so the RNN is never the smaller model by choice)."""
    target = parameter_count("lstm", hidden)
    sizes = range(1, 4 * hidden + 1)
    return min(sizes, key=lambda h: (abs(parameter_count("rnn", h) - target), -h))


#: The models, by key. ``rnn`` and ``lstm`` are the main comparison: the same hidden size, the LSTM
#: with the usual forget bias of +1. ``rnn-matched`` answers "the LSTM just has more parameters";
#: ``lstm-bias0`` answers "the LSTM just had its forget gates opened at the start".
#:
#: :meta hide-value:
MODELS: dict[str, ModelSpec] = {
    "rnn": ModelSpec("rnn", "RNN", BASE.hidden, BASE.forget_bias),
    "rnn-matched": ModelSpec("rnn", "matched RNN", matched_hidden(), BASE.forget_bias),
    "lstm": ModelSpec("lstm", "LSTM", BASE.hidden, BASE.forget_bias),
    "lstm-bias0": ModelSpec("lstm", "LSTM, forget bias 0", BASE.hidden, 0.0),
}

RunKey = tuple[str, str, int]  # (regime, model, seed)


def configs() -> dict[RunKey, TrainConfig]:
    """The configuration of every run of the experiment, in a fixed order."""
    return {
        (regime, model, seed): replace(
            BASE, task=task, seed=seed, hidden=spec.hidden, forget_bias=spec.forget_bias
        )
        for regime, task in REGIMES.items()
        for model, spec in MODELS.items()
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


def _train_one(key: RunKey, config: TrainConfig) -> tuple[dict, float, float]:
    """Train run ``key``: its JSON entry, and the wall-clock and CPU seconds it took."""
    regime, model, seed = key
    checkpoint: dict[str, NDArray[np.float64]] = {}

    def keep(step: int, trained: Model) -> None:
        if step == CHECKPOINT_STEPS:
            checkpoint.update({k: value.copy() for k, value in trained.params.items()})

    trained = train(MODELS[model].kind, config, on_step=keep)
    entry = {
        "regime": regime,
        "model": model,
        "kind": MODELS[model].kind,
        "seed": seed,
        "config": asdict(config),
        "params": _params(trained.model.params),
        "checkpoint": _params(checkpoint) if seed == SEEDS[0] else None,
        "loss_every_50": trained.losses.reshape(-1, 50).mean(axis=1).tolist(),
    }
    return entry, trained.seconds, trained.cpu_seconds


def default_jobs() -> int:
    """Two processes, or one on a one-core machine: each run is single-threaded."""
    return max(1, min(2, os.cpu_count() or 1))


def retrain(
    weights: Path = WEIGHTS,
    timing: Path | None = TIMING,
    *,
    jobs: int | None = None,
    log: Callable[[str], None] = print,
) -> None:
    """Train every run of :func:`configs`, ``jobs`` at a time in separate processes, and write the
    weights (and the times) as JSON. Each run is deterministic on its own, so the file's bytes do
    not depend on ``jobs``."""
    jobs = default_jobs() if jobs is None else jobs
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ValueError(f"jobs must be a whole number ≥ 1, got {jobs!r}")
    items = list(configs().items())
    start = time.perf_counter()
    runs, seconds, cpu = [], {}, {}
    # "spawn": a fresh interpreter per worker, whatever threads the parent has started.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        done = pool.map(_train_one, [k for k, _ in items], [c for _, c in items])
        for (key, _), (entry, wall, cpu_seconds) in zip(items, done, strict=True):
            name = "/".join(str(part) for part in key)
            seconds[name], cpu[name] = round(wall, 2), round(cpu_seconds, 2)
            log(f"{name:>18}: {wall:5.1f} s ({cpu_seconds:5.1f} s of CPU)")
            runs.append(entry)
    elapsed = time.perf_counter() - start
    document = {
        "about": "the book's RNN and LSTM review scorers: python -m lstm_viz.experiment",
        "checkpoint_steps": CHECKPOINT_STEPS,
        "runs": runs,
    }
    weights.parent.mkdir(parents=True, exist_ok=True)
    weights.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    log(f"all {len(runs)} runs: {elapsed:.0f} s with {jobs} processes")
    if timing is not None:
        write_timing(
            timing,
            {
                "train_seconds": seconds,
                "train_seconds_total": round(sum(seconds.values()), 1),
                "train_cpu_seconds": cpu,
                "train_cpu_seconds_total": round(sum(cpu.values()), 1),
                "train_elapsed_seconds": round(elapsed, 1),
                "train_jobs": jobs,
                "cpus": os.cpu_count(),
            },
        )


def write_timing(timing: Path, entries: dict) -> None:
    """Add ``entries`` to the JSON file of measured times, keeping what it already holds."""
    known = json.loads(timing.read_text()) if timing.exists() else {}
    timing.write_text(json.dumps({**known, **entries}, indent=1, sort_keys=True) + "\n")


def _config(entry: dict) -> TrainConfig:
    fields = dict(entry)
    return TrainConfig(**{**fields, "task": TaskSpec(**fields["task"])})


def load(weights: Path = WEIGHTS) -> dict[RunKey, Run]:
    """The shipped runs by (regime, model, seed)."""
    document = json.loads(Path(weights).read_text())
    runs = {}
    for entry in document["runs"]:
        params = {key: _decode_array(value) for key, value in entry["params"].items()}
        runs[(entry["regime"], entry["model"], entry["seed"])] = Run(
            _config(entry["config"]),
            Model(entry["kind"], params),
            np.array(entry["loss_every_50"]),
            None
            if entry["checkpoint"] is None
            else {key: _decode_array(value) for key, value in entry["checkpoint"].items()},
        )
    return runs
