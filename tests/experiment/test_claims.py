"""The experiment's value keys and claims: what they read, that they hold, that they can fail."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import cast

import numpy as np
import pytest

from lstm_viz.experiment.claims import CLAIMS, EXPERIMENT, VALUES, format_value, value
from lstm_viz.experiment.results import Results, results
from lstm_viz.experiment.runs import MODELS, SEEDS
from lstm_viz.experiment.values import group_p
from lstm_viz.model.claims import CHAPTER
from lstm_viz.sphinx.roles import STATEMENTS


@pytest.fixture(scope="module")
def shipped():
    return results()


def test_every_claim_holds_for_the_shipped_results(shipped) -> None:
    failing = [name for name, claim in CLAIMS.items() if not claim.test(shipped)]
    assert not failing


def test_the_chapters_and_the_experiments_names_never_meet() -> None:
    assert not set(CLAIMS) & set(CHAPTER.claims)
    assert not [name for name in VALUES if CHAPTER.owns(f"{name}@x")]
    assert set(STATEMENTS.claims) == set(CLAIMS) | set(CHAPTER.claims)
    assert STATEMENTS.format_value("seeds") == str(len(SEEDS))
    assert STATEMENTS.format_value("forget@0") == "0.50"


def test_values_read_the_results(shipped) -> None:
    assert value("learned-runs@long/lstm") == len(shipped.learned("long", "lstm"))
    assert value("parameters@rnn-matched") == MODELS["rnn-matched"].parameters
    worst = min(shipped.in_training_range("every", "rnn", s).min() for s in SEEDS)
    assert value("worst@every/rnn") == worst
    assert format_value("score@chapter") == "4/5"
    assert format_value("forget-bias@lstm-bias0") == "0"
    assert format_value("forget-bias@lstm") == "+1"
    assert re.fullmatch(r"\d × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+", format_value("reach-low@rnn/farthest"))
    assert format_value("verdict-only-loss") == f"{math.log(2):.3f}"


def test_fishers_test_counts_every_table_at_least_as_extreme() -> None:
    """Five of five against two of five learned: 10 of the 120 ways to place seven successes."""

    class Counts:
        def learned(self, regime, model):
            return (1, 2, 3, 4, 5) if model == "a" else (1, 2)

    assert group_p(cast(Results, Counts()), "long", ("a",), ("b",)) == pytest.approx(10 / 120)
    assert group_p(cast(Results, Counts()), "long", ("a",), ("a",)) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("no-such@x", "names no value"),
        ("learned-runs@long", "measured @ one of"),
        ("seeds@long/rnn", "measured @ one of: none"),
        ("seeds:.2q", "not a format spec"),
    ],
)
def test_a_bad_key_is_refused_by_name(key: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        EXPERIMENT.format_value(key)


def test_the_claims_can_fail(shipped) -> None:
    """Results where every long-only matched and orthogonal RNN learned, the LSTM's gradient
    vanished like an RNN's and the orthogonal RNN's too: the headline claims say no."""
    accuracy = dict(shipped.measured.accuracy)
    for seed in SEEDS:
        for model in ("rnn-matched", "rnn-orthogonal"):
            key = ("long", model, seed)
            accuracy[key] = np.ones_like(accuracy[key])
    reach = {
        **shipped.reach,
        **{(m, s): shipped.reach[("rnn", s)] for s in SEEDS for m in ("lstm", "rnn-orthogonal")},
    }
    made_up = replace(shipped, measured=replace(shipped.measured, accuracy=accuracy), reach=reach)
    for name in (
        "long-rnns-mostly-stuck",
        "lstms-beat-rnns-beyond-chance",
        "matched-rnn-no-better",
        "forget-bias-not-the-reason",
        "lstm-gets-more-gradient",
        "bias0-gets-less-gradient",
        "orthogonal-rnn-gets-more-gradient",
        "orthogonal-rnn-no-better",
        "gradient-at-start-not-enough",
    ):
        assert CLAIMS[name].test(shipped) and not CLAIMS[name].test(made_up), name


def test_the_escape_is_where_the_loss_first_falls_below_half_ln2(shipped) -> None:
    key = ("long", "lstm-bias0", 4)
    loss = shipped.runs[key].loss
    escape = shipped.escape(key)
    assert loss[escape // 50 - 1] < math.log(2) / 2 <= loss[: escape // 50 - 1].min()
    assert shipped.escape(("long", "rnn-matched", 1)) == 0  # never left it
    with pytest.raises(ValueError, match="no run of long/rnn-matched learned"):
        format_value("escape-low@long/rnn-matched")


def test_the_spectral_radius_of_the_starts(shipped) -> None:
    assert value("radius-low@rnn-orthogonal") == pytest.approx(1.0)
    assert value("radius-high@rnn-orthogonal") == pytest.approx(1.0)
    assert 0.4 < value("radius-low@rnn") <= value("radius-high@rnn") < 0.8
