"""The built site cites from CITATION.cff: the cite page's BibTeX round-trips to it, every page
carries citation metadata, and the sitemap lists every page under the base URL."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_string

from lstm_viz.presentation.citation import load_citation
from tests.conftest import ROOT, html_pages

pytestmark = pytest.mark.build

CFF = ROOT / "CITATION.cff"


def _bibtex_blocks(page: Path) -> dict[str, str]:
    html = page.read_text()
    blocks = {}
    for what in ("book", "chapter"):
        match = re.search(rf"lstm-viz-bibtex-{what}.*?<pre>(.*?)</pre>", html, re.S)
        assert match, f"no {what} BibTeX on the cite page"
        blocks[what] = unescape(re.sub(r"<[^>]+>", "", match.group(1)))
    return blocks


def test_rendered_bibtex_round_trips_to_citation_cff(built_site: Path) -> None:
    cff = yaml.safe_load(CFF.read_text())
    book, chapter = cff["preferred-citation"], cff["references"][0]
    blocks = _bibtex_blocks(built_site / "book" / "cite.html")

    entry = next(iter(parse_string(blocks["book"], "bibtex").entries.values()))
    assert entry.type == "book"
    assert entry.fields["title"] == book["title"]
    assert entry.fields["publisher"] == book["publisher"]["name"]
    assert entry.fields["year"] == str(book["year"])
    assert [str(p) for p in entry.persons["author"]] == [a["alias"] for a in book["authors"]]

    entry = next(iter(parse_string(blocks["chapter"], "bibtex").entries.values()))
    assert entry.type == "incollection"
    assert entry.fields["title"] == chapter["section"]
    assert entry.fields["booktitle"] == chapter["title"]
    assert entry.fields["year"] == str(chapter["year"])
    assert entry.fields["url"] == cff["url"]
    assert cff["version"] in entry.fields["note"] and cff["date-released"] in entry.fields["note"]


@pytest.mark.browser
def test_the_cite_page_shows_the_plain_lines_with_copy_buttons(built_site: Path, visit) -> None:
    citation = load_citation(CFF)
    seen = visit("book/cite.html")
    text = seen.page.inner_text("main").replace("’", "'")  # the page sets smart quotes
    assert citation.book_line().replace("’", "'") in text
    assert citation.chapter_line().replace("’", "'") in text
    assert seen.page.locator(".lstm-viz-bibtex-book button.copybtn").count() == 1
    assert seen.page.locator(".lstm-viz-bibtex-chapter button.copybtn").count() == 1


def test_every_page_has_citation_metadata_and_a_cite_note(built_site: Path) -> None:
    citation = load_citation(CFF)
    for page in html_pages(built_site):
        html = page.read_text()
        for name in ("citation_title", "citation_author", "citation_publication_date"):
            assert f'<meta name="{name}"' in html, f"{page.name} lacks {name}"
        assert '<meta property="og:title"' in html and '<meta property="og:url"' in html
        assert f'<meta property="og:url" content="{citation.url}' in html
        if page.name != "cite.html":
            assert "lstm-viz-cite-note" in html and 'href="cite.html"' in html, page.name


def test_the_sitemap_lists_every_page_under_the_base_url(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text()
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    base = load_citation(CFF).url
    expected = sorted(base + str(p.relative_to(built_site)) for p in html_pages(built_site))
    assert locations == expected
