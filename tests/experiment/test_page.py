"""What the RNN-versus-LSTM page shows: its tables hold the measured runs, its figures say in words
what they show."""

from __future__ import annotations

import re

import pytest

from lstm_viz.experiment import page
from lstm_viz.experiment.runs import MODELS, SEEDS
from lstm_viz.experiment.values import format_value


def _rows(markup: str) -> list[list[str]]:
    body = markup.split("<tbody>")[1]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body)
    ]


def test_the_score_table_is_the_tasks() -> None:
    assert _rows(str(page.score_table().html)) == [
        ["verdict hated", "1/5", "2/5"],
        ["verdict loved", "4/5", "5/5"],
    ]


def test_the_models_and_results_tables_have_a_row_per_model() -> None:
    models = _rows(page.models_table().html)
    assert [row[2] for row in models] == [str(spec.parameters) for spec in MODELS.values()]
    assert "orthogonal" in models[list(MODELS).index("rnn-orthogonal")][3]
    shown = _rows(page.results_table().html)
    assert len(shown) == len(MODELS)
    for row, model in zip(shown, MODELS, strict=True):
        assert row[2] == f"{format_value(f'learned-runs@long/{model}')} of {len(SEEDS)}"


@pytest.mark.parametrize(
    "show", [page.accuracy_figure, page.loss_figure, page.gradient_figure, page.review_reader]
)
def test_every_figure_has_a_text_alternative_with_numbers(show) -> None:
    markup = show().html
    found = re.search(r'class="lstm-viz-alt">(.*?)</p>', markup)
    assert found is not None, "every figure carries a text alternative"
    alt = found.group(1)
    assert len(alt) > 150 and re.search(r"\d", alt)
    assert "-" not in re.sub(r"[a-z]-[a-z]", "", alt), "a true minus sign in the words"
