"""What the built book states, read back from its pages and checked against the model.

Numbers in the prose are written as value keys and filled in at build time; qualitative sentences
carry the name of a claim (see lstm_viz.model.claims and lstm_viz.experiment.claims). These tests
read both back from every page that ``_toc.yml`` lists, so neither an edit of the model nor an edit
of the text can make them disagree unnoticed, and they check that no page's source writes a number
by hand. The chapter's own tables, diagrams and credit are checked on its page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lstm_viz.model.claims import CHAPTER, CLAIMS, parse_key, value
from lstm_viz.model.presets import ORIGINAL_PRINTED
from lstm_viz.model.table import BANDS, behaviour_table
from lstm_viz.presentation.diagrams import DIAGRAMS
from lstm_viz.presentation.html_tables import (
    behaviour_table_html,
    componentwise_table_html,
    original_table_html,
)
from lstm_viz.sphinx.roles import STATEMENTS
from tests.conftest import ROOT
from tests.pages import Element, parse
from tests.site.layout import toc_pages

pytestmark = pytest.mark.build

SOURCE = ROOT / "book" / "lstm.md"
#: Every page of the book, as _toc.yml lists it.
PAGES = toc_pages()


def _source(page: str) -> Path:
    """The source of a built page: its MyST Markdown (a text notebook or a plain page)."""
    return ROOT / page.replace(".html", ".md")


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Element]:
    return {page: parse((built_site / page).read_text()) for page in PAGES}


@pytest.fixture(scope="module")
def chapter(pages: dict[str, Element]) -> Element:
    return pages["book/lstm.html"]


def _spans(page: Element, attribute: str) -> list[Element]:
    return [s for s in page.iter("span") if attribute in s.attrs]


def _as_number(text: str) -> float:
    return float(text.replace("−", "-").replace("%", "").replace("+", ""))


def test_every_page_is_read() -> None:
    assert "book/lstm.html" in PAGES and "book/types-of-networks.html" in PAGES
    assert all(_source(page).is_file() for page in PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_every_number_in_the_prose_is_the_models(pages: dict[str, Element], page: str) -> None:
    for span in _spans(pages[page], "data-key"):
        key = span.attrs["data-key"]
        assert span.text == STATEMENTS.format_value(key), f"{page}: {key}"
        if not CHAPTER.owns(key):
            continue  # the experiment's numbers: tests/site/test_rnn_vs_lstm_page.py
        _, _, _, spec = parse_key(key)
        shown = _as_number(span.text) / (100 if spec.endswith("%") else 1)
        # The shown digits, read back, are the model's number to within their own rounding.
        digits = re.search(r"\.(\d+)", spec)
        places = int(digits.group(1)) + (2 if spec.endswith("%") else 0) if digits else 6
        assert shown == pytest.approx(value(key), abs=0.51 * 10**-places + 1e-12), key


def test_every_claim_made_holds_and_every_claim_is_made(pages: dict[str, Element]) -> None:
    made = {s.attrs["data-claim"] for page in pages.values() for s in _spans(page, "data-claim")}
    assert set(CLAIMS) <= made, f"claims never made: {set(CLAIMS) - made}"
    assert made <= set(STATEMENTS.claims)
    assert all(STATEMENTS.claims[name].holds() for name in made)
    # Pages beyond the chapter make claims too, and the chapter quotes the experiment.
    assert any(_spans(pages[p], "data-claim") for p in PAGES if p != "book/lstm.html")
    quoted = _spans(pages["book/lstm.html"], "data-key")
    assert any(not CHAPTER.owns(s.attrs["data-key"]) for s in quoted)


def _prose(markdown: str) -> str:
    """A page's markdown without its front matter, code cells and roles' contents."""
    text = markdown.split("\n---\n", 1)[1] if markdown.startswith("---") else markdown
    text = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.DOTALL)
    return re.sub(r"\{[a-z:]+\}`[^`]*`", "ROLE", text)


@pytest.mark.parametrize("page", PAGES)
def test_no_page_writes_a_number_by_hand(page: str) -> None:
    by_hand = re.findall(r"\d*\.\d+|\d+\s*%|\d+/\d+", _prose(_source(page).read_text()))
    assert not by_hand, f"{page}: numbers written by hand instead of {{val}} keys: {by_hand}"


def test_the_number_check_can_fail() -> None:
    assert re.findall(r"\d*\.\d+", _prose("---\nx\n---\nthe gate is 0.62 here"))
    assert re.findall(r"\d*\.\d+", _prose("no front matter: 0.62"))
    assert not re.findall(r"\d*\.\d+", _prose("a {val}`forget@0.5` key"))


def _table_cells(page: Element, cls: str) -> list[list[str]]:
    table = next(t for t in page.iter("table") if cls in t.attrs.get("class", "").split())
    body = next(table.iter("tbody"))
    return [[cell.text.strip() for cell in row.children] for row in body.iter("tr")]


def test_the_pages_tables_are_the_models_now(chapter: Element) -> None:
    for cls, made in (
        ("lstm-viz-behaviour", behaviour_table_html()),
        ("lstm-viz-componentwise", componentwise_table_html()),
        ("lstm-viz-original", original_table_html()),
    ):
        assert _table_cells(chapter, cls) == _table_cells(parse(str(made)), cls), cls
    shown = _table_cells(chapter, "lstm-viz-behaviour")
    for row, cells in zip(behaviour_table(), shown, strict=True):
        assert _as_number(cells[1]) == pytest.approx(row.forget, abs=0.005)
        assert _as_number(cells[2]) == pytest.approx(row.learned, abs=0.005)
        assert cells[3] == row.words


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
    for key in (
        "hochreiter1997",
        "gers2000",
        "olah2015",
        "manisar2020",
        "bengio1994",
        "jozefowicz2015",
    ):
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


def _section(page: Element, heading: str) -> Element:
    return next(
        s
        for s in page.iter("section")
        if any(h.text.strip().startswith(heading) for h in s.children if h.tag == "h2")
    )


def test_the_originals_table_is_shown_as_printed_with_its_source(chapter: Element) -> None:
    section = _section(chapter, "The original")
    rows = _table_cells(section, "lstm-viz-original")
    assert rows == [list(ORIGINAL_PRINTED[band.key]) for band in BANDS]
    cited = [a.attrs.get("href", "") for a in section.iter("a")]
    assert any("manisar2020" in href for href in cited), "the original's table names its source"
    # It stands right after the computed table it is compared with.
    headings = [h.text.strip() for h in chapter.iter("h2")]
    behaves = next(n for n, h in enumerate(headings) if h.startswith("How the cell behaves"))
    assert headings[behaves + 1].startswith("The original")


def test_the_figure_of_gates_that_disagree_stands_before_the_behaviour_table(
    chapter: Element,
) -> None:
    order = [
        e.attrs.get("id") or "behaviour"
        for e in chapter.iter()
        if e.attrs.get("id") in ("latch-gates", "gate-curves")
        or "lstm-viz-behaviour" in e.attrs.get("class", "").split()
    ]
    assert order == ["gate-curves", "latch-gates", "behaviour"]


def _state_keys(href: str) -> set[str]:
    """The keys an explorer link sets: ``explorer.html#s=0.5&c=1`` sets s and c."""
    _, _, fragment = href.partition("#")
    return {part.partition("=")[0] for part in fragment.split("&") if "=" in part}


#: Links whose words still call the gate input s "the STM" (none since issue 19 rewrote the
#: chapter's exercises).
_STM_FOR_S_PENDING: set[str] = set()


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(
            p,
            marks=pytest.mark.xfail(
                strict=False, reason="the exercises (issue 19) still say STM for s"
            ),
        )
        if p in _STM_FOR_S_PENDING
        else p
        for p in PAGES
    ],
)
def test_no_link_that_sets_s_calls_it_the_stm(pages: dict[str, Element], page: str) -> None:
    """STM is the hidden state h alone; a link into the explorer that sets the gate input s must
    not call s "the STM"."""
    wrong = _stm_for_s(pages[page])
    assert not wrong, f"{page}: links that set s but say STM: {wrong}"


def _stm_for_s(page: Element) -> list[str]:
    """The words of every explorer link on ``page`` that sets s and says STM."""
    return [
        a.text.strip()
        for a in page.iter("a")
        if "explorer.html#" in a.attrs.get("href", "") or a.attrs.get("href", "").startswith("#")
        if "s" in _state_keys(a.attrs["href"]) and re.search(r"\bSTM\b", a.text)
    ]


def test_the_stm_check_can_fail() -> None:
    page = parse(
        '<p><a href="explorer.html#s=0&c=1">Put the STM at zero</a> '
        '<a href="explorer.html#c=1&f=0">the STM h</a> <a href="#s=1">the gate input</a></p>'
    )
    assert _stm_for_s(page) == ["Put the STM at zero"]
