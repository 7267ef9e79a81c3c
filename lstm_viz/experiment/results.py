"""Everything the RNN-versus-LSTM page states, measured once per process from the shipped weights.

:func:`results` loads the runs (:mod:`lstm_viz.experiment.runs`), scores them on the test set,
measures the untrained models' gradients and lets two models read the chapter's review
(:mod:`lstm_viz.experiment.measure`). The page's figures, its tables, its value keys and its claims
(:mod:`lstm_viz.experiment.claims`) all read this one object, so the Sphinx build computes it once
however many pages quote it. Where ``LSTM_VIZ_CACHE`` names a folder (the tests set it: every
pytest worker is a process of its own), what was measured is also kept there, keyed by the
weights' bytes and the code that measures them.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from lstm_viz.experiment.measure import (
    Measured,
    Walk,
    gradient_reach,
    measure,
    median_seed,
    test_set,
    walk,
)
from lstm_viz.experiment.review_task import (
    CHAPTER_SENTENCE,
    SCORES,
    STRETCHED_SENTENCE,
    Batch,
    Review,
    encode,
    parse,
)
from lstm_viz.experiment.runs import MODELS, REGIMES, SEEDS
from lstm_viz.experiment.training import Model
from lstm_viz.experiment.weights import WEIGHTS, Run, RunKey, WeightsError, load

__all__ = ["CACHE", "LEARNED_AT", "Results", "results"]

#: The environment variable naming a folder where :func:`results` keeps what it measured.
CACHE = "LSTM_VIZ_CACHE"
#: A run has learned the task when it scores at least this share of the test reviews right at every
#: distance its training reviews reached.
LEARNED_AT = 0.95


@dataclass(frozen=True)
class Results:
    """The shipped runs and what was measured of them (see :func:`results`)."""

    runs: dict[RunKey, Run]
    measured: Measured
    reach: dict[tuple[str, int], NDArray[np.float64]]
    chapter: Review = field(default_factory=lambda: parse(CHAPTER_SENTENCE))
    stretched: Review = field(default_factory=lambda: parse(STRETCHED_SENTENCE))

    # What each run makes of a review -------------------------------------------------------
    def trained(self, regime: str) -> np.ndarray:
        """Which test distances the training reviews of ``regime`` reached."""
        spec = REGIMES[regime]
        d = np.array(self.measured.distances)
        return (d >= spec.min_distance) & (d <= spec.max_distance)

    def accuracy(self, regime: str, model: str, seed: int) -> NDArray[np.float64]:
        return self.measured.accuracy[(regime, model, seed)]

    def in_training_range(self, regime: str, model: str, seed: int) -> NDArray[np.float64]:
        """The run's accuracy at the distances its training reviews reached."""
        return self.accuracy(regime, model, seed)[self.trained(regime)]

    def learned(self, regime: str, model: str) -> tuple[int, ...]:
        """The seeds whose run learned the task (:data:`LEARNED_AT`)."""
        return tuple(
            s for s in SEEDS if self.in_training_range(regime, model, s).min() >= LEARNED_AT
        )

    def stuck(self, regime: str, model: str) -> tuple[int, ...]:
        """The seeds whose run did not learn the task."""
        return tuple(s for s in SEEDS if s not in self.learned(regime, model))

    def score_of(self, key: RunKey, review: Review) -> int:
        """The score (stars) run ``key`` gives ``review``."""
        return SCORES[int(self.runs[key].model.predict(encode([review]))[0])]

    def final_loss(self, key: RunKey) -> float:
        """The run's mean training loss over its last 50 updates."""
        return float(self.runs[key].loss[-1])

    def escape(self, key: RunKey) -> int:
        """After how many updates the run's loss left the plateau of knowing the verdict only:
        the end of the first 50 updates whose mean loss is below half of ln 2 (0 if never)."""
        below = self.runs[key].loss < np.log(2) / 2
        window = self.runs[key].config.steps // len(below)
        return int((np.argmax(below) + 1) * window) if below.any() else 0

    # The step-through ---------------------------------------------------------------------
    @functools.cached_property
    def walk_seeds(self) -> tuple[int, int]:
        """The long-only RNN and LSTM runs that read the stretched review on the page.

        The RNN is the first seed that makes the chapter's predicted mistake on it (5/5 for a
        "bad … loved" review), if any does, else the median run; the LSTM is the median run.
        """
        mistaken = [s for s in SEEDS if self.score_of(("long", "rnn", s), self.stretched) == 5]
        rnn = mistaken[0] if mistaken else median_seed(self.measured, "long", "rnn")
        return rnn, median_seed(self.measured, "long", "lstm")

    def walk_of(self, review: Review) -> Walk:
        return walk(self.readers["rnn"], self.readers["lstm"], review)

    @functools.cached_property
    def walk(self) -> Walk:
        """The two models reading the stretched review."""
        return self.walk_of(self.stretched)

    @functools.cached_property
    def flipped(self) -> Walk:
        """The same two models reading it with *bad* turned into *good*."""
        return self.walk_of(parse(STRETCHED_SENTENCE.replace(" bad", " good")))

    @functools.cached_property
    def units(self) -> dict[str, int]:
        """The unit of each step-through model (from 0) that the opinion moves most: the LSTM
        unit whose LTM differs most between the stretched review and the same with *good*, at
        its end; the RNN unit whose STM differs most just after the opinion word (by the end the
        difference is gone from every RNN unit)."""
        at = self.stretched.decisive
        lstm = np.abs(self.walk.lstm["ltm"][-1] - self.flipped.lstm["ltm"][-1])
        rnn = np.abs(self.walk.rnn_h[at] - self.flipped.rnn_h[at])
        return {"rnn": int(np.argmax(rnn)), "lstm": int(np.argmax(lstm))}

    @functools.cached_property
    def readers(self) -> dict[str, Model]:
        """The two step-through models, as the page's review reader reads with them."""
        rnn, lstm = self.walk_seeds
        return {
            "rnn": self.runs[("long", "rnn", rnn)].model,
            "lstm": self.runs[("long", "lstm", lstm)].model,
        }


def _cache_key(weights: Path, per_distance: int | None) -> str:
    """What the measurements depend on: the weights, the test set's size, numpy, and the code of
    the experiment and the model (any edit there measures again)."""
    digest = hashlib.sha256(weights.read_bytes())
    digest.update(f"{per_distance}|{np.__version__}".encode())
    package = Path(__file__).resolve().parents[1]
    for source in sorted([*package.glob("experiment/*.py"), *package.glob("model/**/*.py")]):
        digest.update(source.relative_to(package).as_posix().encode() + source.read_bytes())
    return digest.hexdigest()[:32]


def _measured(
    weights: Path, per_distance: int | None, runs: dict[RunKey, Run], tests: dict[int, Batch]
) -> tuple[Measured, dict[tuple[str, int], NDArray[np.float64]]]:
    folder = os.environ.get(CACHE)
    if not folder:
        return measure(runs, tests), gradient_reach(tests)
    kept = Path(folder) / f"results-{_cache_key(weights, per_distance)}.pickle"
    try:
        return pickle.loads(kept.read_bytes())
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError):
        pass
    value = measure(runs, tests), gradient_reach(tests)
    kept.parent.mkdir(parents=True, exist_ok=True)
    partial = kept.with_name(f"{kept.name}.{os.getpid()}")
    partial.write_bytes(pickle.dumps(value))
    partial.replace(kept)  # atomic: a worker reading at the same time sees all of it or nothing
    return value


@functools.cache
def results(weights: Path = WEIGHTS, per_distance: int | None = None) -> Results:
    """Every shipped run measured on the test set: once per process for each argument."""
    tests = test_set() if per_distance is None else test_set(per_distance)
    runs = load(weights)
    missing = sorted({model for (_, model, _) in runs} ^ set(MODELS))
    if missing:
        raise WeightsError(f"{weights} and MODELS disagree on {', '.join(missing)}: retrain")
    return Results(runs, *_measured(weights, per_distance, runs, tests))
