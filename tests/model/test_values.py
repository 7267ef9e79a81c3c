"""The chapter's value keys beyond one step: presets, the example sequence, weights, the table."""

from __future__ import annotations

import re

import pytest

from lstm_viz.model.claims import CLAIMS
from lstm_viz.model.gates import Neuron, Weights, step
from lstm_viz.model.over_time import EXAMPLE_X, QUIET_STEPS, STRONG, example_run
from lstm_viz.model.presets import LATCH, PRESETS, original_table_fit, table_gap
from lstm_viz.model.sequence import run_sequence
from lstm_viz.model.values import format_value, is_value_key, value


def test_a_preset_key_reads_the_cell_with_that_presets_weights() -> None:
    fit = original_table_fit().weights
    assert value("forget@slightly-positive/original-table") == step(0.5, 0.0, weights=fit).forget
    assert value("input@0.5/latch") == step(0.5, 0.0, weights=LATCH).input
    assert value("forget@0") == step(0.0, 0.0).forget == 0.5


def test_a_step_key_reads_the_example_sequence() -> None:
    latch, book = run_sequence(EXAMPLE_X, weights=LATCH), run_sequence(EXAMPLE_X)
    assert value("ltm@step10/latch") == latch.ltm[9]
    assert value("stm@step1") == book.stm[0]
    assert value("x@step1") == STRONG and value("x@step11") == -STRONG
    assert value("s@step2") == book.s[1] == book.stm[0]
    assert value("forgotten@step3") == 1 - book.forget[2]
    assert example_run("latch").ltm[0] == latch.ltm[0]
    assert QUIET_STEPS == tuple(k for k, x in enumerate(EXAMPLE_X, start=1) if x == 0 and k < 11)


def test_weight_and_table_gap_keys() -> None:
    fit = original_table_fit()
    assert value("w@forget/original-table") == fit.weights.forget.w
    assert value("b@input/latch") == LATCH.input.b
    assert value("table-gap@original-table") == fit.mismatch == table_gap(fit.weights)
    assert value("table-gap@book") == table_gap(Weights()) > 0.3
    assert format_value("w@forget/original-table:g") == "10"
    assert format_value("b@input/original-table:g") == "−10"


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("ltm@step0", "steps 1 … 14"),
        ("ltm@step15", "steps 1 … 14"),
        ("forget@0/no-such", "the preset in"),
        ("w@0.5", "needs a gate"),
        ("x@0.5", "needs a step"),
        ("table-gap@0.5", "needs a preset"),
        ("table-gap@book/latch", "needs a preset"),
    ],
)
def test_a_bad_key_is_refused_by_name(key: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        format_value(key)


def test_the_chapter_owns_its_quantities_only() -> None:
    assert is_value_key("forget@0") and is_value_key("table-gap@book")
    assert not is_value_key("learned-runs@long/lstm") and not is_value_key("forget")


def test_the_new_claims_say_no_to_another_cell() -> None:
    """A cell that keeps what it stores (a strong forget bias) breaks the claim that the tied cell
    lets its memory fade; the book's cell keeps them all true."""
    keeper = Weights(forget=Neuron(1.0, 6.0))
    assert CLAIMS["tied-memory-fades"].holds()
    assert not CLAIMS["tied-memory-fades"].holds(keeper)
    assert not CLAIMS["tied-keeps-only-by-learning"].holds(keeper)
    assert not CLAIMS["tied-cell-far-from-table"].holds(original_table_fit().weights)
    assert PRESETS["latch"].weights == LATCH
