"""What the built chapter states, read back from the page and checked against the model.

Numbers in the prose are written as value keys and filled in at build time; qualitative sentences
carry the name of a claim (see lstm_viz.model.claims). These tests read both back from the built
page, so neither an edit of the model nor an edit of the text can make them disagree unnoticed, and
they check that the chapter's source writes no number by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lstm_viz.model.claims import CHAPTER, CLAIMS, parse_key, value
from lstm_viz.model.table import behaviour_table
from lstm_viz.presentation.diagrams import DIAGRAMS
from lstm_viz.presentation.html_tables import behaviour_table_html, componentwise_table_html
from lstm_viz.sphinx.roles import STATEMENTS
from tests.conftest import ROOT
from tests.pages import Element, parse

pytestmark = pytest.mark.build

SOURCE = ROOT / "book" / "lstm.md"


@pytest.fixture(scope="module")
def chapter(built_site: Path) -> Element:
    return parse((built_site / "book" / "lstm.html").read_text())


def _spans(page: Element, attribute: str) -> list[Element]:
    return [s for s in page.iter("span") if attribute in s.attrs]


def _as_number(text: str) -> float:
    return float(text.replace("−", "-").replace("%", "").replace("+", ""))


def test_every_number_in_the_prose_is_the_models(chapter: Element) -> None:
    spans = _spans(chapter, "data-key")
    assert len(spans) >= 20
    for span in spans:
        key = span.attrs["data-key"]
        assert span.text == STATEMENTS.format_value(key), key
        if not CHAPTER.owns(key):
            continue  # the experiment's numbers: tests/site/test_rnn_vs_lstm_page.py
        _, _, _, spec = parse_key(key)
        shown = _as_number(span.text) / (100 if spec.endswith("%") else 1)
        # The shown digits, read back, are the model's number to within their own rounding.
        digits = re.search(r"\.(\d+)", spec)
        places = int(digits.group(1)) + (2 if spec.endswith("%") else 0) if digits else 6
        assert shown == pytest.approx(value(key), abs=0.51 * 10**-places + 1e-12), key


def test_every_claim_made_holds_and_every_claim_is_made(chapter: Element) -> None:
    made = {span.attrs["data-claim"] for span in _spans(chapter, "data-claim")}
    assert set(CLAIMS) <= made, f"claims never made: {set(CLAIMS) - made}"
    assert made <= set(STATEMENTS.claims)
    assert all(STATEMENTS.claims[name].holds() for name in made)
    # The chapter quotes the experiment too: its opening and "Over many steps".
    assert made - set(CLAIMS) and any(
        not CHAPTER.owns(s.attrs["data-key"]) for s in _spans(chapter, "data-key")
    )


def _prose(markdown: str) -> str:
    """The chapter's markdown without its front matter, code cells and roles' contents."""
    text = markdown.split("\n---\n", 1)[1]
    text = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.DOTALL)
    return re.sub(r"\{[a-z:]+\}`[^`]*`", "ROLE", text)


def test_the_chapter_writes_no_number_by_hand() -> None:
    prose = _prose(SOURCE.read_text())
    by_hand = re.findall(r"\d*\.\d+|\d+\s*%|\d+/\d+", prose)
    assert not by_hand, f"numbers written by hand instead of {{val}} keys: {by_hand}"
    # and the check itself can see a hand-written number
    assert re.findall(r"\d*\.\d+", _prose("---\nx\n---\nthe gate is 0.62 here"))


def _table_cells(page: Element, cls: str) -> list[list[str]]:
    table = next(t for t in page.iter("table") if cls in t.attrs.get("class", "").split())
    body = next(table.iter("tbody"))
    return [[cell.text.strip() for cell in row.children] for row in body.iter("tr")]


def test_the_pages_tables_are_the_models_now(chapter: Element) -> None:
    for cls, made in (
        ("lstm-viz-behaviour", behaviour_table_html()),
        ("lstm-viz-componentwise", componentwise_table_html()),
    ):
        assert _table_cells(chapter, cls) == _table_cells(parse(str(made)), cls), cls
    shown = _table_cells(chapter, "lstm-viz-behaviour")
    for row, cells in zip(behaviour_table(), shown, strict=True):
        assert _as_number(cells[1]) == pytest.approx(row.forget, abs=0.005)
        assert _as_number(cells[2]) == pytest.approx(row.learned, abs=0.005)
        assert cells[5] == row.reading


def test_the_diagrams_appear_in_order_with_title_and_caption(chapter: Element) -> None:
    svgs = [s for s in chapter.iter("svg") if "lstm-dg" in s.attrs.get("class", "")]
    assert [s.attrs["id"] for s in svgs] == [f"lstm-dg-{name}" for name in DIAGRAMS]
    for svg in svgs:
        assert svg.children[0].tag == "title" and svg.children[0].text.strip()
        figure = svg.parent
        assert figure.tag == "figure" and next(figure.iter("figcaption")).text.strip()


def test_the_chapter_credits_the_original_and_cites_its_sources(chapter: Element) -> None:
    main = next(e for e in chapter.iter("main"))
    first_section = next(s for s in main.iter("section"))
    credit = next(a for a in first_section.iter("div") if "admonition" in a.attrs.get("class", ""))
    assert "Manisar, 2020" in credit.text
    cited = {a.attrs.get("href", "").split("#")[-1] for a in main.iter("a")}
    for key in ("hochreiter1997", "gers2000", "olah2015", "manisar2020"):
        assert any(key in target for target in cited), key
    links = [a.attrs.get("href", "") for a in main.iter("a")]
    assert "types-of-networks.html" in links, "the chapter ends with a link back to its part"


def test_explore_links_go_to_the_explorer_once_there_is_one(chapter: Element) -> None:
    asked = len(re.findall(r"\{explore\}`", SOURCE.read_text()))
    assert asked >= 5
    # (the sidebar and the page footer link to the explorer too, without a state)
    links = [a for a in chapter.iter("a") if a.attrs.get("href", "").startswith("explorer.html#")]
    pending = [
        s for s in chapter.iter("span") if "lstm-explore-pending" in s.attrs.get("class", "")
    ]
    if (ROOT / "book" / "explorer.md").exists():
        assert len(links) == asked and not pending
    else:
        assert len(pending) == asked and not links


def test_a_notebook_download_is_offered(chapter: Element, built_site: Path) -> None:
    link = next(a for a in chapter.iter("a") if a.attrs.get("href", "").endswith("lstm.ipynb"))
    target = (built_site / "book" / link.attrs["href"]).resolve()
    assert target.is_file() and target.stat().st_size > 1000
