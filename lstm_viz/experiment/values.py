"""The experiment's numbers as value keys, ``name[@where][:format]`` (see
:mod:`lstm_viz.experiment.claims`): every name in :data:`VALUES`, with what it means and where."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lstm_viz.experiment.measure import TEST_DISTANCES, TEST_PER_DISTANCE
from lstm_viz.experiment.results import LEARNED_AT, Results, results
from lstm_viz.experiment.review_task import SCORES, VOCABULARY
from lstm_viz.experiment.runs import BASE, MODELS, REGIMES, SEEDS, configs, initial
from lstm_viz.experiment.weights import read_timing
from lstm_viz.model.formatting import number
from lstm_viz.model.gates import sigmoid

__all__ = ["GRAMMAR", "VALUES", "Value", "format_value", "group_p", "is_value_key", "value"]

GRAMMAR = "name[@where][:format] with a name of lstm_viz.experiment.values.VALUES"


@dataclass(frozen=True)
class Value:
    """One named number: what it is, the places (``where``) it takes, how it is computed from the
    results and the place, and the format it is written in unless the key gives one."""

    about: str
    places: tuple[str, ...]
    compute: Callable[[Results, str], float]
    spec: str = "d"


_LSTMS = tuple(m for m, spec in MODELS.items() if spec.kind == "lstm")
_RNNS = tuple(m for m, spec in MODELS.items() if spec.kind == "rnn")
_RUNS = tuple(f"{regime}/{model}" for regime in REGIMES for model in MODELS)
_REACH = tuple(f"{model}/{at}" for model in MODELS for at in ("long-start", "farthest"))
_REVIEWS = ("chapter", "stretched")
_WALKED = ("rnn", "lstm")


def _radius(model: str, seed: int) -> float:
    """The spectral radius (largest |eigenvalue|) of the W_hh run (``model``, ``seed``) starts
    with: below 1, every step back through time shrinks the gradient."""
    return float(np.abs(np.linalg.eigvals(initial(model, seed).params["w_hh"])).max())


def _run(where: str) -> tuple[str, str]:
    regime, model = where.split("/")
    return regime, model


def _stuck_accuracy(r: Results, where: str) -> np.ndarray:
    regime, model = _run(where)
    stuck = r.stuck(regime, model) or SEEDS
    return np.concatenate([r.in_training_range(regime, model, s) for s in stuck])


def _worst(r: Results, where: str) -> float:
    regime, model = _run(where)
    return min(float(r.in_training_range(regime, model, s).min()) for s in SEEDS)


def _mean(r: Results, where: str) -> float:
    regime, model = _run(where)
    return float(np.mean([r.accuracy(regime, model, s).mean() for s in SEEDS]))


_GROUPS = {
    "rnns": tuple(m for m, spec in MODELS.items() if spec.kind == "rnn"),
    "lstms": tuple(m for m, spec in MODELS.items() if spec.kind == "lstm"),
    **{m: (m,) for m in MODELS},
}


def group_p(r: Results, regime: str, more: tuple[str, ...], fewer: tuple[str, ...]) -> float:
    """How likely it is, if both groups of models learned equally often, that the runs of ``more``
    would have learned at least as often as they did more than those of ``fewer``: the one-sided
    p-value of Fisher's exact test on the two groups' learned-or-not counts."""
    n, m = len(more) * len(SEEDS), len(fewer) * len(SEEDS)
    a = sum(len(r.learned(regime, model)) for model in more)
    total = a + sum(len(r.learned(regime, model)) for model in fewer)
    ways = math.comb(n + m, total)
    return (
        sum(math.comb(n, k) * math.comb(m, total - k) for k in range(a, min(n, total) + 1)) / ways
    )


def _p_value(r: Results, where: str) -> float:
    regime, more, fewer = where.split("/")
    return group_p(r, regime, _GROUPS[more], _GROUPS[fewer])


def _reach(pick: Callable[[list[float]], float]) -> Callable[[Results, str], float]:
    def compute(r: Results, where: str) -> float:
        model, at = where.split("/")
        d = REGIMES["long"].min_distance if at == "long-start" else TEST_DISTANCES[-1]
        column = r.measured.distances.index(min(x for x in TEST_DISTANCES if x >= d))
        return pick([float(r.reach[(model, s)][column]) for s in SEEDS])

    return compute


def _untrained_lstm(pick: Callable[[np.ndarray], float]) -> Callable[[Results, str], float]:
    """The long-only LSTMs' accuracy at the chapter's review's distance, shorter than any of their
    training reviews."""

    def compute(r: Results, where: str) -> float:
        column = r.measured.distances.index(r.chapter.distance)
        return pick(np.array([r.accuracy("long", where, s)[column] for s in SEEDS]))

    return compute


def _stuck_losses(r: Results, where: str) -> np.ndarray:
    regime, model = _run(where)
    stuck = r.stuck(regime, model) or SEEDS
    return np.array([r.final_loss((regime, model, s)) for s in stuck])


def _escapes(r: Results, where: str) -> list[int]:
    regime, model = _run(where)
    escapes = [r.escape((regime, model, s)) for s in r.learned(regime, model)]
    if not escapes:
        raise ValueError(f"no run of {where} learned the task: it has no escape to quote")
    return escapes


def _walk_score(r: Results, where: str, flipped: bool = False) -> float:
    walk = r.flipped if flipped else r.walk
    scores = walk.rnn_scores if where == "rnn" else walk.lstm_scores
    return SCORES[int(np.argmax(scores[-1]))]


def _unit(r: Results) -> int:
    """The LSTM unit whose LTM the opinion changes most by the end of the stretched review."""
    return r.units["lstm"]


def _unit_value(name: str, at: str, flipped: bool = False) -> Callable[[Results, str], float]:
    def compute(r: Results, where: str) -> float:
        walk = r.flipped if flipped else r.walk
        t = r.stretched.decisive if at == "opinion" else -1
        return float(walk.lstm[name][t, _unit(r)])

    return compute


def _scalar(x: float) -> Callable[[Results, str], float]:
    return lambda r, where: x


#: Every value the pages may quote, by name.
#:
#: :meta hide-value:
VALUES: dict[str, Value] = {
    # The task and the training
    "vocabulary-size": Value("words in the task's vocabulary", (), _scalar(len(VOCABULARY))),
    "seeds": Value("seeds each model is trained from", (), _scalar(len(SEEDS))),
    "runs": Value("runs trained in all", (), _scalar(len(configs()))),
    "updates": Value("updates per run", (), _scalar(BASE.steps)),
    "batch-size": Value("reviews per update", (), _scalar(BASE.batch)),
    "training-reviews": Value("training reviews per run", (), _scalar(BASE.train_size)),
    "learning-rate": Value("Adam's learning rate", (), _scalar(BASE.learning_rate), "g"),
    "clip": Value("gradient norm clipped to", (), _scalar(BASE.clip), "g"),
    "hidden": Value("hidden units", tuple(MODELS), lambda r, m: MODELS[m].hidden),
    "parameters": Value("numbers learned", tuple(MODELS), lambda r, m: MODELS[m].parameters),
    "forget-bias": Value(
        "starting bias of the forget gates", _LSTMS, lambda r, m: MODELS[m].forget_bias, "+g"
    ),
    "forget-open": Value(
        "how open the forget gates start, σ(bias)",
        _LSTMS,
        lambda r, m: float(sigmoid(MODELS[m].forget_bias)),
        ".0%",
    ),
    "radius-low": Value(
        "the smallest spectral radius of an RNN's starting W_hh over seeds",
        _RNNS,
        lambda r, m: min(_radius(m, s) for s in SEEDS),
        ".2f",
    ),
    "radius-high": Value(
        "the largest spectral radius of an RNN's starting W_hh over seeds",
        _RNNS,
        lambda r, m: max(_radius(m, s) for s in SEEDS),
        ".2f",
    ),
    "shortest": Value(
        "shortest distance from the decisive word to the end",
        (*REGIMES, "test"),
        lambda r, w: TEST_DISTANCES[0] if w == "test" else REGIMES[w].min_distance,
    ),
    "longest": Value(
        "longest distance from the decisive word to the end",
        (*REGIMES, "test"),
        lambda r, w: TEST_DISTANCES[-1] if w == "test" else REGIMES[w].max_distance,
    ),
    "test-step": Value(
        "words between two test distances", (), _scalar(TEST_DISTANCES[1] - TEST_DISTANCES[0])
    ),
    "test-per-distance": Value("test reviews at each distance", (), _scalar(TEST_PER_DISTANCE)),
    "test-reviews": Value(
        "test reviews in all", (), _scalar(TEST_PER_DISTANCE * len(TEST_DISTANCES))
    ),
    "distance": Value(
        "words after the review's decisive word",
        _REVIEWS,
        lambda r, w: getattr(r, w).distance,
    ),
    "words": Value("words of the review", _REVIEWS, lambda r, w: len(getattr(r, w).words)),
    "score": Value("the review's score", _REVIEWS, lambda r, w: getattr(r, w).score, "stars"),
    "training-cpu-seconds": Value(
        "processor seconds all the runs took to train, when last trained (not deterministic)",
        (),
        lambda r, w: read_timing("train_cpu_seconds_total"),
        ".0f",
    ),
    "learned-at": Value("the share right that counts as learned", (), _scalar(LEARNED_AT), ".0%"),
    # How the runs did
    "learned-runs": Value(
        "runs that learned the task", _RUNS, lambda r, w: len(r.learned(*_run(w)))
    ),
    "stuck-runs": Value("runs that did not", _RUNS, lambda r, w: len(r.stuck(*_run(w)))),
    "worst": Value(
        "the lowest share right of any run at any distance it was trained on", _RUNS, _worst, ".1%"
    ),
    "mean": Value("the mean share right over runs and test distances", _RUNS, _mean, ".1%"),
    "stuck-low": Value(
        "lowest share right of a stuck run where it was trained",
        _RUNS,
        lambda r, w: float(_stuck_accuracy(r, w).min()),
        ".0%",
    ),
    "stuck-high": Value(
        "highest share right of a stuck run where it was trained",
        _RUNS,
        lambda r, w: float(_stuck_accuracy(r, w).max()),
        ".0%",
    ),
    "verdict-only-low": Value(
        "lowest score of the best verdict-only rule, at the regime's trained distances",
        tuple(REGIMES),
        lambda r, w: float(r.measured.verdict_only[r.trained(w)].min()),
        ".0%",
    ),
    "verdict-only-high": Value(
        "highest score of the best verdict-only rule, at the regime's trained distances",
        tuple(REGIMES),
        lambda r, w: float(r.measured.verdict_only[r.trained(w)].max()),
        ".0%",
    ),
    "p-learned": Value(
        "one-sided Fisher p-value that regime/more/fewer learned as often (models or rnns, lstms)",
        tuple(f"{g}/{a}/{b}" for g in REGIMES for a in _GROUPS for b in _GROUPS if a != b),
        _p_value,
        ".2f",
    ),
    "untrained-low": Value(
        "lowest long-only LSTM score at the chapter review's distance",
        _LSTMS,
        _untrained_lstm(np.min),
        ".0%",
    ),
    "untrained-high": Value(
        "highest long-only LSTM score at the chapter review's distance",
        _LSTMS,
        _untrained_lstm(np.max),
        ".0%",
    ),
    "verdict-only-loss": Value(
        "the loss of knowing the verdict only, ln 2", (), _scalar(math.log(2)), ".3f"
    ),
    "stuck-loss-low": Value(
        "lowest final loss of a stuck run",
        _RUNS,
        lambda r, w: float(_stuck_losses(r, w).min()),
        ".3f",
    ),
    "stuck-loss-high": Value(
        "highest final loss of a stuck run",
        _RUNS,
        lambda r, w: float(_stuck_losses(r, w).max()),
        ".3f",
    ),
    "escape-low": Value(
        "the fewest updates after which a run that learned left the ln 2 plateau",
        _RUNS,
        lambda r, w: min(_escapes(r, w)),
    ),
    "escape-high": Value(
        "the most updates after which a run that learned left the ln 2 plateau",
        _RUNS,
        lambda r, w: max(_escapes(r, w)),
    ),
    # The gradient before training
    "reach-low": Value("the smallest gradient ratio over seeds", _REACH, _reach(min), "sci"),
    "reach-high": Value("the largest gradient ratio over seeds", _REACH, _reach(max), "sci"),
    "reach-distance": Value(
        "the test distance a reach is measured at",
        ("long-start", "farthest"),
        lambda r, w: (
            min(x for x in TEST_DISTANCES if x >= REGIMES["long"].min_distance)
            if w == "long-start"
            else TEST_DISTANCES[-1]
        ),
    ),
    # The step-through
    "walk-seed": Value(
        "the seed of the run shown", _WALKED, lambda r, w: r.walk_seeds[_WALKED.index(w)]
    ),
    "mistaken": Value(
        "long-only runs that score the stretched review 5/5",
        tuple(MODELS),
        lambda r, m: sum(r.score_of(("long", m, s), r.stretched) == 5 for s in SEEDS),
    ),
    "final-score": Value("the score given after the last word", _WALKED, _walk_score, "stars"),
    "final-sure": Value(
        "the probability given to that score",
        _WALKED,
        lambda r, w: float((r.walk.rnn_scores if w == "rnn" else r.walk.lstm_scores)[-1].max()),
        ".0%",
    ),
    "flipped-score": Value(
        "the score given with bad turned into good",
        _WALKED,
        lambda r, w: _walk_score(r, w, flipped=True),
        "stars",
    ),
    "rnn-gap": Value(
        "the most any RNN unit's last state moves when bad turns into good",
        (),
        lambda r, w: float(np.abs(r.walk.rnn_h[-1] - r.flipped.rnn_h[-1]).max()),
        "sci",
    ),
    "unit": Value("the LSTM unit that keeps the opinion", (), lambda r, w: _unit(r) + 1),
    "unit-ltm": Value(
        "its LTM after the opinion word, and at the end",
        ("opinion", "end"),
        lambda r, w: _unit_value("ltm", w)(r, w),
        "+.2f",
    ),
    "unit-ltm-flipped": Value(
        "the same with bad turned into good",
        ("opinion", "end"),
        lambda r, w: _unit_value("ltm", w, flipped=True)(r, w),
        "+.2f",
    ),
    "unit-input": Value(
        "its input gate at the opinion word", (), _unit_value("input", "opinion"), ".2f"
    ),
    "unit-forget-low": Value(
        "its lowest forget gate after the opinion word",
        (),
        lambda r, w: float(r.walk.lstm["forget"][r.stretched.decisive + 1 :, _unit(r)].min()),
        ".2f",
    ),
    # The chapter's own review, scored by every long-only run of one kind of model
    "group-runs": Value(
        "long-only runs of the RNNs or of the LSTMs",
        ("rnns", "lstms"),
        lambda r, w: len(_GROUPS[w]) * len(SEEDS),
    ),
    "full-marks-chapter": Value(
        "long-only runs of the RNNs or of the LSTMs that give the chapter's review full marks",
        ("rnns", "lstms"),
        lambda r, w: sum(
            r.score_of(("long", m, s), r.chapter) == max(SCORES) for m in _GROUPS[w] for s in SEEDS
        ),
    ),
}

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _sci(x: float) -> str:
    """``x`` to one significant digit, as a power of ten: 3 × 10⁻⁴."""
    mantissa, exponent = f"{x:.0e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def _split(key: str) -> tuple[str, str, str]:
    head, _, spec = key.partition(":")
    name, _, where = head.partition("@")
    return name, where, spec


def is_value_key(key: str) -> bool:
    """Whether ``key`` names one of :data:`VALUES` (its place and format are checked later)."""
    return _split(key)[0] in VALUES


def _parse(key: str) -> tuple[Value, str, str]:
    name, where, spec = _split(key)
    if name not in VALUES:
        raise ValueError(f"{key!r} names no value of the experiment ({', '.join(VALUES)})")
    entry = VALUES[name]
    if where not in entry.places and not (where == "" and not entry.places):
        places = ", ".join(entry.places) or "none"
        raise ValueError(f"{name!r} is measured @ one of: {places}; got {key!r}")
    return entry, where, spec or entry.spec


def value(key: str, measured: Results | None = None) -> float:
    """The number ``key`` stands for, from ``measured`` (the shipped results by default)."""
    entry, where, _ = _parse(key)
    return entry.compute(results() if measured is None else measured, where)


def format_value(key: str) -> str:
    """The value of ``key`` as the prose shows it, with a true minus sign."""
    _, _, spec = _parse(key)
    x = value(key)
    if spec == "stars":
        return f"{x:.0f}/{max(SCORES)}"
    if spec == "sci":
        return _sci(x).replace("-", "−")
    if spec.startswith("+") and x == 0:
        spec = spec[1:]  # zero has no sign: "bias 0", not "bias +0"
    try:
        return number(round(x) if spec.endswith("d") else x, spec)
    except ValueError:
        raise ValueError(f"{spec!r} in {key!r} is not a format spec for a number") from None
