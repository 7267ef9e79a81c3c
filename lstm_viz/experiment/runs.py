"""The book's RNN-versus-LSTM experiment: which models are trained, on what, and how.

Two training regimes of the review task (:mod:`lstm_viz.experiment.review_task`): in ``every`` the
opinion word is 5 to 45 words from the end of a training review; in ``long`` it is always 14 to 45
words from the end. In each, five models (:data:`MODELS`) are trained from five seeds with the same
settings (:data:`BASE`): a plain RNN and an LSTM of the same hidden size, an RNN with about as many
parameters as the LSTM, an RNN whose recurrent weights start orthogonal, and an LSTM without the
forget bias that the first one starts with. The trained weights are shipped in
``lstm_viz/experiment/data/rnn-vs-lstm.json`` (:mod:`lstm_viz.experiment.weights`); retrain them,
bit for bit on any x86-64 machine with AVX2 (see :mod:`lstm_viz.experiment.retraining`), with::

    python -m lstm_viz.experiment            # about 8 minutes of processor time; --check compares

The book's build only loads the weights and scores the models (:mod:`lstm_viz.experiment.measure`).
This module's code is part of the digest the weights file carries: change what it trains and the
build asks for a retraining.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
from numpy.typing import NDArray

from lstm_viz.experiment.review_task import TaskSpec
from lstm_viz.experiment.training import (
    Model,
    TrainConfig,
    initial_model,
    parameter_count,
    train,
)
from lstm_viz.experiment.weights import RunKey, encode_array

__all__ = [
    "BASE",
    "CHECKPOINT_STEPS",
    "MODELS",
    "REGIMES",
    "SEEDS",
    "ModelSpec",
    "config_of",
    "configs",
    "initial",
    "matched_hidden",
    "train_run",
]

#: The training regimes: where the opinion word may sit in a training review.
REGIMES: dict[str, TaskSpec] = {"every": TaskSpec(), "long": TaskSpec(least_after=3)}
SEEDS: tuple[int, ...] = (1, 2, 3, 4, 5)
#: The settings every run shares; the regime's task, the seed and the model's own size, forget
#: bias and recurrent start (:data:`MODELS`) change.
BASE = TrainConfig(
    hidden=8, steps=1500, batch=64, learning_rate=0.01, clip=1.0, train_size=8000, forget_bias=1.0
)
#: After this many steps the first seed's weights are also stored, so a test can retrain that far.
CHECKPOINT_STEPS = 20


@dataclass(frozen=True)
class ModelSpec:
    """One of the experiment's models: its cell ("rnn" or "lstm"), how the page names it, its
    hidden size, the bias its LSTM forget gates start with (an RNN has no forget gate) and how its
    recurrent weights start (:data:`lstm_viz.experiment.training.RECURRENT_STARTS`)."""

    kind: str
    name: str
    hidden: int
    forget_bias: float
    recurrent: str = "uniform"

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
#: ``rnn-orthogonal`` answers "the RNN just started with recurrent weights that shrink every
#: signal" (its W_hh starts orthogonal); ``lstm-bias0`` answers "the LSTM just had its forget gates
#: opened at the start".
#:
#: :meta hide-value:
MODELS: dict[str, ModelSpec] = {
    "rnn": ModelSpec("rnn", "RNN", BASE.hidden, BASE.forget_bias),
    "rnn-matched": ModelSpec("rnn", "matched RNN", matched_hidden(), BASE.forget_bias),
    "rnn-orthogonal": ModelSpec(
        "rnn", "orthogonal RNN", BASE.hidden, BASE.forget_bias, "orthogonal"
    ),
    "lstm": ModelSpec("lstm", "LSTM", BASE.hidden, BASE.forget_bias),
    "lstm-bias0": ModelSpec("lstm", "LSTM, forget bias 0", BASE.hidden, 0.0),
}


def config_of(model: str, seed: int, task: TaskSpec = TaskSpec()) -> TrainConfig:  # noqa: B008
    """The settings of ``model``'s run from ``seed`` on reviews of ``task``."""
    spec = MODELS[model]
    return replace(
        BASE,
        task=task,
        seed=seed,
        hidden=spec.hidden,
        forget_bias=spec.forget_bias,
        recurrent=spec.recurrent,
    )


def configs() -> dict[RunKey, TrainConfig]:
    """The configuration of every run of the experiment, in a fixed order."""
    return {
        (regime, model, seed): config_of(model, seed, task)
        for regime, task in REGIMES.items()
        for model in MODELS
        for seed in SEEDS
    }


def initial(model: str, seed: int) -> Model:
    """The weights run (any regime, ``model``, ``seed``) starts training from."""
    return initial_model(MODELS[model].kind, config_of(model, seed))


def _params(params: dict[str, NDArray[np.float64]]) -> dict:
    return {key: encode_array(value) for key, value in params.items()}


def train_run(key: RunKey, config: TrainConfig) -> tuple[dict, float, float]:
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
