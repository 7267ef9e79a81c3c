"""Value keys, claims, plain-words readings and the HTML tables, against the gates themselves."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from lstm_viz.model.claims import CLAIMS, format_value, parse_key, value
from lstm_viz.model.gates import Neuron, Weights, sigmoid, step
from lstm_viz.model.table import (
    BANDS,
    EXAMPLE_C_PREV,
    EXAMPLE_S,
    READINGS,
    behaviour_table,
    componentwise,
    kept_words,
    learned_words,
)
from lstm_viz.presentation.html_tables import behaviour_table_html, componentwise_table_html, number


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
    assert learned_words(0.02) == learned_words(-0.02) == "adds almost nothing"
    with pytest.raises(ValueError, match="forget must lie in"):
        kept_words(1.5)
    with pytest.raises(ValueError, match="finite"):
        learned_words(math.nan)


def test_every_phrase_has_a_reading() -> None:
    for f in np.linspace(0, 1, 101):
        assert kept_words(float(f)) in READINGS
    for ig in np.linspace(-1, 1, 201):
        assert learned_words(float(ig)) in READINGS


def test_the_rows_read_as_the_chapter_says() -> None:
    readings = [row.reading for row in behaviour_table()]
    assert readings == [
        "Holds on to its memory and pushes it strongly up.",
        "Lets part of its memory fade and nudges it up.",
        "Lets most of its memory fade and nudges it down.",
        "Clears its memory and learns almost nothing new.",
    ]


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
        assert shown[0] == f"{row.band.name} (s = {number(row.band.stated, 'g')})"
        assert float(shown[1]) == pytest.approx(row.forget, abs=0.005)
        assert float(shown[2].replace("−", "-")) == pytest.approx(row.learned, abs=0.005)
        assert shown[3] == f"{row.kept_words} ({round(row.forget * 100)}%)"
        assert shown[4] == row.learned_words and shown[5] == row.reading


def test_the_componentwise_table_shows_the_example() -> None:
    cells = _cells(str(componentwise_table_html()))
    for row, shown in zip(componentwise(), cells, strict=True):
        numbers = [float(c.replace("−", "-")) for c in shown[1:]]
        expected = [row.s, row.c_prev, row.forget, row.kept, row.learned, row.ltm]
        assert numbers == pytest.approx(expected, abs=0.0051)


def test_table_cells_name_their_column_for_phones() -> None:
    html = str(componentwise_table_html())
    assert 'data-label="old LTM c(t−1)"' in html
    assert html.count("data-label=") == 6 * len(EXAMPLE_S)
