"""What the book's prose says about the RNN-versus-LSTM experiment, as data the build checks.

The same two kinds of statement as the chapter's (:mod:`lstm_viz.model.claims`), computed from
the measured results (:func:`lstm_viz.experiment.results.results`) instead of the cell:

* **values** — ``name[@where][:format]``: :data:`lstm_viz.experiment.values.VALUES` lists every
  name, what it means and which ``where`` it takes (a model of
  :data:`lstm_viz.experiment.runs.MODELS`, a regime and a model ``long/rnn``, …). ``format`` is
  a Python format spec, ``stars`` (a score: "4/5") or ``sci`` (one significant digit as a power
  of ten: "3 × 10⁻⁴"); every value is written with a true minus sign.
  ``{val}`learned-runs@long/lstm``` is how many of the long-only LSTM runs learned the task.
* **claims** — :data:`CLAIMS`: a sentence of the page and the predicate over the results that
  makes it true. A predicate reads the results it is given, so a test can hand it made-up results
  and watch it say no; :meth:`~lstm_viz.model.statements.Claim.holds` without arguments asks
  about the shipped ones.

:data:`EXPERIMENT` holds both, as a registry of :mod:`lstm_viz.model.statements`; the Sphinx
roles combine it with the chapter's.
"""

from __future__ import annotations

import math

import numpy as np

from lstm_viz.experiment.results import LEARNED_AT, Results, results
from lstm_viz.experiment.review_task import SCORES
from lstm_viz.experiment.runs import MODELS, REGIMES, SEEDS
from lstm_viz.experiment.values import (
    GRAMMAR,
    VALUES,
    format_value,
    group_p,
    is_value_key,
    value,
)
from lstm_viz.model.statements import Claim, Statements

__all__ = ["CLAIMS", "EXPERIMENT", "VALUES", "format_value", "value"]

_RNNS = tuple(m for m, spec in MODELS.items() if spec.kind == "rnn")
_LSTMS = tuple(m for m, spec in MODELS.items() if spec.kind == "lstm")
#: The RNNs whose recurrent weights start as the frameworks' default (all but the orthogonal one).
_DEFAULT_RNNS = tuple(m for m in _RNNS if MODELS[m].recurrent == "uniform")


def _learned(r: Results, models: tuple[str, ...], regime: str = "long") -> int:
    return sum(len(r.learned(regime, m)) for m in models)


def _every_distance_all_learn(r: Results) -> bool:
    return all(r.accuracy("every", m, s).min() >= 0.99 for m in MODELS for s in SEEDS)


def _rnns_mostly_stuck(r: Results) -> bool:
    return _learned(r, _RNNS) < len(_RNNS) * len(SEEDS) / 2


def _lstms_mostly_learn(r: Results) -> bool:
    return _learned(r, _LSTMS) > len(_LSTMS) * len(SEEDS) / 2


def _reach(r: Results, model: str) -> np.ndarray:
    return np.array([r.reach[(model, s)] for s in SEEDS])  # (seeds, distances)


def _default_rnn_reach(r: Results) -> np.ndarray:
    return np.concatenate([_reach(r, m) for m in _DEFAULT_RNNS])


def _rnn_gradient_fades(r: Results) -> bool:
    rnn = _default_rnn_reach(r)
    return bool(np.all(np.diff(np.log(rnn), axis=1) < 0) and np.all(rnn[:, -1] < 1e-9))


def _more_gradient_than_default_rnns(r: Results, model: str, factor: float) -> bool:
    """Wherever the long-only reviews reach, every untrained ``model`` gets more than ``factor``
    times the gradient of any default-start RNN."""
    trained = r.trained("long")
    rnn = _default_rnn_reach(r)[:, trained].max(axis=0)
    return bool(np.all(_reach(r, model)[:, trained].min(axis=0) > factor * rnn))


def _bias0_between(r: Results) -> bool:
    """Every bias-0 LSTM gets less gradient than every bias +1 LSTM and, where the long-only
    reviews reach, more than every default-start RNN."""
    bias0 = _reach(r, "lstm-bias0")
    return bool(
        np.all(bias0.max(axis=0) < _reach(r, "lstm").min(axis=0))
        and _more_gradient_than_default_rnns(r, "lstm-bias0", 1)
    )


def _orthogonal_reach_like_lstm(r: Results) -> bool:
    """Wherever the long-only reviews reach, every untrained orthogonal RNN gets more gradient
    than every bias-0 LSTM: as much of a path back as an LSTM that learned."""
    trained = r.trained("long")
    ortho, bias0 = _reach(r, "rnn-orthogonal")[:, trained], _reach(r, "lstm-bias0")[:, trained]
    return bool(np.all(ortho.min(axis=0) > bias0.max(axis=0)))


def _orthogonal_no_better(r: Results) -> bool:
    return len(r.learned("long", "rnn-orthogonal")) <= len(r.learned("long", "rnn"))


def _gradient_not_enough(r: Results) -> bool:
    """The orthogonal RNNs get more gradient than the bias-0 LSTMs and yet learn less often."""
    fewer = len(r.learned("long", "rnn-orthogonal")) < len(r.learned("long", "lstm-bias0"))
    return _orthogonal_reach_like_lstm(r) and fewer


def _escapes(r: Results, model: str) -> list[int]:
    return [r.escape(("long", model, s)) for s in r.learned("long", model)]


def _bias0_escapes_later(r: Results) -> bool:
    return min(_escapes(r, "lstm-bias0")) > max(_escapes(r, "lstm"))


def _late_escapes(r: Results) -> bool:
    """Some run that learned left the plateau after more than half its updates: the budget
    bounds what "did not learn" means."""
    latest = max(e for m in MODELS for e in _escapes(r, m) if _escapes(r, m))
    return latest > r.runs[("long", "lstm", SEEDS[0])].config.steps / 2


def _stuck_runs(r: Results) -> list[tuple[str, int]]:
    return [(m, s) for m in MODELS for s in r.stuck("long", m)]


def _stuck_score_like_verdict(r: Results) -> bool:
    """On average over the distances it was trained on, no stuck run scores more than 3 points
    above the best rule that sees only the verdict (at one distance it may, by the luck of 200
    test reviews)."""
    verdict = float(r.measured.verdict_only[r.trained("long")].mean())
    return bool(_stuck_runs(r)) and all(
        r.in_training_range("long", m, s).mean() <= verdict + 0.03 for m, s in _stuck_runs(r)
    )


def _stuck_ignore_opinion(r: Results) -> bool:
    """Every stuck run gives "bad … loved" (4/5) and "good … loved" (5/5) reviews 5/5 about
    equally often: the same answer whatever the opinion."""
    return all(
        abs(r.measured.scored(("long", m, s), 2, 5) - r.measured.scored(("long", m, s), 3, 5)) < 0.1
        for m, s in _stuck_runs(r)
    )


def _stuck_losses_at_ln2(r: Results) -> bool:
    return all(abs(r.final_loss(("long", m, s)) - math.log(2)) < 0.01 for m, s in _stuck_runs(r))


def _lstm_beats_rnn_beyond_chance(r: Results) -> bool:
    return group_p(r, "long", _LSTMS, _RNNS) < 0.01


def _pair_alone_not_sure(r: Results) -> bool:
    return value("p-learned@long/lstm/rnn", r) > 0.05


def _matched_no_better(r: Results) -> bool:
    return len(r.learned("long", "rnn-matched")) <= len(r.learned("long", "rnn"))


def _bias_not_the_reason(r: Results) -> bool:
    bias0 = len(r.learned("long", "lstm-bias0"))
    return all(bias0 > len(r.learned("long", m)) for m in _RNNS)


def _lstm_unsure_where_untrained(r: Results) -> bool:
    column = r.measured.distances.index(r.chapter.distance)
    at = [r.accuracy("long", "lstm", s)[column] for s in SEEDS]
    return r.chapter.distance < REGIMES["long"].min_distance and min(at) < LEARNED_AT


def _chapter_review_mistaken(r: Results) -> bool:
    """Some long-only RNN run gives the chapter's own "bad … loved" review full marks."""
    return r.chapter.score != 5 and any(
        r.score_of(("long", m, s), r.chapter) == 5 for m in _RNNS for s in SEEDS
    )


def _chapter_review_mistaken_by_lstm(r: Results) -> bool:
    """Some long-only LSTM run gives the chapter's own review full marks too."""
    return r.chapter.score != 5 and any(
        r.score_of(("long", m, s), r.chapter) == 5 for m in _LSTMS for s in SEEDS
    )


def _no_lstm_mistaken(r: Results) -> bool:
    return all(r.score_of(("long", m, s), r.stretched) != 5 for m in _LSTMS for s in SEEDS)


def _walk_inside_training(r: Results) -> bool:
    spec = REGIMES["long"]
    return spec.min_distance <= r.stretched.distance <= spec.max_distance


def _walk_rnn_mistaken(r: Results) -> bool:
    return value("final-score@rnn", r) == 5 and r.stretched.score == 4


def _walk_rnn_coin_flip(r: Results) -> bool:
    """The RNN shown splits its belief between 4/5 and 5/5, close to evenly."""
    last = r.walk.rnn_scores[-1]
    four, five = last[SCORES.index(4)], last[SCORES.index(5)]
    return bool(four + five > 0.95 and abs(five - four) < 0.2)


def _walk_lstm_sure(r: Results) -> bool:
    return value("final-sure@lstm", r) > 0.95


def _walk_lstm_right(r: Results) -> bool:
    return value("final-score@lstm", r) == r.stretched.score


def _rnn_blind(r: Results) -> bool:
    return value("flipped-score@rnn", r) == value("final-score@rnn", r)


def _lstm_follows(r: Results) -> bool:
    return value("flipped-score@lstm", r) == 5 and value("final-score@lstm", r) == 4


def _unit_forget_high(r: Results) -> bool:
    return value("unit-forget-low", r) > 0.85


def _unit_mark_deepens(r: Results) -> bool:
    at = value("unit-ltm@opinion", r) - value("unit-ltm-flipped@opinion", r)
    end = value("unit-ltm@end", r) - value("unit-ltm-flipped@end", r)
    return abs(end) > 3 * abs(at) and np.sign(end) == np.sign(at)


def _unit_keeps_writing(r: Results) -> bool:
    unit = int(value("unit", r)) - 1
    return bool(np.all(r.walk.lstm["input"][r.stretched.decisive + 1 :, unit] > 0.5))


_CLAIMS = (
    ("every-distance-all-learn", "Trained at every distance, every run of every model scores at "
     "least 99% at every distance.", _every_distance_all_learn),
    ("long-rnns-mostly-stuck", "Trained at long distances only, fewer than half the RNN runs "
     "learn the task.", _rnns_mostly_stuck),
    ("long-lstms-mostly-learn", "Trained at long distances only, more than half the LSTM runs "
     "learn the task.", _lstms_mostly_learn),
    ("lstms-beat-rnns-beyond-chance", "Pooled, the LSTMs' learned count against the RNNs' has a "
     "one-sided Fisher p-value below 0.01.", _lstm_beats_rnn_beyond_chance),
    ("pair-alone-not-sure", "The LSTM against the small RNN alone has a Fisher p-value "
     "above 0.05.", _pair_alone_not_sure),
    ("matched-rnn-no-better", "The RNN with the LSTM's parameter count learns no more often than "
     "the small RNN.", _matched_no_better),
    ("forget-bias-not-the-reason", "Without the forget bias the LSTM still learns more often "
     "than either RNN.", _bias_not_the_reason),
    ("rnn-gradient-fades", "In every untrained RNN with the default start the gradient at the "
     "decisive word falls with every distance, below 1e-9 at the farthest.", _rnn_gradient_fades),
    ("lstm-gets-more-gradient", "Wherever the long-only reviews reach, every untrained LSTM "
     "gets more than 10 times the gradient of any default-start RNN.",
     lambda r: _more_gradient_than_default_rnns(r, "lstm", 10)),
    ("bias0-gets-less-gradient", "Bias-0 LSTMs get less gradient than bias +1 LSTMs and, where "
     "the long-only reviews reach, more than any default-start RNN.", _bias0_between),
    ("orthogonal-rnn-gets-more-gradient", "Wherever the long-only reviews reach, every untrained "
     "orthogonal RNN gets more than 10 times the gradient of any default-start RNN.",
     lambda r: _more_gradient_than_default_rnns(r, "rnn-orthogonal", 10)),
    ("orthogonal-rnn-no-better", "The orthogonal RNN learns no more often than the small RNN "
     "with the default start.", _orthogonal_no_better),
    ("gradient-at-start-not-enough", "The orthogonal RNNs get more gradient than every bias-0 "
     "LSTM where the long-only reviews reach, yet learn less often.", _gradient_not_enough),
    ("bias0-escapes-later", "Every bias-0 LSTM that learned left the ln 2 plateau later than every "
     "bias +1 LSTM.", _bias0_escapes_later),
    ("some-escapes-late", "Some run that learned left the plateau only after half its updates.",
     _late_escapes),
    ("stuck-runs-score-like-verdict", "On average over its trained distances, no stuck run "
     "scores more than 3 points above the best verdict-only rule.", _stuck_score_like_verdict),
    ("stuck-runs-ignore-opinion", "Every stuck run gives bad … loved and good … loved reviews "
     "5/5 about equally often.", _stuck_ignore_opinion),
    ("stuck-losses-at-ln2", "Every stuck run ends its training within 0.01 of ln 2.",
     _stuck_losses_at_ln2),
    ("lstm-unsure-where-untrained", "At the chapter review's distance, shorter than any long-only "
     "training review, some long-only LSTM scores below the learned mark.",
     _lstm_unsure_where_untrained),
    ("chapter-review-mistaken-by-some-rnn", "Some long-only RNN run scores the chapter's review "
     "5/5, as the original predicts.", _chapter_review_mistaken),
    ("no-lstm-makes-the-mistake", "No long-only LSTM run scores the stretched review 5/5.",
     _no_lstm_mistaken),
    ("walk-inside-training", "The stretched review lies inside the long-only training "
     "distances.", _walk_inside_training),
    ("walk-rnn-makes-the-predicted-mistake", "The RNN shown scores the bad … loved review 5/5.",
     _walk_rnn_mistaken),
    ("walk-rnn-near-coin-flip", "The RNN shown gives 4/5 and 5/5 together over 95% and within "
     "20 points of each other.", _walk_rnn_coin_flip),
    ("walk-lstm-right", "The LSTM shown scores the review right.", _walk_lstm_right),
    ("walk-lstm-sure", "The LSTM shown gives its score more than 95%.", _walk_lstm_sure),
    ("walk-rnn-blind-to-opinion", "With bad turned into good the RNN shown gives the same score.",
     _rnn_blind),
    ("walk-lstm-follows-opinion", "With bad turned into good the LSTM shown gives 5/5 instead of "
     "4/5.", _lstm_follows),
    ("unit-forget-stays-high", "After the opinion, the unit's forget gate stays above 0.85.",
     _unit_forget_high),
    ("unit-keeps-learning", "After the opinion, the unit's input gate stays above one half.",
     _unit_keeps_writing),
    ("unit-mark-deepens", "The gap between the two versions' LTM in the unit grows more than "
     "threefold from the opinion word to the end.", _unit_mark_deepens),
    ("chapter-review-mistaken-by-some-lstm", "Some long-only LSTM run scores the chapter's review "
     "5/5, as the original predicts of an RNN.", _chapter_review_mistaken_by_lstm),
)  # fmt: skip

#: Every claim the pages make about the experiment, by the name its ``{claim}`` role gives.
#:
#: :meta hide-value:
CLAIMS: dict[str, Claim[Results]] = {
    name: Claim(name, words, test, results) for name, words, test in _CLAIMS
}

#: The experiment's registry of value keys and claims, for the ``{val}`` and ``{claim}`` roles.
EXPERIMENT = Statements("experiment", GRAMMAR, is_value_key, format_value, CLAIMS)
