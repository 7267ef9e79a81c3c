"""Value keys, claims, plain-words readings and the HTML tables, against the gates themselves."""

from __future__ import annotations

import html
import math
import re

import numpy as np
import pytest

from lstm_viz.model.claims import CLAIMS, format_value, parse_key, value
from lstm_viz.model.gates import Neuron, Weights, sigmoid, step
from lstm_viz.model.presets import LATCH, ORIGINAL_PRINTED
from lstm_viz.model.table import (
    BANDS,
    EXAMPLE_C_PREV,
    EXAMPLE_S,
    KEPT_WORDS,
    behaviour_table,
    componentwise,
    kept_span_words,
    kept_words,
    learned_span_words,
    learned_words,
)
from lstm_viz.presentation.explorer.controls import band_bounds
from lstm_viz.presentation.html_tables import (
    behaviour_table_html,
    componentwise_table_html,
    number,
    original_table_html,
)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("forget@very-positive", 1 / (1 + math.exp(-4))),
        ("learned@slightly-negative", sigmoid(-0.5) * math.tanh(-0.5)),
        ("forgotten@slightly-positive", 1 - sigmoid(0.5)),
        ("stated@very-negative", -4.0),
        ("ltm@1,2", sigmoid(1) * 2 + sigmoid(1) * math.tanh(1)),
        ("stm@0.5", sigmoid(0.5) * math.tanh(sigmoid(0.5) * math.tanh(0.5))),
        ("learned@min", 0.5 - 1 / math.sqrt(2)),
        ("learned@argmin", -math.asinh(1)),
        ("learned@max", sigmoid(20) * math.tanh(20)),
    ],
)
def test_a_value_key_is_the_number_the_gates_give(key: str, expected: float) -> None:
    assert value(key) == pytest.approx(expected, abs=2e-4)


def test_values_are_formatted_with_a_true_minus_and_no_negative_zero() -> None:
    assert format_value("learned@slightly-negative") == "−0.17"
    assert format_value("learned@slightly-positive:+.2f") == "+0.29"
    assert format_value("forget@very-positive:.0%") == "98%"
    assert format_value("stated@slightly-negative:g") == "−0.5"
    assert number(-0.0001) == "0.00" and number(-0.0001, "+.2f") == "0.00"


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("forget", "quantity@where"),
        ("weight@0", "quantity@where"),
        ("stated@0.5", "band key"),
        ("forget@middle", "must be a band"),
        ("forget@nan", "must be a band"),
        ("forget@1,2,3", "must be a band"),
        ("forget@0:.2q", "not a format spec"),
    ],
)
def test_a_bad_value_key_is_refused_by_name(key: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        format_value(key)


def test_parse_key_defaults_to_two_decimals() -> None:
    assert parse_key("forget@0") == ("forget", "0", "book", ".2f")
    assert parse_key("forget@0:.0%") == ("forget", "0", "book", ".0%")
    assert parse_key("ltm@step3/latch:.3f") == ("ltm", "step3", "latch", ".3f")


def test_every_claim_holds_for_the_model() -> None:
    failing = [name for name, claim in CLAIMS.items() if not claim.holds()]
    assert not failing


def test_claims_can_fail() -> None:
    """With steeper gates the same predicates say no: they test the model, not themselves."""
    steep = Weights(*(Neuron(w=8.0) for _ in range(4)))
    rows = behaviour_table(steep)
    # With steep gates the original's wording would hold: a slight STM drives f towards 0 or 1.
    assert rows[1].forget > 0.95 and rows[2].forget < 0.05
    failing = {name for name, claim in CLAIMS.items() if not claim.holds(steep)}
    assert {
        "slight-s-gates-near-half",
        "original-forget-not-near-one",
        "sigmoid-near-ends-beyond-three",
    } <= failing
    biased = Weights(forget=Neuron(b=2.0))
    assert not CLAIMS["unit-weights-gates-equal"].holds(biased)
    assert not CLAIMS["zero-s-half-gates"].holds(biased)
    # A cell whose gates disagree keeps without writing; the tied cell never does.
    assert not CLAIMS["tied-never-keeps-without-writing"].holds(LATCH)
    assert not CLAIMS["very-positive-keeps-and-learns"].holds(Weights(forget=Neuron(b=-3.0)))
    assert not CLAIMS["very-negative-wipes"].holds(Weights(input=Neuron(b=3.0)))


def test_kept_and_learned_words_follow_their_thresholds() -> None:
    assert [kept_words(f) for f in (1.0, 0.9, 0.62, 0.5, 0.38, 0.1, 0.0)] == [
        "almost all",
        "almost all",
        "more than half",
        "about half",
        "less than half",
        "less than half",
        "almost none",
    ]
    assert learned_words(0.98) == "adds almost a full unit"
    assert learned_words(-0.5) == "takes away about half a unit"
    assert learned_words(-0.17) == "takes away a small amount"
    # A negative amount takes away, however small (the very negative row's −0.02).
    assert learned_words(0.02) == "adds almost nothing"
    assert learned_words(-0.02) == "takes away almost nothing"
    with pytest.raises(ValueError, match="forget must lie in"):
        kept_words(1.5)
    with pytest.raises(ValueError, match="finite"):
        learned_words(math.nan)


def test_span_words_name_both_ends_of_a_span() -> None:
    assert kept_span_words(0.95, 1.0) == "keeps almost all"
    assert kept_span_words(0.5, 0.95) == "keeps about half to almost all"
    assert learned_span_words(0.0, 0.95) == "adds up to almost a full unit"
    assert learned_span_words(-0.21, 0.0) == "takes away up to a small amount"
    assert learned_span_words(0.2, 0.5) == "adds a small amount to about half a unit"
    assert learned_span_words(-0.05, -0.01) == "takes away almost nothing"
    assert learned_span_words(-0.3, 0.6) == "takes away a small amount or adds about half a unit"


def test_the_rows_read_as_the_chapter_says() -> None:
    assert [row.words for row in behaviour_table()] == [
        "keeps almost all; adds almost a full unit",
        "keeps about half to almost all; adds up to almost a full unit",
        "keeps almost none to about half; takes away up to a small amount",
        "keeps almost none; takes away almost nothing",
    ]


def _order(scale_words: list[str], words: str) -> int:
    return scale_words.index(words)


@pytest.mark.parametrize("band", BANDS, ids=lambda band: band.key)
def test_a_rows_words_hold_anywhere_in_its_band(band) -> None:
    """Wherever in the band the reader's s lies (the explorer marks the band), the row's words
    hold: at s = 1.9 the slightly positive row must not say "adds a small amount" while the cell
    adds 0.83."""
    row = next(r for r in behaviour_table() if r.band is band)
    low, high = max(band.low, -12.0), min(band.high, 12.0)
    for s in np.linspace(low, high, 997)[:-1]:  # a grid unlike the one the row was made from
        cell = step(float(s), 0.0)
        kept, learned = kept_words(float(cell.forget)), learned_words(float(cell.learned))
        assert row.span.forget[0] <= cell.forget <= row.span.forget[1], s
        assert row.span.learned[0] <= cell.learned <= row.span.learned[1], s
        sizes = [w for _, w in KEPT_WORDS]
        least, _, most = kept_span_words(*row.span.forget).removeprefix("keeps ").partition(" to ")
        assert _order(sizes, most or least) <= _order(sizes, kept) <= _order(sizes, least), s
        assert learned.split()[0] in learned_span_words(*row.span.learned), s
    assert "adds almost a full unit" == learned_words(float(step(1.9, 0.0).learned))
    assert "small" not in behaviour_table()[1].words.split(";")[1]


def test_componentwise_is_the_cell_component_by_component() -> None:
    rows = componentwise()
    assert [r.s for r in rows] == list(EXAMPLE_S)
    assert [r.c_prev for r in rows] == list(EXAMPLE_C_PREV)
    for r in rows:
        cell = step(r.s, r.c_prev)
        assert (r.forget, r.kept, r.learned, r.ltm) == (
            cell.forget,
            cell.kept,
            cell.learned,
            cell.ltm,
        )
    assert len(componentwise((1.0, 2.0), (3.0,))) == 2  # the LTM broadcasts
    with pytest.raises(ValueError, match="vectors"):
        componentwise(1.0, 2.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="broadcast"):
        componentwise((1.0, 2.0), (1.0, 2.0, 3.0))


def _cells(html: str) -> list[list[str]]:
    body = html.split("<tbody>")[1]
    return [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body)
    ]


def test_the_behaviour_table_shows_the_rows() -> None:
    cells = _cells(str(behaviour_table_html()))
    assert len(cells) == len(BANDS)
    for row, shown in zip(behaviour_table(), cells, strict=True):
        stated = number(row.band.stated, "g")
        bounds = html.escape(band_bounds(row.band))
        assert shown[0] == f"{row.band.name} ({bounds})at s = {stated}"
        assert float(shown[1]) == pytest.approx(row.forget, abs=0.005)
        assert float(shown[2].replace("−", "-")) == pytest.approx(row.learned, abs=0.005)
        assert shown[3] == row.words


def test_the_componentwise_table_shows_the_example_one_column_per_component() -> None:
    cells = _cells(str(componentwise_table_html()))
    rows = componentwise()
    quantities = ["s", "c_prev", "forget", "kept", "learned", "ltm"]
    assert len(cells) == len(quantities)
    for name, shown in zip(quantities, cells, strict=True):
        numbers = [float(c.replace("−", "-")) for c in shown[1:]]
        assert numbers == pytest.approx([getattr(r, name) for r in rows], abs=0.0051), name


def test_the_originals_table_is_its_printed_values() -> None:
    cells = _cells(str(original_table_html()))
    assert cells == [list(ORIGINAL_PRINTED[band.key]) for band in BANDS]


def test_tables_that_compare_stay_tables_and_name_their_columns() -> None:
    for table in (behaviour_table_html(), componentwise_table_html(), original_table_html()):
        assert "lstm-viz-compact" in str(table)
    html = str(componentwise_table_html())
    assert html.count("data-label=") == 4 * 6
    assert 'data-label="old LTM c(t−1)"' not in html and "<sub><i>t</i>−1</sub>" in html
