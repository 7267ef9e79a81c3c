"""What the built RNN-versus-LSTM page states, read back and checked against the measurements.

The page is written like the chapter: numbers are value keys, qualitative sentences name a claim of
lstm_viz.experiment.claims, and its code only calls the package. These tests read the built page
back, so neither a retraining nor an edit of the text can make the two disagree unnoticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lstm_viz.experiment.claims import CLAIMS, EXPERIMENT
from lstm_viz.experiment.review_task import CHAPTER_SENTENCE, STRETCHED_SENTENCE
from lstm_viz.sphinx.roles import STATEMENTS
from tests.conftest import ROOT
from tests.pages import Element, parse

pytestmark = pytest.mark.build

SOURCE = ROOT / "book" / "rnn-vs-lstm.md"
CHAPTER = ROOT / "book" / "lstm.md"


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Element]:
    return {
        name: parse((built_site / "book" / f"{name}.html").read_text())
        for name in ("rnn-vs-lstm", "lstm")
    }


def _spans(page: Element, attribute: str) -> list[Element]:
    return [s for s in page.iter("span") if attribute in s.attrs]


def test_every_number_on_the_page_is_measured(pages) -> None:
    spans = _spans(pages["rnn-vs-lstm"], "data-key")
    assert len(spans) >= 60
    for span in spans:
        assert span.text == STATEMENTS.format_value(span.attrs["data-key"])
    assert all(EXPERIMENT.owns(s.attrs["data-key"]) for s in spans)


def test_every_experiment_claim_is_made_and_holds(pages) -> None:
    made = {s.attrs["data-claim"] for page in pages.values() for s in _spans(page, "data-claim")}
    assert set(CLAIMS) <= made, f"claims never made: {set(CLAIMS) - made}"
    assert all(CLAIMS[name].holds() for name in made & set(CLAIMS))


def _prose(markdown: str) -> str:
    text = markdown.split("\n---\n", 1)[1]
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)  # code cells and the shell example
    text = re.sub(r"\$[^$]+\$", "MATH", text)  # mathematics: ln 2, a gate between 0 and 1
    return re.sub(r"\{[a-z:]+\}`[^`]*`", "ROLE", text)


def test_the_page_writes_no_number_by_hand() -> None:
    prose = _prose(SOURCE.read_text())
    by_hand = re.findall(r"\d*\.\d+|\d+\s*%|\d+/\d+|\b\d+\b", prose)
    assert not by_hand, f"numbers written by hand instead of {{val}} keys: {by_hand}"
    assert re.findall(r"\b\d+\b", _prose("---\nx\n---\nthree of 5 runs"))


def test_the_page_only_calls_the_package() -> None:
    cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", SOURCE.read_text(), flags=re.DOTALL)
    lines = [
        line
        for cell in cells
        for line in cell.splitlines()
        if line.strip() and not line.startswith(":tags:")
    ]
    assert len(lines) <= 60, f"{len(lines)} lines of code on the page"
    assert not [line for line in lines if line.lstrip().startswith(("def ", "class "))]


def test_the_page_quotes_the_reviews_it_reads() -> None:
    text = " ".join(SOURCE.read_text().split())
    assert CHAPTER_SENTENCE in text and STRETCHED_SENTENCE in text
    assert "The acting was very bad, direction was Ok, but I loved the movie" in CHAPTER.read_text()
