"""The API page prints a constant's value only when it is short, so the page fits a phone."""

from __future__ import annotations

from pathlib import Path

from lstm_viz.model.claims import CLAIMS
from lstm_viz.model.gates import BLOCKS
from lstm_viz.sphinx.apidoc import MAX_VALUE_CHARS, value_is_short
from tests.pages import parse


def test_short_values_are_printed_and_long_ones_left_to_the_docstring() -> None:
    assert value_is_short(BLOCKS)
    assert value_is_short("x" * (MAX_VALUE_CHARS - 2))  # its repr has two quotes more
    assert not value_is_short("x" * (MAX_VALUE_CHARS - 1))
    assert not value_is_short(CLAIMS)


def _signature(site: Path, anchor: str) -> str:
    tree = parse((site / "book" / "api.html").read_text(encoding="utf-8"))
    (dt,) = [dt for dt in tree.iter("dt") if dt.attrs.get("id") == anchor]
    return dt.text


def test_the_built_api_page_hides_long_values_and_defaults(built_site: Path) -> None:
    assert "'input', 'forget', 'candidate', 'output'" in _signature(
        built_site, "lstm_viz.model.gates.BLOCKS"
    )
    claims = _signature(built_site, "lstm_viz.model.claims.CLAIMS")
    assert "=" not in claims and "Claim(" not in claims
    # Defaults as the source writes them, not their whole repr.
    step = _signature(built_site, "lstm_viz.model.gates.step")
    assert "Weights()" in step and "Neuron(" not in step
